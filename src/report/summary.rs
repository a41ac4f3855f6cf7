//! 概览 Summary: what management reads first. The as-of date, the inputs, the row accounting,
//! counts and deal value per grade and quadrant, flags, receivables, the top accounts, links to
//! every tab, and native Excel charts sized 16:9 for a slide.

use crate::labels;
use rust_xlsxwriter::{Chart, ChartDataLabel, ChartLegendPosition, ChartType, Worksheet, XlsxError};

use super::table::{write_cell, write_cells, write_headers};
use super::{tab_name, Context, Fmt, Out, Tab};
use crate::score::{FlagKind, Grade, Quadrant};

/// A number for prose: "1,600", "2.5".
pub fn n(v: f64) -> String {
    let s = crate::numfmt::num(v);
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
    let neg = int.starts_with('-');
    let digits = int.trim_start_matches('-');
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{}{out}{}{frac}", if neg { "-" } else { "" }, if frac.is_empty() { "" } else { "." })
}

/// Slide-sized charts: 16:9.
const CHART_W: u32 = 640;
const CHART_H: u32 = 360;

pub fn build(ctx: &Context, fmt: &Fmt, tabs: &[String]) -> Result<Worksheet, XlsxError> {
    let lang = ctx.lang;
    let eval = ctx.eval;
    let name = tab_name(Tab::Summary, lang);
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    ws.set_column_width(0, 24)?;
    for c in 1..=2 {
        ws.set_column_width(c, 16)?;
    }
    ws.set_column_width(3, 40)?;
    ws.set_column_width(4, 14)?;
    ws.write_string_with_format(0, 0, ctx.l(labels::KEY_ACCOUNT_REPORT), &fmt.title)?;
    let files = ctx.loaded.inputs.iter().filter(|i| !i.own_report).count();
    let sheets: usize =
        ctx.loaded.inputs.iter().map(|i| i.sheets.iter().filter(|s| s.header_row.is_some()).count()).sum();
    let rec = eval.reconciliation;
    let lines = [
        (ctx.l(labels::AS_OF), Out::Date(Some(eval.as_of))),
        (
            ctx.l(labels::INPUTS),
            Out::Text(if lang == crate::Lang::Zh {
                format!("{files} 个文件，{sheets} 张客户表，{} 行数据", n(rec.rows_read as f64))
            } else {
                format!("{files} files, {sheets} account sheets, {} data rows", n(rec.rows_read as f64))
            }),
        ),
        (ctx.l(labels::ROW_ACCOUNTING), Out::Text(rec.equation(lang))),
        (ctx.l(labels::DATA_ISSUES), Out::Text(issue_line(ctx))),
    ];
    for (i, (label, value)) in lines.iter().enumerate() {
        ws.write_string_with_format(1 + i as u32, 0, *label, &fmt.bold)?;
        write_cell(&mut ws, 1 + i as u32, 1, value, fmt)?;
    }
    let link = |ws: &mut Worksheet, r: u32, c: u16, tab: &str, text: &str| -> Result<(), XlsxError> {
        if tabs.iter().any(|t| t == tab) {
            let url = rust_xlsxwriter::Url::new(format!("internal:'{tab}'!A1")).set_text(text);
            ws.write_url_with_format(r, c, url, &fmt.link)?;
        } else {
            ws.write_string(r, c, text)?;
        }
        Ok(())
    };

    // Grades: rows 7..12
    let top = 6;
    let heads = [ctx.l(labels::GRADE), ctx.l(labels::ACCOUNTS), ctx.l(labels::DEAL_VALUE), ctx.l(labels::ACTION)];
    write_headers(&mut ws, top, &heads, fmt)?;
    for (i, g) in Grade::ALL.iter().enumerate() {
        let r = top + 1 + i as u32;
        let tab = tab_name(if *g == Grade::NeedsInfo { Tab::NeedsInfo } else { Tab::Grade(*g) }, lang);
        link(&mut ws, r, 0, tab, g.label(lang))?;
        let members = ctx.loaded.accounts.iter().zip(&eval.scored).filter(|(_, s)| s.grade == *g);
        let deal: f64 = members.clone().filter_map(|(r, _)| r.account.deal()).sum();
        ws.write_number_with_format(r, 1, members.count() as f64, &fmt.int)?;
        ws.write_number_with_format(r, 2, deal, &fmt.money)?;
        ws.write_string(r, 3, g.action(lang))?;
    }
    let grade_rows = (top + 1, top + 5);

    // Quadrants: rows 14..19
    let qtop = top + 8;
    let heads = [ctx.l(labels::QUADRANT), ctx.l(labels::ACCOUNTS), ctx.l(labels::DEAL_VALUE), ctx.l(labels::HOURS)];
    write_headers(&mut ws, qtop, &heads, fmt)?;
    for (i, q) in Quadrant::ALL.iter().enumerate() {
        let r = qtop + 1 + i as u32;
        link(&mut ws, r, 0, tab_name(Tab::Allocation, lang), q.label(lang))?;
        let members = ctx.loaded.accounts.iter().zip(&eval.scored).filter(|(_, s)| s.quadrant == *q);
        let deal: f64 = members.clone().filter_map(|(r, _)| r.account.deal()).sum();
        ws.write_number_with_format(r, 1, members.count() as f64, &fmt.int)?;
        ws.write_number_with_format(r, 2, deal, &fmt.money)?;
        if let Some(share) = eval.allocation.quadrants.iter().find(|x| x.quadrant == *q) {
            ws.write_number_with_format(r, 3, share.hours, &fmt.num)?;
        }
    }
    let quadrant_rows = (qtop + 1, qtop + 4); // the four real quadrants for the doughnut

    // Flags
    let ftop = qtop + 7;
    ws.write_string_with_format(ftop, 0, ctx.l(labels::FLAGS), &fmt.header)?;
    ws.write_string_with_format(ftop, 1, ctx.l(labels::ACCOUNTS), &fmt.header)?;
    for (i, k) in FlagKind::ALL.iter().enumerate() {
        let r = ftop + 1 + i as u32;
        link(&mut ws, r, 0, tab_name(Tab::Flags, lang), k.label(lang))?;
        ws.write_number_with_format(r, 1, eval.scored.iter().filter(|s| s.has(*k)).count() as f64, &fmt.int)?;
    }

    // Movement since last month, beside the flags.
    if let Some(changes) = ctx.changes {
        ws.write_string_with_format(ftop, 3, ctx.l(labels::SINCE_LAST_MONTH), &fmt.header)?;
        ws.write_string_with_format(ftop, 4, ctx.l(labels::ACCOUNTS), &fmt.header)?;
        for (i, m) in crate::changes::Movement::ALL.iter().enumerate() {
            let r = ftop + 1 + i as u32;
            link(&mut ws, r, 3, tab_name(Tab::Changes, lang), m.label(lang))?;
            ws.write_number_with_format(r, 4, changes.iter().filter(|c| c.movement == *m).count() as f64, &fmt.int)?;
        }
        let slipped = changes.iter().filter(|c| c.close_shift_days.is_some_and(|d| d > 0)).count();
        ws.write_string(ftop + 6, 3, ctx.l(labels::CLOSE_DATE_SLIPPED))?;
        ws.write_number_with_format(ftop + 6, 4, slipped as f64, &fmt.int)?;
    }

    // Receivables
    let rtop = ftop + 9;
    let rv = &eval.receivables;
    link(&mut ws, rtop, 0, tab_name(Tab::Receivables, lang), ctx.l(labels::RECEIVABLES))?;
    ws.write_string_with_format(rtop, 1, ctx.l(labels::AMOUNT), &fmt.header)?;
    ws.write_string_with_format(rtop + 1, 0, ctx.l(labels::RECEIVABLES_TOTAL), &fmt.bold)?;
    ws.write_number_with_format(rtop + 1, 1, rv.total, &fmt.money)?;
    ws.write_string_with_format(rtop + 2, 0, ctx.l(labels::OVERDUE_TOTAL), &fmt.bold)?;
    ws.write_number_with_format(rtop + 2, 1, rv.overdue, &fmt.money)?;
    ws.write_string_with_format(rtop + 3, 0, ctx.l(labels::TOP_20_CONCENTRATION), &fmt.bold)?;
    write_cell(&mut ws, rtop + 3, 1, &Out::Pct(rv.concentration), fmt)?;
    let atop = rtop + 5;
    ws.write_string_with_format(atop, 0, ctx.l(labels::AGING_DAYS), &fmt.header)?;
    ws.write_string_with_format(atop, 1, ctx.l(labels::AMOUNT), &fmt.header)?;
    for (i, b) in super::receivables::BUCKETS.iter().enumerate() {
        ws.write_string(atop + 1 + i as u32, 0, *b)?;
        ws.write_number_with_format(atop + 1 + i as u32, 1, rv.aging[i], &fmt.money)?;
    }
    let aging_rows = (atop + 1, atop + 5);

    // Top accounts: the best graded accounts.
    let ttop = atop + 8;
    let heads = [
        ctx.l(labels::TOP_ACCOUNTS),
        ctx.l(labels::GRADE),
        ctx.l(labels::SCORE),
        ctx.l(labels::DEAL_VALUE),
        ctx.l(labels::EXPECTED_CLOSE_SHORT),
    ];
    write_headers(&mut ws, ttop, &heads, fmt)?;
    let mut best: Vec<usize> = (0..eval.scored.len()).filter(|&i| eval.scored[i].grade != Grade::NeedsInfo).collect();
    best.sort_by(|&a, &b| {
        let (sa, sb) = (&eval.scored[a], &eval.scored[b]);
        sa.grade.cmp(&sb.grade).then(sb.score.total_cmp(&sa.score))
    });
    for (i, idx) in best.into_iter().take(10).enumerate() {
        let (r, s) = (&ctx.loaded.accounts[idx], &eval.scored[idx]);
        let row = ttop + 1 + i as u32;
        let cells = [
            Out::Text(r.account.name.to_string()),
            Out::Text(s.grade.label(lang).to_string()),
            Out::Score(Some(s.score)),
            Out::Money(r.account.deal()),
            Out::Date(r.account.expected_close()),
        ];
        write_cells(&mut ws, row, &cells, fmt)?;
    }

    // Charts, to the right of the tables: each 16:9, titled, labelled.
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(ctx.l(labels::ACCOUNTS))
        .set_categories((name, grade_rows.0, 0, grade_rows.1, 0))
        .set_values((name, grade_rows.0, 1, grade_rows.1, 1))
        .set_data_label(ChartDataLabel::new().show_value());
    chart.title().set_name(ctx.l(labels::ACCOUNTS_PER_GRADE));
    chart.legend().set_hidden();
    chart.set_width(CHART_W).set_height(CHART_H);
    ws.insert_chart(1, 6, &chart)?; // 2 × 2 grid beside the tables

    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(ctx.l(labels::DEAL_VALUE))
        .set_categories((name, grade_rows.0, 0, grade_rows.1, 0))
        .set_values((name, grade_rows.0, 2, grade_rows.1, 2))
        .set_data_label(ChartDataLabel::new().show_value());
    chart.title().set_name(ctx.l(labels::DEAL_VALUE_PER_GRADE_CNY));
    chart.legend().set_hidden();
    chart.y_axis().set_num_format("#,##0");
    chart.set_width(CHART_W).set_height(CHART_H);
    ws.insert_chart(1, 17, &chart)?;

    let mut chart = Chart::new(ChartType::Doughnut);
    chart
        .add_series()
        .set_name(ctx.l(labels::ACCOUNTS))
        .set_categories((name, quadrant_rows.0, 0, quadrant_rows.1, 0))
        .set_values((name, quadrant_rows.0, 1, quadrant_rows.1, 1))
        .set_data_label(ChartDataLabel::new().show_value().show_category_name());
    chart.title().set_name(ctx.l(labels::ACCOUNTS_PER_QUADRANT));
    chart.legend().set_position(ChartLegendPosition::Right);
    chart.set_width(CHART_W).set_height(CHART_H);
    ws.insert_chart(21, 6, &chart)?;

    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(ctx.l(labels::RECEIVABLES))
        .set_categories((name, aging_rows.0, 0, aging_rows.1, 0))
        .set_values((name, aging_rows.0, 1, aging_rows.1, 1))
        .set_data_label(ChartDataLabel::new().show_value());
    chart.title().set_name(ctx.l(labels::RECEIVABLES_AGING_CNY));
    chart.legend().set_hidden();
    chart.y_axis().set_num_format("#,##0");
    chart.x_axis().set_name(ctx.l(labels::DAYS_OVERDUE));
    chart.set_width(CHART_W).set_height(CHART_H);
    ws.insert_chart(21, 17, &chart)?;

    // One landscape page: the tables and the four charts, ready for a slide or a PDF.
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 1);
    Ok(ws)
}

fn issue_line(ctx: &Context) -> String {
    use crate::issue::Severity;
    let count = |s: Severity| ctx.loaded.issues.iter().filter(|i| i.severity == s).count();
    if ctx.lang == crate::Lang::Zh {
        format!(
            "{} 个错误，{} 个警告，{} 条提示",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Note)
        )
    } else {
        format!(
            "{} errors, {} warnings, {} notes",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Note)
        )
    }
}

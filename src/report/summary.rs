//! 概览 Summary: what management reads first. The as-of date, the inputs, the row accounting,
//! counts and deal value per grade and quadrant, flags, receivables, the top accounts, links to
//! every tab, and native Excel charts sized 16:9 for a slide.

use crate::labels;
use rust_xlsxwriter::{Chart, ChartDataLabel, ChartLegendPosition, ChartType, Worksheet, XlsxError};

use super::table::{write_cell, write_cells, write_headers};
use super::view::View;
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

/// Where the next block of the summary goes: blocks are laid out one below the other, each
/// taking the rows it needs, so a block that grows moves the ones below it.
struct Cursor {
    row: u32,
}

impl Cursor {
    /// The first row of a block of `rows` rows, and the cursor moved below it.
    fn take(&mut self, rows: u32) -> u32 {
        let at = self.row;
        self.row += rows;
        at
    }

    /// Leave `rows` blank rows.
    fn gap(&mut self, rows: u32) {
        self.row += rows;
    }
}

/// The rows of a block's data (first, last), for a chart's ranges.
type Rows = (u32, u32);

/// Writes a link to a tab when the report has it, else the plain text.
struct Links<'t> {
    tabs: &'t [String],
}

impl Links<'_> {
    fn write(&self, ws: &mut Worksheet, r: u32, c: u16, tab: &str, text: &str, fmt: &Fmt) -> Result<(), XlsxError> {
        if self.tabs.iter().any(|t| t == tab) {
            let url = rust_xlsxwriter::Url::new(format!("internal:'{tab}'!A1")).set_text(text);
            ws.write_url_with_format(r, c, url, &fmt.link)?;
        } else {
            ws.write_string(r, c, text)?;
        }
        Ok(())
    }
}

pub fn build(ctx: &Context, fmt: &Fmt, tabs: &[String]) -> Result<Worksheet, XlsxError> {
    let name = tab_name(Tab::Summary, ctx.lang);
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    ws.set_column_width(0, 24)?;
    for c in 1..=2 {
        ws.set_column_width(c, 16)?;
    }
    ws.set_column_width(3, 40)?;
    ws.set_column_width(4, 14)?;
    let links = Links { tabs };
    let mut at = Cursor { row: 0 };
    ws.write_string_with_format(at.take(1), 0, ctx.l(labels::KEY_ACCOUNT_REPORT), &fmt.title)?;
    heading(&mut ws, &mut at, ctx, fmt)?;
    at.gap(1);
    let grade_rows = grades(&mut ws, &mut at, ctx, fmt, &links)?;
    at.gap(2);
    let quadrant_rows = quadrants(&mut ws, &mut at, ctx, fmt, &links)?;
    at.gap(1);
    flags(&mut ws, &mut at, ctx, fmt, &links)?;
    at.gap(1);
    receivables(&mut ws, &mut at, ctx, fmt, &links)?;
    at.gap(1);
    let aging_rows = aging(&mut ws, &mut at, ctx, fmt)?;
    let segment_rows = if ctx.eval.values.iter().any(Option::is_some) {
        at.gap(1);
        Some(segments(&mut ws, &mut at, ctx, fmt)?)
    } else {
        None
    };
    at.gap(2);
    top_accounts(&mut ws, &mut at, ctx, fmt)?;
    at.gap(2);
    sources(&mut ws, &mut at, ctx, fmt)?;
    charts(&mut ws, name, ctx, grade_rows, quadrant_rows, aging_rows)?;
    if let Some(rows) = segment_rows {
        segment_chart(&mut ws, name, ctx, rows)?;
    }
    // One landscape page: the tables and the four charts, ready for a slide or a PDF.
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 1);
    Ok(ws)
}

/// As of, inputs, the row accounting and the issue counts.
fn heading(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt) -> Result<(), XlsxError> {
    let files = ctx.loaded.inputs.iter().filter(|i| !i.own_report).count();
    let sheets: usize =
        ctx.loaded.inputs.iter().map(|i| i.sheets.iter().filter(|s| s.header_row.is_some()).count()).sum();
    let rec = ctx.eval.reconciliation;
    let rows = n(rec.rows_read as f64);
    let inputs = match ctx.lang {
        crate::Lang::Zh => format!("{files} 个文件，{sheets} 张表，{rows} 行数据"),
        crate::Lang::En => format!("{files} files, {sheets} sheets, {rows} data rows"),
    };
    let lines = [
        (ctx.l(labels::AS_OF), Out::Date(Some(ctx.eval.as_of))),
        (ctx.l(labels::INPUTS), Out::Text(inputs)),
        (ctx.l(labels::ROW_ACCOUNTING), Out::Text(rec.equation(ctx.lang))),
        (ctx.l(labels::ACCOUNT_ACCOUNTING), Out::Text(rec.accounts_equation(ctx.lang))),
        (ctx.l(labels::DATA_ISSUES), Out::Text(issue_line(ctx))),
    ];
    for (label, value) in &lines {
        let r = at.take(1);
        ws.write_string_with_format(r, 0, *label, &fmt.bold)?;
        write_cell(ws, r, 1, value, fmt)?;
    }
    Ok(())
}

/// How many accounts `which` selects, and their deal value, in one pass.
fn count_and_deal(ctx: &Context, which: impl Fn(&View) -> bool) -> (usize, f64) {
    ctx.views().filter(|v| which(v)).fold((0, 0.0), |(n, deal), v| (n + 1, deal + v.deal().unwrap_or(0.0)))
}

/// Accounts and deal value per grade, with the action.
fn grades(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt, links: &Links) -> Result<Rows, XlsxError> {
    let lang = ctx.lang;
    let heads = [ctx.l(labels::GRADE), ctx.l(labels::ACCOUNTS), ctx.l(labels::DEAL_VALUE), ctx.l(labels::ACTION)];
    write_headers(ws, at.take(1), &heads, fmt)?;
    let first = at.row;
    for g in Grade::ALL {
        let r = at.take(1);
        let tab = tab_name(
            match g {
                Grade::NeedsInfo => Tab::NeedsInfo,
                Grade::Won | Grade::Lost => Tab::WonLost,
                g => Tab::Grade(g),
            },
            lang,
        );
        links.write(ws, r, 0, tab, g.label(lang), fmt)?;
        let (count, deal) = count_and_deal(ctx, |v| v.scored.grade == g);
        ws.write_number_with_format(r, 1, count as f64, &fmt.int)?;
        ws.write_number_with_format(r, 2, deal, &fmt.money)?;
        ws.write_string(r, 3, g.action(lang))?;
    }
    Ok((first, at.row - 1))
}

/// Accounts, deal value and hours per quadrant; the rows of the four real quadrants.
fn quadrants(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt, links: &Links) -> Result<Rows, XlsxError> {
    let lang = ctx.lang;
    let heads = [ctx.l(labels::QUADRANT), ctx.l(labels::ACCOUNTS), ctx.l(labels::DEAL_VALUE), ctx.l(labels::HOURS)];
    write_headers(ws, at.take(1), &heads, fmt)?;
    let first = at.row;
    for q in Quadrant::ALL {
        let r = at.take(1);
        links.write(ws, r, 0, tab_name(Tab::Allocation, lang), q.label(lang), fmt)?;
        let (count, deal) = count_and_deal(ctx, |v| v.scored.quadrant == q);
        ws.write_number_with_format(r, 1, count as f64, &fmt.int)?;
        ws.write_number_with_format(r, 2, deal, &fmt.money)?;
        if let Some(share) = ctx.eval.allocation.quadrants.iter().find(|x| x.quadrant == q) {
            ws.write_number_with_format(r, 3, share.hours, &fmt.num)?;
        }
    }
    // The doughnut shows the four real quadrants, not the unclassified.
    Ok((first, first + 3))
}

/// Accounts per flag, and beside them (with `--previous`) the movement since last month.
fn flags(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt, links: &Links) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let top = at.take(1);
    ws.write_string_with_format(top, 0, ctx.l(labels::FLAGS), &fmt.header)?;
    ws.write_string_with_format(top, 1, ctx.l(labels::ACCOUNTS), &fmt.header)?;
    for k in FlagKind::ALL {
        let r = at.take(1);
        links.write(ws, r, 0, tab_name(Tab::Flags, lang), k.label(lang), fmt)?;
        ws.write_number_with_format(r, 1, ctx.eval.scored.iter().filter(|s| s.has(k)).count() as f64, &fmt.int)?;
    }
    let Some(changes) = ctx.changes else { return Ok(()) };
    ws.write_string_with_format(top, 3, ctx.l(labels::SINCE_LAST_MONTH), &fmt.header)?;
    ws.write_string_with_format(top, 4, ctx.l(labels::ACCOUNTS), &fmt.header)?;
    let mut r = top + 1;
    for m in crate::changes::Movement::ALL {
        links.write(ws, r, 3, tab_name(Tab::Changes, lang), m.label(lang), fmt)?;
        ws.write_number_with_format(r, 4, changes.iter().filter(|c| c.movement == m).count() as f64, &fmt.int)?;
        r += 1;
    }
    let slipped = changes.iter().filter(|c| c.close_shift_days.is_some_and(|d| d > 0)).count();
    ws.write_string(r, 3, ctx.l(labels::CLOSE_DATE_SLIPPED))?;
    ws.write_number_with_format(r, 4, slipped as f64, &fmt.int)?;
    Ok(())
}

/// Receivables, overdue and concentration.
fn receivables(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt, links: &Links) -> Result<(), XlsxError> {
    let rv = &ctx.eval.receivables;
    let top = at.take(1);
    links.write(ws, top, 0, tab_name(Tab::Receivables, ctx.lang), ctx.l(labels::RECEIVABLES), fmt)?;
    ws.write_string_with_format(top, 1, ctx.l(labels::AMOUNT), &fmt.header)?;
    let lines = [
        (labels::RECEIVABLES_TOTAL, Out::Money(Some(rv.balance))),
        (labels::OVERDUE_TOTAL, Out::Money(Some(rv.overdue))),
        (labels::PROVISION, Out::Money(Some(rv.provision))),
        (labels::TOP_20_CONCENTRATION, Out::Pct(rv.concentration)),
    ];
    for (label, value) in &lines {
        let r = at.take(1);
        ws.write_string_with_format(r, 0, ctx.l(*label), &fmt.bold)?;
        write_cell(ws, r, 1, value, fmt)?;
    }
    Ok(())
}

/// The aging buckets, current first.
fn aging(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt) -> Result<Rows, XlsxError> {
    let top = at.take(1);
    ws.write_string_with_format(top, 0, ctx.l(labels::AGING_DAYS), &fmt.header)?;
    ws.write_string_with_format(top, 1, ctx.l(labels::AMOUNT), &fmt.header)?;
    let first = at.row;
    let buckets = [ctx.l(labels::CURRENT_NOT_DUE), "1-30", "31-60", "61-90", "91-180", ">180"];
    for (b, v) in buckets.iter().zip(ctx.eval.receivables.buckets) {
        let r = at.take(1);
        ws.write_string(r, 0, *b)?;
        ws.write_number_with_format(r, 1, v, &fmt.money)?;
    }
    Ok((first, at.row - 1))
}

/// The ten best graded accounts: grade first, then score.
fn top_accounts(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let heads = [
        ctx.l(labels::TOP_ACCOUNTS),
        ctx.l(labels::GRADE),
        ctx.l(labels::SCORE),
        ctx.l(labels::DEAL_VALUE),
        ctx.l(labels::EXPECTED_CLOSE_SHORT),
    ];
    write_headers(ws, at.take(1), &heads, fmt)?;
    let mut best: Vec<View> =
        ctx.views().filter(|v| matches!(v.scored.grade, Grade::A | Grade::B | Grade::C | Grade::D)).collect();
    best.sort_by(|a, b| a.scored.grade.cmp(&b.scored.grade).then(b.scored.score.total_cmp(&a.scored.score)));
    for v in best.into_iter().take(10) {
        let cells = [
            Out::Text(v.name().to_string()),
            Out::Text(v.scored.grade.label(lang).to_string()),
            Out::Score(Some(v.scored.score)),
            Out::Money(v.deal()),
            Out::Date(v.record.account.expected_close()),
        ];
        write_cells(ws, at.take(1), &cells, fmt)?;
    }
    Ok(())
}

/// Per source sheet, what it is and how many rows it gave to how many accounts (SPEC §1b).
fn sources(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let heads = [ctx.l(labels::SOURCE_SHEET), ctx.l(labels::SOURCE_KIND), ctx.l(labels::ROWS), ctx.l(labels::ACCOUNTS)];
    write_headers(ws, at.take(1), &heads, fmt)?;
    for input in ctx.loaded.inputs.iter().filter(|i| !i.own_report) {
        for s in input.sheets.iter().filter(|s| s.header_row.is_some()) {
            let cells = [
                Out::Text(format!("{}!{}", input.file.display, s.name)),
                Out::Text(s.kind.label(lang).to_string()),
                Out::Int(Some(s.rows as i64)),
                Out::Int(Some(s.accounts as i64)),
            ];
            write_cells(ws, at.take(1), &cells, fmt)?;
        }
    }
    Ok(())
}

/// Accounts and 12-month sales per value segment (SPEC §3.7), the eight in their order.
fn segments(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt) -> Result<Rows, XlsxError> {
    use crate::value::Segment;
    let heads = [ctx.l(labels::SEGMENT), ctx.l(labels::ACCOUNTS), ctx.l(labels::SALES_12M)];
    write_headers(ws, at.take(1), &heads, fmt)?;
    let first = at.row;
    for seg in Segment::ALL {
        let (n, sales) = ctx
            .eval
            .values
            .iter()
            .flatten()
            .filter(|v| v.segment == seg)
            .fold((0i64, 0.0), |(n, s), v| (n + 1, s + v.monetary));
        let cells = [Out::Text(seg.label(ctx.lang).to_string()), Out::Int(Some(n)), Out::Money(Some(sales))];
        write_cells(ws, at.take(1), &cells, fmt)?;
    }
    Ok((first, at.row - 1))
}

/// Accounts (columns) and 12-month sales (a line on the right axis) per segment, below the grid.
fn segment_chart(ws: &mut Worksheet, name: &str, ctx: &Context, rows: Rows) -> Result<(), XlsxError> {
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(ctx.l(labels::ACCOUNTS))
        .set_categories((name, rows.0, 0, rows.1, 0))
        .set_values((name, rows.0, 1, rows.1, 1))
        .set_data_label(ChartDataLabel::new().show_value());
    let mut sales = Chart::new(ChartType::Line);
    sales
        .add_series()
        .set_name(ctx.l(labels::SALES_12M))
        .set_categories((name, rows.0, 0, rows.1, 0))
        .set_values((name, rows.0, 2, rows.1, 2))
        .set_secondary_axis(true);
    chart.combine(&sales);
    chart.title().set_name(ctx.l(labels::VALUE_SEGMENTS_CHART));
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.y2_axis().set_num_format("#,##0");
    chart.set_width(CHART_W).set_height(CHART_H);
    ws.insert_chart(41, 6, &chart).map(|_| ())
}

/// The four charts beside the tables, each 16:9, titled and labelled, in a 2 × 2 grid.
fn charts(
    ws: &mut Worksheet,
    name: &str,
    ctx: &Context,
    grades: Rows,
    quadrants: Rows,
    aging: Rows,
) -> Result<(), XlsxError> {
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(ctx.l(labels::ACCOUNTS))
        .set_categories((name, grades.0, 0, grades.1, 0))
        .set_values((name, grades.0, 1, grades.1, 1))
        .set_data_label(ChartDataLabel::new().show_value());
    chart.title().set_name(ctx.l(labels::ACCOUNTS_PER_GRADE));
    chart.legend().set_hidden();
    chart.set_width(CHART_W).set_height(CHART_H);
    ws.insert_chart(1, 6, &chart)?;

    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(ctx.l(labels::DEAL_VALUE))
        .set_categories((name, grades.0, 0, grades.1, 0))
        .set_values((name, grades.0, 2, grades.1, 2))
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
        .set_categories((name, quadrants.0, 0, quadrants.1, 0))
        .set_values((name, quadrants.0, 1, quadrants.1, 1))
        .set_data_label(ChartDataLabel::new().show_value().show_category_name());
    chart.title().set_name(ctx.l(labels::ACCOUNTS_PER_QUADRANT));
    chart.legend().set_position(ChartLegendPosition::Right);
    chart.set_width(CHART_W).set_height(CHART_H);
    ws.insert_chart(21, 6, &chart)?;

    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(ctx.l(labels::RECEIVABLES))
        .set_categories((name, aging.0, 0, aging.1, 0))
        .set_values((name, aging.0, 1, aging.1, 1))
        .set_data_label(ChartDataLabel::new().show_value());
    chart.title().set_name(ctx.l(labels::RECEIVABLES_AGING_CNY));
    chart.legend().set_hidden();
    chart.y_axis().set_num_format("#,##0");
    chart.x_axis().set_name(ctx.l(labels::DAYS_OVERDUE));
    chart.set_width(CHART_W).set_height(CHART_H);
    ws.insert_chart(21, 17, &chart).map(|_| ())
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

//! 应收账款 Receivables (SPEC §3.6): totals, aging and concentration on top; per account the
//! receivables, overdue share, aging buckets, days since the last payment, terms, credit, DSO,
//! exposure and risk, highest risk and exposure first.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::grades::id_name;
use super::table::{write_cell, write_cells, write_headers};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};

pub const BUCKETS: [&str; 5] = ["0-30", "31-60", "61-90", "91-180", ">180"];

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let lang = ctx.lang;
    let rv = &ctx.eval.receivables;
    let mut prelude = |ws: &mut Worksheet| -> Result<u32, XlsxError> {
        ws.write_string_with_format(0, 0, ctx.t("应收账款（财务视图）", "Receivables (finance view)"), &fmt.title)?;
        let lines = [
            (ctx.t("应收账款合计", "Total receivables"), Out::Money(Some(rv.total))),
            (ctx.t("逾期合计", "Total overdue"), Out::Money(Some(rv.overdue))),
            (ctx.t("逾期占比", "Overdue share"), Out::Pct((rv.total > 0.0).then(|| rv.overdue / rv.total))),
            (
                ctx.t("前 20% 客户占应收比例（集中度）", "Share held by the top 20% of accounts"),
                Out::Pct(rv.concentration),
            ),
        ];
        for (i, (label, v)) in lines.iter().enumerate() {
            ws.write_string_with_format(2 + i as u32, 0, *label, &fmt.bold)?;
            write_cell(ws, 2 + i as u32, 2, v, fmt)?;
        }
        ws.write_string_with_format(7, 0, ctx.t("账龄（天）", "Aging (days)"), &fmt.bold)?;
        // Constant-memory sheets take rows in order: the header row first, then the values.
        for (i, b) in BUCKETS.iter().enumerate() {
            ws.write_string_with_format(7, 1 + i as u16, *b, &fmt.header)?;
        }
        for (i, v) in rv.aging.iter().enumerate() {
            write_cell(ws, 8, 1 + i as u16, &Out::Money(Some(*v)), fmt)?;
        }
        ws.write_string_with_format(
            9,
            0,
            ctx.t(
                "风险：高 = 信用弱标记；中 = 有逾期，或 DSO 超过账期 30 天以上；低 = 其他。DSO = 应收 ÷（近12月销售额 ÷ 365）。敞口 = 应收 + 未成交预计金额。",
                "Risk: high = weak-credit flag; medium = anything overdue, or DSO more than 30 days past terms; low = the rest. DSO = receivables ÷ (12-month sales ÷ 365). Exposure = receivables + open deal value.",
            ),
            &fmt.note,
        )?;
        // SPEC §3.6's top exposures: the ten largest, whatever their risk.
        if rv.top.is_empty() {
            return Ok(11);
        }
        ws.write_string_with_format(11, 0, ctx.t("最大敞口（前 10）", "Top exposures (10)"), &fmt.bold)?;
        let top_headers = [
            ctx.t("排名", "Rank"),
            ctx.t("客户编号", "Account ID"),
            ctx.t("客户名称", "Account"),
            ctx.t("敞口", "Exposure"),
            ctx.t("应收账款", "Receivables"),
            ctx.t("风险", "Risk"),
        ];
        write_headers(ws, 12, &top_headers, fmt)?;
        let mut r = 13;
        for (rank, &t) in rv.top.iter().enumerate() {
            let Some(index) = rv.rows.get(t).map(|l| l.index) else { continue };
            let account = &ctx.loaded.accounts[index];
            let Some(row) = crate::receivables::row(account, &ctx.eval.scored[index], ctx.eval.as_of) else {
                continue;
            };
            let mut cells = vec![Out::Int(Some(rank as i64 + 1))];
            cells.extend(id_name(account));
            cells.extend([
                Out::Money(Some(row.exposure)),
                Out::Money(row.receivables),
                Out::Text(row.risk.label(lang).to_string()),
            ]);
            write_cells(ws, r, &cells, fmt)?;
            r += 1;
        }
        Ok(r + 1)
    };
    let mut headers = vec![
        ctx.t("风险", "Risk"),
        ctx.t("客户编号", "Account ID"),
        ctx.t("客户名称", "Account"),
        ctx.t("应收账款", "Receivables"),
        ctx.t("逾期金额", "Overdue"),
        ctx.t("逾期占比", "Overdue share"),
    ];
    let bucket_labels: Vec<String> = BUCKETS.iter().map(|b| format!("{b}{}", ctx.t("天", " days"))).collect();
    headers.extend(bucket_labels.iter().map(String::as_str));
    headers.extend([
        ctx.t("距上次回款天数", "Days since payment"),
        ctx.t("账期天数", "Terms (days)"),
        ctx.t("信用等级", "Credit rating"),
        "DSO",
        ctx.t("敞口", "Exposure"),
        ctx.t("来源", "Source"),
    ]);
    let mut widths = vec![6.0, 12.0, 30.0, 14.0, 14.0, 10.0];
    widths.extend([12.0; 5]);
    widths.extend([12.0, 10.0, 10.0, 8.0, 14.0, 36.0]);
    let mut t = Table::with_prelude(wb, tab_name(Tab::Receivables, lang), &headers, &widths, fmt, &mut prelude)?;
    let mut order: Vec<usize> = (0..rv.rows.len()).collect();
    order.sort_by(|&a, &b| {
        rv.rows[a].risk.cmp(&rv.rows[b].risk).then(rv.rows[b].exposure.total_cmp(&rv.rows[a].exposure))
    });
    for i in order {
        let index = rv.rows[i].index;
        let r = &ctx.loaded.accounts[index];
        let Some(row) = crate::receivables::row(r, &ctx.eval.scored[index], ctx.eval.as_of) else { continue };
        let risk = row.risk.label(lang).to_string();
        let mut cells =
            vec![if row.risk == crate::receivables::Risk::High { Out::Flagged(risk) } else { Out::Text(risk) }];
        cells.extend(id_name(r));
        cells.extend([Out::Money(row.receivables), Out::Money(row.overdue), Out::Pct(row.overdue_share)]);
        // An empty bucket stays blank: most accounts owe nothing overdue.
        cells.extend((0..5).map(|b| Out::Money(row.aging.map(|a| a[b]).filter(|v| *v != 0.0))));
        let credit = r.account.credit_rating().map(|c| crate::score::flags::rating_text(&c));
        cells.extend([
            Out::Int(row.days_since_payment),
            Out::Int(row.terms_days.map(i64::from)),
            Out::Text(credit.unwrap_or_default()),
            Out::Num(row.dso),
            Out::Money(Some(row.exposure)),
            Out::Text(r.source.display()),
        ]);
        t.row(wb, fmt, &cells)?;
    }
    t.finish()
}

//! 应收账款 Receivables (SPEC §3.6): totals, aging and concentration on top; per account the
//! receivables, overdue share, aging buckets, days since the last payment, terms, credit, DSO,
//! exposure and risk, highest risk and exposure first.

use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::grades::id_name;
use super::table::{write_cell, write_cells, write_headers};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};

pub const BUCKETS: [&str; 5] = ["0-30", "31-60", "61-90", "91-180", ">180"];

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let lang = ctx.lang;
    let rv = &ctx.eval.receivables;
    let mut prelude = |ws: &mut Worksheet| -> Result<u32, XlsxError> {
        ws.write_string_with_format(0, 0, ctx.l(labels::RECEIVABLES_FINANCE_VIEW), &fmt.title)?;
        let lines = [
            (ctx.l(labels::TOTAL_RECEIVABLES), Out::Money(Some(rv.total))),
            (ctx.l(labels::TOTAL_OVERDUE), Out::Money(Some(rv.overdue))),
            (ctx.l(labels::OVERDUE_SHARE), Out::Pct((rv.total > 0.0).then(|| rv.overdue / rv.total))),
            (ctx.l(labels::SHARE_HELD_BY_THE_TOP_20_OF_ACCOUNTS), Out::Pct(rv.concentration)),
        ];
        for (i, (label, v)) in lines.iter().enumerate() {
            ws.write_string_with_format(2 + i as u32, 0, *label, &fmt.bold)?;
            write_cell(ws, 2 + i as u32, 2, v, fmt)?;
        }
        ws.write_string_with_format(7, 0, ctx.l(labels::AGING_DAYS), &fmt.bold)?;
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
            ctx.l(labels::RISK_HIGH_WEAK_CREDIT_FLAG_MEDIUM_ANYTHING_OVERDUE_OR_DSO_MORE_THAN_30_DAYS_PAST_TERMS_LOW_THE_REST_DSO_RECEIVABLES_12_MONTH_SALES_365_EXPOSURE_RECEIVABLES_OPEN_DEAL_VALUE),
            &fmt.note,
        )?;
        // SPEC §3.6's top exposures: the ten largest, whatever their risk.
        if rv.top.is_empty() {
            return Ok(11);
        }
        ws.write_string_with_format(11, 0, ctx.l(labels::TOP_EXPOSURES_10), &fmt.bold)?;
        let top_headers = [
            ctx.l(labels::RANK),
            ctx.l(labels::ACCOUNT_ID),
            ctx.l(labels::ACCOUNT),
            ctx.l(labels::EXPOSURE),
            ctx.l(labels::RECEIVABLES),
            ctx.l(labels::RISK),
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
        ctx.l(labels::RISK),
        ctx.l(labels::ACCOUNT_ID),
        ctx.l(labels::ACCOUNT),
        ctx.l(labels::RECEIVABLES),
        ctx.l(labels::OVERDUE_AMOUNT),
        ctx.l(labels::OVERDUE_SHARE),
    ];
    let bucket_labels: Vec<String> = BUCKETS.iter().map(|b| format!("{b}{}", ctx.l(labels::DAYS_SUFFIX))).collect();
    headers.extend(bucket_labels.iter().map(String::as_str));
    headers.extend([
        ctx.l(labels::DAYS_SINCE_PAYMENT),
        ctx.l(labels::TERMS_DAYS),
        ctx.l(labels::CREDIT_RATING),
        "DSO",
        ctx.l(labels::EXPOSURE),
        ctx.l(labels::SOURCE),
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

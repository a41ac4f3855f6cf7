//! 应收账款 Receivables (SPEC §3.6): totals, aging and concentration on top; per account the
//! receivables, overdue share, aging buckets, days since the last payment, terms, credit, DSO,
//! exposure and risk, highest risk and exposure first.

use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, write_cell, write_cells, write_headers, Column};
use super::view::{self, View};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::receivables::{Receivable, Risk};

pub const BUCKETS: [&str; 5] = ["0-30", "31-60", "61-90", "91-180", ">180"];

/// Totals, aging and the rule on top of the tab; returns the next free row.
fn totals(ws: &mut Worksheet, ctx: &Context, fmt: &Fmt) -> Result<u32, XlsxError> {
    let rv = &ctx.eval.receivables;
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
    Ok(11)
}

/// The ten largest exposures, whatever their risk, from row `r`; returns the next free row.
fn top_exposures(ws: &mut Worksheet, r: u32, ctx: &Context, fmt: &Fmt) -> Result<u32, XlsxError> {
    let rv = &ctx.eval.receivables;
    if rv.top.is_empty() {
        return Ok(r);
    }
    ws.write_string_with_format(r, 0, ctx.l(labels::TOP_EXPOSURES_10), &fmt.bold)?;
    let top_headers = [
        ctx.l(labels::RANK),
        ctx.l(labels::ACCOUNT_ID),
        ctx.l(labels::ACCOUNT),
        ctx.l(labels::EXPOSURE),
        ctx.l(labels::RECEIVABLES),
        ctx.l(labels::RISK),
    ];
    write_headers(ws, r + 1, &top_headers, fmt)?;
    let mut r = r + 2;
    for (rank, &t) in rv.top.iter().enumerate() {
        let Some(index) = rv.rows.get(t).map(|l| l.index) else { continue };
        let v = ctx.view(index);
        let Some(row) = crate::receivables::row(v.record, v.scored, ctx.eval.as_of) else { continue };
        let cells = [
            Out::Int(Some(rank as i64 + 1)),
            Out::Text(v.id().to_string()),
            Out::Text(v.name().to_string()),
            Out::Money(Some(row.exposure)),
            Out::Money(row.receivables),
            Out::Text(row.risk.label(ctx.lang).to_string()),
        ];
        write_cells(ws, r, &cells, fmt)?;
        r += 1;
    }
    Ok(r + 1)
}

/// An account with receivables, and its row.
type Row<'a> = (View<'a>, Receivable);

fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, Row<'a>>> {
    let lang = ctx.lang;
    let me = |r: &Row<'a>| r.0;
    let mut cols = vec![
        col(ctx.l(labels::RISK), 6.0, move |(_, row): &Row| {
            let risk = row.risk.label(lang).to_string();
            if row.risk == Risk::High {
                Out::Flagged(risk)
            } else {
                Out::Text(risk)
            }
        }),
        view::id(ctx, me),
        view::name(ctx, me),
        col(ctx.l(labels::RECEIVABLES), 14.0, |(_, row): &Row| Out::Money(row.receivables)),
        col(ctx.l(labels::OVERDUE_AMOUNT), 14.0, |(_, row): &Row| Out::Money(row.overdue)),
        col(ctx.l(labels::OVERDUE_SHARE), 10.0, |(_, row): &Row| Out::Pct(row.overdue_share)),
    ];
    for (b, label) in BUCKETS.iter().enumerate() {
        // An empty bucket stays blank: most accounts owe nothing overdue.
        cols.push(col(format!("{label}{}", ctx.l(labels::DAYS_SUFFIX)), 12.0, move |(_, row): &Row| {
            Out::Money(row.aging.map(|a| a[b]).filter(|v| *v != 0.0))
        }));
    }
    cols.extend([
        col(ctx.l(labels::DAYS_SINCE_PAYMENT), 12.0, |(_, row): &Row| Out::Int(row.days_since_payment)),
        col(ctx.l(labels::TERMS_DAYS), 10.0, |(_, row): &Row| Out::Int(row.terms_days.map(i64::from))),
        col(ctx.l(labels::CREDIT_RATING), 10.0, |(v, _): &Row| {
            let credit = v.record.account.credit_rating().map(|c| crate::score::flags::rating_text(&c));
            Out::Text(credit.unwrap_or_default())
        }),
        col("DSO", 8.0, |(_, row): &Row| Out::Num(row.dso)),
        col(ctx.l(labels::EXPOSURE), 14.0, |(_, row): &Row| Out::Money(Some(row.exposure))),
        view::source(ctx, me),
    ]);
    cols
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let rv = &ctx.eval.receivables;
    let mut prelude = |ws: &mut Worksheet| -> Result<u32, XlsxError> {
        let r = totals(ws, ctx, fmt)?;
        top_exposures(ws, r, ctx, fmt)
    };
    let cols = columns(ctx);
    let mut t = Table::of_with_prelude(wb, tab_name(Tab::Receivables, ctx.lang), &cols, fmt, &mut prelude)?;
    let mut order: Vec<usize> = (0..rv.rows.len()).collect();
    order.sort_by(|&a, &b| {
        rv.rows[a].risk.cmp(&rv.rows[b].risk).then(rv.rows[b].exposure.total_cmp(&rv.rows[a].exposure))
    });
    for i in order {
        let v = ctx.view(rv.rows[i].index);
        let Some(row) = crate::receivables::row(v.record, v.scored, ctx.eval.as_of) else { continue };
        t.item(wb, fmt, &cols, &(v, row))?;
    }
    t.finish()
}

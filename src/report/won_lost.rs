//! 已成交/已流失 Won and lost (SPEC §3.3, §4): accounts that are not prospects — customers
//! whose deals are all won, with their quadrant, value and receivables; lost accounts, with the
//! lost reason — and where each figure came from.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, fit_width, Column};
use super::view::{self, View};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::labels;
use crate::score::Grade;

fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, View<'a>>> {
    let lang = ctx.lang;
    let me = |v: &View<'a>| *v;
    let deals = |v: &View<'a>| v.record.rollup().and_then(|r| r.deals.clone());
    let action_width = fit_width(ctx.l(labels::ACTION_ADVICE), 12.0, [Grade::Won, Grade::Lost].map(|g| g.action(lang)));
    vec![
        view::id(ctx, me),
        view::name(ctx, me),
        view::owner(ctx, me),
        col(ctx.l(labels::STATUS), 10.0, move |v: &View| Out::Text(v.scored.grade.label(lang).to_string())),
        col(ctx.l(labels::QUADRANT), 10.0, move |v: &View| {
            Out::Text(if v.scored.grade == Grade::Won {
                v.scored.quadrant.label(lang).to_string()
            } else {
                String::new()
            })
        }),
        col(ctx.l(labels::WON_DEALS), 10.0, move |v: &View| Out::Int(deals(v).map(|d| i64::from(d.won)))),
        col(ctx.l(labels::WON_VALUE_12M), 14.0, move |v: &View| Out::Money(deals(v).map(|d| d.won_value_12m))),
        col(ctx.l(labels::LAST_WON), 12.0, move |v: &View| Out::Date(deals(v).and_then(|d| d.last_won))),
        col(ctx.l(labels::LOST_DEALS), 10.0, move |v: &View| Out::Int(deals(v).map(|d| i64::from(d.lost)))),
        col(ctx.l(labels::WIN_RATE_12M), 10.0, move |v: &View| Out::Pct(deals(v).and_then(|d| d.win_rate()))),
        col(ctx.l(labels::LOST_REASON), 28.0, move |v: &View| {
            Out::Text(deals(v).and_then(|d| d.last_lost).map(|(_, r)| r.to_string()).unwrap_or_default())
        })
        .wrapped(),
        col(ctx.l(labels::RECEIVABLES), 14.0, |v: &View| Out::Money(v.receivables())),
        col(ctx.l(labels::ACTION_ADVICE), action_width, move |v: &View| {
            Out::Text(v.scored.grade.action(lang).to_string())
        }),
        view::source(ctx, me),
    ]
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let cols = columns(ctx);
    let mut t = Table::of(wb, tab_name(Tab::WonLost, ctx.lang), &cols, fmt)?;
    for g in [Grade::Won, Grade::Lost] {
        for v in super::grades::ranked(ctx, g) {
            t.item(wb, fmt, &cols, &v)?;
        }
    }
    t.finish()
}

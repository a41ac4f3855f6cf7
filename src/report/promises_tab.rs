//! 承诺 Promises (SPEC §3.8, seed 003): per account with a promises log, the promises made,
//! kept, open and broken, the kept ratio and the oldest broken promise — broken ones first.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, Column};
use super::view::{self, View};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::ingest::rollup::Promises;
use crate::labels;

type Row<'a> = (View<'a>, &'a Promises);

fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, Row<'a>>> {
    let lang = ctx.lang;
    let me = |r: &Row<'a>| r.0;
    vec![
        view::id(ctx, me),
        view::name(ctx, me),
        view::owner(ctx, me),
        col(ctx.l(labels::GRADE), 8.0, move |r: &Row| Out::Text(r.0.scored.grade.label(lang).to_string())),
        col(ctx.l(labels::PROMISES_MADE), 8.0, |r: &Row| Out::Int(Some(i64::from(r.1.made)))),
        col(ctx.l(labels::PROMISES_KEPT), 8.0, |r: &Row| Out::Int(Some(i64::from(r.1.kept)))),
        col(ctx.l(labels::PROMISES_OPEN), 8.0, |r: &Row| Out::Int(Some(i64::from(r.1.open)))),
        col(ctx.l(labels::PROMISES_BROKEN), 8.0, |r: &Row| {
            let n = i64::from(r.1.broken);
            if n > 0 {
                Out::Flagged(n.to_string())
            } else {
                Out::Int(Some(0))
            }
        }),
        // Kept of those due: kept ÷ (kept + broken); open ones are not due yet.
        col(ctx.l(labels::KEPT_RATIO), 10.0, |r: &Row| {
            let due = r.1.kept + r.1.broken;
            Out::Pct((due > 0).then(|| f64::from(r.1.kept) / f64::from(due)))
        }),
        col(ctx.l(labels::OLDEST_BROKEN), 12.0, |r: &Row| Out::Date(r.1.oldest_broken)),
        view::source(ctx, me),
    ]
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let cols = columns(ctx);
    let mut t = Table::of(wb, tab_name(Tab::Promises, ctx.lang), &cols, fmt)?;
    let mut rows: Vec<Row> = ctx.views().filter_map(|v| Some((v, v.record.rollup()?.promises.as_deref()?))).collect();
    rows.sort_by(|a, b| {
        b.1.broken.cmp(&a.1.broken).then(a.1.oldest_broken.cmp(&b.1.oldest_broken)).then(a.0.index.cmp(&b.0.index))
    });
    for r in &rows {
        t.item(wb, fmt, &cols, r)?;
    }
    t.finish()
}

//! 风险标记 Flags: one row per account and flag, weak credit and vague budget first, each with
//! its owner, its reasons and the cells they came from ("file!sheet!L8, O8": the cells of one
//! row share its file and sheet, which are written once), and the exposure at stake.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, fit_width, Column};
use super::view::{self, View};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::labels;
use crate::score::{Flag, FlagKind};

/// One row: an account and one of its flags, its reasons worked out again as it is written.
type Row<'a> = (View<'a>, Flag);

fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, Row<'a>>> {
    let lang = ctx.lang;
    let me = |r: &Row<'a>| r.0;
    let grades = crate::score::Grade::ALL.map(|g| g.label(lang));
    let grade_width = fit_width(ctx.l(labels::GRADE), 8.0, grades);
    let flag_width = fit_width(ctx.l(labels::FLAG), 0.0, FlagKind::ALL.map(|k| k.label(lang)));
    vec![
        col(ctx.l(labels::FLAG), flag_width, move |(_, f): &Row| Out::Flagged(f.kind.label(lang).to_string())),
        view::id(ctx, me),
        view::name(ctx, me),
        view::owner(ctx, me),
        col(ctx.l(labels::GRADE), grade_width, move |(v, _): &Row| Out::Text(v.scored.grade.label(lang).to_string())),
        col(ctx.l(labels::REASONS), 50.0, move |(_, f): &Row| Out::Text(f.text(lang))).wrapped(),
        col(ctx.l(labels::CELL), 40.0, |(v, f): &Row| {
            Out::Text(v.record.source.cells(f.reasons.iter().filter_map(|(_, col)| *col)))
        })
        .wrapped(),
        col(ctx.l(labels::DEAL_VALUE), 14.0, |(v, _): &Row| Out::Money(v.deal())),
        col(ctx.l(labels::RECEIVABLES), 14.0, |(v, _): &Row| Out::Money(v.receivables())),
        col(ctx.l(labels::EXPOSURE), 14.0, move |(v, _): &Row| Out::Money(exposure(ctx, v))),
    ]
}

/// What is at stake with the account: its receivables balance + its open deal value (SPEC
/// §3.6); without receivables data, the open deal value.
fn exposure(ctx: &Context, v: &View) -> Option<f64> {
    match crate::receivables::position(v.record, v.scored, ctx.model) {
        Some(p) => Some(p.exposure),
        None => v.deal().filter(|_| crate::score::has_open_deal(v.record)),
    }
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let cols = columns(ctx);
    let mut t = Table::of(wb, tab_name(Tab::Flags, ctx.lang), &cols, fmt)?;
    for kind in FlagKind::ALL {
        for v in ctx.views().filter(|v| v.scored.has(kind)) {
            let (model, as_of) = (ctx.model, ctx.eval.as_of);
            if let Some(flag) = crate::score::flags::flag(v.record, &v.scored.intent, model, as_of, kind) {
                t.item(wb, fmt, &cols, &(v, flag))?;
            }
        }
    }
    t.finish()
}

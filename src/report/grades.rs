//! The A / B / C / D tabs: the grade's action once above the list, then one row per account,
//! best score first, with its stage, every factor's points, the reason, the quadrant, the
//! flags, the deal, its open deals and where the row came from.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, fit_width, Column};
use super::view::{self, View};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::labels;
use crate::score::{Factor, FlagKind, Grade};

/// The accounts of one grade, best score first (then input order).
pub fn ranked<'a>(ctx: &Context<'a>, grade: Grade) -> Vec<View<'a>> {
    let mut rows: Vec<View> = ctx.views().filter(|v| v.scored.grade == grade).collect();
    rows.sort_by(|a, b| b.scored.score.total_cmp(&a.scored.score));
    rows
}

/// A grade tab's columns.
fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, View<'a>>> {
    let lang = ctx.lang;
    let me = |v: &View<'a>| *v;
    let quadrants = crate::score::Quadrant::ALL.map(|q| q.label(lang));
    let quadrant_width = fit_width(ctx.l(labels::QUADRANT), 0.0, quadrants);
    let mut cols = vec![
        view::id(ctx, me),
        view::name(ctx, me),
        view::owner(ctx, me),
        view::stage(ctx, me),
        col(ctx.l(labels::SCORE), 8.0, |v: &View| Out::Score(Some(v.scored.score))),
    ];
    for (i, f) in Factor::ALL.iter().enumerate() {
        cols.push(col(f.label(lang), 9.0, move |v: &View| Out::Score(v.scored.points()[i])));
    }
    cols.extend([
        col(ctx.l(labels::REASON), 44.0, move |v: &View| Out::Text(v.scored.reason(ctx.model, lang))).wrapped(),
        col(ctx.l(labels::QUADRANT), quadrant_width, move |v: &View| {
            Out::Text(v.scored.quadrant.label(lang).to_string())
        }),
        col(ctx.l(labels::FLAGS), 24.0, move |v: &View| {
            let flags: Vec<&str> = v.scored.flags.iter().map(|f| f.label(lang)).collect();
            if flags.is_empty() {
                Out::Text(String::new())
            } else {
                Out::Flagged(flags.join(ctx.l(labels::LIST_SEP)))
            }
        })
        .wrapped(),
        col(ctx.l(labels::DEAL_VALUE), 14.0, |v: &View| {
            if v.scored.has(FlagKind::OverBudget) {
                Out::FlaggedMoney(v.deal())
            } else {
                Out::Money(v.deal())
            }
        }),
        col(ctx.l(labels::EXPECTED_CLOSE), 12.0, |v: &View| {
            let close = v.record.account.expected_close();
            if v.scored.has(FlagKind::CloseDatePassed) || v.scored.has(FlagKind::NoTimeline) {
                Out::FlaggedDate(close)
            } else {
                Out::Date(close)
            }
        }),
        view::open_deals(ctx, me),
    ]);
    // Customer value and promises kept beside the grade, when the run has them (SPEC §3.7–3.8).
    if !ctx.eval.values.is_empty() {
        let segments = ctx.eval.values.iter().flatten().map(|x| x.segment.label(lang));
        let width = fit_width(ctx.l(labels::SEGMENT), 10.0, segments);
        cols.push(col(ctx.l(labels::SEGMENT), width, move |v: &View| {
            Out::Text(ctx.eval.value(v.index).map(|x| x.segment.label(lang).to_string()).unwrap_or_default())
        }));
    }
    if ctx.loaded.accounts.iter().any(|r| r.rollup().is_some_and(|x| x.promises.is_some())) {
        cols.push(col(ctx.l(labels::PROMISE_RECORD), 12.0, |v: &View| {
            match v.record.rollup().and_then(|x| x.promises.as_deref()) {
                // kept of those due (kept + broken); a broken one is highlighted.
                Some(p) if p.broken > 0 => Out::Flagged(format!("{}/{}", p.kept, p.kept + p.broken)),
                Some(p) => Out::Text(format!("{}/{}", p.kept, p.kept + p.broken)),
                None => Out::Text(String::new()),
            }
        }));
    }
    cols.push(view::source(ctx, me));
    cols
}

/// The column of the score (for its data bars).
const SCORE_COL: u16 = 4;

/// The line above a list: "行动建议：全力以赴，进入销售关键流程", then a blank row; returns the
/// header's row.
pub fn action_line(ws: &mut Worksheet, ctx: &Context, fmt: &Fmt, action: &str) -> Result<u32, XlsxError> {
    let line = format!("{}{}{action}", ctx.l(labels::ACTION_ADVICE), ctx.l(labels::COLON));
    ws.write_string_with_format(0, 0, line, &fmt.bold)?;
    Ok(2)
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt, grade: Grade) -> Result<Vec<Worksheet>, XlsxError> {
    let cols = columns(ctx);
    let action = grade.action(ctx.lang);
    let mut prelude = |ws: &mut Worksheet| action_line(ws, ctx, fmt, action);
    let name = tab_name(Tab::Grade(grade), ctx.lang);
    let mut t = Table::of_with_prelude(wb, name, &cols, fmt, &mut prelude)?.data_bars(SCORE_COL);
    for v in ranked(ctx, grade) {
        t.item(wb, fmt, &cols, &v)?;
    }
    t.finish()
}

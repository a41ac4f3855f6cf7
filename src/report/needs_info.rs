//! 待补充 Needs information: accounts with more unknown factors than the model allows, and
//! exactly what to fill in for each.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::grades::ranked;
use super::table::{col, Column};
use super::view::{self, View};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::labels;
use crate::score::Grade;

fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, View<'a>>> {
    let lang = ctx.lang;
    let me = |v: &View<'a>| *v;
    let sep = ctx.l(labels::LIST_SEP);
    vec![
        view::id(ctx, me),
        view::name(ctx, me),
        view::owner(ctx, me),
        col(ctx.l(labels::SCORE_SO_FAR), 10.0, |v: &View| Out::Score(Some(v.scored.score))),
        col(ctx.l(labels::UNKNOWN_FACTORS), 36.0, move |v: &View| {
            Out::Text(v.scored.unknown().iter().map(|f| f.label(lang)).collect::<Vec<_>>().join(sep))
        }),
        col(ctx.l(labels::FILL_IN), 48.0, move |v: &View| {
            let wanted: Vec<String> = v
                .scored
                .unknown()
                .iter()
                .map(|f| {
                    let fields: Vec<&str> = f.wanted().iter().map(|w| w.label(lang)).collect();
                    format!("{}：{}", f.label(lang), fields.join(ctx.l(labels::OR)))
                })
                .collect();
            Out::Text(wanted.join(ctx.l(labels::CLAUSE_SEP)))
        }),
        col(ctx.l(labels::ACTION_ADVICE), 28.0, move |_: &View| Out::Text(Grade::NeedsInfo.action(lang).to_string())),
        view::source(ctx, me),
    ]
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let cols = columns(ctx);
    let mut t = Table::of(wb, tab_name(Tab::NeedsInfo, ctx.lang), &cols, fmt)?;
    for v in ranked(ctx, Grade::NeedsInfo) {
        t.item(wb, fmt, &cols, &v)?;
    }
    t.finish()
}

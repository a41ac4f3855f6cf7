//! The report's machine-readable copy of every account, in a very hidden tab, so next month's
//! `--previous` can read it back whatever users do to the visible tabs (sort, filter, hide
//! columns, rename tabs).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, Column};
use super::view::View;
use super::{Context, Factory, Fmt, Out, Table};
pub use crate::markers::{DATA_HEADER, DATA_SEGMENT, DATA_TAB};

/// The data tab's columns: exactly [`DATA_HEADER`], whatever the report language.
fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, View<'a>>> {
    let [key, name, grade, score, close, flags] = DATA_HEADER;
    vec![
        col(key, 16.0, |v: &View| Out::Text(v.id().to_string())),
        col(name, 30.0, |v: &View| Out::Text(v.name().to_string())),
        col(grade, 10.0, |v: &View| Out::Text(v.scored.grade.key().to_string())),
        col(score, 8.0, |v: &View| Out::Score(Some(v.scored.score))),
        col(close, 12.0, |v: &View| {
            Out::Text(v.record.account.expected_close().map(|c| c.to_string()).unwrap_or_default())
        }),
        col(flags, 30.0, |v: &View| Out::Text(v.scored.flags.iter().map(|f| f.key()).collect::<Vec<_>>().join(","))),
        col(DATA_SEGMENT, 16.0, move |v: &View| {
            Out::Text(ctx.eval.value(v.index).map(|x| x.segment.key().to_string()).unwrap_or_default())
        }),
    ]
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let cols = columns(ctx);
    let mut t = Table::of(wb, DATA_TAB, &cols, fmt)?;
    for v in ctx.views() {
        t.item(wb, fmt, &cols, &v)?;
    }
    let mut sheets = t.finish()?;
    for ws in &mut sheets {
        ws.set_very_hidden(true);
    }
    Ok(sheets)
}

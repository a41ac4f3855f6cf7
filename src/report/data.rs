//! The report's machine-readable copy of every account, in a very hidden tab, so next month's
//! `--previous` can read it back whatever users do to the visible tabs (sort, filter, hide
//! columns, rename tabs).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, Column};
use super::view::View;
use super::{Context, Factory, Fmt, Out, Table};
use crate::changes::Figures;
pub use crate::markers::{
    DATA_HEADER, DATA_OVERDUE, DATA_OWNER, DATA_POINTS, DATA_PROVISION, DATA_RECEIVABLES, DATA_SEGMENT, DATA_STAGE,
    DATA_TAB,
};

/// One account of the data tab: its view and the figures the changes compare next month.
struct Row<'a> {
    view: View<'a>,
    figures: Figures,
}

/// The data tab's columns: exactly [`DATA_HEADER`], whatever the report language, then the
/// segment, the owner, the stage, the receivables and overdue, and each factor's points.
fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, Row<'a>>> {
    let [key, name, grade, score, close, flags] = DATA_HEADER;
    let mut cols = vec![
        col(key, 16.0, |r: &Row| Out::Text(r.view.id().to_string())),
        col(name, 30.0, |r: &Row| Out::Text(r.view.name().to_string())),
        col(grade, 10.0, |r: &Row| Out::Text(r.view.scored.grade.key().to_string())),
        col(score, 8.0, |r: &Row| Out::Score(Some(r.view.scored.score))),
        col(close, 12.0, |r: &Row| {
            Out::Text(r.view.record.account.expected_close().map(|c| c.to_string()).unwrap_or_default())
        }),
        col(flags, 30.0, |r: &Row| {
            Out::Text(r.view.scored.flags.iter().map(|f| f.key()).collect::<Vec<_>>().join(","))
        }),
        col(DATA_SEGMENT, 16.0, move |r: &Row| {
            Out::Text(ctx.eval.value(r.view.index).map(|x| x.segment.key().to_string()).unwrap_or_default())
        }),
        col(DATA_OWNER, 10.0, |r: &Row| Out::Text(r.view.owner().to_string())),
        col(DATA_STAGE, 12.0, |r: &Row| Out::Text(r.figures.stage.unwrap_or_default().to_string())),
        col(DATA_RECEIVABLES, 12.0, |r: &Row| Out::Money(r.figures.receivables)),
        col(DATA_OVERDUE, 12.0, |r: &Row| Out::Money(r.figures.overdue)),
        col(DATA_PROVISION, 12.0, |r: &Row| Out::Money(r.figures.provision)),
    ];
    for (i, header) in DATA_POINTS.into_iter().enumerate() {
        cols.push(col(header, 8.0, move |r: &Row| Out::Score(r.figures.points[i])));
    }
    cols
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let cols = columns(ctx);
    let mut t = Table::of(wb, DATA_TAB, &cols, fmt)?;
    for view in ctx.views() {
        let figures = crate::changes::figures(view.record, view.scored, ctx.model);
        t.item(wb, fmt, &cols, &Row { view, figures })?;
    }
    let mut sheets = t.finish()?;
    for ws in &mut sheets {
        ws.set_very_hidden(true);
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_points_columns_are_named_after_the_factor_keys() {
        for (header, f) in DATA_POINTS.iter().zip(crate::score::Factor::ALL) {
            assert_eq!(*header, format!("points_{}", f.key()));
        }
    }
}

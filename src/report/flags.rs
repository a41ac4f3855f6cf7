//! 风险标记 Flags: one row per account and flag, weak credit and vague budget first, each with
//! its reasons and the cells they came from ("file!sheet!L8, O8": the cells of one row share
//! its file and sheet, which are written once).

use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::grades::id_name;
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::score::FlagKind;

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let lang = ctx.lang;
    let headers = [
        ctx.l(labels::FLAG),
        ctx.l(labels::ACCOUNT_ID),
        ctx.l(labels::ACCOUNT),
        ctx.l(labels::GRADE),
        ctx.l(labels::REASONS),
        ctx.l(labels::CELL),
        ctx.l(labels::DEAL_VALUE),
        ctx.l(labels::RECEIVABLES),
    ];
    let mut t =
        Table::new(wb, tab_name(Tab::Flags, lang), &headers, &[14.0, 12.0, 30.0, 8.0, 50.0, 40.0, 14.0, 14.0], fmt)?;
    for kind in FlagKind::ALL {
        for (r, s) in ctx.loaded.accounts.iter().zip(&ctx.eval.scored) {
            let Some(flag) = s.flags.iter().find(|f| f.kind == kind) else { continue };
            let a = &r.account;
            let at = r.source.cells(flag.reasons.iter().filter_map(|(_, col)| *col));
            let mut row = vec![Out::Flagged(kind.label(lang).to_string())];
            row.extend(id_name(r));
            row.push(Out::Text(s.grade.label(lang).to_string()));
            row.push(Out::Text(flag.text(lang)));
            row.push(Out::Text(at));
            row.push(Out::Money(a.deal_value().and_then(|d| d.mid())));
            row.push(Out::Money(a.ar_balance().and_then(|d| d.mid())));
            t.row(wb, fmt, &row)?;
        }
    }
    t.finish()
}

//! 待补充 Needs information: accounts with more unknown factors than the model allows, and
//! exactly what to fill in for each.

use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::grades::{id_name, ranked, text_of};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::score::Grade;

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let lang = ctx.lang;
    let headers = [
        ctx.l(labels::ACCOUNT_ID),
        ctx.l(labels::ACCOUNT),
        ctx.l(labels::OWNER),
        ctx.l(labels::SCORE_SO_FAR),
        ctx.l(labels::UNKNOWN_FACTORS),
        ctx.l(labels::FILL_IN),
        ctx.l(labels::ACTION_ADVICE),
        ctx.l(labels::SOURCE),
    ];
    let mut t = Table::new(
        wb,
        tab_name(Tab::NeedsInfo, lang),
        &headers,
        &[12.0, 30.0, 10.0, 10.0, 36.0, 48.0, 28.0, 36.0],
        fmt,
    )?;
    let sep = ctx.l(labels::LIST_SEP);
    for (r, s) in ranked(ctx, Grade::NeedsInfo) {
        let unknown = s.unknown();
        let factors: Vec<&str> = unknown.iter().map(|f| f.label(lang)).collect();
        let wanted: Vec<String> = unknown
            .iter()
            .map(|f| {
                let fields: Vec<&str> = f.wanted().iter().map(|w| w.label(lang)).collect();
                format!("{}：{}", f.label(lang), fields.join(ctx.l(labels::OR)))
            })
            .collect();
        let mut cells: Vec<Out> = id_name(r).into();
        cells.push(text_of(&r.account.owner));
        cells.push(Out::Score(Some(s.score)));
        cells.push(Out::Text(factors.join(sep)));
        cells.push(Out::Text(wanted.join(ctx.l(labels::CLAUSE_SEP))));
        cells.push(Out::Text(Grade::NeedsInfo.action(lang).to_string()));
        cells.push(Out::Text(r.source.display()));
        t.row(wb, fmt, &cells)?;
    }
    t.finish()
}

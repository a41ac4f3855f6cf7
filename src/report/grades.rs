//! The A / B / C / D tabs: one row per account, best score first, with every factor's points,
//! the reason, the action of seed 004, the quadrant, the flags and where the row came from.

use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::ingest::Record;
use crate::score::{Factor, FlagKind, Grade, Scored};

/// The accounts of one grade, best score first (then input order).
pub fn ranked<'a>(ctx: &Context<'a>, grade: Grade) -> Vec<(&'a Record, &'a Scored)> {
    let mut rows: Vec<(&Record, &Scored)> =
        ctx.loaded.accounts.iter().zip(&ctx.eval.scored).filter(|(_, s)| s.grade == grade).collect();
    rows.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
    rows
}

/// The account's id and name cells.
pub fn id_name(r: &Record) -> [Out; 2] {
    [Out::Text(r.account.key.as_str().to_string()), Out::Text(r.account.name.to_string())]
}

pub fn text_of(v: &Option<Box<str>>) -> Out {
    Out::Text(v.as_deref().unwrap_or_default().to_string())
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt, grade: Grade) -> Result<Vec<Worksheet>, XlsxError> {
    let lang = ctx.lang;
    let mut headers: Vec<&str> =
        vec![ctx.l(labels::ACCOUNT_ID), ctx.l(labels::ACCOUNT), ctx.l(labels::OWNER), ctx.l(labels::SCORE)];
    headers.extend(Factor::ALL.iter().map(|f| f.label(lang)));
    headers.extend([
        ctx.l(labels::REASON),
        ctx.l(labels::ACTION_ADVICE),
        ctx.l(labels::QUADRANT),
        ctx.l(labels::FLAGS),
        ctx.l(labels::DEAL_VALUE),
        ctx.l(labels::EXPECTED_CLOSE),
        ctx.l(labels::SOURCE),
    ]);
    let mut widths = vec![12.0, 30.0, 10.0, 8.0];
    widths.extend([9.0; 8]);
    widths.extend([44.0, 30.0, 9.0, 24.0, 14.0, 12.0, 36.0]);
    let mut t = Table::new(wb, tab_name(Tab::Grade(grade), lang), &headers, &widths, fmt)?.data_bars(3);
    for (r, s) in ranked(ctx, grade) {
        let a = &r.account;
        let mut cells: Vec<Out> = id_name(r).into();
        cells.push(text_of(&a.owner));
        cells.push(Out::Score(Some(s.score)));
        cells.extend(s.points().map(Out::Score));
        cells.push(Out::Text(s.reason(ctx.model, lang)));
        cells.push(Out::Text(grade.action(lang).to_string()));
        cells.push(Out::Text(s.quadrant.label(lang).to_string()));
        let flags: Vec<&str> = s.flags.iter().map(|f| f.kind.label(lang)).collect();
        let sep = ctx.l(labels::LIST_SEP);
        cells.push(if flags.is_empty() { Out::Text(String::new()) } else { Out::Flagged(flags.join(sep)) });
        let deal = a.deal_value().and_then(|d| d.mid());
        cells.push(if s.has(FlagKind::OverBudget) { Out::FlaggedMoney(deal) } else { Out::Money(deal) });
        let close = a.expected_close();
        cells.push(if s.has(FlagKind::CloseDatePassed) || s.has(FlagKind::NoTimeline) {
            Out::FlaggedDate(close)
        } else {
            Out::Date(close)
        });
        cells.push(Out::Text(r.source.display()));
        t.row(wb, fmt, &cells)?;
    }
    t.finish()
}

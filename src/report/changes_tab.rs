//! 变动 Changes (with `--previous`): per account the grade last month and now, the score change,
//! how far the expected close date moved, and the flags raised and cleared. Moves down first,
//! then up, new and gone; unchanged accounts last.

use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::changes::{Change, Movement};

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt, changes: &[Change]) -> Result<Vec<Worksheet>, XlsxError> {
    let lang = ctx.lang;
    let headers = [
        ctx.l(labels::MOVEMENT),
        ctx.l(labels::ACCOUNT_ID),
        ctx.l(labels::ACCOUNT),
        ctx.l(labels::GRADE_THEN),
        ctx.l(labels::GRADE_NOW),
        ctx.l(labels::SCORE_CHANGE),
        ctx.l(labels::SCORE_THEN),
        ctx.l(labels::SCORE_NOW),
        ctx.l(labels::CLOSE_DATE_MOVED_DAYS),
        ctx.l(labels::CLOSE_THEN),
        ctx.l(labels::CLOSE_NOW),
        ctx.l(labels::FLAGS_RAISED),
        ctx.l(labels::FLAGS_CLEARED),
    ];
    let widths = [8.0, 12.0, 30.0, 9.0, 9.0, 10.0, 9.0, 9.0, 12.0, 12.0, 12.0, 24.0, 24.0];
    let mut t = Table::new(wb, tab_name(Tab::Changes, lang), &headers, &widths, fmt)?;
    let mut order: Vec<&Change> = changes.iter().collect();
    order.sort_by(|a, b| {
        a.movement
            .cmp(&b.movement)
            .then(b.score_delta().unwrap_or(0.0).abs().total_cmp(&a.score_delta().unwrap_or(0.0).abs()))
    });
    let sep = ctx.l(labels::LIST_SEP);
    let flags = |fs: &[crate::score::FlagKind]| fs.iter().map(|f| f.label(lang)).collect::<Vec<_>>().join(sep);
    for c in order {
        let label = c.movement.label(lang).to_string();
        let slipped = c.close_shift_days.is_some_and(|d| d > 0);
        t.row(
            wb,
            fmt,
            &[
                if c.movement == Movement::Down { Out::Flagged(label) } else { Out::Text(label) },
                Out::Text(c.key.clone()),
                Out::Text(c.name.clone()),
                Out::Text(c.from.map(|g| g.label(lang).to_string()).unwrap_or_default()),
                Out::Text(c.to.map(|g| g.label(lang).to_string()).unwrap_or_default()),
                Out::Score(c.score_delta()),
                Out::Score(c.score_from),
                Out::Score(c.score_to),
                Out::Int(c.close_shift_days),
                Out::Date(c.close_from),
                if slipped { Out::FlaggedDate(c.close_to) } else { Out::Date(c.close_to) },
                Out::Text(flags(&c.flags_raised)),
                Out::Text(flags(&c.flags_cleared)),
            ],
        )?;
    }
    t.finish()
}

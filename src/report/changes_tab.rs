//! 变动 Changes (with `--previous`, SPEC §4 item 10): per account the owner, the grade last month
//! and now, the movement, the stage (and where it moved from), the score change, the deal value,
//! the factors whose points moved, the reason for the grade now, how far the expected close date
//! moved, the flags raised and cleared, and the change in
//! receivables and overdue. Moves down first, then up, new, gone and changed; unchanged accounts
//! last.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, fit_width, Column};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::changes::{Change, Movement};
use crate::ingest::Stage;
use crate::labels;
use crate::numfmt::score_text;
use crate::score::{Factor, FlagKind, Grade};

/// The factors whose points moved: "关系紧密度 −0.63、竞争优劣势 +0.63" (two decimals, half away
/// from zero, as the score cells).
pub fn factors_text(moved: &[(Factor, f64)], lang: crate::Lang) -> String {
    moved
        .iter()
        .map(|(f, d)| format!("{} {}{}", f.label(lang), if *d < 0.0 { "−" } else { "+" }, score_text(d.abs())))
        .collect::<Vec<_>>()
        .join(labels::LIST_SEP.get(lang))
}

fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, &'a Change>> {
    let lang = ctx.lang;
    let grade = move |g: Option<Grade>| Out::Text(g.map(|g| g.label(lang).to_string()).unwrap_or_default());
    let flags = move |fs: &[FlagKind]| {
        Out::Text(fs.iter().map(|f| f.label(lang)).collect::<Vec<_>>().join(ctx.l(labels::LIST_SEP)))
    };
    // Names never cut: the ID, name and owner columns as wide as the longest (accounts gone
    // since last month included).
    let changes = ctx.changes.unwrap_or_default();
    let fit = |label, values: &mut dyn Iterator<Item = &'a str>| fit_width(ctx.l(label), 8.0, values);
    let id_width = fit(labels::ACCOUNT_ID, &mut changes.iter().map(|c| c.key.as_str()));
    let name_width = fit(labels::ACCOUNT, &mut changes.iter().map(|c| c.name.as_str()));
    let owner_width = fit(labels::OWNER, &mut changes.iter().filter_map(|c| c.owner.as_deref()));
    let stage_width = fit_width(ctx.l(labels::STAGE), 0.0, Stage::ALL.map(|s| s.label(lang))) * 2.0 + 1.0;
    vec![
        col(ctx.l(labels::ACCOUNT_ID), id_width, |c: &&Change| Out::Text(c.key.clone())),
        col(ctx.l(labels::ACCOUNT), name_width, |c: &&Change| Out::Text(c.name.clone())),
        col(ctx.l(labels::OWNER), owner_width, |c: &&Change| Out::Text(c.owner.clone().unwrap_or_default())),
        col(ctx.l(labels::GRADE_THEN), 9.0, move |c: &&Change| grade(c.from)),
        col(ctx.l(labels::GRADE_NOW), 9.0, move |c: &&Change| grade(c.to)),
        col(ctx.l(labels::MOVEMENT), 8.0, move |c: &&Change| {
            let label = c.movement.label(lang).to_string();
            if c.movement == Movement::Down {
                Out::Flagged(label)
            } else {
                Out::Text(label)
            }
        }),
        // The stage now, or "信息收集 → 价值评估" when it moved.
        col(ctx.l(labels::STAGE), stage_width, move |c: &&Change| {
            let label = |key: Option<&str>| key.and_then(Stage::from_key).map(|s| s.label(lang)).unwrap_or("—");
            let now = c.index.map(|i| ctx.view(i));
            match (&c.stage_from, c.stage_to) {
                (Some(then), now) if Some(then.as_str()) != now => {
                    Out::Text(format!("{} → {}", label(Some(then)), label(now)))
                }
                _ => Out::Text(now.and_then(|v| v.stage()).map(|s| s.label(lang)).unwrap_or_default().to_string()),
            }
        }),
        col(ctx.l(labels::SCORE_CHANGE), 10.0, |c: &&Change| Out::Score(c.score_delta())),
        col(ctx.l(labels::DEAL_VALUE), 14.0, |c: &&Change| Out::Money(c.deal_value)),
        col(ctx.l(labels::FACTORS_MOVED), 30.0, move |c: &&Change| {
            Out::Text(c.factors_moved.as_deref().map(|m| factors_text(m, lang)).unwrap_or_default())
        })
        .wrapped(),
        // Why the grade is what it is now: a grade can move with the score unchanged (the close
        // date came within the A window, a flag capped it).
        col(ctx.l(labels::REASON_NOW), 32.0, move |c: &&Change| {
            Out::Text(c.index.map(|i| ctx.view(i).scored.reason(ctx.model, lang)).unwrap_or_default())
        })
        .wrapped(),
        col(ctx.l(labels::CLOSE_DATE_MOVED_DAYS), 12.0, |c: &&Change| Out::Int(c.close_shift_days)),
        col(ctx.l(labels::FLAGS_RAISED), 24.0, move |c: &&Change| flags(&c.flags_raised)).wrapped(),
        col(ctx.l(labels::FLAGS_CLEARED), 24.0, move |c: &&Change| flags(&c.flags_cleared)).wrapped(),
        col(ctx.l(labels::RECEIVABLES_CHANGE), 14.0, |c: &&Change| Out::Money(c.receivables_delta)),
        col(ctx.l(labels::OVERDUE_CHANGE), 14.0, |c: &&Change| match c.overdue_delta {
            Some(d) if d > 0.0 => Out::FlaggedMoney(Some(d)),
            d => Out::Money(d),
        }),
        col(ctx.l(labels::SCORE_THEN), 9.0, |c: &&Change| Out::Score(c.score_from)),
        col(ctx.l(labels::SCORE_NOW), 9.0, |c: &&Change| Out::Score(c.score_to)),
        col(ctx.l(labels::CLOSE_THEN), 12.0, |c: &&Change| Out::Date(c.close_from)),
        col(ctx.l(labels::CLOSE_NOW), 12.0, |c: &&Change| {
            if c.close_shift_days.is_some_and(|d| d > 0) {
                Out::FlaggedDate(c.close_to)
            } else {
                Out::Date(c.close_to)
            }
        }),
        // The value segment: "重要价值 → 一般保持" when it moved, else as it is.
        col(ctx.l(labels::SEGMENT), 22.0, move |c: &&Change| {
            let label = |s: Option<crate::value::Segment>| s.map(|s| s.label(lang)).unwrap_or("—");
            match (c.segment_from, c.segment_to) {
                (None, None) => Out::Text(String::new()),
                (a, b) if a == b => Out::Text(label(b).to_string()),
                (a, b) => Out::Flagged(format!("{} → {}", label(a), label(b))),
            }
        }),
    ]
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt, changes: &[Change]) -> Result<Vec<Worksheet>, XlsxError> {
    let cols = columns(ctx);
    let mut t = Table::of(wb, tab_name(Tab::Changes, ctx.lang), &cols, fmt)?;
    let mut order: Vec<&Change> = changes.iter().collect();
    order.sort_by(|a, b| {
        a.movement
            .cmp(&b.movement)
            .then(b.score_delta().unwrap_or(0.0).abs().total_cmp(&a.score_delta().unwrap_or(0.0).abs()))
    });
    for c in order {
        t.item(wb, fmt, &cols, &c)?;
    }
    t.finish()
}

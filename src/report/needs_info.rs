//! 待补充 Needs information: a to-do list. The grade's action once above it, then per account
//! its deal and each missing item on its own line ("决策人：未填写（K 列）"), the unknown
//! factors and the failed intent checks alike, biggest deal first so the biggest unknowns are
//! chased first.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::grades::{action_line, ranked};
use super::table::{col, Column};
use super::view::{self, View};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::field::Field;
use crate::labels;
use crate::score::flags::Reason;
use crate::score::{Factor, FlagKind, Grade};
use crate::Lang;

/// " (column K)": where a field of the account's sheet is, when the sheet has it.
fn at(v: &View, f: Field, lang: Lang) -> String {
    match v.record.source_of(f).sheet.col(f) {
        Some(c) => {
            let letter = crate::provenance::column_letters(c);
            match lang {
                Lang::Zh => format!("（{letter} 列）"),
                Lang::En => format!(" (column {letter})"),
            }
        }
        None => String::new(),
    }
}

/// A field's label inside a sentence: "Registered capital" → "registered capital" (an
/// initialism such as "AR balance" stays).
fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_ascii_uppercase() && second.is_ascii_lowercase() => {
            first.to_ascii_lowercase().to_string() + &label[1..]
        }
        _ => label.to_string(),
    }
}

/// The fields that make a factor known without its rating; `true` when any one of them does
/// (else all are needed).
fn derived_from(f: Factor) -> (Vec<Field>, bool) {
    let fields = f.wanted().iter().copied().filter(|w| Some(*w) != f.rating_field());
    match f {
        // Budget alone counts (.75); the deal value only refines it.
        Factor::NeedBudget => (vec![Field::Budget], false),
        // A credit rating, or payment terms or receivables data.
        Factor::IntegrityCredit => (fields.collect(), true),
        _ => (fields.collect(), false),
    }
}

/// What to fill in for an unknown factor: "资金状况：未填写 注册资本（L 列），或评分 1–5（M 列）";
/// a factor rated only: "关系紧密度：未评分，请填 1–5（K 列）". The fields it names go to `named`.
fn factor_item(v: &View, f: Factor, lang: Lang, named: &mut Vec<Field>) -> String {
    let (colon, comma) = (labels::COLON.get(lang), if lang == Lang::Zh { "，" } else { ", " });
    let (fields, any) = derived_from(f);
    let missing: Vec<Field> = fields.into_iter().filter(|w| any || !v.record.account.has(*w)).collect();
    let shown: Vec<String> =
        missing.iter().map(|w| format!("{}{}", in_sentence(w.label(lang)), at(v, *w, lang))).collect();
    named.extend(&missing);
    let sep = if any { labels::OR.get(lang) } else { labels::LIST_SEP.get(lang) };
    let label = f.label(lang);
    let rating = f.rating_field().map(|r| at(v, r, lang));
    match (shown.is_empty(), rating) {
        (false, None) => format!("{label}{colon}{} {}", labels::MISSING.get(lang), shown.join(sep)),
        (false, Some(at)) => format!(
            "{label}{colon}{} {}{comma}{}{at}",
            labels::MISSING.get(lang),
            shown.join(sep),
            labels::OR_RATE_1_TO_5.get(lang)
        ),
        (true, at) => format!(
            "{label}{colon}{}{comma}{}{}",
            labels::NOT_RATED.get(lang),
            labels::ENTER_1_TO_5.get(lang),
            at.unwrap_or_default()
        ),
    }
}

/// A field and what is wrong with it: "决策人：未填写（K 列）".
fn field_item(v: &View, f: Field, state: labels::Text, lang: Lang) -> String {
    format!("{}{}{}{}", f.label(lang), labels::COLON.get(lang), state.get(lang), at(v, f, lang))
}

/// The failed intent checks, each missing or unclear field once (those a factor line already
/// names are left out): the reasons of the account's vague-budget, need-unconfirmed,
/// decision-maker and timeline flags.
fn intent_items(ctx: &Context, v: &View, named: &mut Vec<Field>) -> Vec<String> {
    let lang = ctx.lang;
    let a = &v.record.account;
    let state = |f: Field, missing: labels::Text| if a.has(f) { missing } else { labels::MISSING };
    let mut out = Vec::new();
    for kind in [FlagKind::VagueBudget, FlagKind::NeedUnconfirmed, FlagKind::DecisionMakerUnclear, FlagKind::NoTimeline]
    {
        if !v.scored.has(kind) {
            continue;
        }
        let Some(flag) = crate::score::flags::flag(v.record, &v.scored.intent, ctx.model, ctx.eval.as_of, kind) else {
            continue;
        };
        for (reason, _) in &flag.reasons {
            let (field, what) = match reason {
                Reason::BudgetMissing => (Field::Budget, labels::MISSING),
                Reason::BudgetVague | Reason::NoObjectClaim | Reason::NoObjectInNotes(_) => {
                    (Field::Budget, state(Field::Budget, labels::NOT_A_CLEAR_NUMBER))
                }
                Reason::BudgetWideRange { .. } => (Field::Budget, labels::RANGE_TOO_WIDE),
                Reason::NeedNotConfirmed => (Field::NeedConsensus, state(Field::NeedConsensus, labels::NOT_CONFIRMED)),
                Reason::NoDecisionMaker => (Field::DecisionMaker, state(Field::DecisionMaker, labels::UNCLEAR)),
                Reason::AttitudeUnknown => (Field::DecisionAttitude, state(Field::DecisionAttitude, labels::UNKNOWN)),
                Reason::NoCloseDate => (Field::ExpectedClose, labels::MISSING),
                Reason::MissingDate(f) => (*f, labels::MISSING),
                _ => continue,
            };
            if !named.contains(&field) {
                named.push(field);
                out.push(field_item(v, field, what, lang));
            }
        }
    }
    out
}

/// Every missing item of an account, one a line.
fn to_do(ctx: &Context, v: &View) -> String {
    let mut named = Vec::new();
    let mut lines: Vec<String> =
        v.scored.unknown().into_iter().map(|f| factor_item(v, f, ctx.lang, &mut named)).collect();
    lines.extend(intent_items(ctx, v, &mut named));
    lines.join("\n")
}

fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, View<'a>>> {
    let me = |v: &View<'a>| *v;
    vec![
        view::id(ctx, me),
        view::name(ctx, me),
        view::owner(ctx, me),
        col(ctx.l(labels::DEAL_VALUE), 14.0, |v: &View| Out::Money(v.deal())),
        col(ctx.l(labels::EXPECTED_CLOSE), 12.0, |v: &View| Out::Date(v.record.account.expected_close())),
        col(ctx.l(labels::FILL_IN), 50.0, move |v: &View| Out::Text(to_do(ctx, v))).wrapped(),
        col(ctx.l(labels::SCORE_SO_FAR), 10.0, |v: &View| Out::Score(Some(v.scored.score))),
        view::source(ctx, me),
    ]
}

/// The accounts that need information, largest deal value first (unknown last), then by score.
fn by_deal_value<'a>(ctx: &Context<'a>) -> Vec<View<'a>> {
    let mut rows = ranked(ctx, Grade::NeedsInfo);
    rows.sort_by(|a, b| match (a.deal(), b.deal()) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    rows
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let cols = columns(ctx);
    let action = Grade::NeedsInfo.action(ctx.lang);
    let mut prelude = |ws: &mut Worksheet| action_line(ws, ctx, fmt, action);
    let mut t = Table::of_with_prelude(wb, tab_name(Tab::NeedsInfo, ctx.lang), &cols, fmt, &mut prelude)?;
    for v in by_deal_value(ctx) {
        t.item(wb, fmt, &cols, &v)?;
    }
    t.finish()
}

//! Changes since last month (SPEC §4 item 10): per account the grade then and now, the
//! movement, the score change and the factors whose points moved, how far the expected close
//! date moved, the flags raised and cleared, and the change in receivables and overdue.
//!
//! An account whose grade did not move is "changed" when its score (as shown, two decimals),
//! flags, expected close date, stage, receivables, overdue or factor points changed, and "same"
//! only when nothing did. Stage, receivables and factor points are compared only when last
//! month's report kept them (see [`crate::previous::Details`]).
//!
//! Pure. Accounts match by key (the id, else the normalised name); an account whose key does not
//! match is matched by its normalised name, so a row that gained an id this month still matches.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::ingest::row::normalize_name;
use crate::ingest::{Record, Stage};
use crate::model::Model;
use crate::numfmt::{round, shown};
use crate::previous::{Details, Previous};
use crate::score::{Factor, FlagKind, Grade, Scored, Status};
use crate::Lang;

/// How an account moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    Down,
    Up,
    New,
    Gone,
    /// Same grade, but something else changed.
    Changed,
    /// Nothing changed.
    Same,
}

impl Movement {
    pub const ALL: [Movement; 6] =
        [Movement::Down, Movement::Up, Movement::New, Movement::Gone, Movement::Changed, Movement::Same];

    pub fn label(self, lang: Lang) -> &'static str {
        self.label_text().get(lang)
    }

    /// The label in both languages, from the label table.
    pub fn label_text(self) -> crate::labels::Text {
        use crate::labels;
        match self {
            Movement::Down => labels::MOVEMENT_DOWN,
            Movement::Up => labels::MOVEMENT_UP,
            Movement::New => labels::MOVEMENT_NEW,
            Movement::Gone => labels::MOVEMENT_GONE,
            Movement::Changed => labels::MOVEMENT_CHANGED,
            Movement::Same => labels::MOVEMENT_SAME,
        }
    }
}

/// One account's change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The account's index this month (None: gone since last month).
    pub index: Option<usize>,
    pub key: String,
    pub name: String,
    pub from: Option<Grade>,
    pub to: Option<Grade>,
    pub movement: Movement,
    pub score_from: Option<f64>,
    pub score_to: Option<f64>,
    /// Days the expected close date moved (positive: later).
    pub close_shift_days: Option<i64>,
    pub close_from: Option<chrono::NaiveDate>,
    pub close_to: Option<chrono::NaiveDate>,
    pub flags_raised: Vec<FlagKind>,
    pub flags_cleared: Vec<FlagKind>,
    /// The value segment last month and now (with order history).
    pub segment_from: Option<crate::value::Segment>,
    pub segment_to: Option<crate::value::Segment>,
    /// The owner now (last month's for an account that is gone).
    pub owner: Option<String>,
    /// The deal value now (a range's midpoint).
    pub deal_value: Option<f64>,
    /// The factors whose points moved, with now − then, in factor order; None when there is
    /// nothing to compare (new, gone, or a report that did not keep the points).
    pub factors_moved: Option<Vec<(Factor, f64)>>,
    /// Now − then of the receivables balance and of the overdue amount (an unknown side counts
    /// 0); None when unknown both times or not compared.
    pub receivables_delta: Option<f64>,
    pub overdue_delta: Option<f64>,
    /// Now − then of the provision; None like the receivables'.
    pub provision_delta: Option<f64>,
    /// The stage key then and now, when compared.
    pub stage_from: Option<String>,
    pub stage_to: Option<&'static str>,
}

impl Change {
    pub fn score_delta(&self) -> Option<f64> {
        Some(((self.score_to? - self.score_from?) * 1e6).round() / 1e6)
    }
}

/// What the data tab keeps of an account for next month, worked out the same way this month:
/// the stage, the receivables and overdue of the JSON `receivables`, and the factor points.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub stage: Option<&'static str>,
    pub receivables: Option<f64>,
    pub overdue: Option<f64>,
    pub provision: Option<f64>,
    pub points: [Option<f64>; 8],
}

/// An account's stage key as the JSON gives it: won or lost for a won or lost account.
pub fn stage_key(r: &Record) -> Option<&'static str> {
    match Status::of(r) {
        Status::Won => Some(Stage::Won),
        Status::Lost => Some(Stage::Lost),
        Status::Prospect => r.account.stage(),
    }
    .map(Stage::key)
}

/// An account's [`Figures`].
pub fn figures(r: &Record, s: &Scored, model: &Model) -> Figures {
    let position = crate::receivables::position(r, s, model);
    Figures {
        stage: stage_key(r),
        receivables: position.as_ref().map(|p| round(p.balance, 2)),
        overdue: position.as_ref().map(|p| round(p.overdue, 2)),
        provision: position.as_ref().map(|p| round(p.provision, 2)),
        points: s.points(),
    }
}

/// Now − then of an amount, to the cent; an unknown side counts 0; None when both are unknown.
fn amount_delta(then: Option<f64>, now: Option<f64>) -> Option<f64> {
    (then.is_some() || now.is_some()).then(|| round(now.unwrap_or(0.0) - then.unwrap_or(0.0), 2))
}

/// The factors whose points moved, now − then to 6 decimals: a move shows in two decimals
/// (at least 0.005). Unknown counts 0, as in the score.
pub fn factors_moved(then: &[Option<f64>; 8], now: &[Option<f64>; 8]) -> Vec<(Factor, f64)> {
    Factor::ALL
        .iter()
        .zip(then.iter().zip(now))
        .map(|(f, (a, b))| (*f, round(b.unwrap_or(0.0) - a.unwrap_or(0.0), 6)))
        .filter(|(_, d)| shown(*d) != 0.0)
        .collect()
}

/// The movement of an account seen both months: up or down by grade; with the same grade,
/// changed when anything else changed, else the same.
pub fn movement(then: Grade, now: Grade, changed: bool) -> Movement {
    match rank(now).cmp(&rank(then)) {
        std::cmp::Ordering::Greater => Movement::Up,
        std::cmp::Ordering::Less => Movement::Down,
        std::cmp::Ordering::Equal if changed => Movement::Changed,
        std::cmp::Ordering::Equal => Movement::Same,
    }
}

/// A grade's rank for up/down: won highest (the deal closed), then A; needs-information below D
/// (least is known); lost lowest.
pub fn rank(g: Grade) -> u8 {
    match g {
        Grade::Won => 6,
        Grade::A => 5,
        Grade::B => 4,
        Grade::C => 3,
        Grade::D => 2,
        Grade::NeedsInfo => 1,
        Grade::Lost => 0,
    }
}

/// Compare this month's accounts with last month's.
pub fn changes(
    accounts: &[Record],
    scored: &[Scored],
    values: &[Option<crate::value::CustomerValue>],
    prev: &Previous,
    model: &Model,
) -> Vec<Change> {
    let by_key: HashMap<&str, usize> = prev.accounts.iter().enumerate().map(|(i, a)| (a.key.as_str(), i)).collect();
    let by_name: HashMap<String, usize> =
        prev.accounts.iter().enumerate().map(|(i, a)| (normalize_name(&a.name), i)).collect();
    let mut matched = HashSet::new();
    let mut out = Vec::with_capacity(accounts.len());
    for (index, (r, s)) in accounts.iter().zip(scored).enumerate() {
        let a = &r.account;
        let segment_to = values.get(index).copied().flatten().map(|v| v.segment);
        let key = a.key.as_str().to_string();
        let name = a.name.to_string();
        let hit = by_key
            .get(key.as_str())
            .or_else(|| by_name.get(&normalize_name(&name)))
            .copied()
            .filter(|i| !matched.contains(i));
        let flags_now: Vec<FlagKind> = s.flags.iter().collect();
        let close_to = a.expected_close();
        let owner = a.owner.as_deref().map(str::to_string);
        let deal_value = a.deal();
        let Some(i) = hit else {
            out.push(Change {
                index: Some(index),
                key,
                name,
                from: None,
                to: Some(s.grade),
                movement: Movement::New,
                score_from: None,
                score_to: Some(s.score),
                close_shift_days: None,
                close_from: None,
                close_to,
                flags_raised: flags_now,
                flags_cleared: Vec::new(),
                segment_from: None,
                segment_to,
                owner,
                deal_value,
                factors_moved: None,
                receivables_delta: None,
                overdue_delta: None,
                provision_delta: None,
                stage_from: None,
                stage_to: None,
            });
            continue;
        };
        matched.insert(i);
        let p = &prev.accounts[i];
        let flags_raised: Vec<FlagKind> = flags_now.iter().filter(|f| !p.flags.contains(f)).copied().collect();
        let flags_cleared: Vec<FlagKind> = p.flags.iter().filter(|f| !flags_now.contains(f)).copied().collect();
        // Last month's stage, receivables and points, when its report kept them.
        let compared = p.details.as_ref().map(|then: &Details| (then, figures(r, s, model)));
        let factors = compared.as_ref().map(|(then, now)| factors_moved(&then.points, &now.points));
        let receivables_delta =
            compared.as_ref().and_then(|(then, now)| amount_delta(then.receivables, now.receivables));
        let overdue_delta = compared.as_ref().and_then(|(then, now)| amount_delta(then.overdue, now.overdue));
        let provision_delta = compared.as_ref().and_then(|(then, now)| amount_delta(then.provision, now.provision));
        let stage_changed = compared.as_ref().is_some_and(|(then, now)| then.stage.as_deref() != now.stage);
        let changed = shown(p.score) != shown(s.score)
            || !flags_raised.is_empty()
            || !flags_cleared.is_empty()
            || p.expected_close != close_to
            || stage_changed
            || receivables_delta.is_some_and(|d| d != 0.0)
            || overdue_delta.is_some_and(|d| d != 0.0)
            || factors.as_ref().is_some_and(|f| !f.is_empty());
        out.push(Change {
            index: Some(index),
            key,
            name,
            from: Some(p.grade),
            to: Some(s.grade),
            movement: movement(p.grade, s.grade, changed),
            score_from: Some(p.score),
            score_to: Some(s.score),
            close_shift_days: p.expected_close.zip(close_to).map(|(a, b)| (b - a).num_days()),
            close_from: p.expected_close,
            close_to,
            flags_raised,
            flags_cleared,
            segment_from: p.segment,
            segment_to,
            owner,
            deal_value,
            factors_moved: factors,
            receivables_delta,
            overdue_delta,
            provision_delta,
            stage_from: compared.as_ref().and_then(|(then, _)| then.stage.clone()),
            stage_to: compared.as_ref().and_then(|(_, now)| now.stage),
        });
    }
    for (i, p) in prev.accounts.iter().enumerate().filter(|(i, _)| !matched.contains(i)) {
        let _ = i;
        out.push(Change {
            index: None,
            key: p.key.clone(),
            name: p.name.clone(),
            from: Some(p.grade),
            to: None,
            movement: Movement::Gone,
            score_from: Some(p.score),
            score_to: None,
            close_shift_days: None,
            close_from: p.expected_close,
            close_to: None,
            flags_raised: Vec::new(),
            flags_cleared: p.flags.clone(),
            segment_from: p.segment,
            segment_to: None,
            owner: p.owner.clone(),
            deal_value: None,
            factors_moved: None,
            receivables_delta: None,
            overdue_delta: None,
            provision_delta: None,
            stage_from: p.details.as_ref().and_then(|d| d.stage.clone()),
            stage_to: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::NaiveDate;

    use super::*;
    use crate::field::Field;
    use crate::ingest::{Account, Answer, Attitude, DecisionMaker, Money, SheetSource, Source, Value, RATING_FIELDS};
    use crate::previous::PreviousAccount;
    use crate::provenance::SheetRef;

    fn model() -> Model {
        Model::default_model().unwrap()
    }

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    fn close() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, 31).unwrap()
    }

    /// K-1 乙公司: budget and deal 100万, every check passes, closing 2027-01-31 (62 days out),
    /// ratings 5,5,4,4,4,4,4: 2.5 + 2 × 2.5 + 5 × 1.875 = 16.875 → B; receivables 30万, 10万
    /// overdue (33% > 30%: weak credit).
    fn record(relationship: f64) -> Record {
        let mut a = Account::named("乙公司");
        a.set(Field::AccountId, Value::Text("K-1".into()));
        a.set(Field::Budget, Value::from(Money::amount(1e6, 1e6)));
        a.set(Field::DealValue, Value::from(Money::amount(1e6, 1e6)));
        a.set(Field::NeedConsensus, Value::from(Answer::Yes));
        a.set(Field::DecisionMaker, Value::from(DecisionMaker::Named));
        a.set(Field::DecisionAttitude, Value::from(Attitude::Support));
        a.set(Field::ExpectedClose, Value::from(close()));
        a.set(Field::ArBalance, Value::from(Money::amount(300_000.0, 300_000.0)));
        a.set(Field::OverdueAmount, Value::from(Money::amount(100_000.0, 100_000.0)));
        for (f, r) in RATING_FIELDS.iter().zip([5.0, 5.0, 4.0, relationship, 4.0, 4.0, 4.0]) {
            a.set(*f, Value::Rating { value: r, plain: false });
        }
        let at = SheetRef { file: Arc::from("f.xlsx"), sheet: Arc::from("S") };
        Record::new(a, Source { sheet: Arc::new(SheetSource::new(at, 0, [])), row: 1 })
    }

    /// Last month as the data tab of this month's `record(4.0)` would have it.
    fn then(r: &Record, s: &Scored) -> PreviousAccount {
        let f = figures(r, s, &model());
        PreviousAccount {
            key: "K-1".into(),
            name: "乙公司".into(),
            grade: s.grade,
            score: s.score,
            expected_close: Some(close()),
            flags: s.flags.iter().collect(),
            segment: None,
            owner: None,
            details: Some(Details {
                stage: f.stage.map(str::to_string),
                receivables: f.receivables,
                overdue: f.overdue,
                provision: f.provision,
                points: f.points,
            }),
        }
    }

    fn compare(r: &Record, s: &Scored, p: PreviousAccount) -> Change {
        let prev = Previous { as_of: None, accounts: vec![p] };
        let mut out = changes(std::slice::from_ref(r), std::slice::from_ref(s), &[], &prev, &model());
        assert_eq!(out.len(), 1);
        out.remove(0)
    }

    #[test]
    fn the_movement_rule() {
        assert_eq!(movement(Grade::B, Grade::B, false), Movement::Same);
        assert_eq!(movement(Grade::B, Grade::B, true), Movement::Changed);
        assert_eq!(movement(Grade::A, Grade::B, false), Movement::Down);
        assert_eq!(movement(Grade::D, Grade::C, true), Movement::Up);
        assert_eq!(movement(Grade::NeedsInfo, Grade::D, false), Movement::Up, "needs information ranks below D");
        assert_eq!(movement(Grade::A, Grade::Won, false), Movement::Up);
        // Sorted as the tab lists them: down, up, new, gone, changed, same.
        let mut all = Movement::ALL;
        all.sort();
        assert_eq!(all, Movement::ALL);
        assert_eq!(all[4], Movement::Changed);
    }

    #[test]
    fn factors_moved_show_in_two_decimals_and_unknown_counts_zero() {
        let then = [Some(2.5); 8];
        let mut now = then;
        now[4] = Some(1.875);
        now[5] = None;
        now[6] = Some(2.498); // 0.002: shows as 0.00, not a move
        assert_eq!(factors_moved(&then, &now), [(Factor::Relationship, -0.625), (Factor::Competitive, -2.5)]);
        assert_eq!(factors_moved(&then, &then), []);
    }

    #[test]
    fn nothing_changed_is_same_and_anything_changed_is_changed() {
        let m = model();
        let r = record(4.0);
        let s = crate::score::score_one(&r, &m, as_of());
        assert_eq!((s.grade, s.score), (Grade::B, 16.875));

        let c = compare(&r, &s, then(&r, &s));
        assert_eq!(c.movement, Movement::Same);
        assert_eq!(c.factors_moved, Some(vec![]));
        assert_eq!(c.receivables_delta, Some(0.0));

        // Last month the relationship was rated 5: 2.5 points, 0.625 more; score 17.5, still B
        // (the same receivables, close and flags).
        let r5 = record(5.0);
        let s5 = crate::score::score_one(&r5, &m, as_of());
        assert_eq!(s5.score, 17.5);
        let c = compare(&r, &s, then(&r5, &s5));
        assert_eq!((c.from, c.to, c.movement), (Some(Grade::B), Some(Grade::B), Movement::Changed));
        assert_eq!(c.score_delta(), Some(-0.625));
        assert_eq!(c.factors_moved, Some(vec![(Factor::Relationship, -0.625)]));

        // Only the receivables moved: 25万 then, 30万 now; overdue 10万 both times.
        let mut p = then(&r, &s);
        if let Some(d) = p.details.as_mut() {
            d.receivables = Some(250_000.0);
        }
        let c = compare(&r, &s, p);
        assert_eq!(c.movement, Movement::Changed);
        assert_eq!((c.receivables_delta, c.overdue_delta), (Some(50_000.0), Some(0.0)));

        // Only the stage: unknown both times here, so a stage last month is a change.
        let mut p = then(&r, &s);
        if let Some(d) = p.details.as_mut() {
            d.stage = Some("relationship".into());
        }
        assert_eq!(compare(&r, &s, p).movement, Movement::Changed);

        // A report that predates the details: receivables, stage and points are unknown then
        // and not compared.
        let mut p = then(&r5, &s5);
        p.score = s.score;
        p.details = None;
        let c = compare(&r, &s, p);
        assert_eq!(c.movement, Movement::Same);
        assert_eq!((c.factors_moved, c.receivables_delta), (None, None));

        // A close date that moved is a change; a flag raised too.
        let mut p = then(&r, &s);
        p.expected_close = NaiveDate::from_ymd_opt(2027, 1, 15);
        let c = compare(&r, &s, p);
        assert_eq!((c.movement, c.close_shift_days), (Movement::Changed, Some(16)));
        let mut p = then(&r, &s);
        p.flags.push(FlagKind::OverBudget);
        let c = compare(&r, &s, p);
        assert_eq!((c.movement, c.flags_cleared.as_slice()), (Movement::Changed, &[FlagKind::OverBudget][..]));
    }
}

//! Changes since last month: per account the grade then and now, the score change, how far the
//! expected close date moved, and the flags raised and cleared.
//!
//! Pure. Accounts match by key (the id, else the normalised name); an account whose key does not
//! match is matched by its normalised name, so a row that gained an id this month still matches.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::ingest::row::normalize_name;
use crate::ingest::Record;
use crate::previous::Previous;
use crate::score::{FlagKind, Grade, Scored};
use crate::Lang;

/// How an account moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    Down,
    Up,
    New,
    Gone,
    Same,
}

impl Movement {
    pub const ALL: [Movement; 5] = [Movement::Down, Movement::Up, Movement::New, Movement::Gone, Movement::Same];

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
            Movement::Same => labels::MOVEMENT_SAME,
        }
    }
}

/// One account's change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
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
}

impl Change {
    pub fn score_delta(&self) -> Option<f64> {
        Some(((self.score_to? - self.score_from?) * 1e6).round() / 1e6)
    }
}

/// A grade's rank for up/down: won highest (the deal closed), then A; needs-information below D
/// (least is known); lost lowest.
fn rank(g: Grade) -> u8 {
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
        let Some(i) = hit else {
            out.push(Change {
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
            });
            continue;
        };
        matched.insert(i);
        let p = &prev.accounts[i];
        let movement = match rank(s.grade).cmp(&rank(p.grade)) {
            std::cmp::Ordering::Greater => Movement::Up,
            std::cmp::Ordering::Less => Movement::Down,
            std::cmp::Ordering::Equal => Movement::Same,
        };
        out.push(Change {
            key,
            name,
            from: Some(p.grade),
            to: Some(s.grade),
            movement,
            score_from: Some(p.score),
            score_to: Some(s.score),
            close_shift_days: p.expected_close.zip(close_to).map(|(a, b)| (b - a).num_days()),
            close_from: p.expected_close,
            close_to,
            flags_raised: flags_now.iter().filter(|f| !p.flags.contains(f)).copied().collect(),
            flags_cleared: p.flags.iter().filter(|f| !flags_now.contains(f)).copied().collect(),
            segment_from: p.segment,
            segment_to,
        });
    }
    for (i, p) in prev.accounts.iter().enumerate().filter(|(i, _)| !matched.contains(i)) {
        let _ = i;
        out.push(Change {
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
        });
    }
    out
}

//! The attack / defend quadrant of seed 002: purchasing capability against our share.
//!
//! Pure. A new account (12-month sales recorded as 0) is attacked whatever its capability;
//! otherwise high capability and high share → defend, high capability and low share →
//! maintain, low and low → abandon, low capability and high share → the model's setting.

use serde::Serialize;

use crate::ingest::{Account, Record};
use crate::model::{CapabilityLine, Model, Quadrant4};
use crate::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    Attack,
    Defend,
    Maintain,
    Abandon,
    /// Capability or share unknown.
    Unclassified,
}

impl Quadrant {
    pub const ALL: [Quadrant; 5] =
        [Quadrant::Attack, Quadrant::Defend, Quadrant::Maintain, Quadrant::Abandon, Quadrant::Unclassified];

    pub fn key(self) -> &'static str {
        match self {
            Quadrant::Attack => "attack",
            Quadrant::Defend => "defend",
            Quadrant::Maintain => "maintain",
            Quadrant::Abandon => "abandon",
            Quadrant::Unclassified => "unclassified",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        self.label_text().get(lang)
    }

    /// The label in both languages, from the label table.
    pub fn label_text(self) -> crate::labels::Text {
        use crate::labels;
        match self {
            Quadrant::Attack => labels::QUADRANT_ATTACK,
            Quadrant::Defend => labels::QUADRANT_DEFEND,
            Quadrant::Maintain => labels::QUADRANT_MAINTAIN,
            Quadrant::Abandon => labels::QUADRANT_ABANDON,
            Quadrant::Unclassified => labels::QUADRANT_UNCLASSIFIED,
        }
    }
}

impl From<Quadrant4> for Quadrant {
    fn from(q: Quadrant4) -> Quadrant {
        match q {
            Quadrant4::Attack => Quadrant::Attack,
            Quadrant4::Defend => Quadrant::Defend,
            Quadrant4::Maintain => Quadrant::Maintain,
            Quadrant4::Abandon => Quadrant::Abandon,
        }
    }
}

/// The account's annual purchase (its purchasing capability), when known.
pub fn capability(acc: &Account) -> Option<f64> {
    acc.annual_purchase().and_then(|a| a.mid())
}

/// Our share: the share column, else 12-month sales ÷ annual purchase.
pub fn share(acc: &Account) -> Option<f64> {
    if let Some(s) = acc.share() {
        return Some(s);
    }
    let sales = acc.our_sales_12m()?.mid()?;
    let cap = capability(acc).filter(|c| *c > 0.0)?;
    Some((sales / cap).clamp(0.0, 1.0))
}

/// The "high capability" line: the median annual purchase of the run (every account with one,
/// needs-information ones included, lost ones not), or the model's fixed amount. None when no
/// account has one.
pub fn capability_line(records: &[Record], model: &Model) -> Option<f64> {
    match model.quadrant.capability_line {
        CapabilityLine::Fixed(v) => Some(v),
        CapabilityLine::Named(_) => {
            // Lost accounts are out of the population (SPEC §1c).
            let mut v: Vec<f64> = records
                .iter()
                .filter(|r| super::Status::of(r) != super::Status::Lost)
                .filter_map(|r| capability(&r.account))
                .collect();
            median(&mut v)
        }
    }
}

/// The median; for an even count, the mean of the two middle values.
pub fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

/// Whether the account is new (SPEC §1c): 0 sales in the last 12 months and no earlier order or
/// won deal known. An account whose orders are all older has sales 0 but is not new: its
/// quadrant follows its capability and a share of 0.
pub fn is_new(rec: &Record) -> bool {
    if rec.account.our_sales_12m().and_then(|s| s.mid()) != Some(0.0) {
        return false;
    }
    let roll = rec.rollup();
    let ordered = roll.and_then(|r| r.orders.as_ref()).is_some_and(|o| o.first_order.is_some());
    let won = roll.and_then(|r| r.deals.as_ref()).is_some_and(|d| d.won > 0);
    !ordered && !won
}

/// Place one account.
pub fn place(rec: &Record, line: Option<f64>, model: &Model) -> Quadrant {
    let acc = &rec.account;
    if is_new(rec) {
        return Quadrant::Attack;
    }
    let (Some(cap), Some(line)) = (capability(acc), line) else {
        return Quadrant::Unclassified;
    };
    let Some(share) = share(acc) else {
        return Quadrant::Unclassified;
    };
    let high_share = share >= model.quadrant.high_share;
    match (cap >= line, high_share) {
        (true, true) => Quadrant::Defend,
        (true, false) => Quadrant::Maintain,
        (false, false) => Quadrant::Abandon,
        (false, true) => model.quadrant.low_capability_high_share.into(),
    }
}

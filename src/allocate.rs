//! Resource allocation (seed 002): the team's time, people and money split across the attack /
//! defend / maintain / abandon quadrants by the model's ratios, then within each quadrant to
//! its accounts in proportion to their score points.
//!
//! Pure. A quadrant without accounts gives its share to the others in proportion to their
//! ratios; the result says which ones did, so the report can say so.

use crate::model::{Capacity, Ratios};
use crate::score::Quadrant;

/// The four quadrants that receive resources, in the report's order.
pub const QUADRANTS: [Quadrant; 4] = [Quadrant::Attack, Quadrant::Defend, Quadrant::Maintain, Quadrant::Abandon];

/// One account's claim: its quadrant, score points and deal value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Member {
    pub quadrant: Quadrant,
    pub points: f64,
    pub deal_value: f64,
}

/// One quadrant's part.
#[derive(Debug, Clone, PartialEq)]
pub struct QuadrantShare {
    pub quadrant: Quadrant,
    pub accounts: usize,
    pub deal_value: f64,
    /// The model's ratios out of 10: time, people, money.
    pub ratios: [f64; 3],
    /// The fraction of capacity after redistribution: time, people, money.
    pub shares: [f64; 3],
    pub hours: f64,
    pub people: f64,
    pub money: f64,
}

/// One account's part of its quadrant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AccountShare {
    /// The fraction of its quadrant's resources.
    pub fraction: f64,
    pub hours: f64,
    pub money: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Allocation {
    pub capacity: Capacity,
    pub quadrants: Vec<QuadrantShare>,
    /// Score points and head count per quadrant (in [`QUADRANTS`] order), from which
    /// [`Allocation::share`] gives each account its part: not stored per account, since a run
    /// has a million of them.
    sums: [(f64, usize); 4],
    /// Quadrants with a non-zero ratio but no accounts: their share went to the others.
    pub redistributed: Vec<Quadrant>,
    /// True when no quadrant with accounts has any ratio: nothing could be allocated.
    pub nothing_allocated: bool,
}

impl Allocation {
    /// A member's part of its quadrant (in proportion to its points; equal parts when the
    /// quadrant's points are all 0). None for an unclassified account.
    pub fn share(&self, m: &Member) -> Option<AccountShare> {
        let i = QUADRANTS.iter().position(|q| *q == m.quadrant)?;
        let (sum, n) = self.sums[i];
        let fraction = if sum > 0.0 { m.points.max(0.0) / sum } else { 1.0 / n.max(1) as f64 };
        let qs = self.quadrants.get(i)?;
        Some(AccountShare { fraction, hours: qs.hours * fraction, money: qs.money * fraction })
    }
}

fn ratios_of(r: &Ratios, q: Quadrant) -> [f64; 3] {
    match q {
        Quadrant::Attack => r.attack,
        Quadrant::Defend => r.defend,
        Quadrant::Maintain => r.maintain,
        Quadrant::Abandon => r.abandon,
        Quadrant::Unclassified => [0.0; 3],
    }
}

/// Split the capacity. One pass over the members (a run has a million), so they can come
/// straight from the accounts without being collected first.
pub fn allocate(members: impl IntoIterator<Item = Member>, ratios: &Ratios, capacity: Capacity) -> Allocation {
    // Per quadrant: score points, head count, deal value.
    let mut sums = [(0.0f64, 0usize); 4];
    let mut deal = [0.0f64; 4];
    let mut any = false;
    for m in members {
        any = true;
        if let Some(i) = QUADRANTS.iter().position(|q| *q == m.quadrant) {
            sums[i].0 += m.points.max(0.0);
            sums[i].1 += 1;
            deal[i] += m.deal_value;
        }
    }
    let present: Vec<bool> = sums.iter().map(|s| s.1 > 0).collect();
    let mut totals = [0.0; 3];
    for (q, p) in QUADRANTS.iter().zip(&present) {
        if *p {
            for (t, r) in totals.iter_mut().zip(ratios_of(ratios, *q)) {
                *t += r;
            }
        }
    }
    let cap = [capacity.hours, capacity.people, capacity.money];
    let quadrants: Vec<QuadrantShare> = QUADRANTS
        .iter()
        .zip(&present)
        .enumerate()
        .map(|(i, (q, p))| {
            let r = ratios_of(ratios, *q);
            let shares: [f64; 3] = std::array::from_fn(|i| if *p && totals[i] > 0.0 { r[i] / totals[i] } else { 0.0 });
            QuadrantShare {
                quadrant: *q,
                accounts: sums[i].1,
                deal_value: deal[i],
                ratios: r,
                shares,
                hours: cap[0] * shares[0],
                people: cap[1] * shares[1],
                money: cap[2] * shares[2],
            }
        })
        .collect();
    let redistributed = QUADRANTS
        .iter()
        .zip(&present)
        .filter(|(q, p)| !**p && ratios_of(ratios, **q).iter().any(|r| *r > 0.0))
        .map(|(q, _)| *q)
        .collect();
    Allocation {
        capacity,
        quadrants,
        sums,
        redistributed,
        nothing_allocated: any && totals.iter().all(|t| *t == 0.0) && present.iter().any(|p| *p),
    }
}

//! Resource allocation (seed 002): the team's time, people and money split across the attack /
//! defend / maintain / abandon quadrants by the model's ratios, then within each quadrant to
//! its accounts in proportion to `grade weight × score` (SPEC §3.4 v2: the plan follows the
//! grades, so a D account gets nothing and an A account never less than a lower grade).
//!
//! Pure. A quadrant without accounts, or whose accounts all weigh 0, gives its share to the
//! others in proportion to their ratios; the result says which ones did, so the report can say
//! so.

use crate::model::{Capacity, GradeWeights, Ratios};
use crate::score::{Grade, Quadrant};

/// The four quadrants that receive resources, in the report's order.
pub const QUADRANTS: [Quadrant; 4] = [Quadrant::Attack, Quadrant::Defend, Quadrant::Maintain, Quadrant::Abandon];

/// One account's claim: its quadrant, its weight (grade weight × score) and deal value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Member {
    pub quadrant: Quadrant,
    pub weight: f64,
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
    /// Full-time equivalents: the same fraction of the quadrant's people, so they follow the
    /// people ratios and sum to the team's people.
    pub fte: f64,
    pub money: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Allocation {
    pub capacity: Capacity,
    pub quadrants: Vec<QuadrantShare>,
    /// Weight and head count per quadrant (in [`QUADRANTS`] order), from which
    /// [`Allocation::share`] gives each account its part: not stored per account, since a run
    /// has a million of them.
    sums: [(f64, usize); 4],
    /// Quadrants with a non-zero ratio but no accounts: their share went to the others.
    pub redistributed: Vec<Quadrant>,
    /// Quadrants with a non-zero ratio whose accounts all weigh 0 (all D, say): their share
    /// went to the others too.
    pub weightless: Vec<Quadrant>,
    /// True when accounts were placed but no quadrant with weight has any ratio: nothing
    /// could be allocated.
    pub nothing_allocated: bool,
}

impl Allocation {
    /// A member's part of its quadrant, in proportion to its weight (0 in a quadrant whose
    /// accounts all weigh 0). None for an unclassified account.
    pub fn share(&self, m: &Member) -> Option<AccountShare> {
        let i = QUADRANTS.iter().position(|q| *q == m.quadrant)?;
        let (sum, _) = self.sums[i];
        let fraction = if sum > 0.0 { m.weight.max(0.0) / sum } else { 0.0 };
        let qs = self.quadrants.get(i)?;
        Some(AccountShare {
            fraction,
            hours: qs.hours * fraction,
            fte: qs.people * fraction,
            money: qs.money * fraction,
        })
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
    // Per quadrant: weight, head count, deal value.
    let mut sums = [(0.0f64, 0usize); 4];
    let mut deal = [0.0f64; 4];
    for m in members {
        if let Some(i) = QUADRANTS.iter().position(|q| *q == m.quadrant) {
            sums[i].0 += m.weight.max(0.0);
            sums[i].1 += 1;
            deal[i] += m.deal_value;
        }
    }
    let any = sums.iter().any(|s| s.1 > 0);
    // A quadrant takes part when its accounts weigh something.
    let present: Vec<bool> = sums.iter().map(|s| s.0 > 0.0).collect();
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
    let gave_away = |i: usize| !present[i] && ratios_of(ratios, QUADRANTS[i]).iter().any(|r| *r > 0.0);
    let redistributed = (0..4).filter(|&i| gave_away(i) && sums[i].1 == 0).map(|i| QUADRANTS[i]).collect();
    let weightless = (0..4).filter(|&i| gave_away(i) && sums[i].1 > 0).map(|i| QUADRANTS[i]).collect();
    Allocation {
        capacity,
        quadrants,
        sums,
        redistributed,
        weightless,
        nothing_allocated: any && totals.iter().all(|t| *t == 0.0),
    }
}

/// The load above which one owner is highlighted: 1.5 × an even share of the team's hours.
pub const OVERLOAD: f64 = 1.5;

/// One owner's (客户经理's) part of the plan (SPEC §3.4 v2), over all their accounts, any status.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnerLoad {
    /// Empty when the accounts name no owner.
    pub owner: String,
    /// Accounts per grade, in [`Grade::ALL`] order.
    pub by_grade: [usize; 7],
    pub accounts: usize,
    /// Open deal value.
    pub deal_value: f64,
    pub hours: f64,
    pub fte: f64,
    pub money: f64,
    /// Hours ÷ (capacity hours ÷ people): 1.0 is an even share of the team; None without
    /// capacity.
    pub load: Option<f64>,
}

impl OwnerLoad {
    pub fn overloaded(&self) -> bool {
        self.load.is_some_and(|l| l > OVERLOAD)
    }
}

/// One account as the owners table counts it.
pub struct Claim<'a> {
    pub owner: &'a str,
    pub grade: Grade,
    pub deal_value: Option<f64>,
    pub share: Option<AccountShare>,
}

/// The owners table: one row per owner, the most hours first (then by name).
pub fn owners<'a>(claims: impl IntoIterator<Item = Claim<'a>>, capacity: Capacity) -> Vec<OwnerLoad> {
    let mut by: std::collections::HashMap<&str, OwnerLoad> = std::collections::HashMap::new();
    for c in claims {
        let o = by.entry(c.owner.trim()).or_insert_with(|| OwnerLoad {
            owner: c.owner.trim().to_string(),
            by_grade: [0; 7],
            accounts: 0,
            deal_value: 0.0,
            hours: 0.0,
            fte: 0.0,
            money: 0.0,
            load: None,
        });
        if let Some(g) = Grade::ALL.iter().position(|g| *g == c.grade) {
            o.by_grade[g] += 1;
        }
        o.accounts += 1;
        o.deal_value += c.deal_value.unwrap_or(0.0);
        if let Some(s) = c.share {
            o.hours += s.hours;
            o.fte += s.fte;
            o.money += s.money;
        }
    }
    let even = (capacity.people > 0.0).then(|| capacity.hours / capacity.people).filter(|e| *e > 0.0);
    let mut out: Vec<OwnerLoad> = by.into_values().collect();
    for o in &mut out {
        o.load = even.map(|e| o.hours / e);
    }
    out.sort_by(|a, b| b.hours.total_cmp(&a.hours).then_with(|| a.owner.cmp(&b.owner)));
    out
}

/// An account's weight in its quadrant: the model's weight for its grade × its score.
pub fn weight(grade: Grade, score: f64, w: &GradeWeights) -> f64 {
    let g = match grade {
        Grade::A => w.a,
        Grade::B => w.b,
        Grade::C => w.c,
        Grade::D => w.d,
        Grade::NeedsInfo => w.needs_info,
        Grade::Won => w.won,
        Grade::Lost => w.lost,
    };
    g * score.max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> crate::model::Model {
        crate::model::Model::default_model().unwrap()
    }

    fn cap() -> Capacity {
        Capacity { hours: 1000.0, people: 10.0, money: 100_000.0 }
    }

    #[test]
    fn the_default_weights_follow_the_grades() {
        let w = model().allocation.grade_weights;
        assert_eq!(weight(Grade::A, 18.0, &w), 18.0);
        assert_eq!(weight(Grade::B, 16.0, &w), 16.0 * 0.6);
        assert_eq!(weight(Grade::C, 16.0, &w), 16.0 * 0.3);
        assert_eq!(weight(Grade::D, 14.9, &w), 0.0);
        assert_eq!(weight(Grade::Won, 20.0, &w), 12.0);
        assert_eq!(weight(Grade::NeedsInfo, 10.0, &w), 1.5);
        assert_eq!(weight(Grade::Lost, 20.0, &w), 0.0);
        // The lowest A (17) outweighs the highest B, won or needs-information account (20).
        for g in [Grade::B, Grade::C, Grade::D, Grade::NeedsInfo, Grade::Won, Grade::Lost] {
            assert!(weight(Grade::A, 17.0, &w) > weight(g, 20.0, &w), "{g:?}");
        }
    }

    #[test]
    fn a_quadrant_of_d_accounts_gives_its_share_away() {
        let ratios = model().allocation.ratios;
        let m = |q, weight| Member { quadrant: q, weight, deal_value: 0.0 };
        // Attack: two D accounts (weight 0); defend: one B; maintain: one C.
        let members =
            [m(Quadrant::Attack, 0.0), m(Quadrant::Attack, 0.0), m(Quadrant::Defend, 9.6), m(Quadrant::Maintain, 4.8)];
        let a = allocate(members, &ratios, cap());
        assert_eq!(a.weightless, [Quadrant::Attack]);
        assert!(a.redistributed.is_empty());
        assert_eq!(a.quadrants[0].accounts, 2, "the D accounts are still counted");
        assert_eq!(a.quadrants[0].hours, 0.0);
        // Time: defend 2, maintain 1 → 2/3 and 1/3 of 1000 hours.
        assert!((a.quadrants[1].hours - 2000.0 / 3.0).abs() < 1e-9);
        assert_eq!(a.share(&members[0]).unwrap().hours, 0.0);
        // People: defend 2, maintain 2 → 5 each; the one B account is all of defend.
        assert_eq!(a.share(&members[2]).unwrap().fte, 5.0);
    }

    #[test]
    fn only_d_accounts_allocate_nothing() {
        let ratios = model().allocation.ratios;
        let members = [Member { quadrant: Quadrant::Attack, weight: 0.0, deal_value: 0.0 }];
        let a = allocate(members, &ratios, cap());
        assert!(a.nothing_allocated);
        assert_eq!(a.quadrants.iter().map(|q| q.hours).sum::<f64>(), 0.0);
    }

    #[test]
    fn owners_share_the_capacity_and_an_overload_is_marked() {
        let ratios = model().allocation.ratios;
        let w = model().allocation.grade_weights;
        // (owner, grade, score, quadrant)
        let accounts = [
            ("王", Grade::A, 18.0, Quadrant::Attack),
            ("王", Grade::A, 17.0, Quadrant::Attack),
            ("李", Grade::D, 12.0, Quadrant::Attack),
            ("李", Grade::B, 16.0, Quadrant::Defend),
            ("", Grade::C, 15.0, Quadrant::Maintain),
            ("赵", Grade::Lost, 10.0, Quadrant::Unclassified),
        ];
        let member = |&(_, g, s, q): &(&str, Grade, f64, Quadrant)| Member {
            quadrant: q,
            weight: weight(g, s, &w),
            deal_value: 1.0,
        };
        let a = allocate(accounts.iter().map(member), &ratios, cap());
        let owners = owners(
            accounts.iter().map(|acc| Claim {
                owner: acc.0,
                grade: acc.1,
                deal_value: Some(1.0),
                share: a.share(&member(acc)),
            }),
            cap(),
        );
        let names: Vec<&str> = owners.iter().map(|o| o.owner.as_str()).collect();
        assert_eq!(names, ["王", "李", "", "赵"], "most hours first");
        // 王 has all of attack's 700 hours (7/10): 7 × an even share of 100 hours.
        assert!((owners[0].hours - 700.0).abs() < 1e-9);
        assert_eq!(owners[0].load.map(|l| (l * 1e9).round() / 1e9), Some(7.0));
        assert!(owners[0].overloaded());
        assert_eq!(owners[1].by_grade, [0, 1, 0, 1, 0, 0, 0]);
        assert!((owners[1].hours - 200.0).abs() < 1e-9, "the D account adds nothing");
        assert_eq!(owners[3].hours, 0.0);
        assert_eq!(owners[3].accounts, 1, "a lost account is counted");
        let hours: f64 = owners.iter().map(|o| o.hours).sum();
        let fte: f64 = owners.iter().map(|o| o.fte).sum();
        let money: f64 = owners.iter().map(|o| o.money).sum();
        assert!((hours - 1000.0).abs() < 1e-9 && (fte - 10.0).abs() < 1e-9 && (money - 100_000.0).abs() < 1e-6);
    }
}

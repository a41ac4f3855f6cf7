//! Receivables for finance (SPEC §3.6 v2): per account the balance in six buckets that add up to
//! it, provision, expected collections, credit-limit use, exposure and a risk level with the
//! rule that set it; totals that tie out, top exposures and concentration (seed 002's 20/80).
//!
//! Pure.

use serde::Serialize;

use crate::ingest::{Account, Record};
use crate::score::{FlagKind, Scored};

/// An account in the receivables view: what ordering the list needs. The whole row is
/// rebuilt with [`position`] when it is written (a run holds a million of these).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Listed {
    /// Index into the run's accounts.
    pub index: usize,
    pub level: Level,
    pub exposure: f64,
}

/// The receivables view (SPEC §3.6 v2): totals that tie out, by bucket and by risk level.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Receivables {
    pub rows: Vec<Listed>,
    /// Σ balances (net of credit notes).
    pub balance: f64,
    /// Σ per bucket: current, 1–30, 31–60, 61–90, 91–180, >180 days. They add up to `balance`.
    pub buckets: [f64; crate::ingest::rollup::BUCKETS],
    pub overdue: f64,
    pub provision: f64,
    /// Provision per bucket (floored at 0 per account and bucket, like the account's).
    pub provision_buckets: [f64; crate::ingest::rollup::BUCKETS],
    /// Current amounts falling due within 30, 60, 90 days (cumulative).
    pub due: [f64; 3],
    /// Accounts and exposure per level, in [`Level::ALL`] order.
    pub by_level: [(usize, f64); 4],
    /// Indices into `rows`, largest exposure first (at most 10).
    pub top: Vec<usize>,
    /// The share of all receivables held by the top 20% of accounts (by receivables).
    pub concentration: Option<f64>,
    /// Those accounts (indices into the run's accounts), largest first.
    pub concentrated: Vec<usize>,
}

fn amount(m: Option<crate::ingest::Money>) -> Option<f64> {
    m.and_then(|m| m.mid())
}

fn has_data(a: &Account) -> bool {
    a.ar_balance().is_some() || a.overdue_amount().is_some() || a.aging().is_some()
}

/// Build the view over every account with receivables data or a credit limit.
pub fn receivables(records: &[Record], scored: &[Scored], model: &crate::model::Model) -> Receivables {
    let mut out = Receivables::default();
    let mut owed: Vec<(f64, usize)> = Vec::new(); // positive balances, for concentration
    for (index, (r, s)) in records.iter().zip(scored).enumerate() {
        let Some(p) = position(r, s, model) else { continue };
        if p.balance > 0.0 {
            owed.push((p.balance, index));
        }
        out.balance += p.balance;
        out.overdue += p.overdue;
        out.provision += p.provision;
        for (i, v) in p.buckets.iter().enumerate() {
            out.buckets[i] += v;
            out.provision_buckets[i] += (v * model.receivables.provision_rates[i]).max(0.0);
        }
        for (t, v) in out.due.iter_mut().zip(p.due) {
            *t += v;
        }
        if let Some(l) = Level::ALL.iter().position(|l| *l == p.level) {
            out.by_level[l].0 += 1;
            out.by_level[l].1 += p.exposure;
        }
        out.rows.push(Listed { index, level: p.level, exposure: p.exposure });
    }
    // The ten largest exposures (ties in input order), without sorting a million rows.
    let before = |x: usize, y: usize| out.rows[y].exposure.total_cmp(&out.rows[x].exposure).then(x.cmp(&y));
    let mut top: Vec<usize> = Vec::with_capacity(11);
    for i in 0..out.rows.len() {
        if top.len() < 10 || top.last().is_some_and(|&last| before(i, last).is_lt()) {
            let at = top.partition_point(|&t| before(t, i).is_lt());
            top.insert(at, i);
            top.truncate(10);
        }
    }
    out.top = top;
    owed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let total: f64 = owed.iter().map(|o| o.0).sum();
    if total > 0.0 {
        let n = owed.len().div_ceil(5);
        out.concentration = Some(owed[..n].iter().map(|o| o.0).sum::<f64>() / total);
        out.concentrated = owed[..n].iter().map(|o| o.1).collect();
    }
    out
}

/// Days sales outstanding: receivables ÷ (12-month sales ÷ 365); None without sales.
pub fn dso(a: &Account, balance: f64) -> Option<f64> {
    amount(a.our_sales_12m()).filter(|v| *v > 0.0).map(|v| balance / (v / 365.0))
}

/// The risk level of SPEC §3.6 (v2): a rule on exposure, not on the flag alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    High,
    Medium,
    Low,
    /// Nothing owed and no open deal: a weak-credit account is then a watch note, not a risk.
    None,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::High, Level::Medium, Level::Low, Level::None];

    pub fn label(self, lang: crate::Lang) -> &'static str {
        use crate::labels;
        match self {
            Level::High => labels::RISK_HIGH,
            Level::Medium => labels::RISK_MEDIUM,
            Level::Low => labels::RISK_LOW,
            Level::None => labels::RISK_NONE,
        }
        .get(lang)
    }
}

/// One account's receivables as finance reads them (SPEC §3.6 v2, the JSON `receivables`).
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    pub balance: f64,
    /// Net outstanding per bucket: current, 1–30, 31–60, 61–90, 91–180, >180 days past due.
    /// They add up to `balance`.
    pub buckets: [f64; crate::ingest::rollup::BUCKETS],
    pub overdue: f64,
    /// The most days past due of an overdue item; 0 when nothing is overdue.
    pub overdue_days: u32,
    /// Current amounts falling due within 30, 60, 90 days (cumulative); 0 without due dates.
    pub due: [f64; 3],
    /// Σ over buckets of max(0, amount) × the model's rate.
    pub provision: f64,
    pub credit_limit: Option<f64>,
    /// Receivables + open deal value.
    pub exposure: f64,
    pub level: Level,
    /// The rule that set the level.
    pub rule: &'static crate::labels::Text,
}

/// Bucket sums that are only rounding noise are 0.
fn tidy(v: f64) -> f64 {
    if v.abs() < 0.005 {
        0.0
    } else {
        v
    }
}

/// One account's position; None when nothing is known of its receivables or credit limit.
///
/// The buckets come from its ledger when it has one (each item in the bucket of its own days
/// past due, credit notes netted); else from its bucket columns as given (the rest of the
/// balance current); else its overdue amount goes to the bucket of its overdue days and the rest
/// of the balance is current.
pub fn position(r: &Record, s: &Scored, model: &crate::model::Model) -> Option<Position> {
    use crate::ingest::rollup::bucket as bucket6;
    let a = &r.account;
    // A ledger without amounts says nothing of the balance.
    let ledger = r.rollup().and_then(|x| x.ledger.as_deref()).filter(|l| l.priced > 0);
    let limit = a.credit_limit();
    if ledger.is_none() && !has_data(a) && limit.is_none() {
        return None;
    }
    let mut buckets = [0.0; crate::ingest::rollup::BUCKETS];
    let (balance, overdue_days, due) = match ledger {
        Some(l) => {
            buckets = l.buckets;
            (l.balance, l.max_days, l.due)
        }
        None => {
            let balance = amount(a.ar_balance());
            let days = a.overdue_days().unwrap_or(0);
            if let Some(aging) = a.aging() {
                for (b, v) in buckets[1..].iter_mut().zip(aging) {
                    *b = v.unwrap_or(0.0);
                }
            } else if let Some(o) = amount(a.overdue_amount()).filter(|o| *o != 0.0) {
                buckets[bucket6(i64::from(days.max(1)))] = o;
            }
            let past: f64 = buckets[1..].iter().sum();
            let balance = balance.unwrap_or(past);
            buckets[0] = balance - past;
            (balance, if past > 0.0 { days } else { 0 }, [0.0; 3])
        }
    };
    let buckets = buckets.map(tidy);
    let overdue = tidy(buckets[1..].iter().sum());
    let provision =
        buckets.iter().zip(model.receivables.provision_rates).map(|(b, rate)| (b * rate).max(0.0)).sum::<f64>();
    let deal = if crate::score::has_open_deal(r) { a.deal().unwrap_or(0.0) } else { 0.0 };
    let exposure = balance + deal;
    let (level, rule) = level(r, s, balance, overdue, overdue_days, exposure, limit, model);
    Some(Position {
        balance: tidy(balance),
        buckets,
        overdue,
        overdue_days,
        due: due.map(tidy),
        provision,
        credit_limit: limit,
        exposure,
        level,
        rule,
    })
}

/// The level and the rule that set it (SPEC §3.6).
#[allow(clippy::too_many_arguments)]
fn level(
    r: &Record,
    s: &Scored,
    balance: f64,
    overdue: f64,
    overdue_days: u32,
    exposure: f64,
    limit: Option<f64>,
    model: &crate::model::Model,
) -> (Level, &'static crate::labels::Text) {
    use crate::labels as l;
    let a = &r.account;
    if exposure <= 0.0 {
        return (Level::None, &l::RULE_NOTHING_OWED);
    }
    let share = (balance > 0.0).then(|| overdue / balance);
    let weak_rating = a.credit_rating().is_some_and(|c| crate::score::flags::is_weak_rating(&c, model));
    if overdue_days > model.flags.weak_overdue_days {
        return (Level::High, &l::RULE_OVERDUE_DAYS);
    }
    if share.is_some_and(|x| x > model.flags.weak_overdue_share) {
        return (Level::High, &l::RULE_OVERDUE_SHARE);
    }
    if limit.is_some_and(|lim| exposure > lim) {
        return (Level::High, &l::RULE_OVER_LIMIT);
    }
    if weak_rating && balance > 0.0 {
        return (Level::High, &l::RULE_WEAK_RATING);
    }
    if overdue > 0.0 {
        return (Level::Medium, &l::RULE_OVERDUE);
    }
    if dso(a, balance).is_some_and(|d| d > f64::from(s.terms_days.unwrap_or(0)) + 30.0) {
        return (Level::Medium, &l::RULE_DSO);
    }
    if limit.is_some_and(|lim| lim > 0.0 && exposure / lim > 0.8) {
        return (Level::Medium, &l::RULE_UTILISATION);
    }
    if s.has(FlagKind::WeakCredit) {
        return (Level::Medium, &l::RULE_WEAK_WORDING);
    }
    (Level::Low, &l::RULE_LOW)
}

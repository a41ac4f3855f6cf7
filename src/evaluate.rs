//! Evaluate: scored accounts → allocation, receivables and the row accounting.
//!
//! Pure. The glue between scoring and the report, shared by `score` and `check`.

use chrono::NaiveDate;

use crate::allocate::{allocate, Allocation, Member};
use crate::ingest::Record;
use crate::issue::{Issue, IssueKind, Location, Severity};
use crate::model::{Capacity, Model};
use crate::receivables::{receivables, Receivables};
use crate::reconcile::Reconciliation;
use crate::score::{quadrant, score_all, Grade, Quadrant, Scored};

/// Row counts that come from reading, before scoring.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadCounts {
    pub rows_read: u64,
    pub account_rows: u64,
    pub merged: u64,
    pub rolled_up: u64,
    pub rejected: u64,
    pub skipped: u64,
    pub from_line_items: u64,
}

/// Everything computed from the accounts.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub as_of: NaiveDate,
    /// One per account, in the accounts' order.
    pub scored: Vec<Scored>,
    pub allocation: Allocation,
    /// Where the capacity's hours, people and money came from (set by the `score` command).
    pub capacity_source: [crate::model::CapacitySource; 3],
    /// The plan per owner (SPEC §3.4 v2).
    pub owners: Vec<crate::allocate::OwnerLoad>,
    pub receivables: Receivables,
    pub reconciliation: Reconciliation,
    /// The capability line used for the quadrants (None: no account had an annual purchase).
    pub capability_line: Option<f64>,
    /// Issues found while scoring (accounts that cannot be placed in a quadrant).
    pub issues: Vec<Issue>,
    /// Customer value per account (SPEC §3.7), in the accounts' order; empty when the run has
    /// neither orders nor dated won deals.
    pub values: Vec<Option<crate::value::CustomerValue>>,
    /// What the values were worked out from.
    pub value_basis: Option<crate::value::Basis>,
    /// The 20/80 line of 12-month sales.
    pub pareto: Option<crate::value::Pareto>,
}

impl Evaluation {
    pub fn count(&self, grade: Grade) -> usize {
        self.scored.iter().filter(|s| s.grade == grade).count()
    }

    /// An account's customer value, when it has orders.
    pub fn value(&self, index: usize) -> Option<crate::value::CustomerValue> {
        self.values.get(index).copied().flatten()
    }
}

/// An account's claim on the team's resources.
pub fn member(r: &Record, s: &Scored, weights: &crate::model::GradeWeights) -> Member {
    Member {
        // Lost accounts are out of the plan; the rest share their quadrant by weight.
        quadrant: if s.grade == Grade::Lost { Quadrant::Unclassified } else { s.quadrant },
        weight: crate::allocate::weight(s.grade, s.score, weights),
        deal_value: r.account.deal().unwrap_or(0.0),
    }
}

/// Score, place, allocate, and count.
pub fn evaluate(
    accounts: &[Record],
    counts: ReadCounts,
    model: &Model,
    as_of: NaiveDate,
    capacity: Capacity,
) -> Evaluation {
    let capability_line = quadrant::capability_line(accounts, model);
    let scored = score_all(accounts, model, as_of, capability_line);
    let weights = &model.allocation.grade_weights;
    let members = accounts.iter().zip(&scored).map(|(r, s)| member(r, s, weights));
    let allocation = allocate(members, &model.allocation.ratios, capacity);
    let owners = crate::allocate::owners(
        accounts.iter().zip(&scored).map(|(r, s)| crate::allocate::Claim {
            owner: r.account.owner.as_deref().unwrap_or_default(),
            grade: s.grade,
            deal_value: r.account.deal(),
            share: allocation.share(&member(r, s, weights)),
        }),
        capacity,
    );
    let receivables = receivables(accounts, &scored, model);
    let count = |g: Grade| scored.iter().filter(|s| s.grade == g).count() as u64;
    let (needs_info, won, lost) = (count(Grade::NeedsInfo), count(Grade::Won), count(Grade::Lost));
    let reconciliation = Reconciliation {
        rows_read: counts.rows_read,
        account_rows: counts.account_rows,
        merged: counts.merged,
        rolled_up: counts.rolled_up,
        rejected: counts.rejected,
        skipped: counts.skipped,
        accounts: scored.len() as u64,
        from_line_items: counts.from_line_items,
        graded: scored.len() as u64 - needs_info - won - lost,
        needs_info,
        won,
        lost,
    };
    let issues = accounts
        .iter()
        .zip(&scored)
        // Needs-information accounts already list what is missing.
        .filter(|(_, s)| s.quadrant == Quadrant::Unclassified && !matches!(s.grade, Grade::NeedsInfo | Grade::Lost))
        .map(|(r, _)| {
            let no_capability = quadrant::capability(&r.account).is_none();
            Issue::new(
                Severity::Warning,
                Location::row(&r.source.sheet.at, r.source.row),
                IssueKind::Unclassified { no_capability },
            )
        })
        .collect();
    let history = accounts.iter().any(|r| r.rollup().is_some_and(|x| x.orders.is_some() || x.deals.is_some()));
    let (values, value_basis) = if history { crate::value::values(accounts, as_of) } else { (Vec::new(), None) };
    let values = if value_basis.is_some() { values } else { Vec::new() };
    let pareto = crate::value::pareto(&values);
    Evaluation {
        as_of,
        scored,
        allocation,
        capacity_source: Default::default(),
        owners,
        receivables,
        reconciliation,
        capability_line,
        issues,
        values,
        value_basis,
        pareto,
    }
}

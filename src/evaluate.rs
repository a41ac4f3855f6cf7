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
    pub rejected: u64,
    pub superseded: u64,
    pub skipped: u64,
}

/// Everything computed from the accounts.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub as_of: NaiveDate,
    /// One per account, in the accounts' order.
    pub scored: Vec<Scored>,
    pub allocation: Allocation,
    pub receivables: Receivables,
    pub reconciliation: Reconciliation,
    /// The capability line used for the quadrants (None: no account had an annual purchase).
    pub capability_line: Option<f64>,
    /// Issues found while scoring (accounts that cannot be placed in a quadrant).
    pub issues: Vec<Issue>,
}

impl Evaluation {
    pub fn count(&self, grade: Grade) -> usize {
        self.scored.iter().filter(|s| s.grade == grade).count()
    }
}

/// An account's claim on the team's resources.
pub fn member(r: &Record, s: &Scored) -> Member {
    Member {
        // Only graded accounts receive resources; needs-information ones are assessed first.
        quadrant: if s.grade == Grade::NeedsInfo { Quadrant::Unclassified } else { s.quadrant },
        points: s.score,
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
    let members = accounts.iter().zip(&scored).map(|(r, s)| member(r, s));
    let allocation = allocate(members, &model.allocation.ratios, capacity);
    let receivables = receivables(accounts, &scored, as_of);
    let needs_info = scored.iter().filter(|s| s.grade == Grade::NeedsInfo).count() as u64;
    let reconciliation = Reconciliation {
        rows_read: counts.rows_read,
        graded: scored.len() as u64 - needs_info,
        needs_info,
        rejected: counts.rejected,
        superseded: counts.superseded,
        skipped: counts.skipped,
    };
    let issues = accounts
        .iter()
        .zip(&scored)
        // Needs-information accounts already list what is missing.
        .filter(|(_, s)| s.quadrant == Quadrant::Unclassified && s.grade != Grade::NeedsInfo)
        .map(|(r, _)| {
            let no_capability = quadrant::capability(&r.account).is_none();
            Issue::new(
                Severity::Warning,
                Location::row(&r.source.sheet.at, r.source.row),
                IssueKind::Unclassified { no_capability },
            )
        })
        .collect();
    Evaluation { as_of, scored, allocation, receivables, reconciliation, capability_line, issues }
}

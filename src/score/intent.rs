//! The four intent checks of seed 001 ("is this customer for real?").
//!
//! Pure. Each failed check is a flag; grade A needs all four.

use crate::ingest::{Account, Answer, Attitude, DecisionMaker, Money, MoneyKind};
use crate::model::Model;

/// The outcome of the four checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Intent {
    /// 需求共识: the customer agrees there is a need.
    pub need_consensus: bool,
    /// 预算与需求明确: a budget number, not vague, a range no wider than the model's ratio.
    pub budget_clear: bool,
    /// 决策人明确: a decision maker is named and their attitude is known.
    pub decision_maker: bool,
    /// 时间明确: an expected signing date (and the dates the model requires).
    pub timeline: bool,
}

impl Intent {
    pub fn all(&self) -> bool {
        self.need_consensus && self.budget_clear && self.decision_maker && self.timeline
    }
}

/// Run the four checks.
pub fn check(acc: &Account, model: &Model) -> Intent {
    let i = &model.intent;
    Intent {
        need_consensus: acc.need_consensus().is_some_and(|a| a == Answer::Yes),
        budget_clear: acc.budget().is_some_and(|b| budget_is_clear(&b, i.max_budget_range_ratio)),
        decision_maker: acc.decision_maker() == Some(DecisionMaker::Named)
            && acc.decision_attitude().is_some_and(|a| a != Attitude::Unknown),
        timeline: acc.expected_close().is_some()
            && (!i.require_implementation_date || acc.implementation_date().is_some())
            && (!i.require_payment_date || acc.payment_date().is_some()),
    }
}

/// A budget is clear when it is a number (approximate is fine) and a range is no wider than
/// `max_ratio` (high ÷ low).
pub fn budget_is_clear(budget: &Money, max_ratio: f64) -> bool {
    match budget.kind() {
        MoneyKind::Vague { .. } => false,
        MoneyKind::Amount { low, high } => high <= low || (low > 0.0 && high / low <= max_ratio + 1e-9),
    }
}

//! Flags (SPEC §3.5): weak credit, vague budget, and the failed intent checks, each with its
//! reasons and the cell each reason came from.
//!
//! Pure.

use chrono::NaiveDate;
use serde::Serialize;

use super::factors::{credit_value, effective_days, overdue_share, word_key};
use super::intent::Intent;
use crate::field::Field;
use crate::ingest::{Credit, MoneyKind, Record, Stage};
use crate::model::{CreditScale, Model};
use crate::values::terms::TermsKind;
use crate::Lang;

/// The kinds of flag, in the order the flags tab lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    WeakCredit,
    VagueBudget,
    NeedUnconfirmed,
    DecisionMakerUnclear,
    NoTimeline,
    OverBudget,
    CloseDatePassed,
    OverCreditLimit,
    PromiseBroken,
}

impl FlagKind {
    /// The flags about a deal: they need an open deal (SPEC §3.5).
    pub const ABOUT_A_DEAL: [FlagKind; 6] = [
        FlagKind::VagueBudget,
        FlagKind::NeedUnconfirmed,
        FlagKind::DecisionMakerUnclear,
        FlagKind::NoTimeline,
        FlagKind::OverBudget,
        FlagKind::CloseDatePassed,
    ];

    pub const ALL: [FlagKind; 9] = [
        FlagKind::WeakCredit,
        FlagKind::VagueBudget,
        FlagKind::NeedUnconfirmed,
        FlagKind::DecisionMakerUnclear,
        FlagKind::NoTimeline,
        FlagKind::OverBudget,
        FlagKind::CloseDatePassed,
        FlagKind::OverCreditLimit,
        FlagKind::PromiseBroken,
    ];

    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            FlagKind::WeakCredit => "weak_credit",
            FlagKind::VagueBudget => "vague_budget",
            FlagKind::NeedUnconfirmed => "need_unconfirmed",
            FlagKind::DecisionMakerUnclear => "decision_maker_unclear",
            FlagKind::NoTimeline => "no_timeline",
            FlagKind::OverBudget => "over_budget",
            FlagKind::CloseDatePassed => "close_date_passed",
            FlagKind::OverCreditLimit => "over_credit_limit",
            FlagKind::PromiseBroken => "promise_broken",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        self.label_text().get(lang)
    }

    /// The label in both languages, from the label table.
    pub fn label_text(self) -> crate::labels::Text {
        use crate::labels;
        match self {
            FlagKind::WeakCredit => labels::FLAG_WEAK_CREDIT,
            FlagKind::VagueBudget => labels::FLAG_VAGUE_BUDGET,
            FlagKind::NeedUnconfirmed => labels::FLAG_NEED_UNCONFIRMED,
            FlagKind::DecisionMakerUnclear => labels::FLAG_DECISION_MAKER_UNCLEAR,
            FlagKind::NoTimeline => labels::FLAG_NO_TIMELINE,
            FlagKind::OverBudget => labels::FLAG_OVER_BUDGET,
            FlagKind::CloseDatePassed => labels::FLAG_CLOSE_DATE_PASSED,
            FlagKind::OverCreditLimit => labels::FLAG_OVER_CREDIT_LIMIT,
            FlagKind::PromiseBroken => labels::FLAG_PROMISE_BROKEN,
        }
    }
}

/// Why a flag was raised.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    WeakRating(String),
    LongTerms(u32),
    CreditSale,
    OverdueShare(f64),
    OverdueDays(u32),
    LowIntegrity(f64),
    BudgetMissing,
    BudgetVague,
    BudgetWideRange {
        low: f64,
        high: f64,
    },
    NoObjectClaim,
    NoObjectInNotes(String),
    NeedNotConfirmed,
    NoDecisionMaker,
    AttitudeUnknown,
    NoCloseDate,
    MissingDate(Field),
    OverBudget {
        deal: f64,
        budget: f64,
    },
    ClosePassed(NaiveDate),
    /// Exposure (receivables + open deal value) over the credit limit.
    OverLimit {
        exposure: f64,
        limit: f64,
    },
    /// Receivables alone over the credit limit (weak credit).
    ReceivablesOverLimit {
        receivables: f64,
        limit: f64,
    },
    /// Promises past due and not kept, and the oldest one's due date.
    Broken {
        count: u32,
        oldest: Option<NaiveDate>,
    },
}

impl Reason {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let wan = |v: f64| crate::numfmt::wan(v, lang);
        match self {
            Reason::WeakRating(r) => {
                if zh {
                    format!("信用等级 {r}")
                } else {
                    format!("credit rating {r}")
                }
            }
            Reason::LongTerms(d) => {
                if zh {
                    format!("账期 {d} 天")
                } else {
                    format!("payment terms {d} days")
                }
            }
            Reason::CreditSale => {
                if zh {
                    "先货后款/赊销".into()
                } else {
                    "goods before payment (credit sale)".into()
                }
            }
            Reason::OverdueShare(s) => {
                if zh {
                    format!("逾期占应收 {:.0}%", s * 100.0)
                } else {
                    format!("{:.0}% of receivables overdue", s * 100.0)
                }
            }
            Reason::OverdueDays(d) => {
                if zh {
                    format!("最长逾期 {d} 天")
                } else {
                    format!("overdue {d} days")
                }
            }
            Reason::LowIntegrity(r) => {
                if zh {
                    format!("诚信度评分 {r}")
                } else {
                    format!("integrity rated {r}")
                }
            }
            Reason::BudgetMissing => {
                if zh {
                    "商机进行中但没有预算".into()
                } else {
                    "an open deal without a budget".into()
                }
            }
            Reason::BudgetVague => {
                if zh {
                    "预算为模糊表述".into()
                } else {
                    "the budget is not a number".into()
                }
            }
            Reason::BudgetWideRange { low, high } => {
                if zh {
                    format!("预算区间过宽（{}–{}）", wan(*low), wan(*high))
                } else {
                    format!("budget range too wide ({}–{})", wan(*low), wan(*high))
                }
            }
            Reason::NoObjectClaim => {
                if zh {
                    "声称“不差钱”却没有数字".into()
                } else {
                    "claims money is no object, without a number".into()
                }
            }
            Reason::NoObjectInNotes(w) => {
                if zh {
                    format!("备注中出现“{w}”")
                } else {
                    format!("notes say \"{w}\"")
                }
            }
            Reason::NeedNotConfirmed => {
                if zh {
                    "需求共识未达成".into()
                } else {
                    "no agreed need".into()
                }
            }
            Reason::NoDecisionMaker => {
                if zh {
                    "未明确决策人".into()
                } else {
                    "no named decision maker".into()
                }
            }
            Reason::AttitudeUnknown => {
                if zh {
                    "决策人态度未知".into()
                } else {
                    "decision maker's attitude unknown".into()
                }
            }
            Reason::NoCloseDate => {
                if zh {
                    "没有预计成交日期".into()
                } else {
                    "no expected close date".into()
                }
            }
            Reason::MissingDate(f) => {
                if zh {
                    format!("缺少{}", f.label(lang))
                } else {
                    format!("no {}", f.label(lang).to_lowercase())
                }
            }
            Reason::OverBudget { deal, budget } => {
                if zh {
                    format!("预计金额 {} 超过预算 {}", wan(*deal), wan(*budget))
                } else {
                    format!("deal {} exceeds budget {}", wan(*deal), wan(*budget))
                }
            }
            Reason::ClosePassed(d) => {
                if zh {
                    format!("预计成交日 {d} 已过")
                } else {
                    format!("expected close {d} has passed")
                }
            }
            Reason::OverLimit { exposure, limit } => {
                if zh {
                    format!("敞口 {} 超过信用额度 {}", wan(*exposure), wan(*limit))
                } else {
                    format!("exposure {} exceeds the credit limit {}", wan(*exposure), wan(*limit))
                }
            }
            Reason::ReceivablesOverLimit { receivables, limit } => {
                if zh {
                    format!("应收 {} 超过信用额度 {}", wan(*receivables), wan(*limit))
                } else {
                    format!("receivables {} exceed the credit limit {}", wan(*receivables), wan(*limit))
                }
            }
            Reason::Broken { count, oldest } => {
                let since = oldest.map(|d| d.to_string()).unwrap_or_default();
                if zh {
                    format!("{count} 项承诺逾期未兑现（最早到期 {since}）")
                } else {
                    format!("{count} promises past due and not kept (oldest due {since})")
                }
            }
        }
    }
}

/// A raised flag with its reasons, each with the column it came from (None: no single cell).
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    pub kind: FlagKind,
    pub reasons: Vec<(Reason, Option<u32>)>,
}

impl Flag {
    /// The reasons joined for a report cell.
    pub fn text(&self, lang: Lang) -> String {
        let sep = if lang == Lang::Zh { "；" } else { "; " };
        self.reasons.iter().map(|(r, _)| r.text(lang)).collect::<Vec<_>>().join(sep)
    }
}

/// Whether a credit rating is weak by the model's lines.
pub fn is_weak_rating(rating: &Credit, model: &Model) -> bool {
    let f = &model.flags;
    match rating {
        Credit::Letters(_) => {
            let Some(l) = rating.as_letters() else { return false };
            match model.score.credit.credit_scale {
                CreditScale::Letter if model.score.credit.letter.contains_key(l) => {
                    f.weak_letter_ratings.iter().any(|w| w == l)
                }
                _ => {
                    let line = model.score.credit.agency.get(&f.weak_agency_rating).copied().unwrap_or(0.0);
                    credit_value(rating, model).is_some_and(|v| v <= line)
                }
            }
        }
        Credit::Word(w) => f.weak_word_ratings.iter().any(|x| x == word_key(*w)),
    }
}

/// A credit rating as the user wrote it: "AA", "良".
pub fn rating_text(r: &Credit) -> String {
    match r {
        Credit::Letters(_) => r.as_letters().unwrap_or_default().to_string(),
        Credit::Word(w) => word_key(*w).into(),
    }
}

/// A flag's reasons, each with the column of the cell it comes from.
type Reasons = Vec<(Reason, Option<u32>)>;

/// The kinds of flag an account has, one bit each: what a run keeps for every account. The
/// reasons are worked out again, for one flag at a time, when the flags tab is written
/// ([`flag`]), so a million accounts do not each hold their vectors of reasons.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlagSet(u16);

impl FlagSet {
    pub fn contains(self, kind: FlagKind) -> bool {
        self.0 & (1 << kind as u8) != 0
    }

    pub fn insert(&mut self, kind: FlagKind) {
        self.0 |= 1 << kind as u8;
    }

    pub fn remove(&mut self, kind: FlagKind) {
        self.0 &= !(1 << kind as u8);
    }

    /// The kinds present, in [`FlagKind::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = FlagKind> {
        FlagKind::ALL.into_iter().filter(move |k| self.contains(*k))
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// Every flag that applies.
pub fn flags(rec: &Record, intent: &Intent, model: &Model, as_of: NaiveDate) -> FlagSet {
    let mut set = FlagSet::default();
    for kind in FlagKind::ALL {
        if flag(rec, intent, model, as_of, kind).is_some() {
            set.insert(kind);
        }
    }
    set
}

/// One flag, if it applies, with its reasons; each reason names the cell it comes from.
pub fn flag(rec: &Record, intent: &Intent, model: &Model, as_of: NaiveDate, kind: FlagKind) -> Option<Flag> {
    let acc = &rec.account;
    let col = |f: Field| rec.col(f);
    if FlagKind::ABOUT_A_DEAL.contains(&kind) && !super::has_open_deal(rec) {
        // A won or lost account's deals are history: no deal flag.
        return None;
    }
    let mut reasons: Reasons = match kind {
        FlagKind::WeakCredit => weak_credit(rec, model),
        FlagKind::OverCreditLimit => match (acc.credit_limit(), exposure(rec)) {
            (Some(limit), e) if e > limit => vec![(Reason::OverLimit { exposure: e, limit }, col(Field::CreditLimit))],
            _ => Vec::new(),
        },
        FlagKind::PromiseBroken => match rec.rollup().and_then(|r| r.promises.as_ref()) {
            Some(p) if p.broken > 0 => vec![(Reason::Broken { count: p.broken, oldest: p.oldest_broken }, None)],
            _ => Vec::new(),
        },
        FlagKind::VagueBudget => vague_budget(rec, model),
        FlagKind::NeedUnconfirmed if !intent.need_consensus => {
            vec![(Reason::NeedNotConfirmed, col(Field::NeedConsensus))]
        }
        FlagKind::DecisionMakerUnclear if !intent.decision_maker => {
            let mut r = Vec::new();
            if acc.decision_maker() != Some(crate::ingest::DecisionMaker::Named) {
                r.push((Reason::NoDecisionMaker, col(Field::DecisionMaker)));
            }
            if acc.decision_attitude().is_none_or(|a| a == crate::ingest::Attitude::Unknown) {
                r.push((Reason::AttitudeUnknown, col(Field::DecisionAttitude)));
            }
            r
        }
        FlagKind::NoTimeline if !intent.timeline => {
            let mut r = Vec::new();
            if acc.expected_close().is_none() {
                r.push((Reason::NoCloseDate, None));
            }
            if model.intent.require_implementation_date && acc.implementation_date().is_none() {
                r.push((Reason::MissingDate(Field::ImplementationDate), None));
            }
            if model.intent.require_payment_date && acc.payment_date().is_none() {
                r.push((Reason::MissingDate(Field::PaymentDate), None));
            }
            r
        }
        FlagKind::OverBudget => match (acc.budget().and_then(|b| b.low()), acc.deal()) {
            (Some(budget), Some(deal)) if deal > budget => {
                vec![(Reason::OverBudget { deal, budget }, col(Field::DealValue))]
            }
            _ => Vec::new(),
        },
        FlagKind::CloseDatePassed => match acc.expected_close().filter(|c| *c < as_of) {
            Some(c) => vec![(Reason::ClosePassed(c), col(Field::ExpectedClose))],
            None => Vec::new(),
        },
        FlagKind::NeedUnconfirmed | FlagKind::DecisionMakerUnclear | FlagKind::NoTimeline => Vec::new(),
    };
    if reasons.is_empty() {
        return None;
    }
    reasons.shrink_to_fit();
    Some(Flag { kind, reasons })
}

/// 信用弱: a weak rating, long terms, credit-sale wording, a large overdue share, long overdue
/// days, a low integrity rating.
fn weak_credit(rec: &Record, model: &Model) -> Reasons {
    let acc = &rec.account;
    let col = |f: Field| rec.col(f);
    let f = &model.flags;
    let mut weak = Vec::new();
    if let Some(r) = acc.credit_rating() {
        if is_weak_rating(&r, model) {
            weak.push((Reason::WeakRating(rating_text(&r)), col(Field::CreditRating)));
        }
    }
    if let Some(t) = acc.payment_terms() {
        if let Some(d) = effective_days(&t, model).filter(|d| *d > f.weak_terms_days) {
            weak.push((Reason::LongTerms(d), col(Field::PaymentTerms)));
        }
        if t.kind == TermsKind::CreditSale {
            weak.push((Reason::CreditSale, col(Field::PaymentTerms)));
        }
    }
    if let Some(share) = overdue_share(acc).filter(|s| *s > f.weak_overdue_share) {
        weak.push((Reason::OverdueShare(share), col(Field::OverdueAmount)));
    }
    if let Some(d) = acc.overdue_days().filter(|d| *d > f.weak_overdue_days) {
        weak.push((Reason::OverdueDays(d), col(Field::OverdueDays)));
    }
    if let Some(r) = acc.rating(2) {
        if r <= f.weak_integrity_rating {
            weak.push((Reason::LowIntegrity(r), col(Field::Integrity)));
        }
    }
    if let (Some(limit), Some(receivables)) = (acc.credit_limit(), acc.ar_balance().and_then(|m| m.mid())) {
        if receivables > limit {
            weak.push((Reason::ReceivablesOverLimit { receivables, limit }, col(Field::CreditLimit)));
        }
    }
    weak
}

/// Exposure: receivables plus the open deal value (SPEC §3.6).
pub fn exposure(rec: &Record) -> f64 {
    let acc = &rec.account;
    let ar = acc.ar_balance().and_then(|m| m.mid()).unwrap_or(0.0);
    let deal = if super::has_open_deal(rec) { acc.deal().unwrap_or(0.0) } else { 0.0 };
    ar + deal
}

/// 预算模糊: no budget while a deal is open, a vague or too wide budget, a "money is no object"
/// claim in the budget or the notes.
fn vague_budget(rec: &Record, model: &Model) -> Reasons {
    let acc = &rec.account;
    let col = |f: Field| rec.col(f);
    let mut vague = Vec::new();
    let open = !matches!(acc.stage(), Some(Stage::Won | Stage::Lost));
    match acc.budget() {
        None if open && (acc.deal_value().is_some() || acc.stage().is_some()) => {
            vague.push((Reason::BudgetMissing, None))
        }
        None => {}
        Some(b) => match b.kind() {
            MoneyKind::Vague { red_flag: true } => vague.push((Reason::NoObjectClaim, col(Field::Budget))),
            MoneyKind::Vague { red_flag: false } => vague.push((Reason::BudgetVague, col(Field::Budget))),
            MoneyKind::Amount { low, high } => {
                if !super::intent::budget_is_clear(&b, model.intent.max_budget_range_ratio) {
                    vague.push((Reason::BudgetWideRange { low, high }, col(Field::Budget)));
                }
            }
        },
    }
    if let Some(note) = acc.no_object_note() {
        let word = model.input.no_object_words.get(usize::from(note)).cloned().unwrap_or_default();
        vague.push((Reason::NoObjectInNotes(word), col(Field::Notes)));
    }
    vague
}

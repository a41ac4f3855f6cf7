//! The eight factors of seed 000's risk assessment table.
//!
//! Pure. Each factor is a fraction in [0, 1] of its points: a rating column (1–5 → 0, .25, .5,
//! .75, 1) wins when present; otherwise the factor is derived from data; otherwise unknown.

use serde::Serialize;

use crate::field::Field;
use crate::ingest::{Account, Answer, Credit, MoneyKind};
use crate::model::{CreditScale, Model};
use crate::values::credit::CreditWord;
use crate::values::terms::{Terms, TermsKind};

/// The eight factors, in the table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    NeedBudget,
    IntegrityCredit,
    FinancialStrength,
    Fit,
    Relationship,
    Competitive,
    Timing,
    AddedValue,
}

impl Factor {
    pub const ALL: [Factor; 8] = [
        Factor::NeedBudget,
        Factor::IntegrityCredit,
        Factor::FinancialStrength,
        Factor::Fit,
        Factor::Relationship,
        Factor::Competitive,
        Factor::Timing,
        Factor::AddedValue,
    ];

    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            Factor::NeedBudget => "need_budget",
            Factor::IntegrityCredit => "integrity_credit",
            Factor::FinancialStrength => "financial_strength",
            Factor::Fit => "fit",
            Factor::Relationship => "relationship",
            Factor::Competitive => "competitive",
            Factor::Timing => "timing",
            Factor::AddedValue => "added_value",
        }
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        self.label_text().get(lang)
    }

    /// The label in both languages, from the label table.
    pub fn label_text(self) -> crate::labels::Text {
        use crate::labels;
        match self {
            Factor::NeedBudget => labels::FACTOR_NEED_BUDGET,
            Factor::IntegrityCredit => labels::FACTOR_INTEGRITY_CREDIT,
            Factor::FinancialStrength => labels::FACTOR_FINANCIAL_STRENGTH,
            Factor::Fit => labels::FACTOR_FIT,
            Factor::Relationship => labels::FACTOR_RELATIONSHIP,
            Factor::Competitive => labels::FACTOR_COMPETITIVE,
            Factor::Timing => labels::FACTOR_TIMING,
            Factor::AddedValue => labels::FACTOR_ADDED_VALUE,
        }
    }

    /// The rating column that rates this factor directly, if any.
    pub fn rating_field(self) -> Option<Field> {
        match self {
            Factor::NeedBudget => None,
            Factor::IntegrityCredit => Some(Field::Integrity),
            Factor::FinancialStrength => Some(Field::FinancialStrength),
            Factor::Fit => Some(Field::Fit),
            Factor::Relationship => Some(Field::Relationship),
            Factor::Competitive => Some(Field::Competitive),
            Factor::Timing => Some(Field::Timing),
            Factor::AddedValue => Some(Field::AddedValue),
        }
    }

    /// The field a missing factor asks the user to fill in (for the needs-information tab).
    pub fn wanted(self) -> &'static [Field] {
        match self {
            Factor::NeedBudget => &[Field::Budget, Field::DealValue],
            Factor::IntegrityCredit => &[Field::Integrity, Field::CreditRating, Field::PaymentTerms],
            Factor::FinancialStrength => &[Field::FinancialStrength, Field::RegisteredCapital, Field::DealValue],
            Factor::Fit => &[Field::Fit],
            Factor::Relationship => &[Field::Relationship],
            Factor::Competitive => &[Field::Competitive],
            Factor::Timing => &[Field::Timing, Field::FirstContact, Field::ExpectedClose],
            Factor::AddedValue => &[Field::AddedValue, Field::ReferenceCustomer],
        }
    }
}

/// A rating on the 1–5 scale as a fraction: 1 → 0, 3 → .5, 5 → 1.
pub fn rating_fraction(r: f64) -> f64 {
    ((r - 1.0) / 4.0).clamp(0.0, 1.0)
}

/// The rating of `field`, if the row has one.
fn rating(acc: &Account, field: Field) -> Option<f64> {
    let i = crate::ingest::RATING_FIELDS.iter().position(|f| *f == field)?;
    acc.rating(i).map(rating_fraction)
}

/// Every factor's fraction; None = unknown.
pub fn fractions(acc: &Account, model: &Model) -> [Option<f64>; 8] {
    fractions_with(acc, None, model)
}

/// Every factor's fraction, with the account's promises (seed 003): without a relationship
/// rating, a promises log makes the factor known — neutral, less a deduction per broken promise.
pub fn fractions_with(
    acc: &Account,
    promises: Option<&crate::ingest::rollup::Promises>,
    model: &Model,
) -> [Option<f64>; 8] {
    Factor::ALL.map(|f| {
        if let Some(r) = f.rating_field().and_then(|field| rating(acc, field)) {
            return Some(match f {
                Factor::Relationship if acc.insider() == Some(Answer::Yes) => {
                    (r + model.score.relationship.insider_bonus).min(1.0)
                }
                Factor::AddedValue if acc.reference_customer() == Some(Answer::Yes) => 1.0,
                _ => r,
            });
        }
        match f {
            Factor::NeedBudget => need_budget(acc, model),
            Factor::IntegrityCredit => integrity_credit(acc, model),
            Factor::FinancialStrength => financial_strength(acc, model),
            Factor::Timing => timing(acc, model),
            Factor::AddedValue => (acc.reference_customer() == Some(Answer::Yes)).then_some(1.0),
            Factor::Relationship => promises.map(|p| promise_relationship(p, model)),
            Factor::Fit | Factor::Competitive => None,
        }
    })
}

/// The relationship a promises log shows: the model's neutral start, less the deduction per
/// broken promise, capped.
pub fn promise_relationship(p: &crate::ingest::rollup::Promises, model: &Model) -> f64 {
    let r = &model.score.relationship;
    let deduction = (f64::from(p.broken) * r.broken_deduction).min(r.max_deduction);
    (r.promise_base - deduction).max(0.0)
}

/// Factor 1: budget against deal value. A budget range counts by its low end, a deal-value
/// range by its midpoint.
fn need_budget(acc: &Account, model: &Model) -> Option<f64> {
    let nb = &model.score.need_budget;
    match (acc.budget()?.kind(), acc.deal()) {
        (MoneyKind::Vague { .. }, _) => Some(nb.vague_budget),
        (MoneyKind::Amount { low, .. }, Some(deal)) => {
            Some(if low >= deal || deal <= 0.0 { 1.0 } else { (low / deal).max(0.0) })
        }
        (MoneyKind::Amount { .. }, None) => Some(nb.budget_only),
    }
}

/// The model's key for a credit word: 优, 良, 中, 差.
pub fn word_key(w: CreditWord) -> &'static str {
    match w {
        CreditWord::Excellent => "优",
        CreditWord::Good => "良",
        CreditWord::Fair => "中",
        CreditWord::Poor => "差",
    }
}

/// The credit rating's value on the model's scale.
pub fn credit_value(rating: &Credit, model: &Model) -> Option<f64> {
    let c = &model.score.credit;
    match rating {
        Credit::Letters(_) => {
            let l = rating.as_letters()?;
            match c.credit_scale {
                CreditScale::Agency => c.agency.get(l).copied(),
                CreditScale::Letter => c.letter.get(l).or_else(|| c.agency.get(l)).copied(),
            }
        }
        Credit::Word(w) => c.words.get(word_key(*w)).copied(),
    }
}

/// The overdue share of receivables, when both are known and receivables are positive.
pub fn overdue_share(acc: &Account) -> Option<f64> {
    let ar = acc.ar_balance()?.mid()?;
    let overdue = acc.overdue_amount()?.mid()?;
    (ar > 0.0).then(|| (overdue / ar).clamp(0.0, 1.0))
}

/// What "the rest of the month" adds to month-end terms (月结N天) when
/// `flags.month_end_adds_rest_of_month` is on: 15 days, half a month. Invoices fall across the
/// month, so counting from month end adds on average half a month to the stated days.
pub const REST_OF_MONTH_DAYS: u32 = 15;

/// The payment-term days the model works with, in the one place they are worked out: the
/// stated days, plus [`REST_OF_MONTH_DAYS`] (half a month, on average) for month-end terms
/// (月结60天, 月结) when `flags.month_end_adds_rest_of_month` is on (off by default: 月结60天 is
/// 60 days). The credit factor's long-terms deduction, the weak-credit flag and the
/// receivables view (terms days, DSO against terms) all use it. None when no days are stated.
///
/// "月结80天" with the setting on is 95 days: over the 90-day lines of the default model.
pub fn effective_days(terms: &Terms, model: &Model) -> Option<u32> {
    let rest = if terms.month_end && model.flags.month_end_adds_rest_of_month { REST_OF_MONTH_DAYS } else { 0 };
    terms.days.map(|d| d.saturating_add(rest))
}

/// Whether the row has any payment-terms or receivables data.
fn has_receivables_data(acc: &Account) -> bool {
    acc.payment_terms().is_some()
        || acc.ar_balance().is_some()
        || acc.overdue_amount().is_some()
        || acc.overdue_days().is_some()
        || acc.aging().is_some()
        || acc.last_payment_date().is_some()
}

/// Factor 2: credit rating (or .7 with receivables data), minus long terms, credit-sale
/// wording, the overdue share (capped) and long overdue days.
fn integrity_credit(acc: &Account, model: &Model) -> Option<f64> {
    let c = &model.score.credit;
    let base = acc.credit_rating().and_then(|r| credit_value(&r, model));
    let base = base.or_else(|| has_receivables_data(acc).then_some(c.base_without_rating))?;
    let mut v = base;
    if let Some(t) = acc.payment_terms() {
        if effective_days(&t, model).is_some_and(|d| d > c.long_terms_days) {
            v -= c.long_terms_deduction;
        }
        if t.kind == TermsKind::CreditSale {
            v -= c.credit_sale_deduction;
        }
    }
    if let Some(share) = overdue_share(acc) {
        v -= share.min(c.overdue_share_cap);
    }
    if acc.overdue_days().is_some_and(|d| d > c.overdue_days_line) {
        v -= c.overdue_days_deduction;
    }
    Some(v.clamp(0.0, 1.0))
}

/// Factor 3: registered capital against deal value, plus funding/advertising/hiring signals.
fn financial_strength(acc: &Account, model: &Model) -> Option<f64> {
    let f = &model.score.financial;
    let capital = acc.registered_capital()?.mid()?;
    let deal = acc.deal()?;
    let ratio = if deal <= 0.0 { f64::INFINITY } else { capital / deal };
    let mut v = f
        .capital_multiples
        .iter()
        .zip(&f.capital_fractions)
        .find(|(m, _)| ratio >= **m)
        .map_or(f.capital_below, |(_, frac)| *frac);
    for signal in [acc.funding(), acc.advertising(), acc.hiring()] {
        if signal == Some(Answer::Yes) {
            v += f.signal_bonus;
        }
    }
    Some(v.clamp(0.0, 1.0))
}

/// Factor 7: lead time from first contact to expected close.
fn timing(acc: &Account, model: &Model) -> Option<f64> {
    let t = &model.score.timing;
    let lead = (acc.expected_close()? - acc.first_contact()?).num_days();
    Some(t.lead_days.iter().zip(&t.fractions).find(|(d, _)| lead >= i64::from(**d)).map_or(t.below, |(_, f)| *f))
}

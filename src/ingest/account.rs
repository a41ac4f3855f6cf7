//! One account as kascore keeps it: lean, because a run holds every account until the report
//! is written (a million of them at the top of the benchmark).
//!
//! Pure. A field's value is stored by kind in a small array, whether the field is present in
//! one bit of [`FieldSet`], and its column not at all: the sheet's [`SheetSource`] knows which
//! column holds each field. [`Account::set`] is the one place that maps a field to its storage,
//! an exhaustive `match` without a catch-all, so a field added to [`Field`] and forgotten here
//! is a compile error.

use chrono::NaiveDate;

use super::{
    AccountKey, Answer, Attitude, DealStatus, DecisionMaker, ItemStatus, Money, MoneyKind, PromiseStatus, Stage,
};
use crate::field::Field;
use crate::provenance::SheetRef;
use crate::values::credit::CreditWord;
use crate::values::terms::{Terms, TermsKind};

/// A set of fields, one bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldSet([u64; 2]);

// Every field has its bit.
const _: () = assert!(Field::COUNT <= 128);

impl FieldSet {
    pub fn contains(self, f: Field) -> bool {
        let i = f.index();
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    pub fn insert(&mut self, f: Field) {
        let i = f.index();
        self.0[i / 64] |= 1 << (i % 64);
    }

    pub fn remove(&mut self, f: Field) {
        let i = f.index();
        self.0[i / 64] &= !(1 << (i % 64));
    }
}

/// A credit rating as kept: agency letters inline (AAA … D, at most four), or a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credit {
    Letters([u8; 4]),
    Word(CreditWord),
}

impl Credit {
    /// Letters as parsed ("AAA", "B"); longer ones are cut to four (no scale has more).
    pub fn letters(s: &str) -> Credit {
        let mut out = [0u8; 4];
        for (o, b) in out.iter_mut().zip(s.bytes().filter(u8::is_ascii_uppercase)) {
            *o = b;
        }
        Credit::Letters(out)
    }

    /// The letters, for a letter rating.
    pub fn as_letters(&self) -> Option<&str> {
        match self {
            Credit::Letters(b) => {
                let n = b.iter().position(|&c| c == 0).unwrap_or(4);
                std::str::from_utf8(&b[..n]).ok()
            }
            Credit::Word(_) => None,
        }
    }
}

/// The run's regions and industries: each distinct text once, numbered from 1, so an account
/// keeps two `u16`s instead of two strings. Texts live as long as the process (a team has a
/// few dozen); past 65,535 distinct texts a new one is not kept (the breakdowns then count it
/// as not given).
pub mod tags {
    use std::collections::HashMap;
    use std::sync::{OnceLock, RwLock};

    #[derive(Default)]
    struct Table {
        ids: HashMap<&'static str, u16>,
        names: Vec<&'static str>,
    }

    fn table() -> &'static RwLock<Table> {
        static TABLE: OnceLock<RwLock<Table>> = OnceLock::new();
        TABLE.get_or_init(RwLock::default)
    }

    /// The number of `text` (0 for an empty text or a full table).
    pub fn intern(text: &str) -> u16 {
        let text = text.trim();
        if text.is_empty() {
            return 0;
        }
        // A poisoned lock only means another thread panicked mid-insert; the table is still
        // a valid map.
        if let Some(&id) = table().read().unwrap_or_else(|e| e.into_inner()).ids.get(text) {
            return id;
        }
        let mut t = table().write().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = t.ids.get(text) {
            return id;
        }
        let Ok(id) = u16::try_from(t.names.len() + 1) else { return 0 };
        let leaked: &'static str = Box::leak(text.to_string().into_boxed_str());
        t.names.push(leaked);
        t.ids.insert(leaked, id);
        id
    }

    /// The text of a number from [`intern`].
    pub fn name(id: u16) -> Option<&'static str> {
        let i = usize::from(id).checked_sub(1)?;
        table().read().unwrap_or_else(|e| e.into_inner()).names.get(i).copied()
    }
}

/// What few accounts have, kept apart so that the others do not pay for it.
#[derive(Debug, Clone, PartialEq)]
struct Extra {
    /// A money range's high end (NaN: the same as the low end).
    money_high: [f64; 7],
    /// The five aging buckets (NaN: not given).
    aging: [f64; 5],
    /// The credit limit (NaN: not given).
    credit_limit: f64,
}

impl Extra {
    fn new() -> Box<Extra> {
        Box::new(Extra { money_high: [f64::NAN; 7], aging: [f64::NAN; 5], credit_limit: f64::NAN })
    }
}

/// A parsed cell, ready to be stored in its field.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Money(Money),
    /// A share of wallet, 0–1.
    Fraction(f64),
    /// A rating; `plain` when it is a bare number waiting for its column's scale.
    Rating {
        value: f64,
        plain: bool,
    },
    Answer(Answer),
    Date(NaiveDate),
    Days(u32),
    Credit(Credit),
    Terms(Terms),
    Stage(Stage),
    DealStatus(DealStatus),
    PromiseStatus(PromiseStatus),
    ItemStatus(ItemStatus),
    Attitude(Attitude),
    DecisionMaker(DecisionMaker),
    /// The index in the model's `input.no_object_words` of the claim found in the notes.
    NoObjectNote(u16),
}

/// Where a field is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Id,
    Name,
    Owner,
    /// Region (0) and industry (1): shown in the summary's breakdowns.
    Tag(usize),
    /// Recognised (so not reported as an unknown column) but read by nothing: not kept.
    NotKept,
    Notes,
    Money(usize),
    Aging(usize),
    CreditLimit,
    Share,
    Answer(usize),
    Credit,
    Terms,
    Days,
    Date(usize),
    DecisionMaker,
    Attitude,
    Rating(usize),
    Stage,
}

/// The storage of every field: exhaustive, so a new field must be given a place.
const fn slot(f: Field) -> Slot {
    match f {
        Field::AccountId => Slot::Id,
        Field::AccountName => Slot::Name,
        Field::Owner => Slot::Owner,
        Field::Region => Slot::Tag(0),
        Field::Industry => Slot::Tag(1),
        Field::Stage => Slot::Stage,
        Field::Budget => Slot::Money(0),
        Field::DealValue => Slot::Money(1),
        Field::AnnualPurchase => Slot::Money(2),
        Field::OurSales12m => Slot::Money(3),
        Field::RegisteredCapital => Slot::Money(4),
        Field::ArBalance => Slot::Money(5),
        Field::OverdueAmount => Slot::Money(6),
        Field::Share => Slot::Share,
        Field::Funding => Slot::Answer(0),
        Field::Advertising => Slot::Answer(1),
        Field::Hiring => Slot::Answer(2),
        Field::NeedConsensus => Slot::Answer(3),
        Field::Insider => Slot::Answer(4),
        Field::ReferenceCustomer => Slot::Answer(5),
        Field::CreditRating => Slot::Credit,
        Field::PaymentTerms => Slot::Terms,
        Field::OverdueDays => Slot::Days,
        Field::Aging0To30 => Slot::Aging(0),
        Field::Aging31To60 => Slot::Aging(1),
        Field::Aging61To90 => Slot::Aging(2),
        Field::Aging91To180 => Slot::Aging(3),
        Field::AgingOver180 => Slot::Aging(4),
        Field::LastPaymentDate => Slot::Date(0),
        Field::FirstContact => Slot::Date(1),
        Field::ExpectedClose => Slot::Date(2),
        Field::ImplementationDate => Slot::Date(3),
        Field::PaymentDate => Slot::Date(4),
        Field::DecisionMaker => Slot::DecisionMaker,
        Field::DecisionAttitude => Slot::Attitude,
        Field::Fit => Slot::Rating(0),
        Field::FinancialStrength => Slot::Rating(1),
        Field::Integrity => Slot::Rating(2),
        Field::Relationship => Slot::Rating(3),
        Field::Competitive => Slot::Rating(4),
        Field::Timing => Slot::Rating(5),
        Field::AddedValue => Slot::Rating(6),
        Field::Notes => Slot::Notes,
        Field::CreditLimit => Slot::CreditLimit,
        // Line-item fields: rolled up per account (crate::rollup), not kept on an accounts row.
        Field::DealName
        | Field::DealId
        | Field::Probability
        | Field::DealStatus
        | Field::LostReason
        | Field::CreatedDate
        | Field::InvoiceNo
        | Field::InvoiceDate
        | Field::DueDate
        | Field::OrderNo
        | Field::OrderDate
        | Field::Sales
        | Field::Cost
        | Field::Profit
        | Field::PaidDate
        | Field::PaidAmount
        | Field::Promise
        | Field::PromiseStatus
        | Field::KeptDate
        | Field::ItemStatus
        | Field::SettledDate => Slot::NotKept,
        // Read with the row: it converts the row's amounts (see `row::ingest_row`).
        Field::Currency => Slot::NotKept,
    }
}

/// One account row, every field parsed. A field is absent when its column is missing, empty
/// or unusable.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// Its id, else its normalised name.
    pub key: AccountKey,
    pub name: Box<str>,
    /// Shared by the accounts of one owner (see [`Account::share_owner`]): a team has a few
    /// owners and a run may have a million accounts.
    pub owner: Option<std::sync::Arc<str>>,
    /// Region and industry, as numbers of the run's [`tags`] table (0: none): a team has few
    /// of each, and a run a million accounts.
    tags: [u16; 2],
    present: FieldSet,
    /// Budget, deal value, annual purchase, 12-month sales, registered capital, receivables,
    /// overdue: the amount or a range's low end; NaN for a "not known" word.
    money: [f64; 7],
    /// Bit i: money field i is a "money is no object" claim.
    money_red: u8,
    /// Ranges' high ends and aging buckets, which most accounts do not have.
    extra: Option<Box<Extra>>,
    share: f64,
    /// The seven 1–5 ratings, in [`super::RATING_FIELDS`] order.
    ratings: [f64; 7],
    /// Bit i: rating i is still a plain number waiting for its column's scale.
    rating_numbers: u8,
    dates: [NaiveDate; 5],
    overdue_days: u32,
    terms: Terms,
    credit: Credit,
    answers: [Answer; 6],
    stage: Stage,
    attitude: Attitude,
    decision_maker: DecisionMaker,
    no_object_note: u16,
}

impl Default for Account {
    /// Nothing known, not even a name.
    fn default() -> Account {
        Account {
            key: AccountKey::default(),
            name: Box::default(),
            owner: None,
            tags: [0, 0],
            present: FieldSet::default(),
            money: [0.0; 7],
            money_red: 0,
            extra: None,
            share: 0.0,
            ratings: [0.0; 7],
            rating_numbers: 0,
            dates: [NaiveDate::MIN; 5],
            overdue_days: 0,
            terms: Terms { kind: TermsKind::Net, days: None, month_end: false },
            credit: Credit::Letters([0; 4]),
            answers: [Answer::Unknown; 6],
            stage: Stage::Targeting,
            attitude: Attitude::Unknown,
            decision_maker: DecisionMaker::Unclear,
            no_object_note: 0,
        }
    }
}

impl Default for AccountKey {
    fn default() -> AccountKey {
        AccountKey::Name(Box::default())
    }
}

impl Account {
    /// An account of this name (its key the normalised name), nothing else known: for tests
    /// and for building accounts field by field with [`Account::with`].
    pub fn named(name: &str) -> Account {
        let mut a = Account::default();
        a.set(Field::AccountName, Value::Text(name.to_string()));
        a
    }

    /// Share the owner's name with the other accounts of the same owner: one string per
    /// owner, not one per account.
    pub fn share_owner(&mut self, owners: &mut std::collections::HashSet<std::sync::Arc<str>>) {
        if let Some(owner) = self.owner.take() {
            let shared = match owners.get(&owner) {
                Some(known) => std::sync::Arc::clone(known),
                None => {
                    owners.insert(std::sync::Arc::clone(&owner));
                    owner
                }
            };
            self.owner = Some(shared);
        }
    }

    /// The region (区域) as its number in the run's [`tags`] table (0: none); its text is
    /// [`tags::name`].
    pub fn region_id(&self) -> u16 {
        self.tags[0]
    }

    /// The industry (行业), likewise.
    pub fn industry_id(&self) -> u16 {
        self.tags[1]
    }

    /// Key the account by its name under the model's legal-form suffixes (when it has no ID).
    pub fn rekey(&mut self, suffixes: &crate::values::name::Suffixes) {
        if let AccountKey::Name(_) = self.key {
            self.key = AccountKey::Name(crate::values::name::join_key(&self.name, suffixes).into_boxed_str());
        }
    }

    /// This account with one more field set.
    pub fn with(mut self, field: Field, value: Value) -> Account {
        self.set(field, value);
        self
    }

    /// Whether the field has a value.
    pub fn has(&self, f: Field) -> bool {
        match slot(f) {
            Slot::Name => !self.name.is_empty(),
            Slot::Id => matches!(self.key, AccountKey::Id(_)),
            _ => self.present.contains(f),
        }
    }

    /// The fields with a value (key and name aside).
    pub fn present(&self) -> FieldSet {
        self.present
    }

    /// Store a field's value. A value of the wrong kind for the field is ignored (the parser of
    /// the field's kind never makes one).
    pub fn set(&mut self, field: Field, value: Value) {
        let kept = match (slot(field), value) {
            (Slot::Id, Value::Text(id)) => {
                let id = crate::values::text::clean(&id).to_uppercase();
                if !id.is_empty() {
                    self.key = AccountKey::Id(id.into_boxed_str());
                }
                false
            }
            (Slot::Name, Value::Text(name)) => {
                if !matches!(self.key, AccountKey::Id(_)) {
                    let key = crate::values::name::join_key(&name, crate::values::name::Suffixes::builtin());
                    self.key = AccountKey::Name(key.into_boxed_str());
                }
                self.name = name.into_boxed_str();
                false
            }
            (Slot::Owner, Value::Text(owner)) => {
                self.owner = Some(owner.into());
                false
            }
            (Slot::Tag(i), Value::Text(tag)) => {
                self.tags[i] = tags::intern(&tag);
                self.tags[i] != 0
            }
            (Slot::NotKept, _) => false,
            (Slot::Notes, Value::NoObjectNote(i)) => {
                self.no_object_note = i;
                true
            }
            (Slot::Money(i), Value::Money(m)) => {
                match m.kind() {
                    MoneyKind::Amount { low, high } => {
                        self.money[i] = low;
                        self.money_red &= !(1 << i);
                        if high != low {
                            self.extra.get_or_insert_with(Extra::new).money_high[i] = high;
                        } else if let Some(e) = &mut self.extra {
                            e.money_high[i] = f64::NAN;
                        }
                    }
                    MoneyKind::Vague { red_flag } => {
                        self.money[i] = f64::NAN;
                        if red_flag {
                            self.money_red |= 1 << i;
                        } else {
                            self.money_red &= !(1 << i);
                        }
                    }
                }
                true
            }
            (Slot::Aging(i), Value::Money(m)) => match m.mid() {
                Some(v) => {
                    self.extra.get_or_insert_with(Extra::new).aging[i] = v;
                    true
                }
                None => false,
            },
            (Slot::CreditLimit, Value::Money(m)) => match m.mid() {
                Some(v) => {
                    self.extra.get_or_insert_with(Extra::new).credit_limit = v;
                    true
                }
                None => false,
            },
            (Slot::Share, Value::Fraction(f)) => {
                self.share = f;
                true
            }
            (Slot::Answer(i), Value::Answer(a)) => {
                self.answers[i] = a;
                true
            }
            (Slot::Credit, Value::Credit(c)) => {
                self.credit = c;
                true
            }
            (Slot::Terms, Value::Terms(t)) => {
                self.terms = t;
                true
            }
            (Slot::Days, Value::Days(d)) => {
                self.overdue_days = d;
                true
            }
            (Slot::Date(i), Value::Date(d)) => {
                self.dates[i] = d;
                true
            }
            (Slot::DecisionMaker, Value::DecisionMaker(d)) => {
                self.decision_maker = d;
                true
            }
            (Slot::Attitude, Value::Attitude(a)) => {
                self.attitude = a;
                true
            }
            (Slot::Rating(i), Value::Rating { value, plain }) => {
                self.ratings[i] = value;
                if plain {
                    self.rating_numbers |= 1 << i;
                } else {
                    self.rating_numbers &= !(1 << i);
                }
                true
            }
            (Slot::Stage, Value::Stage(s)) => {
                self.stage = s;
                true
            }
            // A value of another kind: not stored.
            _ => false,
        };
        if kept {
            self.present.insert(field);
        }
    }

    /// Take a field's value from another row of the same account, present or not (a cleared
    /// cell clears it): the field-by-field merge of SPEC §1b.
    pub fn copy_field(&mut self, from: &Account, f: Field) {
        fn extra_mut(a: &mut Account) -> &mut Extra {
            a.extra.get_or_insert_with(Extra::new)
        }
        let fe = from.extra.as_deref();
        match slot(f) {
            Slot::Id | Slot::Name | Slot::NotKept => return,
            Slot::Owner => {
                self.owner.clone_from(&from.owner);
                return;
            }
            Slot::Tag(i) => self.tags[i] = from.tags[i],
            Slot::Notes => self.no_object_note = from.no_object_note,
            Slot::Money(i) => {
                self.money[i] = from.money[i];
                self.money_red = (self.money_red & !(1 << i)) | (from.money_red & (1 << i));
                let high = fe.map_or(f64::NAN, |e| e.money_high[i]);
                if !high.is_nan() || self.extra.is_some() {
                    extra_mut(self).money_high[i] = high;
                }
            }
            Slot::Aging(i) => {
                let v = fe.map_or(f64::NAN, |e| e.aging[i]);
                if !v.is_nan() || self.extra.is_some() {
                    extra_mut(self).aging[i] = v;
                }
            }
            Slot::CreditLimit => {
                let v = fe.map_or(f64::NAN, |e| e.credit_limit);
                if !v.is_nan() || self.extra.is_some() {
                    extra_mut(self).credit_limit = v;
                }
            }
            Slot::Share => self.share = from.share,
            Slot::Answer(i) => self.answers[i] = from.answers[i],
            Slot::Credit => self.credit = from.credit,
            Slot::Terms => self.terms = from.terms,
            Slot::Days => self.overdue_days = from.overdue_days,
            Slot::Date(i) => self.dates[i] = from.dates[i],
            Slot::DecisionMaker => self.decision_maker = from.decision_maker,
            Slot::Attitude => self.attitude = from.attitude,
            Slot::Rating(i) => {
                self.ratings[i] = from.ratings[i];
                self.rating_numbers = (self.rating_numbers & !(1 << i)) | (from.rating_numbers & (1 << i));
            }
            Slot::Stage => self.stage = from.stage,
        }
        if from.present.contains(f) {
            self.present.insert(f);
        } else {
            self.present.remove(f);
        }
    }

    /// Forget a field's value (a rating outside its column's scale).
    pub fn clear(&mut self, field: Field) {
        self.present.remove(field);
        if let Slot::Rating(i) = slot(field) {
            self.rating_numbers &= !(1 << i);
        }
    }

    fn money_of(&self, f: Field) -> Option<Money> {
        let Slot::Money(i) = slot(f) else { return None };
        if !self.present.contains(f) {
            return None;
        }
        let low = self.money[i];
        if low.is_nan() {
            return Some(Money::vague(self.money_red & (1 << i) != 0));
        }
        let high = self.extra.as_ref().map(|e| e.money_high[i]).filter(|h| !h.is_nan()).unwrap_or(low);
        Some(Money::amount(low, high))
    }

    pub fn budget(&self) -> Option<Money> {
        self.money_of(Field::Budget)
    }

    pub fn deal_value(&self) -> Option<Money> {
        self.money_of(Field::DealValue)
    }

    /// The deal value as one amount: a range's midpoint; None when unknown or vague.
    pub fn deal(&self) -> Option<f64> {
        self.deal_value().and_then(|d| d.mid())
    }

    pub fn annual_purchase(&self) -> Option<Money> {
        self.money_of(Field::AnnualPurchase)
    }

    pub fn our_sales_12m(&self) -> Option<Money> {
        self.money_of(Field::OurSales12m)
    }

    pub fn registered_capital(&self) -> Option<Money> {
        self.money_of(Field::RegisteredCapital)
    }

    pub fn ar_balance(&self) -> Option<Money> {
        self.money_of(Field::ArBalance)
    }

    pub fn overdue_amount(&self) -> Option<Money> {
        self.money_of(Field::OverdueAmount)
    }

    /// The five aging buckets (0–30 … >180 days), when any is given.
    pub fn aging(&self) -> Option<[Option<f64>; 5]> {
        if !Field::AGING.iter().any(|f| self.present.contains(*f)) {
            return None;
        }
        let a = &self.extra.as_ref()?.aging;
        Some(std::array::from_fn(|i| Some(a[i]).filter(|v| !v.is_nan() && self.present.contains(Field::AGING[i]))))
    }

    /// The credit limit, when given.
    pub fn credit_limit(&self) -> Option<f64> {
        if !self.present.contains(Field::CreditLimit) {
            return None;
        }
        self.extra.as_ref().map(|e| e.credit_limit).filter(|v| !v.is_nan())
    }

    pub fn share(&self) -> Option<f64> {
        self.present.contains(Field::Share).then_some(self.share)
    }

    fn answer_of(&self, f: Field) -> Option<Answer> {
        let Slot::Answer(i) = slot(f) else { return None };
        self.present.contains(f).then_some(self.answers[i])
    }

    pub fn funding(&self) -> Option<Answer> {
        self.answer_of(Field::Funding)
    }

    pub fn advertising(&self) -> Option<Answer> {
        self.answer_of(Field::Advertising)
    }

    pub fn hiring(&self) -> Option<Answer> {
        self.answer_of(Field::Hiring)
    }

    pub fn need_consensus(&self) -> Option<Answer> {
        self.answer_of(Field::NeedConsensus)
    }

    pub fn insider(&self) -> Option<Answer> {
        self.answer_of(Field::Insider)
    }

    pub fn reference_customer(&self) -> Option<Answer> {
        self.answer_of(Field::ReferenceCustomer)
    }

    pub fn credit_rating(&self) -> Option<Credit> {
        self.present.contains(Field::CreditRating).then_some(self.credit)
    }

    pub fn payment_terms(&self) -> Option<Terms> {
        self.present.contains(Field::PaymentTerms).then_some(self.terms)
    }

    pub fn overdue_days(&self) -> Option<u32> {
        self.present.contains(Field::OverdueDays).then_some(self.overdue_days)
    }

    fn date_of(&self, f: Field) -> Option<NaiveDate> {
        let Slot::Date(i) = slot(f) else { return None };
        self.present.contains(f).then_some(self.dates[i])
    }

    pub fn last_payment_date(&self) -> Option<NaiveDate> {
        self.date_of(Field::LastPaymentDate)
    }

    pub fn first_contact(&self) -> Option<NaiveDate> {
        self.date_of(Field::FirstContact)
    }

    pub fn expected_close(&self) -> Option<NaiveDate> {
        self.date_of(Field::ExpectedClose)
    }

    pub fn implementation_date(&self) -> Option<NaiveDate> {
        self.date_of(Field::ImplementationDate)
    }

    pub fn payment_date(&self) -> Option<NaiveDate> {
        self.date_of(Field::PaymentDate)
    }

    pub fn decision_maker(&self) -> Option<DecisionMaker> {
        self.present.contains(Field::DecisionMaker).then_some(self.decision_maker)
    }

    pub fn decision_attitude(&self) -> Option<Attitude> {
        self.present.contains(Field::DecisionAttitude).then_some(self.attitude)
    }

    pub fn stage(&self) -> Option<Stage> {
        self.present.contains(Field::Stage).then_some(self.stage)
    }

    /// The "money is no object" claim found in the notes, as its index in the model's words.
    pub fn no_object_note(&self) -> Option<u16> {
        self.present.contains(Field::Notes).then_some(self.no_object_note)
    }

    /// Rating `i` of [`super::RATING_FIELDS`], on the 1–5 scale.
    pub fn rating(&self, i: usize) -> Option<f64> {
        let f = *super::RATING_FIELDS.get(i)?;
        self.present.contains(f).then_some(self.ratings[i])
    }

    /// Rating `i` while it is still a plain number waiting for its column's scale.
    pub(crate) fn plain_rating(&self, i: usize) -> Option<f64> {
        (self.rating_numbers & (1 << i) != 0).then(|| self.rating(i)).flatten()
    }
}

/// A recognised sheet as its rows' provenance: where it is, its place in its workbook, and the
/// column that holds each field. Shared by every row of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetSource {
    pub at: SheetRef,
    /// The sheet's position in its workbook, for ordering duplicates.
    pub index: u32,
    /// Per field (by [`Field::index`]), its 0-based column; `u32::MAX` when the sheet has none.
    cols: [u32; Field::COUNT],
}

impl SheetSource {
    pub fn new(at: SheetRef, index: u32, columns: impl IntoIterator<Item = (Field, u32)>) -> SheetSource {
        let mut cols = [u32::MAX; Field::COUNT];
        for (f, c) in columns {
            if cols[f.index()] == u32::MAX {
                cols[f.index()] = c;
            }
        }
        SheetSource { at, index, cols }
    }

    /// The column of a field in this sheet.
    pub fn col(&self, f: Field) -> Option<u32> {
        Some(self.cols[f.index()]).filter(|c| *c != u32::MAX)
    }
}

macro_rules! value_from {
    ($($t:ty => $variant:ident),* $(,)?) => {
        $(impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::$variant(v)
            }
        })*
    };
}

value_from! {
    Money => Money,
    Answer => Answer,
    NaiveDate => Date,
    u32 => Days,
    Credit => Credit,
    Terms => Terms,
    Stage => Stage,
    DealStatus => DealStatus,
    PromiseStatus => PromiseStatus,
    ItemStatus => ItemStatus,
    Attitude => Attitude,
    DecisionMaker => DecisionMaker,
}

//! Hand-computed accounts for every rule of SPEC §3. The arithmetic is in the comments.

use std::sync::Arc;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::allocate::{allocate, Member};
use crate::field::Field;
use crate::ingest::{
    Account, Answer, Attitude, Credit, DecisionMaker, Money, Record, SheetSource, Source, Value, RATING_FIELDS,
};
use crate::model::{Capacity, Model};
use crate::provenance::SheetRef;
use crate::values::terms::{Terms, TermsKind};

fn model() -> Model {
    Model::default_model().unwrap()
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 31).unwrap()
}

fn s<T: Into<Value>>(value: T) -> Option<Value> {
    Some(value.into())
}

fn amount(v: f64) -> Option<Value> {
    s(Money::amount(v, v))
}

fn range(low: f64, high: f64) -> Option<Value> {
    s(Money::amount(low, high))
}

fn rating(v: f64) -> Option<Value> {
    Some(Value::Rating { value: v, plain: false })
}

/// Set a field to a value, or clear it with None.
trait Put {
    fn put(&mut self, field: Field, value: Option<Value>);
}

impl Put for Account {
    fn put(&mut self, field: Field, value: Option<Value>) {
        match value {
            Some(v) => self.set(field, v),
            None => self.clear(field),
        }
    }
}

/// An account with just these fields.
fn build(fields: Vec<(Field, Option<Value>)>) -> Account {
    let mut a = Account::named("乙公司");
    for (f, v) in fields {
        a.put(f, v);
    }
    a
}

/// An account that passes every intent check, closing `days` after the as-of date, with the
/// seven ratings given (fit, financial, integrity, relationship, competitive, timing, added).
fn account(ratings: [f64; 7], days: i64) -> Account {
    let mut a = build(vec![
        (Field::AccountId, Some(Value::Text("K".into()))),
        (Field::Budget, amount(1_000_000.0)),
        (Field::DealValue, amount(1_000_000.0)),
        (Field::NeedConsensus, s(Answer::Yes)),
        (Field::DecisionMaker, s(DecisionMaker::Named)),
        (Field::DecisionAttitude, s(Attitude::Support)),
        (Field::ExpectedClose, s(as_of() + chrono::Duration::days(days))),
    ]);
    a.set(Field::AccountName, Value::Text("甲公司".into()));
    for (f, r) in RATING_FIELDS.iter().zip(ratings) {
        a.put(*f, rating(r));
    }
    a
}

fn record(account: Account) -> Record {
    let at = SheetRef { file: Arc::from("f.xlsx"), sheet: Arc::from("S") };
    Record::new(account, Source { sheet: Arc::new(SheetSource::new(at, 0, [])), row: 1 })
}

/// One flag of a scored account, with its reasons worked out as the flags tab does.
fn flag_of(a: Account, sc: &Scored, kind: FlagKind) -> flags::Flag {
    flags::flag(&record(a), &sc.intent, &model(), as_of(), kind).unwrap()
}

fn score(a: Account) -> Scored {
    score_one(&record(a), &model(), as_of())
}

#[test]
fn a_strong_account_closing_soon_is_a() {
    // need_budget: budget ≥ deal → 1 → 2.5; ratings 5,5,5,5,4,5,4 → 1,1,1,1,.75,1,.75
    // points: 2.5 + 2.5 (integrity) + 2.5 (financial) + 2.5 (fit) + 2.5 (relationship)
    //       + 1.875 (competitive) + 2.5 (timing) + 1.875 (added) = 18.75
    let sc = score(account([5.0, 5.0, 5.0, 5.0, 4.0, 5.0, 4.0], 45));
    assert_eq!(sc.score, 18.75);
    assert_eq!(sc.points()[Factor::Competitive as usize], Some(1.875));
    assert_eq!(sc.grade, Grade::A);
    assert!(sc.flags.is_empty(), "{:?}", sc.flags);
    assert_eq!(sc.reason(&model(), Lang::Zh), "18.75 ≥ 17；45天内成交 → A");
    assert_eq!(sc.reason(&model(), Lang::En), "18.75 ≥ 17; closes in 45 days → A");
}

#[test]
fn exactly_seventeen_is_a_and_just_below_is_b() {
    // need_budget 80万/100万 = .8 → 2.0; fit 1, financial 1, integrity 1 → 7.5;
    // relationship, competitive, timing, added .75 each → 7.5; total 2 + 7.5 + 7.5 = 17.0
    let mut a = account([5.0, 5.0, 5.0, 4.0, 4.0, 4.0, 4.0], 30);
    a.put(Field::Budget, amount(800_000.0));
    let sc = score(a.clone());
    assert_eq!(sc.score, 17.0);
    assert_eq!(sc.grade, Grade::A);
    assert!(sc.has(FlagKind::OverBudget));
    // added value 3 → .5 → 1.25 instead of 1.875: 16.375 → B
    a.put(RATING_FIELDS[6], rating(3.0));
    let sc = score(a);
    assert_eq!(sc.score, 16.375);
    assert_eq!(sc.grade, Grade::B);
}

#[test]
fn exactly_fifteen_passes_and_just_below_is_d() {
    // budget-only → .75; all ratings 4 → .75: 8 × .75 × 2.5 = 15.0
    let mut a = account([4.0; 7], 200);
    a.put(Field::DealValue, None);
    let sc = score(a.clone());
    assert_eq!(sc.score, 15.0);
    assert_eq!(sc.grade, Grade::C, "close 200 days out → C");
    // one rating 3 → .5: 15 − .625 = 14.375 → D
    a.put(RATING_FIELDS[0], rating(3.0));
    let sc = score(a);
    assert_eq!(sc.score, 14.375);
    assert_eq!(sc.grade, Grade::D);
    // Fit lost 2.5 − 1.25 = 1.25; the other seven lost .625 each, need & budget first in order.
    assert_eq!(
        sc.reason(&model(), Lang::Zh),
        "14.38 < 15；差 0.62 分及格；失分最多：产品/技术/服务满足度 1.25/2.50、需求与预算 1.88/2.50 → D"
    );
}

#[test]
fn horizons_are_inclusive() {
    let strong = [5.0; 7];
    assert_eq!(score(account(strong, 90)).grade, Grade::A);
    assert_eq!(score(account(strong, 91)).grade, Grade::B);
    assert_eq!(score(account(strong, 180)).grade, Grade::B);
    assert_eq!(score(account(strong, 181)).grade, Grade::C);
    assert_eq!(score(account(strong, 0)).grade, Grade::A, "closing on the as-of date");
}

#[test]
fn a_passed_close_date_is_unknown_for_grading_and_flagged() {
    let sc = score(account([5.0; 7], -1));
    assert_eq!(sc.grade, Grade::C);
    assert_eq!(sc.days_to_close, None);
    assert!(sc.has(FlagKind::CloseDatePassed));
    assert_eq!(sc.reason(&model(), Lang::Zh), "20.00 ≥ 17；成交日已过 → C");
}

#[test]
fn more_than_two_unknown_factors_needs_information() {
    let mut a = account([5.0; 7], 30);
    a.put(RATING_FIELDS[0], None); // fit: rating only
    a.put(RATING_FIELDS[4], None); // competitive: rating only
    let two = score(a.clone());
    // 6 known factors × 2.5 = 15 → passes, but unknowns count 0 and are named
    assert_eq!(two.score, 15.0);
    assert_eq!(two.grade, Grade::B, "15 < 17: not A");
    assert!(two.reason(&model(), Lang::Zh).contains("未知：产品/技术/服务满足度、竞争优劣势"));
    a.put(RATING_FIELDS[3], None); // relationship: rating only → third unknown
    let three = score(a);
    assert_eq!(three.grade, Grade::NeedsInfo);
    assert_eq!(three.unknown(), [Factor::Fit, Factor::Relationship, Factor::Competitive]);
}

#[test]
fn weak_credit_holds_back_an_a() {
    let mut a = account([5.0; 7], 30);
    a.put(Field::CreditRating, s(Credit::letters("B")));
    let sc = score(a);
    // The integrity rating column (5) wins for the factor; the flag still comes from the rating.
    assert_eq!(sc.score, 20.0);
    assert!(sc.has(FlagKind::WeakCredit));
    assert_eq!(sc.grade, Grade::B);
    assert_eq!(sc.reason(&model(), Lang::Zh), "20.00 ≥ 17；30天内成交；信用弱 → B");
}

#[test]
fn failed_intent_checks_hold_back_an_a() {
    for strip in 0..4 {
        let mut a = account([5.0; 7], 30);
        match strip {
            0 => a.put(Field::NeedConsensus, s(Answer::No)),
            1 => a.put(Field::Budget, s(Money::vague(false))),
            2 => a.put(Field::DecisionAttitude, s(Attitude::Unknown)),
            _ => a.put(Field::DecisionMaker, s(DecisionMaker::Unclear)),
        }
        let sc = score(a);
        assert_eq!(sc.grade, Grade::B, "check {strip}");
    }
}

#[test]
fn budget_ranges() {
    let m = model();
    // 50–75万 is exactly 1.5× wide: clear; 50–80万 is 1.6×: vague.
    assert!(intent::budget_is_clear(&Money::amount(500_000.0, 750_000.0), 1.5));
    assert!(!intent::budget_is_clear(&Money::amount(500_000.0, 800_000.0), 1.5));
    let mut a = account([5.0; 7], 30);
    a.put(Field::Budget, range(500_000.0, 800_000.0));
    a.put(Field::DealValue, range(500_000.0, 700_000.0));
    let sc = score_one(&record(a), &m, as_of());
    // need_budget: budget low 50万 vs deal midpoint 60万 → 5/6 → 2.0833
    assert!((sc.points()[0].unwrap() - 2.5 * 5.0 / 6.0).abs() < 1e-6, "points are kept to 6 decimals");
    assert!(sc.has(FlagKind::VagueBudget));
    assert!(!sc.intent.budget_clear);
}

#[test]
fn need_budget_derivations() {
    let m = model();
    let f = |budget: Option<Value>, deal: Option<Value>| {
        let a = build(vec![(Field::Budget, budget), (Field::DealValue, deal)]);
        factors::fractions(&a, &m)[0]
    };
    assert_eq!(f(amount(100.0), amount(80.0)), Some(1.0));
    assert_eq!(f(amount(60.0), amount(80.0)), Some(0.75));
    assert_eq!(f(amount(60.0), None), Some(0.75));
    assert_eq!(f(s(Money::vague(false)), amount(80.0)), Some(0.25));
    assert_eq!(f(None, amount(80.0)), None);
}

#[test]
fn no_object_claims_are_vague_with_their_own_reason() {
    let mut a = account([5.0; 7], 30);
    a.put(Field::Budget, s(Money::vague(true)));
    let sc = score(a.clone());
    assert!(sc.has(FlagKind::VagueBudget));
    let flag = flag_of(a, &sc, FlagKind::VagueBudget);
    assert_eq!(flag.reasons[0].0, flags::Reason::NoObjectClaim);
    let mut a = account([5.0; 7], 30);
    a.put(
        Field::Notes,
        Some(Value::NoObjectNote(model().input.no_object_words.iter().position(|w| w == "不差钱").unwrap() as u16)),
    );
    assert!(score(a).has(FlagKind::VagueBudget));
}

#[test]
fn credit_derivation_with_deductions() {
    let m = model();
    let credit = |a: Account| factors::fractions(&a, &m)[1];
    // AA .9 − terms 120 > 90 (.2) − overdue share 40% (.4) − overdue 100 > 90 days (.2) = .1
    let a = build(vec![
        (Field::CreditRating, s(Credit::letters("AA"))),
        (Field::PaymentTerms, s(Terms { kind: TermsKind::Net, days: Some(120), month_end: false })),
        (Field::ArBalance, amount(100.0)),
        (Field::OverdueAmount, amount(40.0)),
        (Field::OverdueDays, s(100u32)),
    ]);
    assert!((credit(a.clone()).unwrap() - 0.1).abs() < 1e-9);
    let mut acc = account([5.0; 7], 30);
    acc.put(RATING_FIELDS[2], None);
    acc.put(Field::CreditRating, a.credit_rating().map(Value::Credit));
    acc.put(Field::PaymentTerms, a.payment_terms().map(Value::Terms));
    acc.put(Field::ArBalance, a.ar_balance().map(Value::Money));
    acc.put(Field::OverdueAmount, a.overdue_amount().map(Value::Money));
    acc.put(Field::OverdueDays, a.overdue_days().map(Value::Days));
    let sc = score(acc.clone());
    assert!(sc.has(FlagKind::WeakCredit));
    let weak = flag_of(acc, &sc, FlagKind::WeakCredit);
    assert_eq!(weak.reasons.len(), 3, "terms, overdue share, overdue days: {:?}", weak.reasons);
    // No rating, 60-day terms: base .7.
    let terms = |kind, days| build(vec![(Field::PaymentTerms, s(Terms { kind, days, month_end: false }))]);
    assert_eq!(credit(terms(TermsKind::Net, Some(60))), Some(0.7));
    // Credit sale: .7 − .2 = .5
    assert!((credit(terms(TermsKind::CreditSale, None)).unwrap() - 0.5).abs() < 1e-9);
    // Overdue share capped at .5: AAA 1 − .5 = .5
    let capped = build(vec![
        (Field::CreditRating, s(Credit::letters("AAA"))),
        (Field::ArBalance, amount(100.0)),
        (Field::OverdueAmount, amount(90.0)),
    ]);
    assert!((credit(capped).unwrap() - 0.5).abs() < 1e-9);
    // Nothing at all: unknown.
    assert_eq!(credit(Account::default()), None);
    // Letter scale: C → .35
    let mut letter = model();
    letter.score.credit.credit_scale = crate::model::CreditScale::Letter;
    let c = build(vec![(Field::CreditRating, s(Credit::letters("C")))]);
    assert_eq!(factors::fractions(&c, &letter)[1], Some(0.35));
    assert_eq!(factors::fractions(&c, &m)[1], Some(0.05), "agency scale: C → .05");
}

#[test]
fn financial_strength_derivations() {
    let m = model();
    let fin = |capital: f64, signals: bool| {
        let yes = if signals { s(Answer::Yes) } else { None };
        let a = build(vec![
            (Field::RegisteredCapital, amount(capital)),
            (Field::DealValue, amount(100.0)),
            (Field::Funding, yes),
        ]);
        factors::fractions(&a, &m)[2]
    };
    assert_eq!(fin(1000.0, false), Some(1.0));
    assert_eq!(fin(300.0, false), Some(0.75));
    assert_eq!(fin(300.0, true), Some(0.85));
    assert_eq!(fin(100.0, false), Some(0.5));
    assert_eq!(fin(50.0, false), Some(0.25));
    assert_eq!(fin(1000.0, true), Some(1.0), "clamped");
    let no_capital = build(vec![(Field::DealValue, amount(100.0)), (Field::Funding, s(Answer::Yes))]);
    assert_eq!(factors::fractions(&no_capital, &m)[2], None);
}

#[test]
fn timing_from_lead_time() {
    let m = model();
    let t = |lead: i64| {
        let close = as_of();
        let a = build(vec![
            (Field::FirstContact, s(close - chrono::Duration::days(lead))),
            (Field::ExpectedClose, s(close)),
        ]);
        factors::fractions(&a, &m)[6]
    };
    assert_eq!(t(180), Some(1.0));
    assert_eq!(t(179), Some(0.75));
    assert_eq!(t(90), Some(0.75));
    assert_eq!(t(30), Some(0.5));
    assert_eq!(t(29), Some(0.25));
}

#[test]
fn insider_and_reference_customer() {
    let m = model();
    let mut a = build(vec![(Field::Insider, s(Answer::Yes))]);
    assert_eq!(factors::fractions(&a, &m)[4], None, "an insider alone leaves relationship unknown");
    a.put(RATING_FIELDS[3], rating(4.0));
    assert_eq!(factors::fractions(&a, &m)[4], Some(0.85));
    let r = build(vec![(Field::ReferenceCustomer, s(Answer::Yes))]);
    assert_eq!(factors::fractions(&r, &m)[7], Some(1.0));
    let no = build(vec![(Field::ReferenceCustomer, s(Answer::No))]);
    assert_eq!(factors::fractions(&no, &m)[7], None);
}

#[test]
fn weights_scale_to_twenty_points() {
    let mut m = model();
    m.score.weights.need_budget = 2.0;
    let sc = score_one(&record(account([5.0; 7], 30)), &m, as_of());
    // need_budget: 1 × 2/9 × 20 = 4.444…; the others 20/9 each; the total is still 20.
    assert!((sc.points()[0].unwrap() - 40.0 / 9.0).abs() < 1e-6, "points are kept to 6 decimals");
    assert_eq!(sc.score, 20.0);
}

fn quad(sales: Option<f64>, purchase: Option<f64>, share: Option<f64>) -> Account {
    build(vec![
        (Field::OurSales12m, sales.and_then(amount)),
        (Field::AnnualPurchase, purchase.and_then(amount)),
        (Field::Share, share.map(Value::Fraction)),
    ])
}

#[test]
fn quadrants_against_an_even_sized_median() {
    let m = model();
    let accounts: Vec<Record> = [
        quad(Some(60.0), Some(100.0), None), // share .6 from sales ÷ purchase; 100 < 250 → low/high → maintain
        quad(Some(40.0), Some(200.0), None), // share .2; low/low → abandon
        quad(None, Some(300.0), Some(0.6)),  // high/high → defend
        quad(None, Some(400.0), Some(0.5)),  // share exactly .5 is high → defend
        quad(Some(0.0), None, None),         // new account → attack whatever its capability
        quad(None, None, Some(0.9)),         // capability unknown → unclassified
        quad(None, Some(300.0), None),       // share unknown → unclassified
        quad(Some(10.0), Some(250.0), None), // 250 < 275 and share .04 → abandon
    ]
    .into_iter()
    .map(record)
    .collect();
    // Known purchases 100, 200, 300, 400, 300, 250 → sorted 100 200 250 300 300 400 → (250 + 300) / 2
    let line = quadrant::capability_line(&accounts, &m);
    assert_eq!(line, Some(275.0));
    let placed: Vec<Quadrant> = accounts.iter().map(|r| quadrant::place(r, line, &m)).collect();
    assert_eq!(
        placed,
        [
            Quadrant::Maintain,
            Quadrant::Abandon,
            Quadrant::Defend,
            Quadrant::Defend,
            Quadrant::Attack,
            Quadrant::Unclassified,
            Quadrant::Unclassified,
            Quadrant::Abandon
        ]
    );
    let mut four = [100.0, 200.0, 300.0, 400.0];
    assert_eq!(quadrant::median(&mut four), Some(250.0));
}

#[test]
fn allocation_redistributes_empty_quadrants() {
    let ratios = model().allocation.ratios;
    let cap = Capacity { hours: 1000.0, people: 10.0, money: 100.0 };
    let m = |q, weight| Member { quadrant: q, weight, deal_value: 1.0 };
    // Attack, maintain, abandon present; defend empty → its 2/10 goes to the others.
    let members =
        [m(Quadrant::Attack, 18.0), m(Quadrant::Attack, 6.0), m(Quadrant::Maintain, 15.0), m(Quadrant::Abandon, 10.0)];
    let a = allocate(members.iter().copied(), &ratios, cap);
    assert_eq!(a.redistributed, [Quadrant::Defend]);
    // time: attack 7, maintain 1, abandon 0 → 7/8 and 1/8 of 1000 hours
    assert_eq!(a.quadrants[0].hours, 875.0);
    assert_eq!(a.quadrants[2].hours, 125.0);
    assert_eq!(a.quadrants[3].hours, 0.0);
    // people: attack 6, maintain 2 → 7.5 and 2.5
    assert_eq!(a.quadrants[0].people, 7.5);
    // per account by points within attack: 18/24 and 6/24 of 875
    assert_eq!(a.share(&members[0]).unwrap().hours, 656.25);
    assert_eq!(a.share(&members[1]).unwrap().hours, 218.75);
    let total: f64 = a.quadrants.iter().map(|q| q.hours).sum();
    assert_eq!(total, 1000.0);
}

#[test]
fn allocation_with_every_quadrant_uses_the_seed_ratios() {
    let ratios = model().allocation.ratios;
    let cap = Capacity { hours: 100.0, people: 10.0, money: 1000.0 };
    let members: Vec<Member> =
        crate::allocate::QUADRANTS.iter().map(|q| Member { quadrant: *q, weight: 10.0, deal_value: 0.0 }).collect();
    let a = allocate(members.iter().copied(), &ratios, cap);
    let hours: Vec<f64> = a.quadrants.iter().map(|q| q.hours).collect();
    assert_eq!(hours, [70.0, 20.0, 10.0, 0.0]);
    let money: Vec<f64> = a.quadrants.iter().map(|q| q.money).collect();
    assert_eq!(money, [600.0, 200.0, 200.0, 0.0]);
    assert!(a.redistributed.is_empty());
}

#[test]
fn receivables_aging_dso_and_concentration() {
    use crate::receivables::{receivables, Level};
    let mut accounts = Vec::new();
    for i in 0..10 {
        // 10, 20, … 100: total 550
        accounts.push(build(vec![(Field::ArBalance, amount(f64::from(i + 1) * 10.0))]));
    }
    accounts[0].put(Field::OverdueAmount, amount(2.0)); // 20% overdue: under the 30% weak-credit line
    accounts[0].put(Field::OverdueDays, s(45u32));
    accounts[0].put(Field::OurSales12m, amount(365.0)); // DSO = 10 ÷ (365/365) = 10 days
    let records: Vec<Record> = accounts.into_iter().map(record).collect();
    let scored: Vec<Scored> = records.iter().map(|r| score_one(r, &model(), as_of())).collect();
    let r = receivables(&records, &scored, &model());
    assert_eq!(r.balance, 550.0);
    // 45 days → the 31–60 bucket; the rest of the first balance (8) and the others are current.
    assert_eq!(r.buckets, [548.0, 0.0, 2.0, 0.0, 0.0, 0.0]);
    assert_eq!(r.buckets.iter().sum::<f64>(), r.balance);
    assert_eq!(crate::receivables::dso(&records[0].account, 10.0), Some(10.0));
    assert_eq!(r.rows[0].level, Level::Medium);
    assert_eq!(r.rows[1].level, Level::Low);
    assert_eq!(r.by_level, [(0, 0.0), (1, 10.0), (9, 540.0), (0, 0.0)]);
    // Provision: 548 × 0.5% + 2 × 5%.
    assert!((r.provision - (548.0 * 0.005 + 2.0 * 0.05)).abs() < 1e-9, "{}", r.provision);
    // top 20% = 2 accounts: (100 + 90) / 550, largest first
    assert!((r.concentration.unwrap() - 190.0 / 550.0).abs() < 1e-12);
    assert_eq!(r.concentrated, [9, 8]);
    assert_eq!(r.top[0], 9);
}

proptest! {
    #[test]
    fn score_stays_within_zero_and_twenty(ratings in proptest::array::uniform7(prop::option::of(1.0f64..=5.0)), days in -400i64..400) {
        let mut a = account([3.0; 7], days);
        for (f, r) in RATING_FIELDS.iter().zip(ratings) {
            a.put(*f, r.and_then(rating));
        }
        let sc = score(a);
        prop_assert!((0.0..=20.0).contains(&sc.score));
    }

    #[test]
    fn raising_a_rating_never_lowers_the_score(base in proptest::array::uniform7(1.0f64..=5.0), which in 0usize..7, up in 0.0f64..4.0) {
        let a = account(base, 30);
        let mut b = a.clone();
        b.put(RATING_FIELDS[which], rating((base[which] + up).min(5.0)));
        prop_assert!(score(b).score >= score(a).score);
    }

    #[test]
    fn a_higher_score_never_gives_a_worse_grade(lo in proptest::array::uniform7(1.0f64..=5.0), bump in proptest::array::uniform7(0.0f64..4.0), days in -10i64..300) {
        let hi: [f64; 7] = std::array::from_fn(|i| (lo[i] + bump[i]).min(5.0));
        let (a, b) = (score(account(lo, days)), score(account(hi, days)));
        prop_assume!(a.flags == b.flags);
        // A < B < C < D in the enum's order: a higher score may only move toward A.
        prop_assert!(b.grade <= a.grade, "{:?} {} vs {:?} {}", a.grade, a.score, b.grade, b.score);
    }

    #[test]
    fn allocation_sums_to_capacity(points in proptest::collection::vec((0usize..4, 0.0f64..20.0), 1..40), hours in 0.0f64..10_000.0) {
        let ratios = model().allocation.ratios;
        let members: Vec<Member> = points.iter().map(|(q, p)| Member { quadrant: crate::allocate::QUADRANTS[*q], weight: *p, deal_value: 0.0 }).collect();
        let a = allocate(members.iter().copied(), &ratios, Capacity { hours, people: 5.0, money: 1.0 });
        let time: f64 = a.quadrants.iter().map(|q| q.hours).sum();
        let per_account: f64 = members.iter().filter_map(|m| a.share(m)).map(|s| s.hours).sum();
        if a.nothing_allocated {
            prop_assert_eq!(time, 0.0);
        } else {
            prop_assert!((time - hours).abs() < 1e-6 * hours.max(1.0));
            prop_assert!((per_account - hours).abs() < 1e-6 * hours.max(1.0));
        }
    }
}

/// Every factor at .75 (budget only, ratings 4) under a model of `total_points`: the score is
/// .75 × total_points, closing 200 days out (C when it passes).
fn three_quarters_of(total_points: f64) -> Scored {
    let mut m = model();
    m.score.total_points = total_points;
    let mut a = account([4.0; 7], 200);
    a.put(Field::DealValue, None);
    score_one(&record(a), &m, as_of())
}

/// What an Excel cell in the score format "0.00" shows for the value the report writes (away
/// from a tie, where Rust's own formatting agrees with Excel's).
fn cell(score: f64) -> String {
    format!("{:.2}", round(score, 6))
}

#[test]
fn a_score_that_shows_as_the_line_is_graded_as_shown() {
    // .75 × 19.997236 = 14.997927: the cell reads 15.00, so the reason and the grade do too.
    let sc = three_quarters_of(19.997236);
    assert_eq!(sc.score, 14.997927);
    assert_eq!(cell(sc.score), "15.00");
    assert_eq!(sc.grade, Grade::C, "graded on 15.00: passes, closes 200 days out → C");
    assert_eq!(sc.reason(&model(), Lang::En), "15.00 ≥ 15; closes in 200 days (B needs 180 or fewer) → C");
    assert_eq!(sc.reason(&model(), Lang::Zh), "15.00 ≥ 15；200 天后成交（B 需 180 天内） → C");
}

#[test]
fn a_score_that_shows_under_the_line_is_d_with_the_cell_number() {
    // .75 × 19.992 = 14.994: the cell reads 14.99.
    let sc = three_quarters_of(19.992);
    assert_eq!(sc.score, 14.994);
    assert_eq!(cell(sc.score), "14.99");
    assert_eq!(sc.grade, Grade::D);
    // 15 − 14.99 = 0.01 short; every factor lost the same (.75 × 19.992 / 8 = 1.87425 of
    // 2.5): the first two in order.
    assert_eq!(
        sc.reason(&model(), Lang::En),
        "14.99 < 15; 0.01 short of passing; most points lost: Need & budget 1.87/2.50, Integrity & credit 1.87/2.50 → D"
    );
}

#[test]
fn reasons_round_half_away_from_zero_like_the_cell() {
    // need_budget 1 → 2.5; ratings 5,5,5,5,4,4,4 → 4 × 2.5 + 3 × 1.875 = 15.625; total 18.125.
    let mut sc = score(account([5.0, 5.0, 5.0, 5.0, 4.0, 4.0, 4.0], 30));
    assert_eq!(sc.score, 18.125);
    assert_eq!(sc.grade, Grade::A);
    assert_eq!(sc.reason(&model(), Lang::Zh), "18.13 ≥ 17；30天内成交 → A", "Excel shows 18.125 as 18.13");
    // The same decimal value with float noise under it reads the same.
    sc.score = 18.124999999;
    assert_eq!(sc.reason(&model(), Lang::En), "18.13 ≥ 17; closes in 30 days → A");
}

#[rstest::rstest]
#[case(18.125, "18.13", 18.13)]
#[case(18.124999999, "18.13", 18.13)]
#[case(18.1249, "18.12", 18.12)]
#[case(14.997927, "15.00", 15.0)]
#[case(14.994, "14.99", 14.99)]
#[case(1.005, "1.01", 1.01)]
#[case(2.675, "2.68", 2.68)]
#[case(20.0, "20.00", 20.0)]
#[case(16.5, "16.50", 16.5)]
#[case(0.0, "0.00", 0.0)]
#[case(-0.125, "-0.13", -0.13)]
fn scores_show_as_their_cells(#[case] score: f64, #[case] text: &str, #[case] value: f64) {
    assert_eq!(score_text(score), text);
    assert_eq!(shown(score), value);
}

/// An account rated AA (no integrity rating column) with 月结80天 terms, 120 of receivables and
/// 365 of sales (DSO 120 days).
fn month_end_80() -> Account {
    let mut a = account([5.0; 7], 30);
    a.put(RATING_FIELDS[2], None);
    a.put(Field::CreditRating, s(Credit::letters("AA")));
    a.put(Field::PaymentTerms, s(Terms { kind: TermsKind::Net, days: Some(80), month_end: true }));
    a.put(Field::ArBalance, amount(120.0));
    a.put(Field::OurSales12m, amount(365.0));
    a
}

#[test]
fn month_end_terms_add_half_a_month_only_when_the_model_says_so() {
    use crate::labels;
    use crate::receivables::{position, Level};
    let off = model();
    assert!(!off.flags.month_end_adds_rest_of_month, "off by default");
    let mut on = model();
    on.flags.month_end_adds_rest_of_month = true;
    let terms = Terms { kind: TermsKind::Net, days: Some(80), month_end: true };
    assert_eq!(factors::effective_days(&terms, &off), Some(80));
    assert_eq!(factors::effective_days(&terms, &on), Some(95));
    let stated = Terms { month_end: false, ..terms };
    assert_eq!(factors::effective_days(&stated, &on), Some(80), "80天 is not month-end");
    let bare = Terms { kind: TermsKind::Net, days: Some(30), month_end: true };
    assert_eq!(factors::effective_days(&bare, &on), Some(45), "月结 alone: 30 + 15");

    let a = month_end_80();
    let rec = record(a.clone());
    // Off: 80 ≤ 90, no deduction from AA .9, no weak credit; DSO 120 > 80 + 30 → medium.
    let credit = |m: &Model| factors::fractions(&a, m)[1];
    assert_eq!(credit(&off), Some(0.9));
    let sc = score_one(&rec, &off, as_of());
    assert!(!sc.has(FlagKind::WeakCredit), "{:?}", sc.flags);
    let r = position(&rec, &sc, &off).unwrap();
    assert_eq!(sc.terms_days, Some(80));
    assert_eq!((r.level, r.rule), (Level::Medium, &labels::RULE_DSO));

    // On: 95 > 90, the credit deduction and the weak-credit flag both apply.
    assert!((credit(&on).unwrap() - 0.7).abs() < 1e-9);
    let sc = score_one(&rec, &on, as_of());
    assert!(sc.has(FlagKind::WeakCredit));
    let weak = flags::flag(&rec, &sc.intent, &on, as_of(), FlagKind::WeakCredit).expect("weak credit");
    assert_eq!(weak.reasons[0].0, flags::Reason::LongTerms(95));
    assert_eq!(weak.reasons[0].0.text(Lang::Zh), "账期 95 天");
    let r = position(&rec, &sc, &on).unwrap();
    assert_eq!(sc.terms_days, Some(95));
    // DSO 120 ≤ 95 + 30 now; the weak-credit flag from the terms alone is medium, not high (an
    // AA rating is not weak).
    assert_eq!((r.level, r.rule), (Level::Medium, &labels::RULE_WEAK_WORDING));

    // On, with the weak-terms line out of the way: DSO 120 ≤ 95 + 30 → low, as against terms
    // of 95 days, not 80.
    on.flags.weak_terms_days = 120;
    let sc = score_one(&rec, &on, as_of());
    assert!(!sc.has(FlagKind::WeakCredit), "{:?}", sc.flags);
    let r = position(&rec, &sc, &on).unwrap();
    assert_eq!(crate::receivables::dso(&rec.account, r.balance), Some(120.0));
    assert_eq!((r.level, r.rule), (Level::Low, &labels::RULE_LOW));
}

/// Seed 003: without a relationship rating, a promises log makes the factor known — neutral
/// 0.5, less 0.1 per broken promise, at most 0.3; a rated factor is not changed.
#[test]
fn broken_promises_lower_a_derived_relationship_up_to_the_cap() {
    use crate::ingest::rollup::Promises;
    let m = Model::default_model().unwrap();
    let a = Account::named("甲");
    let with = |broken: u32| Promises { made: broken + 1, kept: 1, broken, ..Promises::default() };
    let rel = |p: Option<&Promises>, a: &Account| factors::fractions_with(a, p, &m)[4];
    assert_eq!(rel(None, &a), None, "no log, no rating: unknown");
    assert_eq!(rel(Some(&with(0)), &a), Some(0.5));
    assert_eq!(rel(Some(&with(1)), &a), Some(0.4));
    assert_eq!(rel(Some(&with(3)), &a), Some(0.2));
    assert_eq!(rel(Some(&with(4)), &a), Some(0.2), "capped at 0.3");
    let rated = a.clone().with(Field::Relationship, Value::Rating { value: 5.0, plain: false });
    assert_eq!(rel(Some(&with(4)), &rated), Some(1.0), "a rating is the team's word");
}

/// SPEC §3.3 "Reasons that help": a D names how far below the pass line and the two factors
/// that lost the most points; an unknown factor counts 0 and so loses its whole maximum.
#[test]
fn a_d_reason_names_the_gap_and_the_two_factors_that_lost_most() {
    // need_budget 1 → 2.5; fit, financial, integrity 5 → 3 × 2.5 = 7.5; relationship 2 → .25 →
    // 0.625; competitive unknown → 0; timing 3, added 3 → .5 → 2 × 1.25 = 2.5.
    // 2.5 + 7.5 + 0.625 + 0 + 2.5 = 13.125, shown 13.13; 15 − 13.13 = 1.87 short.
    // Lost: competitive 2.5, relationship 1.875, timing and added 1.25 each, the rest 0.
    let mut a = account([5.0, 5.0, 5.0, 2.0, 5.0, 3.0, 3.0], 45);
    a.put(RATING_FIELDS[4], None);
    let sc = score(a);
    assert_eq!(sc.score, 13.125);
    assert_eq!(sc.grade, Grade::D);
    assert_eq!(sc.unknown(), [Factor::Competitive]);
    assert_eq!(
        sc.reason(&model(), Lang::Zh),
        "13.13 < 15；差 1.87 分及格；失分最多：竞争优劣势 0.00/2.50、关系紧密度 0.63/2.50 → D"
    );
    assert_eq!(
        sc.reason(&model(), Lang::En),
        "13.13 < 15; 1.87 short of passing; most points lost: Competitive position 0.00/2.50, Relationship 0.63/2.50 → D"
    );
}

#[test]
fn a_d_reason_breaks_ties_by_the_factor_order_of_the_model() {
    // need_budget 2.5; fit 2 → 0.625; financial, integrity 5 → 5.0; relationship 2 → 0.625;
    // competitive, timing, added 3 → 3 × 1.25 = 3.75. 2.5 + 0.625 + 5 + 0.625 + 3.75 = 12.5.
    // Fit and relationship both lost 1.875: fit comes first in the model.
    let sc = score(account([2.0, 5.0, 5.0, 2.0, 3.0, 3.0, 3.0], 45));
    assert_eq!(sc.score, 12.5);
    assert_eq!(
        sc.reason(&model(), Lang::Zh),
        "12.50 < 15；差 2.50 分及格；失分最多：产品/技术/服务满足度 0.63/2.50、关系紧密度 0.63/2.50 → D"
    );
    assert_eq!(
        sc.reason(&model(), Lang::En),
        "12.50 < 15; 2.50 short of passing; most points lost: Fit 0.63/2.50, Relationship 0.63/2.50 → D"
    );
}

/// A B names what holds it back from A: the score short of the A line, each failed intent
/// check, a close date beyond the A horizon.
#[test]
fn a_b_reason_names_what_holds_it_back_from_a() {
    // need_budget 2.5; fit, financial 5 → 5.0; integrity and the other four 4 → 5 × 1.875 =
    // 9.375. 2.5 + 5 + 9.375 = 16.875, shown 16.88; 17 − 16.88 = 0.12 short of A.
    let strong_b = || account([5.0, 5.0, 4.0, 4.0, 4.0, 4.0, 4.0], 45);
    let mut a = strong_b();
    a.put(Field::DecisionAttitude, s(Attitude::Unknown));
    let sc = score(a);
    assert_eq!(sc.score, 16.875);
    assert_eq!(sc.grade, Grade::B);
    assert_eq!(sc.reason(&model(), Lang::Zh), "16.88 ≥ 15；差 0.12 分到 A；45天内成交；决策人不明 → B");
    assert_eq!(
        sc.reason(&model(), Lang::En),
        "16.88 ≥ 15; 0.12 short of A; closes in 45 days; Decision maker unclear → B"
    );

    // All checks pass, but the close is 115 days out, beyond A's 90.
    let mut a = strong_b();
    a.put(Field::ExpectedClose, s(as_of() + chrono::Duration::days(115)));
    let sc = score(a);
    assert_eq!(sc.grade, Grade::B);
    assert_eq!(sc.reason(&model(), Lang::Zh), "16.88 ≥ 15；差 0.12 分到 A；115 天后成交（A 需 90 天内） → B");
    assert_eq!(
        sc.reason(&model(), Lang::En),
        "16.88 ≥ 15; 0.12 short of A; closes in 115 days (A needs 90 or fewer) → B"
    );

    // A score of A held back by a failed check names the check, as before.
    let mut a = account([5.0; 7], 30);
    a.put(Field::NeedConsensus, s(Answer::No));
    let sc = score(a);
    assert_eq!(sc.grade, Grade::B);
    assert_eq!(sc.reason(&model(), Lang::Zh), "20.00 ≥ 17；30天内成交；需求未确认 → B");
    assert_eq!(sc.reason(&model(), Lang::En), "20.00 ≥ 17; closes in 30 days; Need unconfirmed → B");
}

/// A C names the close date that keeps it from B: later than 180 days, or unknown.
#[test]
fn a_c_reason_names_the_close_date_that_keeps_it_from_b() {
    // 16.875 as above, closing 200 days out.
    let sc = score(account([5.0, 5.0, 4.0, 4.0, 4.0, 4.0, 4.0], 200));
    assert_eq!(sc.grade, Grade::C);
    assert_eq!(sc.reason(&model(), Lang::Zh), "16.88 ≥ 15；200 天后成交（B 需 180 天内） → C");
    assert_eq!(sc.reason(&model(), Lang::En), "16.88 ≥ 15; closes in 200 days (B needs 180 or fewer) → C");

    // No close date at all.
    let mut a = account([5.0, 5.0, 4.0, 4.0, 4.0, 4.0, 4.0], 200);
    a.put(Field::ExpectedClose, None);
    let sc = score(a);
    assert_eq!(sc.grade, Grade::C);
    assert_eq!(sc.reason(&model(), Lang::Zh), "16.88 ≥ 15；成交日期未知 → C");
    assert_eq!(sc.reason(&model(), Lang::En), "16.88 ≥ 15; close date unknown → C");
}

/// SPEC §3.6 v2: the risk level is a rule on exposure, each branch named by its rule — one
/// hand-made account per branch, in the order the rule is read.
#[test]
fn the_risk_level_follows_the_rule_branch_by_branch() {
    use crate::labels as l;
    use crate::receivables::{position, Level};
    let m = model();
    let terms = |days| s(Terms { kind: TermsKind::Net, days: Some(days), month_end: false });
    type Case = (&'static str, Vec<(Field, Option<Value>)>, Level, &'static l::Text);
    let cases: Vec<Case> = vec![
        // A weak rating but nothing owed and no deal: a watch note, not a risk.
        (
            "nothing owed",
            vec![(Field::ArBalance, amount(0.0)), (Field::CreditRating, s(Credit::letters("C")))],
            Level::None,
            &l::RULE_NOTHING_OWED,
        ),
        (
            "overdue 120 days",
            vec![
                (Field::ArBalance, amount(100.0)),
                (Field::OverdueAmount, amount(10.0)),
                (Field::OverdueDays, s(120u32)),
            ],
            Level::High,
            &l::RULE_OVERDUE_DAYS,
        ),
        (
            "40% overdue",
            vec![
                (Field::ArBalance, amount(100.0)),
                (Field::OverdueAmount, amount(40.0)),
                (Field::OverdueDays, s(20u32)),
            ],
            Level::High,
            &l::RULE_OVERDUE_SHARE,
        ),
        (
            "over the limit",
            vec![(Field::ArBalance, amount(100.0)), (Field::CreditLimit, amount(80.0))],
            Level::High,
            &l::RULE_OVER_LIMIT,
        ),
        (
            "rated C, owing",
            vec![(Field::ArBalance, amount(100.0)), (Field::CreditRating, s(Credit::letters("C")))],
            Level::High,
            &l::RULE_WEAK_RATING,
        ),
        (
            "10% overdue 10 days",
            vec![
                (Field::ArBalance, amount(100.0)),
                (Field::OverdueAmount, amount(10.0)),
                (Field::OverdueDays, s(10u32)),
            ],
            Level::Medium,
            &l::RULE_OVERDUE,
        ),
        // DSO = 100 ÷ (365 ÷ 365) = 100 days > 30 + 30.
        (
            "DSO 100 on 30 days",
            vec![
                (Field::ArBalance, amount(100.0)),
                (Field::OurSales12m, amount(365.0)),
                (Field::PaymentTerms, terms(30)),
            ],
            Level::Medium,
            &l::RULE_DSO,
        ),
        (
            "90% of the limit",
            vec![(Field::ArBalance, amount(90.0)), (Field::CreditLimit, amount(100.0))],
            Level::Medium,
            &l::RULE_UTILISATION,
        ),
        // Terms over 90 days raise weak credit without a weak rating.
        (
            "120-day terms",
            vec![(Field::ArBalance, amount(100.0)), (Field::PaymentTerms, terms(120))],
            Level::Medium,
            &l::RULE_WEAK_WORDING,
        ),
        ("clean", vec![(Field::ArBalance, amount(100.0)), (Field::PaymentTerms, terms(30))], Level::Low, &l::RULE_LOW),
    ];
    for (what, fields, level, rule) in cases {
        let rec = record(build(fields));
        let sc = score_one(&rec, &m, as_of());
        let p = position(&rec, &sc, &m).unwrap_or_else(|| panic!("{what}: no position"));
        assert_eq!((p.level, p.rule.zh), (level, rule.zh), "{what}");
        // The buckets always add up to the balance.
        assert!((p.buckets.iter().sum::<f64>() - p.balance).abs() < 1e-9, "{what}: {:?}", p.buckets);
    }
}

//! Roll-up figures worked out by hand, and the promise that order does not matter.

use std::sync::Arc;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::ingest::{Money, SheetSource};
use crate::provenance::SheetRef;
use crate::values::terms::{Terms, TermsKind};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const AS_OF: (i32, u32, u32) = (2026, 11, 30);

fn as_of() -> NaiveDate {
    d(AS_OF.0, AS_OF.1, AS_OF.2)
}

fn sheet(name: &str) -> Arc<SheetSource> {
    Arc::new(SheetSource::new(SheetRef { file: format!("{name}.xlsx").into(), sheet: name.into() }, 0, []))
}

fn item(name: &str, row: u32, values: Vec<(Field, Value)>) -> LineItem {
    LineItem { name: name.into(), id: None, owner: None, values, row }
}

fn money(v: f64) -> Value {
    Value::Money(Money::amount(v, v))
}

fn terms(days: u32) -> Value {
    Value::Terms(Terms { kind: TermsKind::Net, days: Some(days), month_end: false })
}

/// A ledger of one customer, as of 2026-11-30 (each line: outstanding, due date → days past due):
/// 100 due 2026-12-10 (−10: current, due in 10 days), 50 due today (0: current, due in 0 days),
/// 30 due 2026-11-20 (10 → 1–30), −10 credit note due 2026-11-25 (5 → 1–30), 40 due 2026-09-01
/// (90 → 61–90), 25 with no due date and 200 overdue days (→ >180), 70 due 2027-02-15 (−77:
/// current, due in 77 days).
fn ledger_items() -> Vec<LineItem> {
    let due = |v, date| vec![(Field::ArBalance, money(v)), (Field::DueDate, Value::Date(date))];
    vec![
        item("甲", 1, [due(100.0, d(2026, 12, 10)), vec![(Field::PaymentTerms, terms(30))]].concat()),
        item("甲", 2, [due(50.0, d(2026, 11, 30)), vec![(Field::PaymentTerms, terms(60))]].concat()),
        item("甲", 3, due(30.0, d(2026, 11, 20))),
        item("甲", 4, due(-10.0, d(2026, 11, 25))),
        item("甲", 5, [due(40.0, d(2026, 9, 1)), vec![(Field::CreditLimit, money(300.0))]].concat()),
        item("甲", 6, vec![(Field::ArBalance, money(25.0)), (Field::OverdueDays, Value::Days(200))]),
        item("甲", 7, [due(70.0, d(2027, 2, 15)), vec![(Field::CreditLimit, money(500.0))]].concat()),
    ]
}

#[test]
fn a_ledger_rolls_up_into_buckets_that_add_up_to_the_balance() {
    let at = sheet("应收明细");
    let mut r = Rollup::default();
    for i in ledger_items() {
        r.fold(&i, SourceKind::Receivables, &at, as_of());
    }
    let l = r.ledger.as_deref().unwrap();
    assert_eq!(l.items, 7);
    // 100 + 50 + 30 − 10 + 40 + 25 + 70 = 305
    assert_eq!(l.balance, 305.0);
    // current 100 + 50 + 70; 1–30: 30 − 10; 61–90: 40; >180: 25
    assert_eq!(l.buckets, [220.0, 20.0, 0.0, 40.0, 0.0, 25.0]);
    assert_eq!(l.buckets.iter().sum::<f64>(), l.balance);
    // overdue 20 + 40 + 25; the longest past due with something owed: 200 days
    assert_eq!(l.overdue, 85.0);
    assert_eq!(l.max_days, 200);
    // due within 30: 100 (10 days) + 50 (today); within 60: the same; within 90: + 70 (77 days)
    assert_eq!(l.due, [150.0, 150.0, 220.0]);
    // the largest limit; terms 30 and 60 once each → the longer
    assert_eq!(l.credit_limit, Some(500.0));
    assert_eq!(l.common_terms().and_then(|t| t.days), Some(60));
    assert_eq!(r.rows(SourceKind::Receivables), 7);
    assert_eq!(r.provenance(SourceKind::Receivables, crate::Lang::Zh), "应收明细.xlsx 7 笔应收");
}

#[test]
fn deals_open_won_and_lost() {
    let at = sheet("商机");
    let deal = |row, status: Option<DealStatus>, stage: Stage, amount: f64, close: NaiveDate| {
        let mut v = vec![(Field::Stage, Value::Stage(stage)), (Field::DealValue, money(amount))];
        v.push((Field::ExpectedClose, Value::Date(close)));
        if let Some(s) = status {
            v.push((Field::DealStatus, Value::DealStatus(s)));
        }
        v.push((Field::Probability, Value::Fraction(0.5)));
        v.push((Field::CreatedDate, Value::Date(d(2026, 1, row))));
        item("乙", row, v)
    };
    let mut r = Rollup::default();
    for i in [
        deal(1, None, Stage::Relationship, 400.0, d(2027, 1, 15)),
        deal(2, Some(DealStatus::Open), Stage::InfoGathering, 600.0, d(2026, 12, 20)),
        // Won by its status although its stage is an open one; closed in the window.
        deal(3, Some(DealStatus::Won), Stage::Closing, 900.0, d(2026, 3, 1)),
        // Won by its stage, closed 2025-11-30: 365 days before, out of the window.
        deal(4, None, Stage::Won, 100.0, d(2025, 11, 30)),
        deal(5, Some(DealStatus::Lost), Stage::Closing, 300.0, d(2026, 6, 1)),
    ] {
        r.fold(&i, SourceKind::Opportunities, &at, as_of());
    }
    let deals = r.deals.as_deref().unwrap();
    assert_eq!((deals.open, deals.won, deals.lost), (2, 2, 1));
    assert_eq!(deals.open_value, 1000.0); // 400 + 600
    assert_eq!(deals.weighted, 500.0); // (400 + 600) × 0.5
    assert_eq!(deals.earliest_close, Some(d(2026, 12, 20)));
    assert_eq!(deals.stage, Some(Stage::Relationship)); // the most advanced open stage
    assert_eq!(deals.first_created, Some(d(2026, 1, 1)));
    assert_eq!((deals.won_12m, deals.lost_12m), (1, 1));
    assert_eq!(deals.won_value_12m, 900.0);
    assert_eq!(deals.won_value, 1000.0);
    assert_eq!(deals.win_rate(), Some(0.5));
    assert_eq!(deals.last_won, Some(d(2026, 3, 1)));
}

#[test]
fn orders_in_the_twelve_month_window_and_an_order_of_several_lines_counts_once() {
    let at = sheet("销售明细");
    let line = |row, no: &str, date, sales: f64, cost: f64| {
        item(
            "丙",
            row,
            vec![
                (Field::OrderNo, Value::Text(no.into())),
                (Field::OrderDate, Value::Date(date)),
                (Field::Sales, money(sales)),
                (Field::Cost, money(cost)),
            ],
        )
    };
    let mut r = Rollup::default();
    for i in [
        line(1, "SO-1", d(2026, 11, 30), 100.0, 60.0), // the as-of date: in
        line(2, "SO-1", d(2026, 11, 30), 50.0, 30.0),  // same order: counted once
        line(3, "SO-2", d(2025, 12, 1), 200.0, 150.0), // 364 days before: in
        line(4, "SO-3", d(2025, 11, 30), 999.0, 0.0),  // 365 days before: out
    ] {
        r.fold(&i, SourceKind::Orders, &at, as_of());
    }
    let o = r.orders.as_deref().unwrap();
    assert_eq!(o.lines, 4);
    assert_eq!(o.sales_12m, 350.0); // 100 + 50 + 200
    assert_eq!(o.orders_12m, 2); // SO-1, SO-2
    assert_eq!(o.margin_12m, Some(110.0)); // (100 − 60) + (50 − 30) + (200 − 150)
    assert_eq!((o.first_order, o.last_order), (Some(d(2025, 11, 30)), Some(d(2026, 11, 30))));
}

#[test]
fn promises_kept_late_are_kept_due_today_is_open_past_due_is_broken() {
    let at = sheet("承诺台账");
    let p = |row, due, status: Option<PromiseStatus>, kept: Option<NaiveDate>| {
        let mut v = vec![(Field::Promise, Value::Text("交付".into())), (Field::DueDate, Value::Date(due))];
        if let Some(s) = status {
            v.push((Field::PromiseStatus, Value::PromiseStatus(s)));
        }
        if let Some(k) = kept {
            v.push((Field::KeptDate, Value::Date(k)));
        }
        item("丁", row, v)
    };
    let mut r = Rollup::default();
    for i in [
        p(1, d(2026, 10, 1), Some(PromiseStatus::Kept), Some(d(2026, 10, 20))), // kept late: kept
        p(2, d(2026, 11, 30), Some(PromiseStatus::NotKept), None),              // due today: open
        p(3, d(2026, 11, 29), Some(PromiseStatus::Open), None),                 // past due: broken
        p(4, d(2026, 8, 1), None, None),                                        // past due: broken
        p(5, d(2026, 5, 1), None, Some(d(2026, 5, 2))),                         // a kept date: kept
        p(6, d(2027, 1, 1), Some(PromiseStatus::NotKept), None),                // not due: open
    ] {
        r.fold(&i, SourceKind::Promises, &at, as_of());
    }
    let pr = r.promises.as_deref().unwrap();
    assert_eq!((pr.made, pr.kept, pr.open, pr.broken), (6, 2, 2, 2));
    assert_eq!(pr.oldest_broken, Some(d(2026, 8, 1)));
}

#[test]
fn spellings_are_counted_and_rekeyed_into_one_account() {
    let at = sheet("应收明细");
    let mut all = Rollups::default();
    for (n, name) in ["华东精密制造有限公司", "华东精密制造", "華東精密製造", "华东精密制造"].iter().enumerate()
    {
        all.fold(&item(name, n as u32, vec![(Field::ArBalance, money(10.0))]), SourceKind::Receivables, &at, as_of());
    }
    assert_eq!(all.by_key.len(), 3);
    let keyed = all.rekey(|n| crate::values::name::join_key(n, crate::values::name::Suffixes::builtin()));
    assert_eq!(keyed.by_key.len(), 1);
    let r = &keyed.by_key["华东精密制造"];
    assert_eq!(r.name(), Some("华东精密制造")); // the most frequent spelling
    assert_eq!(r.ledger.as_deref().unwrap().balance, 40.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The ledger's rows in any order, split over two files at any point, roll up the same.
    #[test]
    fn order_and_splitting_change_nothing(
        order in Just((0..7usize).collect::<Vec<_>>()).prop_shuffle(),
        split in 0..=7usize,
    ) {
        let items = ledger_items();
        let (a, b) = (sheet("一"), sheet("二"));
        let mut whole = Rollup::default();
        for i in &items {
            whole.fold(i, SourceKind::Receivables, &a, as_of());
        }
        let (mut first, mut second) = (Rollup::default(), Rollup::default());
        for (n, &k) in order.iter().enumerate() {
            let (r, at) = if n < split { (&mut first, &a) } else { (&mut second, &b) };
            r.fold(&items[k], SourceKind::Receivables, at, as_of());
        }
        first.merge(second);
        // Every figure, and the lists compared as sets (their order is arrival order).
        let figures = |r: &Rollup| {
            let l = r.ledger.as_deref().cloned().unwrap_or_default();
            let mut terms: Vec<(Option<u32>, u32)> = l.terms.iter().map(|(t, n)| (t.days, *n)).collect();
            terms.sort_unstable();
            let mut names = r.names.clone();
            names.sort();
            (l.items, l.balance, l.overdue, l.max_days, l.buckets, l.due, l.credit_limit, l.common_terms(), terms, names)
        };
        prop_assert_eq!(figures(&whole), figures(&first));
    }
}

//! Customer value (SPEC §3.7, §1c): recency, frequency and monetary value of each account with
//! orders, scored 1–5 against the other accounts of the run, and the eight RFM segments.
//!
//! Pure. The population is the accounts with at least one order in the orders source; a score
//! is `1 + floor(5 × k / n)` where `k` is the number of ranked accounts strictly worse on that
//! measure (R: more days since the last order is worse), so ties share a score.

use chrono::NaiveDate;
use serde::Serialize;

use crate::ingest::Record;

/// The eight segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    ImportantValue,
    ImportantDevelop,
    ImportantKeep,
    ImportantRetain,
    GeneralValue,
    GeneralDevelop,
    GeneralKeep,
    GeneralRetain,
}

impl Segment {
    /// From R, F and M scores; "high" is 3 or more.
    pub fn of(r: u8, f: u8, m: u8) -> Segment {
        match (r >= 3, f >= 3, m >= 3) {
            (true, true, true) => Segment::ImportantValue,
            (true, false, true) => Segment::ImportantDevelop,
            (false, true, true) => Segment::ImportantKeep,
            (false, false, true) => Segment::ImportantRetain,
            (true, true, false) => Segment::GeneralValue,
            (true, false, false) => Segment::GeneralDevelop,
            (false, true, false) => Segment::GeneralKeep,
            (false, false, false) => Segment::GeneralRetain,
        }
    }

    /// The JSON and data-tab key.
    pub fn key(self) -> &'static str {
        match self {
            Segment::ImportantValue => "important_value",
            Segment::ImportantDevelop => "important_develop",
            Segment::ImportantKeep => "important_keep",
            Segment::ImportantRetain => "important_retain",
            Segment::GeneralValue => "general_value",
            Segment::GeneralDevelop => "general_develop",
            Segment::GeneralKeep => "general_keep",
            Segment::GeneralRetain => "general_retain",
        }
    }

    pub const ALL: [Segment; 8] = [
        Segment::ImportantValue,
        Segment::ImportantDevelop,
        Segment::ImportantKeep,
        Segment::ImportantRetain,
        Segment::GeneralValue,
        Segment::GeneralDevelop,
        Segment::GeneralKeep,
        Segment::GeneralRetain,
    ];

    pub fn from_key(key: &str) -> Option<Segment> {
        Segment::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        let zh = lang == crate::Lang::Zh;
        match self {
            Segment::ImportantValue => {
                if zh {
                    "重要价值"
                } else {
                    "important value"
                }
            }
            Segment::ImportantDevelop => {
                if zh {
                    "重要发展"
                } else {
                    "important develop"
                }
            }
            Segment::ImportantKeep => {
                if zh {
                    "重要保持"
                } else {
                    "important keep"
                }
            }
            Segment::ImportantRetain => {
                if zh {
                    "重要挽留"
                } else {
                    "important retain"
                }
            }
            Segment::GeneralValue => {
                if zh {
                    "一般价值"
                } else {
                    "general value"
                }
            }
            Segment::GeneralDevelop => {
                if zh {
                    "一般发展"
                } else {
                    "general develop"
                }
            }
            Segment::GeneralKeep => {
                if zh {
                    "一般保持"
                } else {
                    "general keep"
                }
            }
            Segment::GeneralRetain => {
                if zh {
                    "一般挽留"
                } else {
                    "general retain"
                }
            }
        }
    }
}

/// One account's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomerValue {
    /// Days since the last order.
    pub recency_days: i64,
    /// Orders in the 12 months before the as-of date.
    pub frequency: u32,
    /// Sales in those 12 months.
    pub monetary: f64,
    /// Gross margin in those 12 months, when cost or profit is given.
    pub margin: Option<f64>,
    /// R, F and M scores, 1–5.
    pub scores: [u8; 3],
    pub segment: Segment,
}

impl CustomerValue {
    /// "545".
    pub fn rfm(&self) -> String {
        self.scores.iter().map(|s| char::from(b'0' + s)).collect()
    }
}

/// `1 + floor(5 × k / n)`.
fn score(k: usize, n: usize) -> u8 {
    (1 + (5 * k) / n.max(1)).min(5) as u8
}

/// Where the value comes from: order lines, or — when the run has no orders source — won deals
/// with their close dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Orders,
    WonDeals,
}

/// Every account's value (None: no order in the orders source — or, without one, no dated won
/// deal), in the accounts' order, and what it was worked out from. With an orders source, won
/// deals are not orders (SPEC §1c).
pub fn values(records: &[Record], as_of: NaiveDate) -> (Vec<Option<CustomerValue>>, Option<Basis>) {
    // (recency days, frequency, monetary, margin) of each account with orders.
    type Raw = (i64, u32, f64, Option<f64>);
    let orders = records.iter().any(|r| r.rollup().is_some_and(|x| x.orders.is_some()));
    let raw: Vec<Option<Raw>> = records
        .iter()
        .map(|r| {
            let roll = r.rollup()?;
            if orders {
                // Without a sales amount on any line, M is unknown: not ranked.
                let o = roll.orders.as_ref().filter(|o| o.priced > 0)?;
                let last = o.last_order?;
                Some(((as_of - last).num_days(), o.orders_12m, o.sales_12m, o.margin_12m))
            } else {
                let d = roll.deals.as_ref()?;
                let last = d.last_won?;
                Some(((as_of - last).num_days(), d.won_12m, d.won_value_12m, None))
            }
        })
        .collect();
    if raw.iter().all(Option::is_none) {
        return (vec![None; records.len()], None);
    }
    let basis = if orders { Basis::Orders } else { Basis::WonDeals };
    let mut rs: Vec<i64> = raw.iter().flatten().map(|v| v.0).collect();
    let mut fs: Vec<u32> = raw.iter().flatten().map(|v| v.1).collect();
    let mut ms: Vec<f64> = raw.iter().flatten().map(|v| v.2).collect();
    let n = rs.len();
    rs.sort_unstable();
    fs.sort_unstable();
    ms.sort_by(f64::total_cmp);
    let values = raw
        .into_iter()
        .map(|v| {
            let (recency_days, frequency, monetary, margin) = v?;
            // Strictly worse: more days since the last order; fewer orders; less sales.
            let r = score(n - rs.partition_point(|x| *x <= recency_days), n);
            let f = score(fs.partition_point(|x| *x < frequency), n);
            let m = score(ms.partition_point(|x| *x < monetary), n);
            Some(CustomerValue {
                recency_days,
                frequency,
                monetary,
                margin,
                scores: [r, f, m],
                segment: Segment::of(r, f, m),
            })
        })
        .collect();
    (values, Some(basis))
}

/// Seed 002's 20/80 line: the share of the 12-month sales made by the top 20% of the ranked
/// accounts (by sales; at least one account), and which accounts they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Pareto {
    /// Indices into the run's accounts, the largest sales first.
    pub top: Vec<usize>,
    /// Of how many ranked accounts.
    pub of: usize,
    pub share: f64,
}

/// The 20/80 line; None when nothing was sold in the window.
pub fn pareto(values: &[Option<CustomerValue>]) -> Option<Pareto> {
    let mut ranked: Vec<(usize, f64)> =
        values.iter().enumerate().filter_map(|(i, v)| Some((i, v.as_ref()?.monetary))).collect();
    let total: f64 = ranked.iter().map(|(_, m)| m).sum();
    if ranked.is_empty() || total <= 0.0 {
        return None;
    }
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let n = ranked.len().div_ceil(5);
    let top: Vec<usize> = ranked[..n].iter().map(|(i, _)| *i).collect();
    let share = ranked[..n].iter().map(|(_, m)| m).sum::<f64>() / total;
    Some(Pareto { top, of: ranked.len(), share })
}

/// Lifetime value: 12-month gross margin × the model's expected years; None without margin.
pub fn lifetime(v: &CustomerValue, expected_years: f64) -> Option<f64> {
    v.margin.map(|m| m * expected_years)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::rollup::{Orders, Rollup};
    use crate::ingest::{Account, More, SheetSource, Source};
    use std::sync::Arc;

    /// An account with order history (days since the last order, orders and sales in the window).
    fn with_orders(name: &str, history: Option<(i64, u32, f64)>) -> Record {
        let at = crate::provenance::SheetRef { file: "o.xlsx".into(), sheet: "o".into() };
        let source = Source { sheet: Arc::new(SheetSource::new(at, 0, [])), row: 1 };
        let mut r = Record::new(Account::named(name), source);
        if let Some((days, f, m)) = history {
            let as_of = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
            let mut orders = Orders::default();
            orders.lines = f.max(1);
            orders.priced = f.max(1);
            orders.sales_12m = m;
            orders.orders_12m = f;
            orders.margin_12m = Some(m / 4.0);
            orders.last_order = Some(as_of - chrono::Days::new(days as u64));
            let rollup = Rollup { orders: Some(Box::new(orders)), ..Rollup::default() };
            r.more = Some(Box::new(More { rollup: Some(rollup), ..More::default() }));
        }
        r
    }

    /// Eleven accounts with orders and one without, worked by hand (n = 11; a score is
    /// 1 + floor(5k / 11), k the accounts strictly worse):
    ///
    /// | acc | days | F | M | k_R | R | k_F | F | k_M | M | segment |
    /// |---|---|---|---|---|---|---|---|---|---|---|
    /// | A1 | 5 | 10 | 1000 | 9 | 5 | 10 | 5 | 10 | 5 | important value |
    /// | A2 | 5 | 8 | 800 | 9 | 5 | 8 | 4 | 8 | 4 | important value |
    /// | A3 | 30 | 8 | 800 | 7 | 4 | 8 | 4 | 8 | 4 | important value |
    /// | A4 | 60 | 5 | 500 | 6 | 3 | 6 | 3 | 6 | 3 | important value |
    /// | A5 | 90 | 4 | 400 | 5 | 3 | 5 | 3 | 5 | 3 | important value |
    /// | A6 | 120 | 3 | 300 | 4 | 2 | 4 | 2 | 4 | 2 | general retain |
    /// | A7 | 150 | 2 | 200 | 3 | 2 | 2 | 1 | 3 | 2 | general retain |
    /// | A8 | 200 | 2 | 100 | 2 | 1 | 2 | 1 | 2 | 1 | general retain |
    /// | A9 | 300 | 1 | 50 | 1 | 1 | 1 | 1 | 1 | 1 | general retain |
    /// | A10 | 400 | 0 | 0 | 0 | 1 | 0 | 1 | 0 | 1 | general retain (orders all older) |
    /// | A11 | 10 | 6 | 600 | 8 | 4 | 7 | 4 | 7 | 4 | important value |
    /// | A12 | — | | | | | | | | | no orders: not ranked |
    #[test]
    fn rfm_scores_by_hand_with_ties_and_an_account_without_orders() {
        let rows = [
            ("A1", Some((5, 10, 1000.0))),
            ("A2", Some((5, 8, 800.0))),
            ("A3", Some((30, 8, 800.0))),
            ("A4", Some((60, 5, 500.0))),
            ("A5", Some((90, 4, 400.0))),
            ("A6", Some((120, 3, 300.0))),
            ("A7", Some((150, 2, 200.0))),
            ("A8", Some((200, 2, 100.0))),
            ("A9", Some((300, 1, 50.0))),
            ("A10", Some((400, 0, 0.0))),
            ("A11", Some((10, 6, 600.0))),
            ("A12", None),
        ];
        let records: Vec<Record> = rows.iter().map(|(n, h)| with_orders(n, *h)).collect();
        let (values, basis) = values(&records, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(basis, Some(Basis::Orders));
        let codes: Vec<Option<String>> = values.iter().map(|v| v.map(|v| v.rfm())).collect();
        let want = ["555", "544", "444", "333", "333", "222", "212", "111", "111", "111", "444"];
        for (i, w) in want.iter().enumerate() {
            assert_eq!(codes[i].as_deref(), Some(*w), "{}", rows[i].0);
        }
        assert_eq!(codes[11], None, "no orders: not ranked");
        assert_eq!(values[0].unwrap().segment, Segment::ImportantValue);
        assert_eq!(values[5].unwrap().segment, Segment::GeneralRetain);
        assert_eq!(values[9].unwrap().recency_days, 400);
        // Lifetime value: margin (a quarter of sales here) × 3 years.
        assert_eq!(lifetime(&values[0].unwrap(), 3.0), Some(750.0));
        // 20/80: the top ceil(11 / 5) = 3 by sales — A1 1000, A2 800, A3 800 (ties in input
        // order) — of 4,750 in all: 2,600 / 4,750.
        let p = pareto(&values).unwrap();
        assert_eq!((p.top.clone(), p.of), (vec![0, 1, 2], 11));
        assert!((p.share - 2600.0 / 4750.0).abs() < 1e-12, "{}", p.share);
    }

    #[test]
    fn segment_boundaries_are_three() {
        for (r, f, m, seg) in [
            (3, 3, 3, Segment::ImportantValue),
            (3, 2, 3, Segment::ImportantDevelop),
            (2, 3, 3, Segment::ImportantKeep),
            (2, 2, 3, Segment::ImportantRetain),
            (3, 3, 2, Segment::GeneralValue),
            (3, 2, 2, Segment::GeneralDevelop),
            (2, 3, 2, Segment::GeneralKeep),
            (2, 2, 2, Segment::GeneralRetain),
        ] {
            assert_eq!(Segment::of(r, f, m), seg, "{r}{f}{m}");
        }
    }

    #[test]
    fn scores_follow_the_rule_and_ties_share() {
        // n = 5: k = 0..4 → 1, 2, 3, 4, 5.
        assert_eq!((0..5).map(|k| score(k, 5)).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
        // n = 2: the worse gets 1, the better 1 + floor(5/2) = 3.
        assert_eq!(score(0, 2), 1);
        assert_eq!(score(1, 2), 3);
        // One account alone: 1.
        assert_eq!(score(0, 1), 1);
        assert_eq!(Segment::of(3, 1, 5), Segment::ImportantDevelop);
        assert_eq!(Segment::of(2, 2, 2), Segment::GeneralRetain);
    }
}

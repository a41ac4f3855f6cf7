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

/// Every account's value (None: no order in the orders source), in the accounts' order.
pub fn values(records: &[Record], as_of: NaiveDate) -> Vec<Option<CustomerValue>> {
    // (recency days, frequency, monetary, margin) of each account with orders.
    type Raw = (i64, u32, f64, Option<f64>);
    let raw: Vec<Option<Raw>> = records
        .iter()
        .map(|r| {
            let o = r.rollup()?.orders.as_ref()?;
            let last = o.last_order?;
            Some(((as_of - last).num_days(), o.orders_12m, o.sales_12m, o.margin_12m))
        })
        .collect();
    let mut rs: Vec<i64> = raw.iter().flatten().map(|v| v.0).collect();
    let mut fs: Vec<u32> = raw.iter().flatten().map(|v| v.1).collect();
    let mut ms: Vec<f64> = raw.iter().flatten().map(|v| v.2).collect();
    let n = rs.len();
    rs.sort_unstable();
    fs.sort_unstable();
    ms.sort_by(f64::total_cmp);
    raw.into_iter()
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
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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

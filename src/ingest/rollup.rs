//! Roll-up (SPEC §1b, §1c): line items — deals, invoices, order lines, payments, promises —
//! folded into one accumulator per account as they are read, so memory grows with accounts,
//! not with lines.
//!
//! Pure. Folding is order-free: every figure is a sum, a count, a minimum or a maximum (ties
//! broken by value, never by arrival), so the rows of a ledger in any order, or split over two
//! files, give the same roll-up. The as-of date is an argument (aging and the 12-month window
//! need it).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{DealStatus, ItemStatus, LineItem, PromiseStatus, Stage, Value};
use crate::field::Field;
use crate::source::SourceKind;
use crate::values::terms::Terms;

/// The aging buckets of SPEC §3.6: current (not yet due), 1–30, 31–60, 61–90, 91–180 and more
/// than 180 days past due.
pub const BUCKETS: usize = 6;

/// The bucket of a number of days past due (0 or fewer: current).
pub fn bucket(days_past_due: i64) -> usize {
    match days_past_due {
        i64::MIN..=0 => 0,
        1..=30 => 1,
        31..=60 => 2,
        61..=90 => 3,
        91..=180 => 4,
        _ => 5,
    }
}

/// Whether a date is in the 12 months before the as-of date: `as_of − 365 days < d ≤ as_of`.
pub fn in_12m(d: NaiveDate, as_of: NaiveDate) -> bool {
    d <= as_of && (as_of - d).num_days() < 365
}

/// Deals of one account.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deals {
    pub open: u32,
    /// Σ open deal amounts; `open_priced` of them had an amount.
    pub open_value: f64,
    pub open_priced: u32,
    /// Σ amount × probability over open deals with both.
    pub weighted: f64,
    pub earliest_close: Option<NaiveDate>,
    /// The most advanced stage among open deals.
    pub stage: Option<Stage>,
    /// The earliest creation date among open deals.
    pub first_created: Option<NaiveDate>,
    pub won: u32,
    pub lost: u32,
    /// Won and lost in the 12 months before the as-of date (by close date).
    pub won_12m: u32,
    pub lost_12m: u32,
    pub won_value_12m: f64,
    pub won_value: f64,
    pub last_won: Option<NaiveDate>,
    /// The latest lost deal's close date and reason (the reason that sorts first on a tie).
    pub last_lost: Option<(Option<NaiveDate>, Box<str>)>,
}

/// Open items of one account.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ledger {
    pub items: u32,
    pub balance: f64,
    /// Σ outstanding of items past due.
    pub overdue: f64,
    /// The most days past due of an item with something outstanding; 0 when nothing is.
    pub max_days: u32,
    /// Net outstanding per bucket ([`bucket`]): they add up to `balance`.
    pub buckets: [f64; BUCKETS],
    /// Current amounts falling due within 30, 60, 90 days (cumulative; due today included).
    pub due: [f64; 3],
    /// Payment terms and how many items state them.
    pub terms: Vec<(Terms, u32)>,
    pub credit_limit: Option<f64>,
    /// Items with an outstanding amount (none: the sheet has no amount column, and the balance
    /// is unknown, not 0).
    pub priced: u32,
    /// Items settled (paid, cancelled) and so owing nothing.
    pub settled: u32,
    /// The latest settlement on or before the as-of date: a payment received.
    pub last_settled: Option<NaiveDate>,
}

impl Ledger {
    /// The most common terms; on a tie, the longer.
    pub fn common_terms(&self) -> Option<Terms> {
        self.terms.iter().max_by_key(|(t, n)| (*n, t.days.unwrap_or(0))).map(|(t, _)| *t)
    }
}

/// Order lines of one account.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Orders {
    pub lines: u32,
    pub sales_12m: f64,
    /// Orders (distinct order numbers, else lines) dated in the 12-month window.
    pub orders_12m: u32,
    /// Gross margin in the window: profit, else sales − cost; None when no line gives either.
    pub margin_12m: Option<f64>,
    pub last_order: Option<NaiveDate>,
    pub first_order: Option<NaiveDate>,
    /// Lines with a sales amount (none: the sheet has no sales column, and the sales are
    /// unknown, not 0).
    pub priced: u32,
    /// Cancelled lines, not counted as sales.
    pub cancelled: u32,
    /// Hashes of the orders counted in the window (an order of several lines counts once):
    /// eight bytes an order, not the numbers themselves.
    seen: Vec<u64>,
}

/// Payments of one account.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Payments {
    pub count: u32,
    pub last: Option<NaiveDate>,
    pub collected_12m: f64,
}

/// Promises to one account (seed 003).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Promises {
    pub made: u32,
    pub kept: u32,
    pub open: u32,
    pub broken: u32,
    /// The due date of the oldest broken promise.
    pub oldest_broken: Option<NaiveDate>,
}

/// Rows one sheet gave an account.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub at: std::sync::Arc<super::SheetSource>,
    pub kind: SourceKind,
    pub rows: u32,
    /// The first row (0-based, absolute), for a reference.
    pub first_row: u32,
}

/// Everything the line items say about one account.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rollup {
    /// The name as written, and how many rows wrote it so.
    pub names: Vec<(Box<str>, u32)>,
    pub ids: Vec<Box<str>>,
    pub owners: Vec<(Box<str>, u32)>,
    pub from: Vec<Contribution>,
    pub deals: Option<Box<Deals>>,
    pub ledger: Option<Box<Ledger>>,
    pub orders: Option<Box<Orders>>,
    pub payments: Option<Box<Payments>>,
    pub promises: Option<Box<Promises>>,
}

fn min_date(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn max_date(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    a.max(b)
}

fn count<K: PartialEq>(list: &mut Vec<(K, u32)>, key: K, n: u32) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, c)) => *c += n,
        None => list.push((key, n)),
    }
}

/// [`count`] for a name, copied only the first time it is seen.
fn count_name(list: &mut Vec<(Box<str>, u32)>, name: &str) {
    match list.iter_mut().find(|(k, _)| **k == *name) {
        Some((_, c)) => *c += 1,
        None => list.push((name.into(), 1)),
    }
}

/// The most frequent entry; on a tie, the one that sorts first (not the first seen).
fn most<K: Ord>(list: &[(K, u32)]) -> Option<&K> {
    list.iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).map(|(k, _)| k)
}

impl Rollup {
    /// The most frequent spelling of the account's name.
    pub fn name(&self) -> Option<&str> {
        most(&self.names).map(|n| &**n)
    }

    /// The most frequent owner.
    pub fn owner(&self) -> Option<&str> {
        most(&self.owners).map(|n| &**n)
    }

    /// Rows of this kind rolled up.
    pub fn rows(&self, kind: SourceKind) -> u32 {
        self.from.iter().filter(|c| c.kind == kind).map(|c| c.rows).sum()
    }

    /// "12 open items in 应收明细.xls!Sheet1" for one kind.
    pub fn provenance(&self, kind: SourceKind, lang: crate::Lang) -> String {
        let parts: Vec<String> = self
            .from
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| {
                // The sheet is named only when it is not the file's only name for it (a CSV's
                // sheet is the file name; an export's one sheet is often named like its file).
                let file = crate::provenance::file_name(&c.at.at.file);
                let stem = file.rsplit_once('.').map_or(file.as_ref(), |(s, _)| s);
                let at = if stem == &*c.at.at.sheet { file.to_string() } else { format!("{file}!{}", c.at.at.sheet) };
                match lang {
                    crate::Lang::Zh => format!("{at} {} {}", c.rows, kind.row_word(lang)),
                    crate::Lang::En => format!("{} {} in {at}", c.rows, kind.row_word(lang)),
                }
            })
            .collect();
        parts.join(if lang == crate::Lang::Zh { "；" } else { "; " })
    }

    /// Fold one line item of `kind` from sheet `at` in.
    pub fn fold(
        &mut self,
        item: &LineItem,
        kind: SourceKind,
        at: &std::sync::Arc<super::SheetSource>,
        as_of: NaiveDate,
    ) {
        count_name(&mut self.names, &item.name);
        if let Some(id) = &item.id {
            if !self.ids.contains(id) {
                self.ids.push(id.clone());
            }
        }
        if let Some(o) = &item.owner {
            count_name(&mut self.owners, o);
        }
        match self.from.iter_mut().find(|c| c.kind == kind && std::sync::Arc::ptr_eq(&c.at, at)) {
            Some(c) => {
                c.rows += 1;
                c.first_row = c.first_row.min(item.row);
            }
            None => self.from.push(Contribution { at: std::sync::Arc::clone(at), kind, rows: 1, first_row: item.row }),
        }
        match kind {
            SourceKind::Accounts => {}
            SourceKind::Opportunities => self.deals.get_or_insert_with(Box::default).fold(item, as_of),
            SourceKind::Receivables => self.ledger.get_or_insert_with(Box::default).fold(item, as_of),
            SourceKind::Orders => self.orders.get_or_insert_with(Box::default).fold(item, as_of),
            SourceKind::Payments => self.payments.get_or_insert_with(Box::default).fold(item, as_of),
            SourceKind::Promises => self.promises.get_or_insert_with(Box::default).fold(item, as_of),
        }
    }

    /// Add another roll-up of the same account (another file's rows).
    pub fn merge(&mut self, other: Rollup) {
        for (n, c) in other.names {
            count(&mut self.names, n, c);
        }
        for id in other.ids {
            if !self.ids.contains(&id) {
                self.ids.push(id);
            }
        }
        for (o, c) in other.owners {
            count(&mut self.owners, o, c);
        }
        for c in other.from {
            match self.from.iter_mut().find(|m| m.kind == c.kind && m.at.at == c.at.at) {
                Some(m) => {
                    m.rows += c.rows;
                    m.first_row = m.first_row.min(c.first_row);
                }
                None => self.from.push(c),
            }
        }
        merge_opt(&mut self.deals, other.deals, |a, b| a.merge(*b));
        merge_opt(&mut self.ledger, other.ledger, |a, b| a.merge(*b));
        merge_opt(&mut self.orders, other.orders, |a, b| a.merge(*b));
        merge_opt(&mut self.payments, other.payments, |a, b| a.merge(*b));
        merge_opt(&mut self.promises, other.promises, |a, b| a.merge(*b));
    }
}

fn merge_opt<T>(a: &mut Option<Box<T>>, b: Option<Box<T>>, f: fn(&mut T, Box<T>)) {
    match (a.as_mut(), b) {
        (Some(x), Some(y)) => f(x, y),
        (None, Some(y)) => *a = Some(y),
        _ => {}
    }
}

/// A deal's status: its status column, else its stage (won, lost), else open.
pub fn deal_status(item: &LineItem) -> DealStatus {
    match (item.get(Field::DealStatus), item.get(Field::Stage)) {
        (Some(Value::DealStatus(s)), _) => *s,
        (_, Some(Value::Stage(Stage::Won))) => DealStatus::Won,
        (_, Some(Value::Stage(Stage::Lost))) => DealStatus::Lost,
        _ => DealStatus::Open,
    }
}

impl Deals {
    fn fold(&mut self, item: &LineItem, as_of: NaiveDate) {
        let amount = item.amount(Field::DealValue);
        let close = item.date(Field::ExpectedClose);
        match deal_status(item) {
            DealStatus::Open => {
                self.open += 1;
                if let Some(a) = amount {
                    self.open_value += a;
                    self.open_priced += 1;
                    if let Some(Value::Fraction(p)) = item.get(Field::Probability) {
                        self.weighted += a * p;
                    }
                }
                self.earliest_close = min_date(self.earliest_close, close);
                if let Some(Value::Stage(s)) = item.get(Field::Stage) {
                    if !s.closed() {
                        self.stage = self.stage.max(Some(*s));
                    }
                }
                self.first_created = min_date(self.first_created, item.date(Field::CreatedDate));
            }
            DealStatus::Won => {
                self.won += 1;
                self.won_value += amount.unwrap_or(0.0);
                if close.is_some_and(|d| in_12m(d, as_of)) {
                    self.won_12m += 1;
                    self.won_value_12m += amount.unwrap_or(0.0);
                }
                self.last_won = max_date(self.last_won, close);
            }
            DealStatus::Lost => {
                self.lost += 1;
                if close.is_some_and(|d| in_12m(d, as_of)) {
                    self.lost_12m += 1;
                }
                let reason: Box<str> = item.text(Field::LostReason).unwrap_or("").into();
                self.last_lost = later_lost(self.last_lost.take(), Some((close, reason)));
            }
        }
    }

    fn merge(&mut self, o: Deals) {
        self.open += o.open;
        self.open_value += o.open_value;
        self.open_priced += o.open_priced;
        self.weighted += o.weighted;
        self.earliest_close = min_date(self.earliest_close, o.earliest_close);
        self.stage = self.stage.max(o.stage);
        self.first_created = min_date(self.first_created, o.first_created);
        self.won += o.won;
        self.lost += o.lost;
        self.won_12m += o.won_12m;
        self.lost_12m += o.lost_12m;
        self.won_value_12m += o.won_value_12m;
        self.won_value += o.won_value;
        self.last_won = max_date(self.last_won, o.last_won);
        self.last_lost = later_lost(self.last_lost.take(), o.last_lost);
    }

    /// Won ÷ (won + lost) over the 12-month window; None without a deal closed in it.
    pub fn win_rate(&self) -> Option<f64> {
        let closed = self.won_12m + self.lost_12m;
        (closed > 0).then(|| f64::from(self.won_12m) / f64::from(closed))
    }
}

/// The later of two lost deals (a dated one over an undated one; on the same date, the reason
/// that sorts first).
fn later_lost(
    a: Option<(Option<NaiveDate>, Box<str>)>,
    b: Option<(Option<NaiveDate>, Box<str>)>,
) -> Option<(Option<NaiveDate>, Box<str>)> {
    match (a, b) {
        (Some(x), Some(y)) => {
            let x_wins = x.0 > y.0 || (x.0 == y.0 && (y.1.is_empty() || (!x.1.is_empty() && x.1 <= y.1)));
            Some(if x_wins { x } else { y })
        }
        (x, None) => x,
        (None, y) => y,
    }
}

impl Ledger {
    fn fold(&mut self, item: &LineItem, as_of: NaiveDate) {
        self.items += 1;
        if let Some(Value::Money(m)) = item.get(Field::CreditLimit) {
            if let Some(v) = m.mid() {
                self.credit_limit = Some(self.credit_limit.map_or(v, |c| c.max(v)));
            }
        }
        if let Some(Value::Terms(t)) = item.get(Field::PaymentTerms) {
            count(&mut self.terms, *t, 1);
        }
        // A settled or cancelled item owes nothing: a status that says so, or a settlement date
        // on or before the as-of date.
        let settled_on = item.date(Field::SettledDate).filter(|d| *d <= as_of);
        let status = match item.get(Field::ItemStatus) {
            Some(Value::ItemStatus(s)) => Some(*s),
            _ => None,
        };
        if settled_on.is_some() || matches!(status, Some(ItemStatus::Settled | ItemStatus::Cancelled)) {
            self.settled += 1;
            self.last_settled = max_date(self.last_settled, settled_on);
            return;
        }
        // Days past due: the due date wins over an overdue-days column (negative: not due).
        let due = item.date(Field::DueDate);
        let days: i64 = match (due, item.get(Field::OverdueDays)) {
            (Some(d), _) => (as_of - d).num_days(),
            (None, Some(Value::Days(n))) => i64::from(*n),
            _ => 0,
        };
        let outstanding = item.amount(Field::ArBalance);
        match outstanding {
            Some(v) => {
                self.priced += 1;
                self.balance += v;
                self.buckets[bucket(days)] += v;
                if days > 0 {
                    self.overdue += v;
                    if v > 0.0 {
                        self.max_days = self.max_days.max(u32::try_from(days).unwrap_or(u32::MAX));
                    }
                } else if let Some(d) = due {
                    let ahead = (d - as_of).num_days();
                    for (i, horizon) in [30, 60, 90].into_iter().enumerate() {
                        if ahead <= horizon {
                            self.due[i] += v;
                        }
                    }
                }
            }
            None => {
                // An aging report's row: amounts per bucket column, as given.
                for (i, f) in Field::AGING.iter().enumerate() {
                    if let Some(v) = item.amount(*f) {
                        self.priced += 1;
                        self.balance += v;
                        self.buckets[i + 1] += v;
                        self.overdue += v;
                    }
                }
            }
        }
    }

    fn merge(&mut self, o: Ledger) {
        self.items += o.items;
        self.balance += o.balance;
        self.overdue += o.overdue;
        self.max_days = self.max_days.max(o.max_days);
        for (a, b) in self.buckets.iter_mut().zip(o.buckets) {
            *a += b;
        }
        for (a, b) in self.due.iter_mut().zip(o.due) {
            *a += b;
        }
        for (t, n) in o.terms {
            count(&mut self.terms, t, n);
        }
        self.credit_limit = match (self.credit_limit, o.credit_limit) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.priced += o.priced;
        self.settled += o.settled;
        self.last_settled = max_date(self.last_settled, o.last_settled);
    }
}

impl Orders {
    fn fold(&mut self, item: &LineItem, as_of: NaiveDate) {
        self.lines += 1;
        if matches!(item.get(Field::ItemStatus), Some(Value::ItemStatus(ItemStatus::Cancelled))) {
            // A cancelled line is no sale.
            self.cancelled += 1;
            return;
        }
        if item.amount(Field::Sales).is_some() {
            self.priced += 1;
        }
        let Some(d) = item.date(Field::OrderDate) else { return };
        self.last_order = max_date(self.last_order, Some(d));
        self.first_order = min_date(self.first_order, Some(d));
        if !in_12m(d, as_of) {
            return;
        }
        let sales = item.amount(Field::Sales);
        self.sales_12m += sales.unwrap_or(0.0);
        let margin = item.amount(Field::Profit).or_else(|| Some(sales? - item.amount(Field::Cost)?));
        if let Some(m) = margin {
            self.margin_12m = Some(self.margin_12m.unwrap_or(0.0) + m);
        }
        // An order is its number; without one, its date (the lines of one day are one order).
        let h = match item.text(Field::OrderNo) {
            Some(no) => hash(no),
            None => hash(&d.to_string()),
        };
        if !self.seen.contains(&h) {
            self.seen.push(h);
            self.orders_12m += 1;
        }
    }

    fn merge(&mut self, o: Orders) {
        self.lines += o.lines;
        self.sales_12m += o.sales_12m;
        self.margin_12m = match (self.margin_12m, o.margin_12m) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
        self.last_order = max_date(self.last_order, o.last_order);
        self.first_order = min_date(self.first_order, o.first_order);
        self.priced += o.priced;
        self.cancelled += o.cancelled;
        for no in o.seen {
            if !self.seen.contains(&no) {
                self.seen.push(no);
                self.orders_12m += 1;
            }
        }
    }
}

/// A stable hash of an order number.
fn hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

impl Payments {
    fn fold(&mut self, item: &LineItem, as_of: NaiveDate) {
        self.count += 1;
        let d = item.date(Field::PaidDate);
        self.last = max_date(self.last, d.filter(|d| *d <= as_of));
        if d.is_some_and(|d| in_12m(d, as_of)) {
            self.collected_12m += item.amount(Field::PaidAmount).unwrap_or(0.0);
        }
    }

    fn merge(&mut self, o: Payments) {
        self.count += o.count;
        self.last = max_date(self.last, o.last);
        self.collected_12m += o.collected_12m;
    }
}

impl Promises {
    fn fold(&mut self, item: &LineItem, as_of: NaiveDate) {
        self.made += 1;
        let status = match item.get(Field::PromiseStatus) {
            Some(Value::PromiseStatus(s)) => Some(*s),
            _ => None,
        };
        let due = item.date(Field::DueDate);
        // Kept late is kept; a kept date means kept; not kept and past due is broken; due
        // today and not kept is open.
        if status == Some(PromiseStatus::Kept) || (status.is_none() && item.date(Field::KeptDate).is_some()) {
            self.kept += 1;
        } else if due.is_some_and(|d| d < as_of) {
            self.broken += 1;
            self.oldest_broken = min_date(self.oldest_broken, due);
        } else {
            self.open += 1;
        }
    }

    fn merge(&mut self, o: Promises) {
        self.made += o.made;
        self.kept += o.kept;
        self.open += o.open;
        self.broken += o.broken;
        self.oldest_broken = min_date(self.oldest_broken, o.oldest_broken);
    }
}

/// The roll-ups of one file or of a run: by the name as written while rows are folded (a
/// lookup per row, no key worked out per row), by join key once [`Rollups::rekey`] has run.
#[derive(Debug, Clone, Default)]
pub struct Rollups {
    pub by_key: HashMap<Box<str>, Rollup>,
    /// Line-item rows folded in.
    pub rows: u64,
}

impl Rollups {
    pub fn fold(
        &mut self,
        item: &LineItem,
        kind: SourceKind,
        at: &std::sync::Arc<super::SheetSource>,
        as_of: NaiveDate,
    ) {
        self.rows += 1;
        match self.by_key.get_mut(&item.name) {
            Some(r) => r.fold(item, kind, at, as_of),
            None => {
                let mut r = Rollup::default();
                r.fold(item, kind, at, as_of);
                self.by_key.insert(item.name.clone(), r);
            }
        }
    }

    /// The same roll-ups by join key: the spellings of one account ("华东精密制造有限公司",
    /// "華東精密製造") merged, the key worked out once per spelling.
    pub fn rekey(self, key: impl Fn(&str) -> String) -> Rollups {
        let mut out = Rollups { by_key: HashMap::with_capacity(self.by_key.len()), rows: self.rows };
        for (name, r) in self.by_key {
            let k = key(&name).into_boxed_str();
            match out.by_key.get_mut(&k) {
                Some(mine) => mine.merge(r),
                None => {
                    out.by_key.insert(k, r);
                }
            }
        }
        out
    }

    pub fn merge(&mut self, other: Rollups) {
        self.rows += other.rows;
        for (k, r) in other.by_key {
            match self.by_key.get_mut(&k) {
                Some(mine) => mine.merge(r),
                None => {
                    self.by_key.insert(k, r);
                }
            }
        }
    }

    pub fn clear(&mut self) {
        self.by_key.clear();
        self.rows = 0;
    }
}

#[cfg(test)]
mod tests;

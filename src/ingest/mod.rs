//! Ingest: raw rows of cells → typed accounts and data issues.
//!
//! Pure. The reader finds the header ([`header`]) and hands over rows of the mapped columns;
//! [`row`] parses each cell with the [`values`] parsers and says what it could not use.

mod account;
pub mod header;
pub mod rollup;
pub mod row;
pub mod words;

pub use account::{tags, Account, Credit, FieldSet, SheetSource, Value};

use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::provenance::SheetRef;

/// One cell as read from any format. Text is kept only for the columns kascore uses.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Number(f64),
    Text(Box<str>),
    Bool(bool),
    /// A cell Excel formats as a date (the workbook's 1900/1904 system already applied).
    Date(NaiveDateTime),
    /// A formula error such as "#DIV/0!".
    Error(Box<str>),
}

/// A data row: its absolute 0-based row number and the cells of the recognised columns.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub row: u32,
    /// (0-based absolute column, cell), for recognised columns only, in column order.
    pub cells: Vec<(u32, Cell)>,
}

/// A recognised sheet: where it is, its header and its data rows.
#[derive(Debug, Clone)]
pub struct RawSheet {
    pub at: SheetRef,
    /// The position of the sheet in its workbook (0-based), for ordering duplicates.
    pub index: usize,
    pub header: header::Header,
    /// The workbook's date system, for serial numbers in date columns.
    pub date1904: bool,
    pub rows: Vec<RawRow>,
    /// Subtotal/total lines skipped (counted in the reconciliation).
    pub total_lines: u64,
    /// Rows with content only in unrecognised columns, skipped (counted, with a note each).
    pub empty_lines: u64,
    /// The rows the sheet declares (an .xlsx `<dimension>`), 0 when unknown: lets a streaming
    /// consumer reserve its records at once instead of growing (and copying) them.
    pub size_hint: u32,
}

/// A money field in CNY: an amount or a "not known" word, as [`Money::kind`] tells. Sixteen
/// bytes, so that with its column it fits in 24 (an account has seven): a vague value is kept
/// as a NaN low end (amounts are always finite), its "money is no object" mark in the other.
#[derive(Clone, Copy)]
pub struct Money {
    low: f64,
    high: f64,
}

/// What a [`Money`] holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MoneyKind {
    /// `low == high` for a single amount; a range keeps both ends.
    Amount { low: f64, high: f64 },
    /// A "not known" word; `red_flag` for "money is no object" claims.
    Vague { red_flag: bool },
}

impl Money {
    /// An amount, or a range from `low` to `high`.
    pub fn amount(low: f64, high: f64) -> Money {
        Money { low, high }
    }

    /// A "not known" word; `red_flag` for "money is no object" claims.
    pub fn vague(red_flag: bool) -> Money {
        Money { low: f64::NAN, high: if red_flag { 1.0 } else { 0.0 } }
    }

    pub fn kind(&self) -> MoneyKind {
        if self.low.is_nan() {
            MoneyKind::Vague { red_flag: self.high != 0.0 }
        } else {
            MoneyKind::Amount { low: self.low, high: self.high }
        }
    }

    /// A single representative amount: the midpoint of a range. None when vague.
    pub fn mid(&self) -> Option<f64> {
        match self.kind() {
            MoneyKind::Amount { low, high } => Some((low + high) / 2.0),
            MoneyKind::Vague { .. } => None,
        }
    }

    /// The low end. None when vague.
    pub fn low(&self) -> Option<f64> {
        match self.kind() {
            MoneyKind::Amount { low, .. } => Some(low),
            MoneyKind::Vague { .. } => None,
        }
    }
}

impl PartialEq for Money {
    fn eq(&self, other: &Money) -> bool {
        self.kind() == other.kind()
    }
}

impl std::fmt::Debug for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.kind().fmt(f)
    }
}

/// A yes/no answer; "unknown" is an answer too (未知).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    Unknown,
}

/// The five development stages of seed 004, plus won and lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Targeting,
    InfoGathering,
    ValueAssessment,
    Relationship,
    Closing,
    Won,
    Lost,
}

/// A deal's status (a 状态 column of a pipeline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealStatus {
    Open,
    Won,
    Lost,
}

/// A promise's status (seed 003): kept late is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseStatus {
    Kept,
    NotKept,
    Open,
}

/// An invoice's or order line's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    Open,
    /// Paid, settled, written off against a receipt: nothing outstanding.
    Settled,
    /// Cancelled or voided: no sale, nothing owed.
    Cancelled,
}

/// The decision maker's attitude.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attitude {
    Support,
    Neutral,
    Against,
    Unknown,
}

/// What the decision-maker cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionMaker {
    /// A person is named (or the cell says 明确); who is not kept, nothing reads it.
    Named,
    /// 不明确, 未知, 无, 待定 ….
    Unclear,
}

/// The eight factor ratings' columns, in the order of seed 000's table where a rating exists.
pub const RATING_FIELDS: [crate::field::Field; 7] = [
    crate::field::Field::Fit,
    crate::field::Field::FinancialStrength,
    crate::field::Field::Integrity,
    crate::field::Field::Relationship,
    crate::field::Field::Competitive,
    crate::field::Field::Timing,
    crate::field::Field::AddedValue,
];

/// How an account is keyed: its id, else its normalised name. An id never matches a name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccountKey {
    Id(Box<str>),
    Name(Box<str>),
}

impl AccountKey {
    /// The key as shown in the report and JSON `id`.
    pub fn as_str(&self) -> &str {
        match self {
            AccountKey::Id(s) | AccountKey::Name(s) => s,
        }
    }
}

/// Where an account row came from: its sheet (shared by every row of it) and its row.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub sheet: Arc<SheetSource>,
    /// 0-based absolute row.
    pub row: u32,
}

impl Source {
    /// "file!sheet!17" style reference with the Excel row number.
    pub fn display(&self) -> String {
        format!("{}{}", self.prefix(), u64::from(self.row) + 1)
    }

    /// The cells of this row in columns `cols`, the file and sheet named once:
    /// "file!sheet!L8, O8" (each cell once, in order); the row's reference when there are none.
    pub fn cells(&self, cols: impl IntoIterator<Item = u32>) -> String {
        use std::fmt::Write;
        let mut seen: Vec<u32> = Vec::new();
        let mut out = self.prefix();
        for col in cols {
            if !seen.contains(&col) {
                let sep = if seen.is_empty() { "" } else { ", " };
                // Writing to a String cannot fail.
                let _ = write!(out, "{sep}{}", crate::provenance::Pos::new(self.row, col));
                seen.push(col);
            }
        }
        if seen.is_empty() {
            let _ = write!(out, "{}", u64::from(self.row) + 1);
        }
        out
    }

    /// "file!sheet!"
    fn prefix(&self) -> String {
        format!("{}!{}!", crate::provenance::file_name(&self.sheet.at.file), self.sheet.at.sheet)
    }
}

/// An account row with its origin, ready for dedup and scoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub account: Account,
    pub source: Source,
    /// What few accounts have: fields merged from other rows, line items rolled up.
    pub more: Option<Box<More>>,
}

/// The parts of an account that come from elsewhere than its own row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct More {
    /// Fields taken from another (older) row of the account, and that row.
    pub merged: Vec<(FieldSet, Source)>,
    /// The account's line items, rolled up.
    pub rollup: Option<rollup::Rollup>,
    /// Fields whose value came from the roll-up.
    pub rolled: FieldSet,
    /// The account exists only through line items.
    pub line_items_only: bool,
}

impl Record {
    pub fn new(account: Account, source: Source) -> Record {
        Record { account, source, more: None }
    }

    /// The row a field of this account came from: its own, or the row it was merged from.
    pub fn source_of(&self, f: crate::field::Field) -> &Source {
        self.more
            .as_ref()
            .and_then(|m| m.merged.iter().find(|(set, _)| set.contains(f)))
            .map_or(&self.source, |(_, s)| s)
    }

    /// The column a field of this account came from, when it has a value from a cell.
    pub fn col(&self, f: crate::field::Field) -> Option<u32> {
        if self.account.has(f) && !self.rolled(f) {
            self.source_of(f).sheet.col(f)
        } else {
            None
        }
    }

    /// Whether the field's value was rolled up from line items.
    pub fn rolled(&self, f: crate::field::Field) -> bool {
        self.more.as_ref().is_some_and(|m| m.rolled.contains(f))
    }

    /// The account's line items, rolled up.
    pub fn rollup(&self) -> Option<&rollup::Rollup> {
        self.more.as_ref().and_then(|m| m.rollup.as_ref())
    }
}

/// One row of a line-item sheet (a deal, an invoice, an order line, a payment, a promise): its
/// account and its parsed cells, folded into its account's roll-up as it is read
/// (`crate::rollup`), never kept.
#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    /// The account's name as written (its join key is worked out once per distinct name, when
    /// the run's roll-ups are gathered: see `rollup::Rollups::rekey`).
    pub name: Box<str>,
    pub id: Option<Box<str>>,
    pub owner: Option<Box<str>>,
    /// The other cells, parsed, in column order.
    pub values: Vec<(Field, Value)>,
    /// 0-based absolute row.
    pub row: u32,
}

impl LineItem {
    pub fn get(&self, f: Field) -> Option<&Value> {
        self.values.iter().find(|(g, _)| *g == f).map(|(_, v)| v)
    }

    /// A money cell as one amount (a range's midpoint); None when absent or vague.
    pub fn amount(&self, f: Field) -> Option<f64> {
        match self.get(f)? {
            Value::Money(m) => m.mid(),
            _ => None,
        }
    }

    pub fn date(&self, f: Field) -> Option<chrono::NaiveDate> {
        match self.get(f)? {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }

    pub fn text(&self, f: Field) -> Option<&str> {
        match self.get(f)? {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

use crate::field::Field;

/// Shared, cheap handle to the text of a file path or sheet name.
pub type Name = Arc<str>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_cells_name_its_file_and_sheet_once() {
        let at = SheetRef { file: "in/华东/book.xlsx".into(), sheet: "大客户".into() };
        let source = Source { sheet: Arc::new(SheetSource::new(at, 0, [])), row: 7 };
        assert_eq!(source.display(), "book.xlsx!大客户!8");
        assert_eq!(source.cells([11, 14, 11, 15]), "book.xlsx!大客户!L8, O8, P8");
        assert_eq!(source.cells([]), "book.xlsx!大客户!8");
    }
}

#[cfg(test)]
mod size {
    /// A run holds every account until the report is written: keep an account lean.
    #[test]
    fn an_account_and_its_record_stay_lean() {
        let account = std::mem::size_of::<super::Account>();
        let record = std::mem::size_of::<super::Record>();
        eprintln!("Account {account} bytes, Record {record} bytes");
        // 256: the field set has two words since the line-item fields passed 64; 264 since
        // region and industry are kept (two u16s, the strings interned once per run).
        assert!(account <= 264, "Account is {account} bytes");
        // The record's one pointer to what few accounts have (merged fields, line items).
        assert!(record <= 288, "Record is {record} bytes");
    }
}

//! Ingest: raw rows of cells → typed accounts and data issues.
//!
//! Pure. The reader finds the header ([`header`]) and hands over rows of the mapped columns;
//! [`row`] parses each cell with the [`values`] parsers and says what it could not use.

pub mod header;
pub mod row;

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use crate::provenance::SheetRef;
use crate::values::credit::CreditValue;
use crate::values::terms::Terms;

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

/// A value together with the column it came from (the row is the account's).
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    pub value: T,
    pub col: Col,
}

impl<T> Sourced<T> {
    pub fn new(value: T, col: u32) -> Sourced<T> {
        Sourced { value, col: Col::new(col) }
    }
}

/// A 0-based column, stored off by one so that `Option<Sourced<f64>>` and its kind fit in
/// 16 bytes instead of 24: an account has dozens of them, a run a million accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Col(std::num::NonZeroU32);

impl Col {
    pub fn new(col: u32) -> Col {
        Col(std::num::NonZeroU32::MIN.saturating_add(col))
    }

    /// The 0-based column (a column past u32::MAX − 1 reads as the last one).
    pub fn get(self) -> u32 {
        self.0.get() - 1
    }
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

/// The decision maker's attitude.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attitude {
    Support,
    Neutral,
    Against,
    Unknown,
}

/// What the decision-maker cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    Id(String),
    Name(String),
}

impl AccountKey {
    /// The key as shown in the report and JSON `id`.
    pub fn as_str(&self) -> &str {
        match self {
            AccountKey::Id(s) | AccountKey::Name(s) => s,
        }
    }
}

/// Where an account row came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Shared by every row of the sheet: 16 bytes a row instead of 48.
    pub at: Arc<SheetRef>,
    /// 0-based absolute row.
    pub row: u32,
    /// The sheet's index in its workbook.
    pub sheet_index: u32,
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
        format!("{}!{}!", crate::provenance::file_name(&self.at.file), self.at.sheet)
    }
}

/// One account row, every field parsed. `None` means the column is absent, empty or unusable.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Account {
    pub key: Option<AccountKey>,
    pub name: Option<Sourced<String>>,
    pub owner: Option<Sourced<String>>,
    /// The model's "money is no object" word found in the notes column, as its index in
    /// `input.no_object_words` (the notes themselves are not kept).
    pub no_object_note: Option<Sourced<u16>>,
    pub stage: Option<Sourced<Stage>>,
    pub budget: Option<Sourced<Money>>,
    pub deal_value: Option<Sourced<Money>>,
    pub annual_purchase: Option<Sourced<Money>>,
    pub our_sales_12m: Option<Sourced<Money>>,
    pub registered_capital: Option<Sourced<Money>>,
    pub ar_balance: Option<Sourced<Money>>,
    pub overdue_amount: Option<Sourced<Money>>,
    /// The five aging buckets (0–30 … >180 days), boxed: most sheets have no bucket columns,
    /// and 120 bytes an account add up over a million rows.
    pub aging: Option<Box<[Option<Sourced<f64>>; 5]>>,
    pub share: Option<Sourced<f64>>,
    pub funding: Option<Sourced<Answer>>,
    pub advertising: Option<Sourced<Answer>>,
    pub hiring: Option<Sourced<Answer>>,
    pub need_consensus: Option<Sourced<Answer>>,
    pub insider: Option<Sourced<Answer>>,
    pub reference_customer: Option<Sourced<Answer>>,
    pub credit_rating: Option<Sourced<CreditValue>>,
    pub payment_terms: Option<Sourced<Terms>>,
    pub overdue_days: Option<Sourced<u32>>,
    pub last_payment_date: Option<Sourced<NaiveDate>>,
    pub first_contact: Option<Sourced<NaiveDate>>,
    pub expected_close: Option<Sourced<NaiveDate>>,
    pub implementation_date: Option<Sourced<NaiveDate>>,
    pub payment_date: Option<Sourced<NaiveDate>>,
    pub decision_maker: Option<Sourced<DecisionMaker>>,
    pub decision_attitude: Option<Sourced<Attitude>>,
    /// The seven 1–5 ratings, in [`RATING_FIELDS`] order, on the 1–5 scale (after
    /// [`row::finalize_ratings`]).
    pub ratings: [Option<Sourced<f64>>; 7],
    /// Bit i: rating i is still a plain number waiting for its column's scale.
    pub rating_numbers: u8,
}

/// An account row with its origin, ready for dedup and scoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub account: Account,
    pub source: Source,
}

/// Shared, cheap handle to the text of a file path or sheet name.
pub type Name = Arc<str>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_cells_name_its_file_and_sheet_once() {
        let at = Arc::new(SheetRef { file: "in/华东/book.xlsx".into(), sheet: "大客户".into() });
        let source = Source { at, row: 7, sheet_index: 0 };
        assert_eq!(source.display(), "book.xlsx!大客户!8");
        assert_eq!(source.cells([11, 14, 11, 15]), "book.xlsx!大客户!L8, O8, P8");
        assert_eq!(source.cells([]), "book.xlsx!大客户!8");
    }
}

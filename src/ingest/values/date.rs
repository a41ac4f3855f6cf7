//! Date cells as people type them.
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Quarter,
    Year,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DateValue {
    /// The date; for month/quarter/year precision it is the LAST day of that period.
    Date(NaiveDate, Precision),
    /// Empty, or a "not known" word: 待定 未定 不确定 tbd n/a 未知 "-" ...
    Missing,
    /// Day/month order cannot be decided, e.g. "03/04/2026": message says so and asks for
    /// yyyy-mm-dd.
    Ambiguous(String),
    /// Not a date; message in plain English.
    Invalid(String),
}

/// Excel serial day number to a date. `date1904` selects the 1904 system. Handles the 1900
/// leap-year bug (serial 60 = the fictitious 1900-02-29 → treat as 1900-02-28 or Invalid, your
/// choice, documented; serials > 60 are shifted by one). Fractions (time of day) are dropped.
/// None for serials < 1 or beyond 9999-12-31.
pub fn from_excel_serial(serial: f64, date1904: bool) -> Option<NaiveDate> {
    todo!()
}

/// Parse a date typed as text. Forms: "2026-03-15", "2026/3/15", "2026.3.15", "2026年3月15日",
/// "2026年3月15号", "2026年3月" (end of month), "2026-03" / "2026/3" / "2026.03" (end of month),
/// "2026Q2", "2026 Q2", "Q2 2026", "2026年第二季度", "2026年二季度", "2026年Q2" (end of quarter),
/// "2026年" (end of year), "20260315", "2026-03-15 10:30:00" and "2026-03-15T10:30" (time
/// dropped), "15/03/2026" (day first unambiguous since 15 > 12), "3/15/2026" (month first
/// unambiguous), "03/04/2026" → Ambiguous, "1-Mar-2026", "Mar 15, 2026", "15 March 2026",
/// full-width digits. Invalid calendar dates ("2026-02-30") → Invalid. A plain number string
/// like "46000" is NOT a date here (the caller handles serial numbers in numeric cells).
pub fn parse_date(s: &str) -> DateValue {
    todo!()
}

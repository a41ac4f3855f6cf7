//! Read last month's report back (`--previous`).
//!
//! I/O. A kascore report is recognised by the marker in its document properties; anything else
//! is a clear error. The accounts come from the report's very hidden data tab, found by its
//! header rather than its name. When that tab is gone (a user copied the visible tabs into a new
//! workbook), the grade tabs are read instead, found by their headers in either language, the
//! grade taken from the end of each row's reason ("… → B"), so sorting, filtering, hidden
//! columns and renamed tabs do not matter.

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::NaiveDate;

use crate::error::Fatal;
use crate::report::data::DATA_HEADER;
use crate::score::{FlagKind, Grade};

/// One account as last month's report had it.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviousAccount {
    /// The account's key (its id, else its normalised name).
    pub key: String,
    pub name: String,
    pub grade: Grade,
    pub score: f64,
    pub expected_close: Option<NaiveDate>,
    pub flags: Vec<FlagKind>,
}

/// Last month's report.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub as_of: Option<NaiveDate>,
    pub accounts: Vec<PreviousAccount>,
}

/// Read a previous report.
///
/// # Errors
/// `Fatal::NotAReport` when the file cannot be opened as a workbook or carries no kascore marker;
/// `Fatal::Other` when it is a report but no account list can be found in it.
pub fn read(path: &Path) -> Result<Previous, Fatal> {
    let not_report = |why: String| Fatal::NotAReport { path: path.to_path_buf(), why };
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e: calamine::XlsxError| not_report(e.to_string()))?;
    let props = book.workbook_properties().map_err(|e| not_report(e.to_string()))?;
    if !props.custom_properties.contains_key(crate::read::workbook::REPORT_MARKER) {
        return Err(not_report("it has no kascore marker in its document properties".into()));
    }
    let as_of =
        props.custom_properties.get("kascore-as-of").and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let names = book.sheet_names();
    let mut from_data = Vec::new();
    let mut from_tabs = Vec::new();
    for name in &names {
        // Streamed: a report of a million accounts is read a row at a time, and a tab whose
        // header is not an account list is left after its first row.
        let Ok(mut cells) = book.worksheet_cells_reader(name) else { continue };
        let mut list: Option<List> = None;
        let mut row: Vec<Data> = Vec::new();
        let mut at = 0u32;
        let mut done = |r: u32, row: &mut Vec<Data>, list: &mut Option<List>| -> bool {
            let keep_going = match list {
                None if r == 0 => {
                    let header: Vec<String> = row.iter().map(|v| v.to_string()).collect();
                    *list = List::find(&header);
                    list.is_some()
                }
                None => false,
                Some(List::Data) => {
                    from_data.extend(data_row(row));
                    true
                }
                Some(List::Grades(cols)) => {
                    from_tabs.extend(grade_row(row, cols));
                    true
                }
            };
            row.clear();
            keep_going
        };
        loop {
            let Ok(Some(cell)) = cells.next_cell() else {
                done(at, &mut row, &mut list);
                break;
            };
            let (r, c) = cell.get_position();
            if r != at {
                if !done(at, &mut row, &mut list) {
                    break;
                }
                at = r;
            }
            let c = c as usize;
            if c < MAX_COLS {
                if row.len() <= c {
                    row.resize(c + 1, Data::Empty);
                }
                row[c] = Data::from(cell.get_value().clone());
            }
        }
    }
    let accounts = if from_data.is_empty() { from_tabs } else { from_data };
    if accounts.is_empty() && names.is_empty() {
        return Err(Fatal::Other(format!("{} has no sheets to read accounts from", path.display())));
    }
    Ok(Previous { as_of, accounts })
}

/// Columns beyond these are never an account list's (a report tab has fewer than 30).
const MAX_COLS: usize = 64;

/// What a tab's header row says it is.
enum List {
    /// The very hidden data tab.
    Data,
    /// A grade or needs-information tab.
    Grades(GradeColumns),
}

impl List {
    fn find(header: &[String]) -> Option<List> {
        if header.len() >= DATA_HEADER.len() && header.iter().zip(DATA_HEADER).all(|(h, d)| h == d) {
            return Some(List::Data);
        }
        GradeColumns::find(header).map(List::Grades)
    }
}

/// A cell's text ("" when missing).
fn cell(row: &[Data], col: usize) -> String {
    row.get(col).map(|v| v.to_string()).unwrap_or_default()
}

fn data_row(row: &[Data]) -> Option<PreviousAccount> {
    let key = cell(row, 0);
    let grade = grade_of(&cell(row, 2))?;
    (!key.is_empty()).then(|| PreviousAccount {
        key,
        name: cell(row, 1),
        grade,
        score: cell(row, 3).parse().unwrap_or(0.0),
        expected_close: NaiveDate::parse_from_str(&cell(row, 4), "%Y-%m-%d").ok(),
        flags: cell(row, 5).split(',').filter_map(flag_of).collect(),
    })
}

/// A grade from its JSON key or label.
fn grade_of(s: &str) -> Option<Grade> {
    Grade::ALL.into_iter().find(|g| g.key() == s || g.label(crate::Lang::Zh) == s || g.label(crate::Lang::En) == s)
}

/// A flag from its JSON key or its label in either language.
fn flag_of(s: &str) -> Option<FlagKind> {
    let s = s.trim();
    FlagKind::ALL.into_iter().find(|k| k.key() == s || k.label(crate::Lang::Zh) == s || k.label(crate::Lang::En) == s)
}

/// Where the columns a grade tab needs are, by header text in either language.
struct GradeColumns {
    key: usize,
    name: usize,
    score: usize,
    /// The reason column; a needs-information tab has none and `fixed` says its grade.
    reason: Option<usize>,
    fixed: Option<Grade>,
    flags: Option<usize>,
    close: Option<usize>,
}

impl GradeColumns {
    fn find(header: &[String]) -> Option<GradeColumns> {
        let at = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
        let cols = GradeColumns {
            key: at(&["客户编号", "Account ID"])?,
            name: at(&["客户名称", "Account"])?,
            score: at(&["得分", "已知得分", "Score", "Score so far"])?,
            reason: at(&["评级理由", "Reason"]),
            fixed: at(&["未知因素", "Unknown factors"]).map(|_| Grade::NeedsInfo),
            flags: at(&["风险标记", "Flags"]),
            close: at(&["预计成交日期", "Expected close"]),
        };
        (cols.reason.is_some() || cols.fixed.is_some()).then_some(cols)
    }
}

fn grade_row(row: &[Data], cols: &GradeColumns) -> Option<PreviousAccount> {
    let key = cell(row, cols.key);
    let grade = match (cols.fixed, cols.reason) {
        (Some(g), _) => g,
        (None, Some(c)) => grade_of(cell(row, c).rsplit("→ ").next()?.trim())?,
        (None, None) => return None,
    };
    let flags = cols.flags.map(|c| cell(row, c)).unwrap_or_default();
    let close = cols.close.and_then(|c| match row.get(c) {
        Some(Data::DateTime(d)) => d.as_datetime().map(|d| d.date()),
        Some(other) => NaiveDate::parse_from_str(&other.to_string(), "%Y-%m-%d").ok(),
        None => None,
    });
    (!key.is_empty()).then(|| PreviousAccount {
        key,
        name: cell(row, cols.name),
        grade,
        score: cell(row, cols.score).parse().unwrap_or(0.0),
        expected_close: close,
        flags: flags.split(['、', ',']).filter_map(flag_of).collect(),
    })
}

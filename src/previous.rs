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

use crate::error::{Fatal, IoProblem, PreviousProblem};
use crate::markers::{
    DATA_HEADER, DATA_OVERDUE, DATA_OWNER, DATA_POINTS, DATA_PROVISION, DATA_RECEIVABLES, DATA_SEGMENT, DATA_STAGE,
    REPORT_MARKER,
};
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
    /// The value segment (reports since 0.2, with order history).
    pub segment: Option<crate::value::Segment>,
    /// The owner (reports with the v2 changes columns).
    pub owner: Option<String>,
    /// Stage, receivables and factor points: None when the report predates them (then they
    /// are not compared).
    pub details: Option<Details>,
}

/// What a report since the v2 changes also keeps of an account, for the changes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Details {
    /// The canonical stage key ("close", "won" …).
    pub stage: Option<String>,
    /// The receivables balance and overdue amount; None without receivables data.
    pub receivables: Option<f64>,
    pub overdue: Option<f64>,
    /// The provision at last month's rates; None without receivables data.
    pub provision: Option<f64>,
    /// Each factor's points, in factor order; None when unknown.
    pub points: [Option<f64>; 8],
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
/// [`Fatal::Previous`]: the file is missing or unreadable, not an .xlsx workbook, carries no
/// kascore marker, has a tab that cannot be read, a score that is not a number, or no account
/// list at all.
pub fn read(path: &Path) -> Result<Previous, Fatal> {
    let fail = |problem: PreviousProblem| Fatal::Previous { path: path.to_path_buf(), problem };
    // Opened first by hand: "no such file" is not "not a report".
    if let Err(e) = std::fs::File::open(path) {
        return Err(fail(PreviousProblem::Io(IoProblem::from_io(&e))));
    }
    if path.is_dir() {
        return Err(fail(PreviousProblem::Io(IoProblem::IsFolder)));
    }
    let mut book: Xlsx<_> =
        open_workbook(path).map_err(|e: calamine::XlsxError| fail(PreviousProblem::NotAWorkbook(e.to_string())))?;
    let props = book.workbook_properties().map_err(|e| fail(PreviousProblem::NotAWorkbook(e.to_string())))?;
    if !props.custom_properties.contains_key(REPORT_MARKER) {
        return Err(fail(PreviousProblem::NoMarker));
    }
    let as_of =
        props.custom_properties.get("kascore-as-of").and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let names = book.sheet_names();
    let mut from_data = Vec::new();
    let mut from_tabs = Vec::new();
    let mut found_list = false;
    // The first score that is not a number: (tab, cell, raw text).
    let mut bad_score: Option<(String, String, String)> = None;
    for name in &names {
        // Streamed: a report of a million accounts is read a row at a time, and a tab whose
        // header is not an account list is left after its first row.
        let unreadable =
            |e: calamine::XlsxError| fail(PreviousProblem::TabUnreadable { tab: name.clone(), detail: e.to_string() });
        let mut cells = book.worksheet_cells_reader(name).map_err(unreadable)?;
        let mut list: Option<List> = None;
        let mut row: Vec<Data> = Vec::new();
        let mut at = 0u32;
        let mut done = |r: u32, row: &mut Vec<Data>, list: &mut Option<List>| -> bool {
            let (account, score_col) = match list {
                None if r == 0 => {
                    let header: Vec<String> = row.iter().map(|v| v.to_string()).collect();
                    *list = List::find(&header);
                    found_list |= list.is_some();
                    row.clear();
                    return list.is_some();
                }
                None => return false,
                Some(List::Data(cols)) => (data_row(row, cols), DATA_SCORE),
                Some(List::Grades(cols)) => (grade_row(row, cols), cols.score),
            };
            if let Some(a) = account {
                if a.score.is_nan() && bad_score.is_none() {
                    let at = crate::provenance::Pos::new(r, score_col as u32).to_string();
                    bad_score = Some((name.clone(), at, cell(row, score_col)));
                }
                match list {
                    Some(List::Data(_)) => from_data.push(a),
                    _ => from_tabs.push(a),
                }
            }
            row.clear();
            true
        };
        loop {
            let Some(cell) = cells.next_cell().map_err(unreadable)? else {
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
    if accounts.is_empty() && !found_list {
        return Err(fail(PreviousProblem::NoAccounts));
    }
    if let Some((tab, cell, raw)) = bad_score {
        return Err(fail(PreviousProblem::BadScore { tab, cell, raw }));
    }
    Ok(Previous { as_of, accounts })
}

/// The score's column in the data tab.
const DATA_SCORE: usize = 3;

/// A number cell of the data tab: None when empty or not a number.
fn number_of(row: &[Data], col: usize) -> Option<f64> {
    match row.get(col) {
        Some(Data::Float(f)) => Some(*f),
        Some(Data::Int(i)) => Some(*i as f64),
        Some(Data::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|v: &f64| v.is_finite())
}

/// A score cell: a number, or NaN when it is not one (the caller reports it).
fn score_of(row: &[Data], col: usize) -> f64 {
    match row.get(col) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        Some(other) => other.to_string().trim().parse().unwrap_or(f64::NAN),
        None => f64::NAN,
    }
}

/// Columns beyond these are never an account list's (a report tab has fewer than 30).
const MAX_COLS: usize = 64;

/// What a tab's header row says it is.
enum List {
    /// The very hidden data tab.
    Data(DataColumns),
    /// A grade or needs-information tab.
    Grades(GradeColumns),
}

impl List {
    fn find(header: &[String]) -> Option<List> {
        if header.len() >= DATA_HEADER.len() && header.iter().zip(DATA_HEADER).all(|(h, d)| h == d) {
            return Some(List::Data(DataColumns::find(header)));
        }
        GradeColumns::find(header).map(List::Grades)
    }
}

/// A cell's text ("" when missing).
fn cell(row: &[Data], col: usize) -> String {
    row.get(col).map(|v| v.to_string()).unwrap_or_default()
}

/// The data tab's columns after the first six, found by header: reports of 0.1.0 had others
/// there (quadrant, factors known), reports before the v2 changes only the segment.
struct DataColumns {
    segment: Option<usize>,
    owner: Option<usize>,
    /// Stage, receivables, overdue, provision and the eight factors' points: all or nothing.
    details: Option<(usize, usize, usize, usize, [usize; 8])>,
}

impl DataColumns {
    fn find(header: &[String]) -> DataColumns {
        let at = |name: &str| header.iter().position(|h| h == name);
        let points: Option<Vec<usize>> = DATA_POINTS.iter().map(|p| at(p)).collect();
        let points = points.and_then(|p| <[usize; 8]>::try_from(p).ok());
        DataColumns {
            segment: at(DATA_SEGMENT),
            owner: at(DATA_OWNER),
            details: match (at(DATA_STAGE), at(DATA_RECEIVABLES), at(DATA_OVERDUE), at(DATA_PROVISION), points) {
                (Some(s), Some(r), Some(o), Some(v), Some(p)) => Some((s, r, o, v, p)),
                _ => None,
            },
        }
    }
}

fn data_row(row: &[Data], cols: &DataColumns) -> Option<PreviousAccount> {
    let key = cell(row, 0);
    let grade = grade_of(&cell(row, 2))?;
    let text = |c: usize| Some(cell(row, c)).filter(|t| !t.is_empty());
    (!key.is_empty()).then(|| PreviousAccount {
        key,
        name: cell(row, 1),
        grade,
        score: score_of(row, DATA_SCORE),
        expected_close: NaiveDate::parse_from_str(&cell(row, 4), "%Y-%m-%d").ok(),
        flags: cell(row, 5).split(',').filter_map(flag_of).collect(),
        segment: cols.segment.and_then(|c| crate::value::Segment::from_key(&cell(row, c))),
        owner: cols.owner.and_then(text),
        details: cols.details.map(|(stage, receivables, overdue, provision, points)| Details {
            stage: text(stage),
            receivables: number_of(row, receivables),
            overdue: number_of(row, overdue),
            provision: number_of(row, provision),
            points: points.map(|c| number_of(row, c)),
        }),
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
        score: score_of(row, cols.score),
        expected_close: close,
        flags: flags.split(['、', ',']).filter_map(flag_of).collect(),
        segment: None,
        owner: None,
        details: None,
    })
}

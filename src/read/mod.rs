//! Read: one input file → its recognised sheets as raw rows, and the file's issues.
//!
//! I/O. Workbooks go through calamine ([`workbook`]), CSV through the csv crate with encoding
//! detection ([`csv`]). Both feed cells in row order into a [`SheetBuilder`], which finds the
//! header in the first rows (the pure [`crate::ingest::header`]) and keeps only the recognised
//! columns of the rows below it, so a sheet of 16,384 columns costs no more than its data.

pub mod csv;
pub mod workbook;

use std::sync::Arc;

use crate::discover::{Format, InputFile};
use crate::ingest::header::{detect, Aliases, Header, NoHeader, TextRow};
use crate::ingest::{Cell, RawRow, RawSheet};
use crate::issue::{FileProblem, Issue, IssueKind, Location, Severity};
use crate::model::Model;
use crate::provenance::SheetRef;

/// What reading a sheet found, recognised or not (for the JSON `inputs` list).
#[derive(Debug, Clone, PartialEq)]
pub struct SheetInfo {
    pub name: Arc<str>,
    /// The 1-based row of the (last) header row; None when the sheet was skipped.
    pub header_row: Option<u32>,
    /// Data rows read below the header (totals and nameless rows included, blank rows not).
    pub rows: u64,
    /// Each header cell kascore reads, in column order: (column, header text, field).
    pub columns: Vec<(u32, String, crate::field::Field)>,
    /// The header cells it does not use (no alias matched, a row number, or a second column
    /// for a field already taken), in column order.
    pub unused: Vec<(u32, String)>,
    /// What one row of the sheet is.
    pub kind: crate::source::SourceKind,
    /// The accounts its rows went to (set once the run's rows are joined).
    pub accounts: u64,
}

/// Everything read from one file.
#[derive(Debug, Default)]
pub struct FileRead {
    pub sheets: Vec<RawSheet>,
    pub infos: Vec<SheetInfo>,
    pub issues: Vec<Issue>,
    /// The file is one of kascore's own reports and was skipped.
    pub own_report: bool,
    /// A sheet failed after rows had been read from it (the reader's words): the whole file
    /// is given up, see [`read_file_with`].
    pub partway: Option<String>,
    /// The file failed part-way through: every row read from it is given up (the caller drops
    /// what it ingested) and `issues` says how many.
    pub lost: bool,
}

/// Settings the reader needs from the model.
pub struct ReadOpts {
    pub aliases: Aliases,
    pub scan_rows: u32,
    pub min_matches: u32,
    pub total_words: Vec<String>,
    /// For tests: the reader panics after this many data rows of a sheet, as calamine has on
    /// hostile files. Always None in a real run.
    pub fail_after_rows: Option<u64>,
    /// The model's per-file and per-sheet settings (`[[sources]]`).
    pub sources: Vec<crate::model::SourceRule>,
    /// The words that name a field only in a sheet of one kind (`[kind_columns.*]`).
    pub kind_aliases: std::collections::HashMap<crate::source::SourceKind, Aliases>,
}

impl ReadOpts {
    pub fn new(model: &Model) -> ReadOpts {
        ReadOpts {
            aliases: Aliases::new(model),
            scan_rows: model.input.header_scan_rows,
            min_matches: model.input.min_header_matches,
            total_words: model.input.total_words.iter().map(|w| fold(w)).collect(),
            fail_after_rows: None,
            sources: model.sources.clone(),
            kind_aliases: Aliases::per_kind(model),
        }
    }
}

/// Read one file, keeping every sheet's rows. Never fails: an unreadable file is one
/// file-level issue.
pub fn read_file(input: &InputFile, opts: &ReadOpts) -> FileRead {
    read_file_with(input, opts, None)
}

/// Read one file, handing data rows to `sink` in chunks as they are read (the returned
/// sheets then have no rows).
///
/// A file whose reader fails part-way through (an error in a sheet after some of its rows, or
/// a panic in the reader after any row) gives up all its rows: the result has `lost` set, no
/// sheets, sheet infos that count 0 rows, and one file-level issue saying how many rows were
/// read before the failure. Rows already handed to `sink` must be dropped by the caller.
pub fn read_file_with(input: &InputFile, opts: &ReadOpts, sink: Option<&mut Sink>) -> FileRead {
    let mut handed = 0u64;
    let wants_rows = sink.is_some();
    let mut sink = sink;
    let mut counting = |sheet: &RawSheet, rows: Vec<RawRow>| {
        handed += rows.len() as u64;
        if let Some(s) = sink.as_deref_mut() {
            s(sheet, rows);
        }
    };
    // calamine has panicked on hostile files; a panic is a damaged file, not a crash.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let pass: Option<&mut Sink> = if wants_rows { Some(&mut counting) } else { None };
        match input.format {
            Format::Csv => csv::read(input, opts, pass),
            Format::Workbook => workbook::read(input, opts, pass),
            Format::Numbers => FileRead::failed(input, FileProblem::AppleNumbers),
        }
    }));
    let mut out = match result {
        Ok(read) => read,
        Err(panic) => {
            let detail = panic_text(&panic);
            if handed > 0 {
                FileRead { partway: Some(detail), ..FileRead::default() }
            } else {
                FileRead::failed(input, FileProblem::Corrupt(detail))
            }
        }
    };
    if let Some(detail) = out.partway.take() {
        let kept: u64 = out.sheets.iter().map(|s| s.rows.len() as u64).sum();
        let rows = (handed + kept).max(out.infos.iter().map(|i| i.rows).sum());
        for info in &mut out.infos {
            info.rows = 0;
        }
        out.sheets.clear();
        // Row-level issues of rows that no longer count go too; sheet-level ones stay.
        out.issues.retain(|i| i.at.row.is_none() && !matches!(i.kind, IssueKind::SheetUnreadable(_)));
        out.issues.push(Issue::new(
            Severity::Error,
            Location::file(&input.display),
            IssueKind::Unreadable(FileProblem::LostPartWay { rows, detail }),
        ));
        out.lost = true;
    }
    out.issues.sort_by(|a, b| a.at.cmp(&b.at));
    out
}

/// A panic's message, for `--verbose`.
fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "the reader stopped".to_string()
    }
}

impl FileRead {
    pub(crate) fn failed(input: &InputFile, problem: FileProblem) -> FileRead {
        FileRead {
            issues: vec![Issue::new(Severity::Error, Location::file(&input.display), IssueKind::Unreadable(problem))],
            ..FileRead::default()
        }
    }

    /// Add a finished sheet.
    pub(crate) fn push(&mut self, built: Built) {
        self.infos.push(built.info);
        self.issues.extend(built.issues);
        if let Some(sheet) = built.sheet {
            self.sheets.push(sheet);
        }
    }
}

/// A cell as a reader sees it, before kascore converts it (only recognised columns are).
pub trait SourceCell {
    /// Empty, or text that is only whitespace.
    fn is_blank(&self) -> bool;
    /// The cell's text when it is a text cell.
    fn text(&self) -> Option<&str>;
    /// Convert for ingestion. None for an empty cell.
    fn to_cell(&self) -> Option<Cell>;
}

impl SourceCell for &str {
    fn is_blank(&self) -> bool {
        self.trim().is_empty()
    }
    fn text(&self) -> Option<&str> {
        Some(self)
    }
    fn to_cell(&self) -> Option<Cell> {
        (!self.is_blank()).then(|| Cell::Text((*self).into()))
    }
}

/// Whether to keep feeding cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The sheet was skipped (no header): stop reading it.
    Stop,
}

enum State {
    /// Buffering the first rows until the header can be decided.
    Scanning {
        rows: Vec<(u32, Vec<(u32, Cell)>)>,
    },
    Data {
        header: Header,
        /// Indexed by column: whether the column is recognised (a Vec: no hashing per cell).
        wanted: Vec<bool>,
        max_col: u32,
    },
    Skipped,
}

/// The row being assembled.
#[derive(Default)]
struct Current {
    row: Option<u32>,
    cells: Vec<(u32, Cell)>,
    nonblank: u32,
    total: bool,
}

/// A sheet built from cells in row order.
pub struct Built {
    pub sheet: Option<RawSheet>,
    pub info: SheetInfo,
    pub issues: Vec<Issue>,
}

/// Takes data rows as they are read, in chunks: the sheet (its header; `rows` empty) and the
/// rows. With a sink, a sheet's raw rows never all sit in memory at once.
pub type Sink<'s> = dyn FnMut(&RawSheet, Vec<RawRow>) + 's;

/// A sink borrowed by one sheet's builder.
pub type SinkRef<'s> = &'s mut (dyn FnMut(&RawSheet, Vec<RawRow>) + 's);

/// Rows handed to the sink at a time.
pub const CHUNK: usize = 16_384;

/// Receives a sheet's cells in row order and keeps what kascore needs.
pub struct SheetBuilder<'o, 's> {
    opts: &'o ReadOpts,
    sink: Option<SinkRef<'s>>,
    /// The sheet as the sink sees it, once the header is known.
    head: Option<RawSheet>,
    at: SheetRef,
    index: usize,
    date1904: bool,
    state: State,
    cur: Current,
    rows: Vec<RawRow>,
    data_rows: u64,
    total_lines: u64,
    empty_rows: Vec<u32>,
    /// Subtotal and total lines (skipped and counted, with a note each).
    total_rows: Vec<u32>,
    issues: Vec<Issue>,
    /// Rows the sheet declares, 0 when unknown.
    size_hint: u32,
    /// Recognised columns: the capacity of a row's cells.
    width: usize,
}

impl<'o, 's> SheetBuilder<'o, 's> {
    pub fn new(opts: &'o ReadOpts, at: SheetRef, index: usize, date1904: bool) -> SheetBuilder<'o, 's> {
        SheetBuilder::with_sink(opts, at, index, date1904, None)
    }

    /// A builder that hands data rows to `sink` in chunks instead of keeping them.
    pub fn with_sink(
        opts: &'o ReadOpts,
        at: SheetRef,
        index: usize,
        date1904: bool,
        sink: Option<SinkRef<'s>>,
    ) -> SheetBuilder<'o, 's> {
        SheetBuilder {
            opts,
            sink,
            head: None,
            at,
            index,
            date1904,
            state: State::Scanning { rows: Vec::new() },
            cur: Current::default(),
            rows: Vec::new(),
            data_rows: 0,
            total_lines: 0,
            empty_rows: Vec::new(),
            total_rows: Vec::new(),
            issues: Vec::new(),
            size_hint: 0,
            width: 0,
        }
    }

    /// The number of rows the sheet declares (its last row + 1), when the format says.
    pub fn size_hint(&mut self, rows: u32) {
        self.size_hint = rows;
    }

    /// Feed one cell (absolute 0-based position). Cells must come in row order.
    pub fn push<C: SourceCell>(&mut self, row: u32, col: u32, cell: &C) -> Flow {
        if cell.is_blank() {
            return if matches!(self.state, State::Skipped) { Flow::Stop } else { Flow::Continue };
        }
        if let State::Scanning { rows } = &mut self.state {
            let new_row = rows.last().is_none_or(|r| r.0 != row);
            if new_row && rows.len() as u32 >= self.opts.scan_rows {
                self.decide();
            } else {
                if new_row {
                    rows.push((row, Vec::new()));
                }
                if let (Some(last), Some(c)) = (rows.last_mut(), cell.to_cell()) {
                    last.1.push((col, c));
                }
                return Flow::Continue;
            }
        }
        if matches!(self.state, State::Skipped) {
            return Flow::Stop;
        }
        self.data_cell(row, col, cell.text(), || cell.to_cell());
        Flow::Continue
    }

    /// One non-blank cell below the header.
    fn data_cell(&mut self, row: u32, col: u32, text: Option<&str>, convert: impl FnOnce() -> Option<Cell>) {
        let State::Data { wanted, max_col, .. } = &self.state else {
            return;
        };
        let keep = col <= *max_col && wanted.get(col as usize).copied().unwrap_or(false);
        if self.cur.row != Some(row) {
            self.flush();
            self.cur.row = Some(row);
        }
        self.cur.nonblank += 1;
        if self.cur.nonblank <= 3 && !self.cur.total {
            if let Some(t) = text {
                self.cur.total = is_total(t, &self.opts.total_words, self.cur.nonblank == 1);
            }
        }
        if keep {
            if let Some(c) = convert() {
                self.cur.cells.push((col, c));
            }
        }
    }

    /// Decide the header from the buffered rows, then replay the rows below it.
    fn decide(&mut self) {
        let State::Scanning { rows } = std::mem::replace(&mut self.state, State::Skipped) else {
            return;
        };
        let text_rows: Vec<TextRow> = rows
            .iter()
            .map(|(r, cells)| {
                let texts = cells
                    .iter()
                    .filter_map(|(c, cell)| match cell {
                        Cell::Text(t) => Some((*c, t.to_string())),
                        _ => None,
                    })
                    .collect();
                (*r, texts)
            })
            .collect();
        let own = self.opts.aliases.for_sheet(&self.opts.sources, &self.at.file, &self.at.sheet);
        match detect(&text_rows, own.as_ref().unwrap_or(&self.opts.aliases), self.opts.min_matches) {
            Ok(mut header) => {
                drop_row_numbers(&mut header, &rows);
                let forced = self
                    .opts
                    .sources
                    .iter()
                    .filter(|r| r.applies(&self.at.file, &self.at.sheet))
                    .find_map(crate::model::SourceRule::source_kind);
                header.settle_kind(forced, &self.opts.kind_aliases);
                if !header.has(crate::field::Field::AccountName) {
                    self.issues.push(Issue::new(Severity::Note, Location::sheet(&self.at), IssueKind::KeyedById));
                }
                for (col, field, first) in &header.duplicates {
                    self.issues.push(Issue::new(
                        Severity::Warning,
                        Location::cell(&self.at, crate::provenance::Pos::new(header.last_row, *col)),
                        IssueKind::DuplicateColumn { field: *field, first: *first },
                    ));
                }
                let max_col = header.columns.iter().map(|c| c.col).max().unwrap_or(0);
                let mut wanted = vec![false; max_col as usize + 1];
                for c in &header.columns {
                    wanted[c.col as usize] = true;
                }
                let last = header.last_row;
                self.head = Some(RawSheet {
                    at: self.at.clone(),
                    index: self.index,
                    header: header.clone(),
                    date1904: self.date1904,
                    rows: Vec::new(),
                    total_lines: 0,
                    empty_lines: 0,
                    size_hint: self.size_hint.saturating_sub(last + 1),
                });
                self.width = header.columns.len();
                self.state = State::Data { header, wanted, max_col };
                for (r, cells) in rows.into_iter().filter(|(r, _)| *r > last) {
                    for (c, cell) in cells {
                        let text = match &cell {
                            Cell::Text(t) => Some(t.to_string()),
                            _ => None,
                        };
                        self.data_cell(r, c, text.as_deref(), || Some(cell));
                    }
                }
            }
            Err(why) => {
                let kind = match why {
                    NoHeader::TooFew { best } => IssueKind::NoHeader { best, scanned: self.opts.scan_rows },
                    NoHeader::NoName => IssueKind::NoNameColumn,
                };
                self.issues.push(Issue::new(Severity::Warning, Location::sheet(&self.at), kind));
            }
        }
    }

    fn flush(&mut self) {
        let cur =
            std::mem::replace(&mut self.cur, Current { cells: Vec::with_capacity(self.width), ..Current::default() });
        let Some(row) = cur.row else { return };
        if cur.nonblank == 0 {
            return;
        }
        self.data_rows += 1;
        if self.opts.fail_after_rows.is_some_and(|n| self.data_rows > n) {
            panic!("injected reader failure after {} rows", self.data_rows - 1);
        }
        if cur.total {
            self.total_lines += 1;
            self.total_rows.push(row);
        } else if cur.cells.is_empty() {
            self.empty_rows.push(row);
        } else {
            let mut cells = cur.cells;
            cells.sort_by_key(|c| c.0);
            self.rows.push(RawRow { row, cells });
            if self.rows.len() >= CHUNK {
                self.hand_over();
            }
        }
    }

    /// Give the rows so far to the sink, if there is one.
    fn hand_over(&mut self) {
        if let (Some(sink), Some(head)) = (self.sink.as_mut(), self.head.as_ref()) {
            if !self.rows.is_empty() {
                sink(head, std::mem::take(&mut self.rows));
            }
        }
    }

    /// Finish the sheet.
    pub fn finish(mut self) -> Built {
        if matches!(self.state, State::Scanning { .. }) {
            self.decide();
        }
        self.flush();
        self.hand_over();
        let kind = match &self.state {
            State::Data { header, .. } => header.kind,
            _ => crate::source::SourceKind::Accounts,
        };
        let (header_row, columns, unused) = match &self.state {
            State::Data { header, .. } => {
                let (used, unused): (Vec<_>, Vec<_>) =
                    header.texts.iter().cloned().partition(|(c, _)| header.columns.iter().any(|col| col.col == *c));
                let columns = used
                    .into_iter()
                    .filter_map(|(c, t)| header.columns.iter().find(|col| col.col == c).map(|col| (c, t, col.field)))
                    .collect();
                (Some(header.last_row + 1), columns, unused)
            }
            _ => (None, Vec::new(), Vec::new()),
        };
        let info = SheetInfo {
            name: self.at.sheet.clone(),
            header_row,
            rows: self.data_rows,
            columns,
            unused,
            kind,
            accounts: 0,
        };
        for row in &self.total_rows {
            self.issues.push(Issue::new(Severity::Note, Location::row(&self.at, *row), IssueKind::TotalLine));
        }
        for row in &self.empty_rows {
            self.issues.push(Issue::new(Severity::Note, Location::row(&self.at, *row), IssueKind::NoRecognisedData));
        }
        let sheet = match self.state {
            State::Data { .. } => self.head.take().map(|head| RawSheet {
                rows: self.rows,
                total_lines: self.total_lines,
                empty_lines: self.empty_rows.len() as u64,
                ..head
            }),
            _ => None,
        };
        Built { sheet, info, issues: self.issues }
    }
}

/// An id column headed 编号 whose values below the header are only 1, 2, 3 … numbers the rows:
/// it is not the account id (SPEC §1: row-number columns are never a field).
fn drop_row_numbers(header: &mut Header, rows: &[(u32, Vec<(u32, Cell)>)]) {
    let numbering = |col: u32| {
        let values: Vec<f64> = rows
            .iter()
            .filter(|(r, _)| *r > header.last_row)
            .filter_map(|(_, cells)| cells.iter().find(|(c, _)| *c == col))
            .map(|(_, cell)| match cell {
                Cell::Number(v) => *v,
                Cell::Text(t) => t.trim().parse::<f64>().unwrap_or(f64::NAN),
                _ => f64::NAN,
            })
            .collect();
        values.len() >= 2 && values.windows(2).all(|w| w[1] == w[0] + 1.0) && values[0].fract() == 0.0
    };
    let text_of = |col: u32| header.texts.iter().find(|(c, _)| *c == col).map(|(_, t)| t.as_str()).unwrap_or("");
    let drop: Vec<u32> = header
        .columns
        .iter()
        .filter(|c| c.field == crate::field::Field::AccountId)
        .filter(|c| crate::values::header::normalize_header(text_of(c.col)).text == "编号" && numbering(c.col))
        .map(|c| c.col)
        .collect();
    header.columns.retain(|c| !drop.contains(&c.col));
}

/// Lower case, alphanumerics only: how total words are compared.
fn fold(s: &str) -> String {
    crate::values::text::clean(s).chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// "合计", "小计：", "Total", "总计(万元)" — a subtotal or total line. Checked for the first
/// cells of every row on the reading thread, so it compares folded characters as it goes, and
/// most texts are ruled out by their first letter.
fn is_total(text: &str, words: &[String], first: bool) -> bool {
    if text.len() > 64 {
        return false;
    }
    let t =
        text.chars().map(crate::values::text::fold_char).filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase);
    // A row's first cell ending in a total word ("卷绕产品线总计", "华东区合计": a pivot's
    // subtotal label) makes it a subtotal line too.
    if first && text.trim_end().ends_with(['计', '計']) && text.chars().count() <= 16 {
        let folded: String = t.clone().collect();
        if words.iter().any(|w| !w.is_ascii() && folded.ends_with(w.as_str())) {
            return true;
        }
    }
    let Some(first) = t.clone().next() else { return false };
    if !words.iter().any(|w| w.starts_with(first)) {
        return false;
    }
    let len = t.clone().count();
    words.iter().any(|w| {
        let wlen = w.chars().count();
        let prefix = len >= wlen && t.clone().zip(w.chars()).all(|(a, b)| a == b);
        prefix && (len == wlen || (!w.is_ascii() && len <= wlen + 4))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook that cannot be opened (gone since it was found, or no permission) is said
    /// to be so, not "empty".
    #[test]
    fn a_workbook_that_cannot_be_opened_is_not_called_empty() {
        let dir = tempfile::tempdir().unwrap();
        let model = crate::model::Model::default_model().unwrap();
        let opts = ReadOpts::new(&model);
        let gone = InputFile {
            path: dir.path().join("gone.xlsx"),
            display: "gone.xlsx".into(),
            format: Format::Workbook,
            size: 5_000,
            modified: None,
        };
        let read = read_file(&gone, &opts);
        assert_eq!(read.issues.len(), 1);
        assert_eq!(read.issues[0].kind, IssueKind::Unreadable(FileProblem::Io(crate::error::IoProblem::NotFound)));
        assert_eq!(read.issues[0].message(crate::Lang::Zh), "无法打开：文件或文件夹不存在；请检查路径和权限");
        // Without read permission (root reads anything, so only checked as another user).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let locked = dir.path().join("locked.xlsx");
            std::fs::write(&locked, b"PK\x03\x04").unwrap();
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
            if std::fs::File::open(&locked).is_err() {
                let input = InputFile { path: locked, display: "locked.xlsx".into(), ..gone.clone() };
                let read = read_file(&input, &opts);
                assert_eq!(
                    read.issues[0].kind,
                    IssueKind::Unreadable(FileProblem::Io(crate::error::IoProblem::PermissionDenied))
                );
            }
        }
    }

    #[test]
    fn total_lines() {
        let words: Vec<String> = ["合计", "小计", "总计", "total", "subtotal"].iter().map(|w| fold(w)).collect();
        for (text, want) in [
            ("合计", true),
            ("合 计", true),
            ("小计：", true),
            ("总计(万元)", true),
            ("Total", true),
            ("TOTAL:", true),
            ("Sub-total", true),
            ("Total SA", false),
            ("合计金额", true),
            ("合肥合计科技有限公司", false),
            ("华东区客户", false),
            ("　ＴＯＴＡＬ：", true),
            ("總計", true),
            ("K-000028", false),
            ("", false),
            ("——", false),
        ] {
            assert_eq!(is_total(text, &words, false), want, "{text}");
            assert_eq!(is_total(text, &words, true), want, "{text}");
        }
        // A pivot's subtotal label, ending in a total word, in a row's first cell.
        for (text, first, want) in [
            ("卷绕产品线总计", true, true),
            ("华东区合计", true, true),
            ("华东区合计", false, false),
            ("北京审计", true, false),
            ("华东区本月小计公司", true, false),
        ] {
            assert_eq!(is_total(text, &words, first), want, "{text}");
        }
    }
}

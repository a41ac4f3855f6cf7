//! A list tab: a header row, typed cells, frozen header, autofilter, column widths, and a
//! continuation tab ("A (2)") when Excel's 1,048,576 rows run out.
//!
//! Text from the inputs is always written as a string, never as a formula, so a cell that
//! begins with `=`, `+`, `-` or `@` stays text.

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, ConditionalFormatDataBar, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::numfmt::round;

/// Excel's last row index is 1,048,575; the header takes row 0.
pub const MAX_DATA_ROWS: u32 = crate::provenance::EXCEL_ROWS - 1;

/// The report's formats, made once.
pub struct Fmt {
    pub header: Format,
    /// A header over a column of numbers: right-aligned, over its figures.
    pub header_number: Format,
    pub title: Format,
    pub bold: Format,
    pub text: Format,
    pub wrap: Format,
    pub money: Format,
    /// A total's amount.
    pub money_bold: Format,
    pub pct: Format,
    pub date: Format,
    pub score: Format,
    pub num: Format,
    pub int: Format,
    pub link: Format,
    /// Highlight for a cell a flag points at.
    pub flagged: Format,
    /// A highlighted cell of a wrapping column.
    pub flagged_wrap: Format,
    pub flagged_money: Format,
    pub flagged_date: Format,
    pub note: Format,
}

impl Fmt {
    pub fn new() -> Fmt {
        let flag_bg = Color::RGB(0xFCE4D6);
        // Cells sit at the top of their row, level with the first line of a wrapped neighbour
        // (a to-do list, a reason); text in a list is indented one character, clear of a number
        // right-aligned in the column before it.
        let top = Format::new().set_align(FormatAlign::Top);
        let indented = top.clone().set_align(FormatAlign::Left).set_indent(1);
        let wrap = indented.clone().set_text_wrap();
        let flagged = top.clone().set_background_color(flag_bg);
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0x1F4E79))
            .set_font_color(Color::White)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
            .set_border_bottom(FormatBorder::Thin);
        Fmt {
            header: header.clone(),
            header_number: header.set_align(FormatAlign::Right),
            title: Format::new().set_bold().set_font_size(16),
            bold: Format::new().set_bold(),
            text: indented,
            wrap: wrap.clone(),
            money: top.clone().set_num_format("#,##0"),
            money_bold: Format::new().set_num_format("#,##0").set_bold().set_border_top(FormatBorder::Thin),
            pct: top.clone().set_num_format("0.0%"),
            date: top.clone().set_num_format("yyyy-mm-dd"),
            score: top.clone().set_num_format("0.00"),
            num: top.clone().set_num_format("#,##0.0"),
            int: top.clone().set_num_format("#,##0"),
            link: top
                .clone()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            flagged: flagged.clone(),
            flagged_wrap: wrap.set_background_color(flag_bg),
            flagged_money: flagged.clone().set_num_format("#,##0"),
            flagged_date: flagged.set_num_format("yyyy-mm-dd"),
            note: Format::new().set_italic().set_font_color(Color::RGB(0x595959)),
        }
    }
}

impl Fmt {
    /// Every format, for registering them with the workbook up front (see [`Factory::new`]).
    fn all(&self) -> [&Format; 19] {
        // Destructured, so that a format added to `Fmt` cannot be left out here.
        let Fmt {
            header,
            header_number,
            title,
            bold,
            text,
            wrap,
            money,
            money_bold,
            pct,
            date,
            score,
            num,
            int,
            link,
            flagged,
            flagged_wrap,
            flagged_money,
            flagged_date,
            note,
        } = self;
        [
            header,
            header_number,
            title,
            bold,
            text,
            wrap,
            money,
            money_bold,
            pct,
            date,
            score,
            num,
            int,
            link,
            flagged,
            flagged_wrap,
            flagged_money,
            flagged_date,
            note,
        ]
    }
}

impl Default for Fmt {
    fn default() -> Self {
        Fmt::new()
    }
}

/// Hands out constant-memory worksheets to tab builders running on several threads (the
/// workbook is needed only to create them).
pub struct Factory(std::sync::Mutex<Workbook>);

impl Factory {
    /// A factory for `wb`'s worksheets, with every format of `fmt` registered first.
    ///
    /// rust_xlsxwriter (0.102) numbers a format on its first use by any worksheet, and when
    /// its read lock misses it takes the write lock without looking again: two threads first
    /// using one format at the same moment give it two numbers, and the next new format gets
    /// one of them too (a date column in the report then showed `46371.00`). With every
    /// format numbered here, before the tabs are built in parallel, the threads only look up.
    pub fn new(mut wb: Workbook, fmt: &Fmt) -> Factory {
        for format in fmt.all() {
            wb.register_format(format);
        }
        Factory(std::sync::Mutex::new(wb))
    }

    /// A new constant-memory worksheet.
    pub fn sheet(&self) -> Result<Worksheet, XlsxError> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).new_worksheet_with_constant_memory()
    }

    pub fn into_inner(self) -> Workbook {
        self.0.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// One cell of a list row.
#[derive(Debug, Clone)]
pub enum Out {
    Text(String),
    Money(Option<f64>),
    Pct(Option<f64>),
    Date(Option<NaiveDate>),
    Score(Option<f64>),
    Num(Option<f64>),
    Int(Option<i64>),
    /// Text that is highlighted (a flag's cell).
    Flagged(String),

    FlaggedMoney(Option<f64>),
    FlaggedDate(Option<NaiveDate>),
}

/// The number format of a list column.
///
/// A list's number columns carry their format as a column format, and their cells are
/// written without one: rust_xlsxwriter then takes the column's style index when it writes
/// the row, instead of hashing the whole `Format` for every cell (about a tenth of a large
/// run's time). A column's kind is that of its cell in the first data row; a later cell of
/// another kind, or a highlighted one, is written with its own format as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Money,
    Pct,
    Date,
    Score,
    Num,
    Int,
}

impl Kind {
    fn format(self, fmt: &Fmt) -> &Format {
        match self {
            Kind::Money => &fmt.money,
            Kind::Pct => &fmt.pct,
            Kind::Date => &fmt.date,
            Kind::Score => &fmt.score,
            Kind::Num => &fmt.num,
            Kind::Int => &fmt.int,
        }
    }
}

impl Out {
    /// The number format this cell's column would carry; `None` for text.
    pub fn kind(&self) -> Option<Kind> {
        match self {
            Out::Text(_) | Out::Flagged(_) => None,
            Out::Money(_) | Out::FlaggedMoney(_) => Some(Kind::Money),
            Out::Pct(_) => Some(Kind::Pct),
            Out::Date(_) | Out::FlaggedDate(_) => Some(Kind::Date),
            Out::Score(_) => Some(Kind::Score),
            Out::Num(_) => Some(Kind::Num),
            Out::Int(_) => Some(Kind::Int),
        }
    }

    fn is_flagged(&self) -> bool {
        matches!(self, Out::Flagged(_) | Out::FlaggedMoney(_) | Out::FlaggedDate(_))
    }
}

fn set_column_formats(ws: &mut Worksheet, kinds: &[Option<Kind>], fmt: &Fmt) -> Result<(), XlsxError> {
    for (c, kind) in kinds.iter().enumerate() {
        if let Some(kind) = kind {
            ws.set_column_format(c as u16, kind.format(fmt))?;
        }
    }
    Ok(())
}

/// One column of a list tab, declared once: its header, its width, and how its cell is made
/// from a row's item (an account, a flag, an issue …). A tab is its list of columns.
pub struct Column<'a, T> {
    pub header: String,
    pub width: f64,
    /// Its text wraps within the column (a multi-line cell, long free text); the row grows to
    /// fit the lines.
    pub wrap: bool,
    pub cell: Box<dyn Fn(&T) -> Out + 'a>,
}

/// A column: header, width, cell.
pub fn col<'a, T>(header: impl Into<String>, width: f64, cell: impl Fn(&T) -> Out + 'a) -> Column<'a, T> {
    Column { header: header.into(), width, wrap: false, cell: Box::new(cell) }
}

impl<T> Column<'_, T> {
    /// The column's text wraps (see [`Column::wrap`]).
    pub fn wrapped(mut self) -> Self {
        self.wrap = true;
        self
    }
}

/// The width of a text as Excel shows it, in characters of the default font: CJK and other
/// full-width characters count 2, the others 1; a multi-line text is as wide as its widest line.
pub fn text_width(s: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The widest a column is made to fit its content.
pub const MAX_FIT_WIDTH: f64 = 60.0;

/// A column width that shows every one of `values` whole: the widest (see [`text_width`]) plus
/// 2, at least `header`'s width and `min`, at most [`MAX_FIT_WIDTH`].
pub fn fit_width<'v>(header: &str, min: f64, values: impl IntoIterator<Item = &'v str>) -> f64 {
    let widest = values.into_iter().map(text_width).max().unwrap_or(0).max(text_width(header));
    ((widest + 2) as f64).max(min).min(MAX_FIT_WIDTH)
}

/// The lines a wrapped text takes in a column `width` characters wide (at least 1), less the
/// wrap format's indent of one character.
fn wrapped_lines(s: &str, width: f64) -> usize {
    let per_line = (width.floor() as usize).saturating_sub(1).max(1);
    s.lines().map(|l| text_width(l).div_ceil(per_line).max(1)).sum::<usize>().max(1)
}

/// The height of one line of text, in points.
const LINE_HEIGHT: f64 = 15.0;

/// The most rows of one sheet made as high as their wrapped text. rust_xlsxwriter keeps every
/// row's height for the whole run (about 300 bytes a row, even in constant-memory mode): a
/// million-account run wrapped 825,000 reasons and to-do lists, 250 MB. Past this many (a team
/// with more D accounts than that, say), a row keeps the default height: Excel fits it to its
/// text on opening; LibreOffice shows the first line until the row is fitted (double-click its
/// border).
pub const MAX_SIZED_ROWS: u32 = 5_000;

/// A list tab being written, with its continuation tabs.
pub struct Table {
    base: String,
    headers: Vec<String>,
    widths: Vec<f64>,
    /// Which columns wrap (see [`Column::wrap`]).
    wraps: Vec<bool>,
    sheets: Vec<Worksheet>,
    /// The last row written (absolute, 0-based).
    row: u32,
    /// The header row of the current sheet (0 unless a prelude sits above it).
    header_row: u32,
    /// Column of the score, for data bars.
    score_col: Option<u16>,
    /// Each column's number format, taken from the first data row (see [`Kind`]); `None`
    /// until that row is written.
    kinds: Option<Vec<Option<Kind>>>,
    /// Rows of the current sheet given a height (see [`MAX_SIZED_ROWS`]).
    sized: u32,
}

/// The most prelude rows kept frozen above a list's header (see [`Table::open`]).
const MAX_FROZEN_PRELUDE: u32 = 4;

/// Rows written above a list's header on its first tab (totals, notes); returns the next free
/// row.
pub type Prelude<'p> = &'p mut dyn FnMut(&mut Worksheet) -> Result<u32, XlsxError>;

impl Table {
    /// A new list tab with its header row.
    pub fn new(wb: &Factory, name: &str, headers: &[&str], widths: &[f64], fmt: &Fmt) -> Result<Table, XlsxError> {
        Table::with_prelude(wb, name, headers, widths, fmt, &mut |_| Ok(0))
    }

    /// A list tab whose first sheet starts with other rows (written by `prelude`).
    pub fn with_prelude(
        wb: &Factory,
        name: &str,
        headers: &[&str],
        widths: &[f64],
        fmt: &Fmt,
        prelude: Prelude,
    ) -> Result<Table, XlsxError> {
        Table::start(wb, name, headers, widths, &vec![false; widths.len()], fmt, prelude)
    }

    fn start(
        wb: &Factory,
        name: &str,
        headers: &[&str],
        widths: &[f64],
        wraps: &[bool],
        fmt: &Fmt,
        prelude: Prelude,
    ) -> Result<Table, XlsxError> {
        let mut t = Table {
            base: name.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            widths: widths.to_vec(),
            wraps: wraps.to_vec(),
            sheets: Vec::new(),
            row: 0,
            header_row: 0,
            score_col: None,
            kinds: None,
            sized: 0,
        };
        t.open(wb, fmt, prelude)?;
        Ok(t)
    }

    /// A list tab of these columns.
    pub fn of<T>(wb: &Factory, name: &str, columns: &[Column<T>], fmt: &Fmt) -> Result<Table, XlsxError> {
        Table::of_with_prelude(wb, name, columns, fmt, &mut |_| Ok(0))
    }

    /// A list tab of these columns whose first sheet starts with other rows.
    pub fn of_with_prelude<T>(
        wb: &Factory,
        name: &str,
        columns: &[Column<T>],
        fmt: &Fmt,
        prelude: Prelude,
    ) -> Result<Table, XlsxError> {
        let headers: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
        let widths: Vec<f64> = columns.iter().map(|c| c.width).collect();
        let wraps: Vec<bool> = columns.iter().map(|c| c.wrap).collect();
        Table::start(wb, name, &headers, &widths, &wraps, fmt, prelude)
    }

    /// Append the row of one item: each column's cell.
    pub fn item<T>(&mut self, wb: &Factory, fmt: &Fmt, columns: &[Column<T>], item: &T) -> Result<(), XlsxError> {
        let cells: Vec<Out> = columns.iter().map(|c| (c.cell)(item)).collect();
        self.row(wb, fmt, &cells)
    }

    /// Put data bars on this column when finishing.
    pub fn data_bars(mut self, col: u16) -> Table {
        self.score_col = Some(col);
        self
    }

    fn open(&mut self, wb: &Factory, fmt: &Fmt, prelude: Prelude) -> Result<(), XlsxError> {
        let mut ws = wb.sheet()?;
        let name = match self.sheets.len() {
            0 => self.base.clone(),
            n => format!("{} ({})", self.base, n + 1),
        };
        ws.set_name(&name)?;
        for (c, w) in self.widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        // A wrapping column carries the wrap format, the others the top-aligned text format
        // (numeric columns get theirs with the first row): text cells, written without a
        // format of their own, take it.
        for (c, wraps) in self.wraps.iter().enumerate() {
            ws.set_column_format(c as u16, if *wraps { &fmt.wrap } else { &fmt.text })?;
        }
        let header_row = prelude(&mut ws)?;
        ws.set_row_height(header_row, 30)?;
        write_headers(&mut ws, header_row, &self.headers, fmt)?;
        // The header stays in view; above it, a short prelude (the grade's action line) stays
        // too, a long one (totals, a top-10 table) would take the screen and scrolls away.
        if header_row <= MAX_FROZEN_PRELUDE {
            ws.set_freeze_panes(header_row + 1, 0)?;
        }
        // Printed or exported to PDF: landscape, one page wide, the header on every page.
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(header_row, header_row)?;
        if let Some(kinds) = &self.kinds {
            set_column_formats(&mut ws, kinds, fmt)?;
        }
        self.sheets.push(ws);
        self.row = header_row;
        self.header_row = header_row;
        self.sized = 0;
        Ok(())
    }

    /// Append a row.
    pub fn row(&mut self, wb: &Factory, fmt: &Fmt, cells: &[Out]) -> Result<(), XlsxError> {
        if self.row >= MAX_DATA_ROWS {
            self.close_current()?;
            self.open(wb, fmt, &mut |_| Ok(0))?;
        }
        self.row += 1;
        let r = self.row;
        let Some(ws) = self.sheets.last_mut() else { return Ok(()) };
        let kinds = match &self.kinds {
            Some(kinds) => kinds,
            None => {
                let kinds = cells.iter().map(Out::kind).collect::<Vec<_>>();
                set_column_formats(ws, &kinds, fmt)?;
                self.kinds.insert(kinds)
            }
        };
        // A row as high as its wrapped text (set before its cells, which constant-memory mode
        // writes out when the next row begins), while the sheet may still size rows: past
        // that, its lines are not counted at all.
        if self.sized < MAX_SIZED_ROWS {
            let lines = cells
                .iter()
                .zip(self.wraps.iter().zip(&self.widths))
                .filter(|(_, (wrap, _))| **wrap)
                .map(|(cell, (_, width))| match cell {
                    Out::Text(s) | Out::Flagged(s) => wrapped_lines(s, *width),
                    _ => 1,
                })
                .max()
                .unwrap_or(1);
            if lines > 1 {
                ws.set_row_height(r, LINE_HEIGHT * lines as f64)?;
                self.sized += 1;
            }
        }
        for (c, cell) in cells.iter().enumerate() {
            let column = kinds.get(c).copied().flatten();
            let plain = column.is_some() && cell.kind() == column && !cell.is_flagged();
            match cell {
                Out::Flagged(_) if self.wraps.get(c).copied().unwrap_or(false) => {
                    put_with(ws, r, c as u16, cell, Some(&fmt.flagged_wrap))?
                }
                _ => put(ws, r, c as u16, cell, fmt, plain)?,
            }
        }
        Ok(())
    }

    fn close_current(&mut self) -> Result<(), XlsxError> {
        let last_col = self.headers.len().saturating_sub(1) as u16;
        let (top, last) = (self.header_row, self.row);
        let score_col = self.score_col;
        if let Some(ws) = self.sheets.last_mut() {
            ws.autofilter(top, 0, last.max(top + 1), last_col)?;
            if let (Some(col), true) = (score_col, last > top) {
                let bars = ConditionalFormatDataBar::new().set_fill_color(Color::RGB(0x5B9BD5)).set_solid_fill(true);
                ws.add_conditional_format(top + 1, col, last, col, &bars)?;
            }
        }
        Ok(())
    }

    /// Freeze the panes below the header row of the first sheet (with its prelude), for a tab
    /// whose prelude is short enough to stay in view.
    pub fn frozen_below_header(mut self) -> Table {
        let header = self.header_row;
        if let Some(ws) = self.sheets.last_mut() {
            // Only fails for a row past Excel's last, which a header row never is.
            let _ = ws.set_freeze_panes(header + 1, 0);
        }
        self
    }

    /// Finish: the worksheets, in order.
    pub fn finish(mut self) -> Result<Vec<Worksheet>, XlsxError> {
        self.close_current()?;
        Ok(self.sheets)
    }
}

/// A header row of small tables (the prelude tables above a list, the summary's tables).
pub fn write_headers<S: AsRef<str>>(ws: &mut Worksheet, r: u32, headers: &[S], fmt: &Fmt) -> Result<(), XlsxError> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, h.as_ref(), &fmt.header)?;
    }
    Ok(())
}

/// A row of typed cells from column A.
pub fn write_cells(ws: &mut Worksheet, r: u32, cells: &[Out], fmt: &Fmt) -> Result<(), XlsxError> {
    for (c, cell) in cells.iter().enumerate() {
        write_cell(ws, r, c as u16, cell, fmt)?;
    }
    Ok(())
}

/// Write one typed cell; text is always a string (never a formula) and cut at Excel's limit.
pub fn write_cell(ws: &mut Worksheet, r: u32, c: u16, cell: &Out, fmt: &Fmt) -> Result<(), XlsxError> {
    put(ws, r, c, cell, fmt, false)
}

/// Write one typed cell, without a format of its own when `plain` (its column carries it;
/// see [`Kind`]). Amounts are written to the cent, ratios and scores to 6 decimals; a blank
/// value stays blank unless it is highlighted.
fn put(ws: &mut Worksheet, r: u32, c: u16, cell: &Out, fmt: &Fmt, plain: bool) -> Result<(), XlsxError> {
    let format = match cell {
        _ if plain => None,
        Out::Text(_) => None,
        Out::Flagged(_) | Out::FlaggedMoney(None) | Out::FlaggedDate(None) => Some(&fmt.flagged),
        Out::FlaggedMoney(Some(_)) => Some(&fmt.flagged_money),
        Out::FlaggedDate(Some(_)) => Some(&fmt.flagged_date),
        _ => cell.kind().map(|kind| kind.format(fmt)),
    };
    put_with(ws, r, c, cell, format)
}

/// Write one typed cell with `format` (None: the column's, if any).
fn put_with(ws: &mut Worksheet, r: u32, c: u16, cell: &Out, format: Option<&Format>) -> Result<(), XlsxError> {
    let number = match cell {
        Out::Money(Some(v)) | Out::FlaggedMoney(Some(v)) | Out::Num(Some(v)) => round(*v, 2),
        Out::Pct(Some(v)) | Out::Score(Some(v)) => round(*v, 6),
        Out::Int(Some(v)) => *v as f64,
        Out::Text(s) | Out::Flagged(s) if !s.is_empty() => {
            let text = excel_text(s);
            match format {
                Some(f) => ws.write_string_with_format(r, c, text, f)?,
                None => ws.write_string(r, c, text)?,
            };
            return Ok(());
        }
        Out::Date(Some(d)) | Out::FlaggedDate(Some(d)) => {
            match format {
                Some(f) => ws.write_date_with_format(r, c, d, f)?,
                None => ws.write_datetime(r, c, d)?,
            };
            return Ok(());
        }
        Out::FlaggedMoney(None) | Out::FlaggedDate(None) => {
            if let Some(f) = format {
                ws.write_blank(r, c, f)?;
            }
            return Ok(());
        }
        _ => return Ok(()),
    };
    match format {
        Some(f) => ws.write_number_with_format(r, c, number, f)?,
        None => ws.write_number(r, c, number)?,
    };
    Ok(())
}

/// Text cut to Excel's 32,767-character cell limit (ingestion already reported any cut).
pub fn excel_text(s: &str) -> &str {
    crate::values::text::excel_cut(s).map_or(s, |cut| &s[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// One entry of a saved workbook.
    fn entry(xlsx: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
        let mut text = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    }

    /// The value of `attr` in the first `<tag …>` element of `xml` that contains `needle`.
    fn attr<'x>(xml: &'x str, needle: &str, attr: &str) -> Option<&'x str> {
        let at = xml.find(needle)?;
        let end = at + xml[at..].find('>')?;
        let element = &xml[xml[..=at].rfind('<')?..end];
        let key = format!(" {attr}=\"");
        let start = element.find(&key)? + key.len();
        Some(&element[start..start + element[start..].find('"')?])
    }

    /// The number format and fill of cell `cell` of the first sheet.
    fn style_of(xlsx: &[u8], cell: &str) -> (String, bool) {
        let sheet = entry(xlsx, "xl/worksheets/sheet1.xml");
        let styles = entry(xlsx, "xl/styles.xml");
        let s: usize = attr(&sheet, &format!("<c r=\"{cell}\""), "s").map_or(0, |s| s.parse().unwrap());
        let xfs = &styles[styles.find("<cellXfs").unwrap()..];
        let xf = xfs.match_indices("<xf ").nth(s).unwrap().0;
        let num_fmt = attr(&xfs[xf..], "<xf ", "numFmtId").unwrap();
        let fill = attr(&xfs[xf..], "<xf ", "fillId").unwrap() != "0";
        let code = attr(&styles, &format!("numFmtId=\"{num_fmt}\" formatCode"), "formatCode")
            .map_or(format!("builtin {num_fmt}"), str::to_string);
        (code, fill)
    }

    /// Tab builders on several threads first use the same formats at the same moment; each
    /// column must still get its own format (see [`Factory::new`]).
    #[test]
    fn formats_first_used_on_several_threads_keep_their_own_numbers() {
        let fmt = Fmt::new();
        let codes = ["#,##0", "0.0%", "yyyy-mm-dd", "0.00", "#,##0.0"];
        let formats = [&fmt.money, &fmt.pct, &fmt.date, &fmt.score, &fmt.num];
        for _ in 0..50 {
            let factory = Factory::new(Workbook::new(), &fmt);
            let start = std::sync::Barrier::new(4);
            let sheets: Vec<Worksheet> = std::thread::scope(|scope| {
                let threads: Vec<_> = (0..4)
                    .map(|t| {
                        let (factory, start, formats) = (&factory, &start, &formats);
                        scope.spawn(move || {
                            let mut ws = factory.sheet().unwrap();
                            start.wait();
                            for i in 0..formats.len() {
                                // Each thread in its own order.
                                let c = (i + t) % formats.len();
                                ws.set_column_format(c as u16, formats[c]).unwrap();
                                ws.write_number(1, c as u16, 1.5).unwrap();
                            }
                            ws
                        })
                    })
                    .collect();
                threads.into_iter().map(|t| t.join().unwrap()).collect()
            });
            let mut wb = factory.into_inner();
            for ws in sheets {
                wb.push_worksheet(ws);
            }
            let xlsx = wb.save_to_buffer().unwrap();
            for (c, code) in codes.iter().enumerate() {
                let cell = format!("{}2", (b'A' + c as u8) as char);
                assert_eq!(style_of(&xlsx, &cell).0, *code, "column {cell}");
            }
        }
    }

    #[test]
    fn number_columns_keep_their_formats_whether_written_plain_or_highlighted() {
        let fmt = Fmt::new();
        let factory = Factory::new(Workbook::new(), &fmt);
        let mut t = Table::new(&factory, "A", &["id", "value", "close", "score"], &[8.0; 4], &fmt).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let rows = [
            [Out::Text("K-1".into()), Out::Money(Some(1234.5)), Out::Date(Some(day)), Out::Score(Some(17.5))],
            [Out::Text("K-2".into()), Out::FlaggedMoney(Some(99.0)), Out::FlaggedDate(None), Out::Pct(Some(0.5))],
            [Out::Text("K-3".into()), Out::Money(None), Out::Date(Some(day)), Out::Score(Some(3.0))],
        ];
        for row in &rows {
            t.row(&factory, &fmt, row).unwrap();
        }
        let mut wb = factory.into_inner();
        for ws in t.finish().unwrap() {
            wb.push_worksheet(ws);
        }
        let xlsx = wb.save_to_buffer().unwrap();
        let sheet = entry(&xlsx, "xl/worksheets/sheet1.xml");
        // The first data row sets the columns' formats, which its plain cells then take.
        assert_eq!(style_of(&xlsx, "B2"), ("#,##0".to_string(), false));
        assert_eq!(style_of(&xlsx, "C2"), ("yyyy-mm-dd".to_string(), false));
        assert_eq!(style_of(&xlsx, "D2"), ("0.00".to_string(), false));
        assert_eq!(style_of(&xlsx, "A2"), ("builtin 0".to_string(), false));
        // Highlighted cells and cells of another kind carry their own.
        assert_eq!(style_of(&xlsx, "B3"), ("#,##0".to_string(), true));
        assert_eq!(style_of(&xlsx, "C3"), ("builtin 0".to_string(), true));
        assert_eq!(style_of(&xlsx, "D3"), ("0.0%".to_string(), false));
        // Blank values stay blank; values are as written.
        assert!(!sheet.contains("r=\"B4\""), "{sheet}");
        assert!(sheet.contains("<c r=\"B2\" s=\"") && sheet.contains("><v>1234.5</v>"), "{sheet}");
        assert!(sheet.contains("<v>46356</v>"), "2026-11-30 is serial 46356: {sheet}");
        // The column itself carries the format, for what the user types in later.
        assert!(attr(&sheet, "<col min=\"2\"", "style").is_some(), "{sheet}");
        // A text column carries the text format (top-aligned, indented), which its cells take.
        let text = attr(&sheet, "<col min=\"1\"", "style");
        assert!(text.is_some() && text == attr(&sheet, "<c r=\"A2\"", "s"), "{sheet}");
    }

    /// Wrapped rows get their height up to [`MAX_SIZED_ROWS`] a sheet, and no further.
    #[test]
    fn at_most_max_sized_rows_a_sheet_are_given_a_height() {
        let fmt = Fmt::new();
        let factory = Factory::new(Workbook::new(), &fmt);
        let cols: Vec<Column<u32>> = vec![
            col("id", 8.0, |i: &u32| Out::Text(format!("K-{i}"))),
            col("reason", 10.0, |_: &u32| Out::Text("失分最多：关系紧密度、竞争优劣势".into())).wrapped(),
        ];
        let mut t = Table::of(&factory, "D", &cols, &fmt).unwrap();
        for i in 0..MAX_SIZED_ROWS + 7 {
            t.item(&factory, &fmt, &cols, &i).unwrap();
        }
        let mut wb = factory.into_inner();
        for ws in t.finish().unwrap() {
            wb.push_worksheet(ws);
        }
        let xlsx = wb.save_to_buffer().unwrap();
        let sheet = entry(&xlsx, "xl/worksheets/sheet1.xml");
        // The header row's height, and one per data row up to the cap.
        assert_eq!(sheet.matches("customHeight=\"1\"").count() as u32, 1 + MAX_SIZED_ROWS);
        assert_eq!(sheet.matches("<row ").count() as u32, 1 + MAX_SIZED_ROWS + 7);
    }
}

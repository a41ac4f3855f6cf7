//! A list tab: a header row, typed cells, frozen header, autofilter, column widths, and a
//! continuation tab ("A (2)") when Excel's 1,048,576 rows run out.
//!
//! Text from the inputs is always written as a string, never as a formula, so a cell that
//! begins with `=`, `+`, `-` or `@` stays text.

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, ConditionalFormatDataBar, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::score::round;

/// Excel's last row index is 1,048,575; the header takes row 0.
pub const MAX_DATA_ROWS: u32 = crate::provenance::EXCEL_ROWS - 1;

/// The report's formats, made once.
pub struct Fmt {
    pub header: Format,
    pub title: Format,
    pub bold: Format,
    pub text: Format,
    pub wrap: Format,
    pub money: Format,
    pub pct: Format,
    pub date: Format,
    pub score: Format,
    pub num: Format,
    pub int: Format,
    pub link: Format,
    /// Highlight for a cell a flag points at.
    pub flagged: Format,
    pub flagged_money: Format,
    pub flagged_date: Format,
    pub note: Format,
}

impl Fmt {
    pub fn new() -> Fmt {
        let flag_bg = Color::RGB(0xFCE4D6);
        Fmt {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0x1F4E79))
                .set_font_color(Color::White)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
                .set_border_bottom(FormatBorder::Thin),
            title: Format::new().set_bold().set_font_size(16),
            bold: Format::new().set_bold(),
            text: Format::new(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            money: Format::new().set_num_format("#,##0"),
            pct: Format::new().set_num_format("0.0%"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            score: Format::new().set_num_format("0.00"),
            num: Format::new().set_num_format("#,##0.0"),
            int: Format::new().set_num_format("#,##0"),
            link: Format::new()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            flagged: Format::new().set_background_color(flag_bg),
            flagged_money: Format::new().set_background_color(flag_bg).set_num_format("#,##0"),
            flagged_date: Format::new().set_background_color(flag_bg).set_num_format("yyyy-mm-dd"),
            note: Format::new().set_italic().set_font_color(Color::RGB(0x595959)),
        }
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
    pub fn new(wb: Workbook) -> Factory {
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

/// A list tab being written, with its continuation tabs.
pub struct Table {
    base: String,
    headers: Vec<String>,
    widths: Vec<f64>,
    sheets: Vec<Worksheet>,
    /// The last row written (absolute, 0-based).
    row: u32,
    /// The header row of the current sheet (0 unless a prelude sits above it).
    header_row: u32,
    /// Column of the score, for data bars.
    score_col: Option<u16>,
}

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
        let mut t = Table {
            base: name.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            widths: widths.to_vec(),
            sheets: Vec::new(),
            row: 0,
            header_row: 0,
            score_col: None,
        };
        t.open(wb, fmt, prelude)?;
        Ok(t)
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
        let header_row = prelude(&mut ws)?;
        ws.set_row_height(header_row, 30)?;
        write_headers(&mut ws, header_row, &self.headers, fmt)?;
        if header_row == 0 {
            ws.set_freeze_panes(1, 0)?;
        }
        // Printed or exported to PDF: landscape, one page wide, the header on every page.
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(header_row, header_row)?;
        self.sheets.push(ws);
        self.row = header_row;
        self.header_row = header_row;
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
        write_cells(ws, r, cells, fmt)
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
    match cell {
        Out::Text(s) if !s.is_empty() => {
            ws.write_string(r, c, excel_text(s))?;
        }
        Out::Flagged(s) if !s.is_empty() => {
            ws.write_string_with_format(r, c, excel_text(s), &fmt.flagged)?;
        }
        Out::Money(Some(v)) => {
            ws.write_number_with_format(r, c, round(*v, 2), &fmt.money)?;
        }
        Out::FlaggedMoney(Some(v)) => {
            ws.write_number_with_format(r, c, round(*v, 2), &fmt.flagged_money)?;
        }
        Out::Pct(Some(v)) => {
            ws.write_number_with_format(r, c, round(*v, 6), &fmt.pct)?;
        }
        Out::Score(Some(v)) => {
            ws.write_number_with_format(r, c, round(*v, 6), &fmt.score)?;
        }
        Out::Num(Some(v)) => {
            ws.write_number_with_format(r, c, round(*v, 2), &fmt.num)?;
        }
        Out::Int(Some(v)) => {
            ws.write_number_with_format(r, c, *v as f64, &fmt.int)?;
        }
        Out::Date(Some(d)) => {
            ws.write_date_with_format(r, c, d, &fmt.date)?;
        }
        Out::FlaggedDate(Some(d)) => {
            ws.write_date_with_format(r, c, d, &fmt.flagged_date)?;
        }
        Out::FlaggedMoney(None) | Out::FlaggedDate(None) => {
            ws.write_blank(r, c, &fmt.flagged)?;
        }
        _ => {}
    }
    Ok(())
}

/// Text cut to Excel's 32,767-character cell limit (ingestion already reported any cut).
pub fn excel_text(s: &str) -> &str {
    crate::ingest::values::text::excel_cut(s).map_or(s, |cut| &s[..cut])
}

//! `kascore sample`: write a synthetic account sheet from [`crate::sample`] — `.xlsx` in
//! constant-memory mode (a million rows with flat memory) or `.csv` (UTF-8 with BOM; GBK with
//! CRLF for a messy Chinese sheet, as Chinese Excel saves it).
//!
//! I/O. The same seed gives a byte-identical file: the workbook's creation time is fixed.

use std::io::{BufWriter, Write};

use rust_xlsxwriter::{DocProperties, Format, Formula, Workbook, XlsxError};

use super::ExitStatus;
use crate::cli::SampleArgs;
use crate::error::Fatal;
use crate::field::Field;
use crate::sample::{header_rows, Generator, SampleCell, Spec, BASE_DATE, COLUMNS};
use crate::Lang;

/// Rows between progress-bar updates.
const TICK: u64 = 10_000;

pub fn run(args: SampleArgs) -> Result<ExitStatus, Fatal> {
    let path = args.output;
    let csv = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    crate::output::check(&[crate::output::Request { flag: "-o", path: &path, xlsx: false }], &[], args.force)?;
    let spec = Spec { rows: args.rows, seed: args.seed, messy: args.messy, lang: args.lang };
    // Excel's limit: 1,048,576 rows a sheet, the header (and a messy sheet's title rows and
    // totals line) included.
    let max = u64::from(crate::provenance::EXCEL_ROWS) - header_rows(&spec).len() as u64 - u64::from(spec.messy);
    if !csv && spec.rows > max {
        eprintln!("kascore: error: an .xlsx sheet holds at most {max} data rows here (Excel's limit is 1,048,576 rows); write a .csv for more");
        return Ok(ExitStatus::Usage);
    }
    let printer = crate::terminal::Printer::new(args.quiet);
    let bar = printer.bar(spec.rows, "writing");
    let tick = |n: u64| {
        if n.is_multiple_of(TICK) {
            bar.inc(TICK);
        }
    };
    crate::output::write_file(&path, |f| {
        if csv {
            write_csv(&spec, f, tick)
        } else {
            write_xlsx(&spec, f, tick).map_err(|e| std::io::Error::other(e.to_string()))
        }
    })?;
    bar.finish_and_clear();
    if !args.quiet {
        let zh = spec.lang == Lang::Zh;
        let what = match (zh, spec.messy) {
            (true, true) => "，带真实导出中的杂乱数据",
            (false, true) => ", messy",
            _ => "",
        };
        crate::terminal::print(&if zh {
            format!("{}：{} 行（种子 {}{what}）\n", path.display(), spec.rows, spec.seed)
        } else {
            format!("{}: {} rows (seed {}{what})\n", path.display(), spec.rows, spec.seed)
        })?;
    }
    Ok(ExitStatus::Success)
}

/// The workbook: one constant-memory worksheet, rows streamed to disk as they are made.
fn write_xlsx(spec: &Spec, file: &mut std::fs::File, tick: impl Fn(u64)) -> Result<(), XlsxError> {
    let zh = spec.lang == Lang::Zh;
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(3);
    // A fixed creation time: the same seed gives the same bytes.
    let created = BASE_DATE.and_hms_opt(9, 0, 0).unwrap_or_default();
    wb.set_properties(
        &DocProperties::new()
            .set_title(if zh { "大客户评估表（模拟数据）" } else { "Key accounts (synthetic)" })
            .set_author("kascore sample")
            .set_creation_datetime(&created),
    );
    let mut ws = wb.new_worksheet_with_constant_memory()?;
    ws.set_name(if zh { "大客户" } else { "Key accounts" })?;
    let head = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, field) in COLUMNS.iter().enumerate() {
        let width = match field {
            Field::AccountName => 34.0,
            Field::DecisionMaker if !zh => 20.0,
            _ => 12.0,
        };
        ws.set_column_width(c as u16, width)?;
    }
    let headers = header_rows(spec);
    let last_header = headers.len() as u32 - 1;
    ws.set_freeze_panes(last_header + 1, 2)?;
    for (r, row) in headers.iter().enumerate() {
        let r = r as u32;
        let format = if r == last_header { &head } else { &title };
        for (c, cell) in row.iter().enumerate() {
            if let SampleCell::Text(t) = cell {
                ws.write_string_with_format(r, c as u16, t, format)?;
            }
        }
    }
    let mut cells = Generator::new(*spec);
    let mut r = last_header;
    for (n, row) in cells.by_ref().enumerate() {
        r += 1;
        write_row(&mut ws, r, &row, &date)?;
        tick(n as u64 + 1);
    }
    if let Some(totals) = cells.totals() {
        write_row(&mut ws, r + 1, &totals, &head)?;
    }
    wb.push_worksheet(ws);
    wb.save_to_writer(file)
}

fn write_row(ws: &mut rust_xlsxwriter::Worksheet, r: u32, row: &[SampleCell], date: &Format) -> Result<(), XlsxError> {
    for (c, cell) in row.iter().enumerate() {
        let c = c as u16;
        match cell {
            SampleCell::Text(t) => {
                ws.write_string(r, c, t)?;
            }
            SampleCell::Number(v) => {
                ws.write_number(r, c, *v)?;
            }
            SampleCell::Date(d) => {
                ws.write_date_with_format(r, c, d, date)?;
            }
            SampleCell::Error(e) => {
                ws.write_formula(r, c, Formula::new("=NA()").set_result(*e))?;
            }
            SampleCell::Blank => {}
        }
    }
    Ok(())
}

/// The CSV file: UTF-8 with a BOM, or GBK for a messy Chinese sheet; CRLF line ends.
fn write_csv(spec: &Spec, file: &mut std::fs::File, tick: impl Fn(u64)) -> std::io::Result<()> {
    let gbk = spec.messy && spec.lang == Lang::Zh;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    if !gbk {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut line = String::with_capacity(512);
    let mut put = |out: &mut BufWriter<&mut std::fs::File>, row: &[SampleCell]| -> std::io::Result<()> {
        line.clear();
        csv_line(row, &mut line);
        if gbk {
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(&line);
            if unmappable {
                return Err(std::io::Error::other(format!("not encodable in GBK: {line}")));
            }
            out.write_all(&bytes)
        } else {
            out.write_all(line.as_bytes())
        }
    };
    for row in header_rows(spec) {
        put(&mut out, &row)?;
    }
    let mut cells = Generator::new(*spec);
    for (n, row) in cells.by_ref().enumerate() {
        put(&mut out, &row)?;
        tick(n as u64 + 1);
    }
    if let Some(totals) = cells.totals() {
        put(&mut out, &totals)?;
    }
    out.flush()
}

/// One CSV record and its CRLF, quoted where needed.
fn csv_line(row: &[SampleCell], line: &mut String) {
    use std::fmt::Write as _;
    for (c, cell) in row.iter().enumerate() {
        if c > 0 {
            line.push(',');
        }
        match cell {
            SampleCell::Text(t) if t.contains([',', '"', '\r', '\n']) => {
                line.push('"');
                line.push_str(&t.replace('"', "\"\""));
                line.push('"');
            }
            SampleCell::Text(t) => line.push_str(t),
            SampleCell::Number(v) => {
                let _ = write!(line, "{v}");
            }
            SampleCell::Date(d) => {
                let _ = write!(line, "{}", d.format("%Y-%m-%d"));
            }
            SampleCell::Error(e) => line.push_str(e),
            SampleCell::Blank => {}
        }
    }
    line.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn csv_lines_quote_what_needs_it() {
        let mut line = String::new();
        let row = [
            SampleCell::Text("Suzhou Hengyuan Co., Ltd.".into()),
            SampleCell::Number(1_234_567.0),
            SampleCell::Number(12.34),
            SampleCell::Date(NaiveDate::from_ymd_opt(2026, 12, 15).unwrap()),
            SampleCell::Blank,
            SampleCell::Error("#N/A"),
        ];
        csv_line(&row, &mut line);
        assert_eq!(line, "\"Suzhou Hengyuan Co., Ltd.\",1234567,12.34,2026-12-15,,#N/A\r\n");
    }
}

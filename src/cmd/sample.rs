//! `kascore sample`: write synthetic inputs — an account sheet from [`crate::sample`], a
//! line-item export of any size or a whole team's export set from [`crate::sample_team`].
//! Workbooks are written in constant-memory mode (a million rows with flat memory); CSV files
//! are UTF-8 with BOM, or GBK with CRLF as Chinese Excel and ERPs save them (a messy Chinese
//! account sheet, every Chinese line-item file).
//!
//! I/O. The same seed gives byte-identical files: a workbook's creation time is fixed.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, Format, Formula, Workbook, XlsxError};

use super::ExitStatus;
use crate::cli::SampleArgs;
use crate::error::{Fatal, OutputProblem};
use crate::field::Field;
use crate::output::{Request, Staged};
use crate::sample::{header_rows, Generator, SampleCell, Spec, BASE_DATE, COLUMNS};
use crate::sample_team::{
    LineKind, LineSpec, Lines, SampleRows, Style, Team, TeamFile, TeamSpec, MAX_TEAM, TEAM_FILES,
};
use crate::Lang;

/// Rows between progress-bar updates.
const TICK: u64 = 10_000;

/// A team's accounts when --accounts is not given.
const TEAM_ACCOUNTS: u64 = 40;

pub fn run(args: SampleArgs) -> Result<ExitStatus, Fatal> {
    if let Some(dir) = args.team.clone() {
        return team(&args, &dir);
    }
    // clap requires both without --team.
    let (Some(path), Some(rows)) = (args.output.clone(), args.rows) else {
        return Ok(usage(args.lang, "没有 --team 时需要 -o 和 --rows", "-o and --rows are needed without --team"));
    };
    match args.kind.line() {
        None if args.accounts.is_some() => Ok(usage(
            args.lang,
            "--accounts 只用于明细类 --kind（商机、应收、订单、回款、承诺）或 --team",
            "--accounts applies to a line-item --kind (opportunities, receivables, orders, payments, promises) or --team",
        )),
        None => accounts(&args, &path, rows),
        Some(_) if args.messy => Ok(usage(
            args.lang,
            "--messy 只用于客户表（--kind accounts）",
            "--messy applies to account sheets only (--kind accounts)",
        )),
        Some(kind) => lines(&args, &path, rows, kind),
    }
}

/// Print a usage error in the language of the run.
fn usage(lang: Lang, zh: &str, en: &str) -> ExitStatus {
    match lang {
        Lang::Zh => eprintln!("kascore: 错误: {zh}"),
        Lang::En => eprintln!("kascore: error: {en}"),
    }
    ExitStatus::Usage
}

/// Excel's limit on the data rows of a sheet with `other` rows besides them.
fn too_many_rows(rows: u64, other: u64, lang: Lang) -> Option<ExitStatus> {
    let max = u64::from(crate::provenance::EXCEL_ROWS) - other;
    (rows > max).then(|| {
        usage(
            lang,
            &format!("一个 .xlsx 工作表最多写 {max} 行数据（Excel 上限 1,048,576 行）；更多行请写 .csv"),
            &format!("an .xlsx sheet holds at most {max} data rows here (Excel's limit is 1,048,576 rows); write a .csv for more"),
        )
    })
}

/// `--kind accounts`: one account sheet (the original sample).
fn accounts(args: &SampleArgs, path: &Path, rows: u64) -> Result<ExitStatus, Fatal> {
    let csv = crate::output::has_extension(path, "csv");
    crate::output::check(&[Request { flag: "-o", path, xlsx: false }], &[], args.force)?;
    let spec = Spec { rows, seed: args.seed, messy: args.messy, lang: args.lang };
    // Excel's limit: 1,048,576 rows a sheet, the header (and a messy sheet's title rows and
    // totals line) included.
    let other = header_rows(&spec).len() as u64 + u64::from(spec.messy);
    if let Some(status) = (!csv).then(|| too_many_rows(spec.rows, other, args.lang)).flatten() {
        return Ok(status);
    }
    let printer = crate::terminal::Printer::new(args.quiet);
    let bar = printer.bar(spec.rows, "writing");
    let tick = |n: u64| {
        if n.is_multiple_of(TICK) {
            bar.inc(TICK);
        }
    };
    crate::output::write_file(path, |f| {
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

/// `--kind KIND`: one line-item file of `rows` lines, streamed.
fn lines(args: &SampleArgs, path: &Path, rows: u64, kind: LineKind) -> Result<ExitStatus, Fatal> {
    let (lang, file) = (args.lang, TeamFile::Lines(kind));
    let csv = crate::output::has_extension(path, "csv");
    crate::output::check(&[Request { flag: "-o", path, xlsx: false }], &[], args.force)?;
    let accounts = args.accounts.unwrap_or(LineSpec::default_accounts(rows));
    let spec = LineSpec { kind, rows, accounts, seed: args.seed, lang };
    let other = file.preamble(lang).len() as u64 + 1 + u64::from(file.has_totals());
    if let Some(status) = (!csv).then(|| too_many_rows(rows, other, lang)).flatten() {
        return Ok(status);
    }
    let printer = crate::terminal::Printer::new(args.quiet);
    let bar = printer.bar(rows, "writing");
    let tick = |n: u64| {
        if n.is_multiple_of(TICK) {
            bar.inc(TICK);
        }
    };
    let mut lines = Lines::new(spec);
    crate::output::write_file(path, |f| {
        if csv {
            write_rows_csv(f, file, lang, &mut lines, &tick)
        } else {
            write_rows_xlsx(f, file, lang, &mut lines, &tick).map_err(|e| std::io::Error::other(e.to_string()))
        }
    })?;
    bar.finish_and_clear();
    if !args.quiet {
        let customers = accounts.min(rows);
        crate::terminal::print(&match lang {
            Lang::Zh => format!("{}：{rows} 行，{customers} 个客户（种子 {}）\n", path.display(), args.seed),
            Lang::En => format!("{}: {rows} rows of {customers} customers (seed {})\n", path.display(), args.seed),
        })?;
    }
    Ok(ExitStatus::Success)
}

/// `--team DIR`: the seven files of one team, written together (all or none).
fn team(args: &SampleArgs, dir: &Path) -> Result<ExitStatus, Fatal> {
    let lang = args.lang;
    let accounts = args.accounts.unwrap_or(TEAM_ACCOUNTS);
    if accounts > MAX_TEAM {
        return Ok(usage(
            lang,
            &format!("--team 最多 {MAX_TEAM} 个客户；更大的明细文件请用 --kind 和 --rows"),
            &format!("--team takes at most {MAX_TEAM} accounts; write bigger line-item files with --kind and --rows"),
        ));
    }
    if dir.exists() && !dir.is_dir() {
        let shown = dir.display();
        return Ok(usage(
            lang,
            &format!("--team {shown}：这是一个文件，不是文件夹；请给一个文件夹（不存在会自动创建）"),
            &format!("--team {shown}: this is a file, not a folder; name a folder (created if missing)"),
        ));
    }
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(|e| Fatal::Output {
            flag: "--team",
            path: dir.to_path_buf(),
            problem: OutputProblem::NotWritable(e.to_string()),
        })?;
    }
    let paths: Vec<PathBuf> = TEAM_FILES.iter().map(|f| dir.join(f.file_name(lang))).collect();
    let requests: Vec<Request> = paths.iter().map(|path| Request { flag: "--team", path, xlsx: false }).collect();
    crate::output::check(&requests, &[], args.force)?;
    let team = Team::new(TeamSpec { accounts, seed: args.seed, lang });
    let mut staged = Staged::new();
    let mut written = Vec::with_capacity(TEAM_FILES.len());
    for (file, path) in TEAM_FILES.iter().zip(&paths) {
        let mut rows = team.rows(*file);
        written.push((file.file_name(lang), rows.size_hint().0));
        staged.stage(path, |f| {
            if file.csv() {
                write_rows_csv(f, *file, lang, &mut rows, &|_| {})
            } else {
                write_rows_xlsx(f, *file, lang, &mut rows, &|_| {}).map_err(|e| std::io::Error::other(e.to_string()))
            }
        })?;
    }
    staged.commit()?;
    if !args.quiet {
        let mut text = match lang {
            Lang::Zh => format!("{}：一个团队的 {accounts} 个客户（种子 {}）\n", dir.display(), args.seed),
            Lang::En => format!("{}: one team of {accounts} accounts (seed {})\n", dir.display(), args.seed),
        };
        for (name, rows) in written {
            let unit = if lang == Lang::Zh { "行" } else { "rows" };
            text.push_str(&format!("  {name:<width$} {rows:>6} {unit}\n", width = 34 - extra_width(name)));
        }
        text.push_str(match lang {
            Lang::Zh => "评分时请加 --as-of 2026-11-30\n",
            Lang::En => "Score it with --as-of 2026-11-30\n",
        });
        crate::terminal::print(&text)?;
    }
    Ok(ExitStatus::Success)
}

/// How much wider than its character count a name shows (CJK characters take two columns).
fn extra_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s).saturating_sub(s.chars().count())
}

/// A workbook with one constant-memory sheet of sample rows: the title rows, the header, the
/// rows and the totals line, each column in its number format.
fn write_rows_xlsx(
    file: &mut File,
    what: TeamFile,
    lang: Lang,
    rows: &mut dyn SampleRows,
    tick: &dyn Fn(u64),
) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(3);
    // A fixed creation time: the same seed gives the same bytes.
    let created = BASE_DATE.and_hms_opt(9, 0, 0).unwrap_or_default();
    wb.set_properties(
        &DocProperties::new().set_title(what.title(lang)).set_author("kascore sample").set_creation_datetime(&created),
    );
    let mut ws = wb.new_worksheet_with_constant_memory()?;
    ws.set_name(what.sheet_name(lang))?;
    let columns = what.columns();
    let (title, head) = (Format::new().set_bold().set_font_size(14), Format::new().set_bold());
    let formats: Vec<Option<Format>> = columns
        .iter()
        .map(|c| match c.style {
            Style::Money => Some(Format::new().set_num_format("#,##0.00")),
            Style::Whole => Some(Format::new().set_num_format("#,##0")),
            Style::Percent => Some(Format::new().set_num_format("0%")),
            Style::Date => Some(Format::new().set_num_format("yyyy-mm-dd")),
            Style::Text | Style::Number => None,
        })
        .collect();
    for (c, column) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, column.width)?;
    }
    let mut r = 0u32;
    for row in what.preamble(lang) {
        write_cells(&mut ws, r, &row, &|_| Some(&title))?;
        r += 1;
    }
    ws.set_freeze_panes(r + 1, 0)?;
    for (c, column) in columns.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, column.header(lang), &head)?;
    }
    for (n, row) in (&mut *rows).enumerate() {
        r += 1;
        write_cells(&mut ws, r, &row, &|c| formats.get(c).and_then(Option::as_ref))?;
        tick(n as u64 + 1);
    }
    if let Some(totals) = rows.totals() {
        let bold: Vec<Format> = formats.iter().map(|f| f.clone().unwrap_or_default().set_bold()).collect();
        write_cells(&mut ws, r + 1, &totals, &|c| bold.get(c))?;
    }
    wb.push_worksheet(ws);
    wb.save_to_writer(file)
}

/// One row of cells, each in the format `format` gives its column.
fn write_cells<'f>(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    row: &[SampleCell],
    format: &dyn Fn(usize) -> Option<&'f Format>,
) -> Result<(), XlsxError> {
    for (c, cell) in row.iter().enumerate() {
        let (col, f) = (c as u16, format(c));
        match (cell, f) {
            (SampleCell::Text(t), Some(f)) => ws.write_string_with_format(r, col, t, f).map(drop)?,
            (SampleCell::Text(t), None) => ws.write_string(r, col, t).map(drop)?,
            (SampleCell::Number(v), Some(f)) => ws.write_number_with_format(r, col, *v, f).map(drop)?,
            (SampleCell::Number(v), None) => ws.write_number(r, col, *v).map(drop)?,
            (SampleCell::Date(d), f) => {
                let fallback = Format::new().set_num_format("yyyy-mm-dd");
                ws.write_date_with_format(r, col, d, f.unwrap_or(&fallback)).map(drop)?
            }
            (SampleCell::Error(e), _) => ws.write_formula(r, col, Formula::new("=NA()").set_result(*e)).map(drop)?,
            (SampleCell::Blank, _) => {}
        }
    }
    Ok(())
}

/// A CSV of sample rows: GBK in Chinese (as ERPs and Chinese Excel save it), UTF-8 with a BOM in
/// English; CRLF line ends; percentages as "30%", dates as 2026-03-15.
fn write_rows_csv(
    file: &mut File,
    what: TeamFile,
    lang: Lang,
    rows: &mut dyn SampleRows,
    tick: &dyn Fn(u64),
) -> std::io::Result<()> {
    let gbk = lang == Lang::Zh;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    if !gbk {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let columns = what.columns();
    let mut line = String::with_capacity(256);
    let mut put = |out: &mut BufWriter<&mut File>, row: &[SampleCell]| -> std::io::Result<()> {
        line.clear();
        let shown: Vec<SampleCell> = row
            .iter()
            .zip(columns.iter().map(|c| c.style).chain(std::iter::repeat(Style::Text)))
            .map(|(cell, style)| match (cell, style) {
                (SampleCell::Number(v), Style::Percent) => SampleCell::Text(format!("{}%", (v * 100.0).round())),
                _ => cell.clone(),
            })
            .collect();
        csv_line(&shown, &mut line);
        put_line(out, &line, gbk)
    };
    for row in what.preamble(lang) {
        put(&mut out, &row)?;
    }
    let header: Vec<SampleCell> = columns.iter().map(|c| SampleCell::Text(c.header(lang).to_string())).collect();
    put(&mut out, &header)?;
    for (n, row) in (&mut *rows).enumerate() {
        put(&mut out, &row)?;
        tick(n as u64 + 1);
    }
    if let Some(totals) = rows.totals() {
        put(&mut out, &totals)?;
    }
    out.flush()
}

/// Write one CSV line, encoded as GBK or as it is (UTF-8).
fn put_line(out: &mut impl Write, line: &str, gbk: bool) -> std::io::Result<()> {
    if !gbk {
        return out.write_all(line.as_bytes());
    }
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(line);
    if unmappable {
        return Err(std::io::Error::other(format!("not encodable in GBK: {line}")));
    }
    out.write_all(&bytes)
}

/// The workbook: one constant-memory worksheet, rows streamed to disk as they are made.
fn write_xlsx(spec: &Spec, file: &mut File, tick: impl Fn(u64)) -> Result<(), XlsxError> {
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
fn write_csv(spec: &Spec, file: &mut File, tick: impl Fn(u64)) -> std::io::Result<()> {
    let gbk = spec.messy && spec.lang == Lang::Zh;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    if !gbk {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut line = String::with_capacity(512);
    let mut put = |out: &mut BufWriter<&mut File>, row: &[SampleCell]| -> std::io::Result<()> {
        line.clear();
        csv_line(row, &mut line);
        put_line(out, &line, gbk)
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

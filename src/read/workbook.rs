//! Workbooks through calamine: .xlsx/.xlsm (streamed cell by cell), .xlsb, .xls, .ods.
//!
//! I/O. A file calamine cannot open becomes one file-level issue whose message says why in
//! words a user acts on; a sheet that fails mid-way keeps what was read and gets an issue.

use std::io::Read;

use calamine::{open_workbook_auto, Data, DataRef, Reader, SheetType, SheetVisible, Sheets};

use super::{FileRead, Flow, ReadOpts, SheetBuilder, Sink, SinkRef, SourceCell};
use crate::discover::InputFile;
use crate::ingest::Cell;
use crate::issue::{DocKind, FileProblem, IoProblem, Issue, IssueKind, Location, Severity};
use crate::markers::{REPORT_MARKER, TEMPLATE_MARKER};
use crate::provenance::SheetRef;

/// Read every visible worksheet of a workbook.
pub fn read(input: &InputFile, opts: &ReadOpts, sink: Option<&mut Sink>) -> FileRead {
    let mut head = [0u8; 8];
    let head_len = match std::fs::File::open(&input.path).and_then(|mut f| f.read(&mut head)) {
        Ok(n) => n,
        Err(e) => return FileRead::failed(input, FileProblem::Io(IoProblem::from_io(&e))),
    };
    if input.size == 0 || head_len == 0 {
        return FileRead::failed(input, FileProblem::Empty);
    }
    read_inner(input, opts, &head[..head_len], sink)
}

fn read_inner(input: &InputFile, opts: &ReadOpts, head: &[u8], mut sink: Option<&mut Sink>) -> FileRead {
    let mut wb = match open_workbook_auto(&input.path) {
        Ok(wb) => wb,
        Err(e) => {
            let mut problem = classify(&e.to_string(), head, &input.path);
            // XOR-obfuscated .xls files surface as code-page errors: look for FILEPASS.
            if matches!(problem, FileProblem::Corrupt(_) | FileProblem::LegacyFormat) && xls_has_filepass(&input.path) {
                problem = FileProblem::PasswordProtected;
            }
            return FileRead::failed(input, problem);
        }
    };
    let mut out = FileRead::default();
    let props = wb.workbook_properties().map(|p| p.custom_properties).unwrap_or_default();
    if props.contains_key(REPORT_MARKER) {
        out.own_report = true;
        out.issues.push(Issue::new(Severity::Note, Location::file(&input.display), IssueKind::OwnReport));
        return out;
    }
    // A kascore template's instructions sheet is not data: skip it without a word.
    let template = props.contains_key(TEMPLATE_MARKER);
    let date1904 = match &wb {
        Sheets::Xlsx(x) => x.has_1904_epoch(),
        Sheets::Xlsb(x) => x.has_1904_epoch(),
        Sheets::Xls(x) => x.has_1904_epoch(),
        Sheets::Ods(_) => false,
    };
    let metas = wb.sheets_metadata().to_vec();
    for (index, meta) in metas.iter().enumerate() {
        let at = SheetRef { file: input.display.clone(), sheet: meta.name.as_str().into() };
        if meta.typ != SheetType::WorkSheet {
            out.issues.push(Issue::new(Severity::Note, Location::sheet(&at), IssueKind::NotAWorksheet));
            continue;
        }
        if meta.visible != SheetVisible::Visible {
            out.issues.push(Issue::new(Severity::Note, Location::sheet(&at), IssueKind::HiddenSheet));
            continue;
        }
        let mut builder =
            SheetBuilder::with_sink(opts, at.clone(), index, date1904, sink.as_deref_mut().map(|s| s as SinkRef));
        let result = match &mut wb {
            Sheets::Xlsx(x) => stream_xlsx(x, &meta.name, &mut builder),
            other => match other.worksheet_range(&meta.name) {
                Ok(range) => {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    for (r, c, cell) in range.used_cells() {
                        if builder.push(r0 + r as u32, c0 + c as u32, cell) == Flow::Stop {
                            break;
                        }
                    }
                    Ok(())
                }
                Err(e) => Err(e.to_string()),
            },
        };
        let mut built = builder.finish();
        if template && built.sheet.is_none() {
            built.issues.retain(|i| !matches!(i.kind, IssueKind::NoHeader { .. } | IssueKind::NoNameColumn));
        }
        if let Err(why) = result {
            if built.info.rows > 0 {
                // Rows of this sheet were read before it failed: the file is given up whole.
                out.partway = Some(why.clone());
            }
            built.issues.push(Issue::new(Severity::Error, Location::sheet(&at), IssueKind::SheetUnreadable(why)));
        }
        out.push(built);
    }
    if metas.is_empty() {
        return FileRead::failed(input, FileProblem::Empty);
    }
    out
}

/// Stream an .xlsx sheet cell by cell: memory stays flat however long the sheet is.
fn stream_xlsx<RS: std::io::Read + std::io::Seek>(
    x: &mut calamine::Xlsx<RS>,
    name: &str,
    builder: &mut SheetBuilder,
) -> Result<(), String> {
    let mut cells = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
    builder.size_hint(cells.dimensions().end.0.saturating_add(1));
    loop {
        match cells.next_cell() {
            Ok(Some(cell)) => {
                let (r, c) = cell.get_position();
                if builder.push(r, c, cell.get_value()) == Flow::Stop {
                    return Ok(());
                }
            }
            Ok(None) => return Ok(()),
            Err(e) => return Err(e.to_string()),
        }
    }
}

/// Whether a legacy .xls workbook starts with a FILEPASS record (it is encrypted or
/// XOR-obfuscated): walk the records after the first BIFF5/8 BOF in the first 64 KiB.
fn xls_has_filepass(path: &std::path::Path) -> bool {
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(65_536).read_to_end(&mut bytes));
    if read.is_err() || !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return false;
    }
    let u16_at = |i: usize| bytes.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let mut from = 0;
    while let Some(off) = bytes[from..].windows(2).position(|w| w == [0x09, 0x08]) {
        let bof = from + off;
        from = bof + 1;
        if !matches!(u16_at(bof + 2), Some(8 | 16)) || !matches!(u16_at(bof + 4), Some(0x0500 | 0x0600)) {
            continue;
        }
        let mut p = bof;
        for _ in 0..16 {
            let (Some(kind), Some(len)) = (u16_at(p), u16_at(p + 2)) else { return false };
            if p != bof && kind == 0x002F {
                return true;
            }
            if kind == 0x000A {
                return false;
            }
            p += 4 + usize::from(len);
        }
        return false;
    }
    false
}

/// A calamine error, and the file's content, in words a user acts on.
fn classify(message: &str, head: &[u8], path: &std::path::Path) -> FileProblem {
    let lower = message.to_lowercase();
    let zip = head.starts_with(b"PK\x03\x04");
    let cfb = head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    // BIFF2–4 workbooks start with a BOF record: 09 00, 09 02 or 09 04.
    let biff_old = head.len() >= 2 && head[0] == 0x09 && matches!(head[1], 0x00 | 0x02 | 0x04);
    if lower.contains("password") || lower.contains("encrypt") {
        return FileProblem::PasswordProtected;
    }
    if biff_old {
        return FileProblem::LegacyFormat;
    }
    if lower.contains("codepage") && cfb {
        // Quattro Pro and other old writers use code pages calamine does not know (an
        // XOR-obfuscated .xls also lands here; the caller checks for FILEPASS first).
        return FileProblem::LegacyFormat;
    }
    // Read on the failure path only: what else the file might be.
    let mut bytes = Vec::new();
    let _ = std::fs::File::open(path).and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut bytes));
    match sniff(&bytes) {
        Some(kind) => FileProblem::Document(kind),
        None if zip || cfb => FileProblem::Corrupt(message.to_string()),
        None => FileProblem::NotSpreadsheet,
    }
}

/// How much of a file that failed to open is looked at to tell what it is.
const SNIFF_BYTES: u64 = 32 << 20;

/// What a document that is not a workbook is, from its bytes: Office documents by the part or
/// stream names inside their container, the rest by their signature.
pub fn sniff(bytes: &[u8]) -> Option<DocKind> {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return if has(b"xl/workbook") {
            None
        } else if has(b"word/document.xml") {
            Some(DocKind::Word)
        } else if has(b"ppt/presentation.xml") {
            Some(DocKind::PowerPoint)
        } else if has(b"[Content_Types].xml") || has(b"mimetype") {
            // Another Office or OpenDocument package: a damaged or unusual spreadsheet.
            None
        } else {
            Some(DocKind::Zip)
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return if has(&utf16("Workbook")) || has(&utf16("Book")) {
            None
        } else if has(&utf16("WordDocument")) {
            Some(DocKind::Word)
        } else if has(&utf16("PowerPoint Document")) {
            Some(DocKind::PowerPoint)
        } else {
            None
        };
    }
    if bytes.starts_with(b"%PDF") {
        return Some(DocKind::Pdf);
    }
    if bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) || bytes.starts_with(b"GIF8") {
        return Some(DocKind::Image);
    }
    let start: Vec<u8> =
        bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes).iter().take(2048).map(u8::to_ascii_lowercase).collect();
    let text = String::from_utf8_lossy(&start);
    let text = text.trim_start();
    if text.starts_with("<!doctype html")
        || text.starts_with("<html")
        || text.starts_with("<table")
        || (text.starts_with('<') && (text.contains("<html") || text.contains("<table")))
    {
        return Some(DocKind::Html);
    }
    // Text: no NUL and no other control bytes than tab, CR and LF in what was read.
    let sample = &bytes[..bytes.len().min(64 << 10)];
    let texty = !sample.is_empty() && sample.iter().all(|&b| b >= 0x20 || matches!(b, b'\t' | b'\r' | b'\n'));
    let separated = sample.iter().any(|&b| matches!(b, b'\t' | b','));
    (texty && separated).then_some(DocKind::Text)
}

/// A calamine cell, borrowed while an .xlsx streams (`DataRef`) or owned for the other formats
/// (`Data`), as one view: both are read by the same code.
enum Raw<'a> {
    Empty,
    Number(f64),
    Text(&'a str),
    Bool(bool),
    DateTime(&'a calamine::ExcelDateTime),
    Iso(&'a str),
    Duration(&'a str),
    Error(&'a calamine::CellErrorType),
}

impl<'a> Raw<'a> {
    fn is_blank(&self) -> bool {
        match self {
            Raw::Empty => true,
            Raw::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    fn text(&self) -> Option<&'a str> {
        match *self {
            Raw::Text(s) => Some(s),
            _ => None,
        }
    }

    fn to_cell(&self) -> Option<Cell> {
        Some(match self {
            Raw::Empty => return None,
            Raw::Number(f) => Cell::Number(*f),
            Raw::Text(s) => Cell::Text((*s).into()),
            Raw::Bool(b) => Cell::Bool(*b),
            Raw::DateTime(dt) => match dt.as_datetime() {
                Some(d) if dt.is_datetime() => Cell::Date(d),
                _ => Cell::Number(dt.as_f64()),
            },
            Raw::Iso(s) => iso(s),
            Raw::Duration(s) => Cell::Text((*s).into()),
            Raw::Error(e) => Cell::Error(e.to_string().into()),
        })
    }
}

fn raw_ref<'a>(d: &'a DataRef<'_>) -> Raw<'a> {
    match d {
        DataRef::Empty => Raw::Empty,
        DataRef::Int(i) => Raw::Number(*i as f64),
        DataRef::Float(f) => Raw::Number(*f),
        DataRef::String(s) => Raw::Text(s),
        DataRef::SharedString(s) => Raw::Text(s),
        DataRef::Bool(b) => Raw::Bool(*b),
        DataRef::DateTime(dt) => Raw::DateTime(dt),
        DataRef::DateTimeIso(s) => Raw::Iso(s),
        DataRef::DurationIso(s) => Raw::Duration(s),
        DataRef::Error(e) => Raw::Error(e),
    }
}

fn raw_data(d: &Data) -> Raw<'_> {
    match d {
        Data::Empty => Raw::Empty,
        Data::Int(i) => Raw::Number(*i as f64),
        Data::Float(f) => Raw::Number(*f),
        Data::String(s) => Raw::Text(s),
        Data::Bool(b) => Raw::Bool(*b),
        Data::DateTime(dt) => Raw::DateTime(dt),
        Data::DateTimeIso(s) => Raw::Iso(s),
        Data::DurationIso(s) => Raw::Duration(s),
        Data::Error(e) => Raw::Error(e),
    }
}

impl SourceCell for DataRef<'_> {
    fn is_blank(&self) -> bool {
        raw_ref(self).is_blank()
    }

    fn text(&self) -> Option<&str> {
        raw_ref(self).text()
    }

    fn to_cell(&self) -> Option<Cell> {
        raw_ref(self).to_cell()
    }
}

impl SourceCell for Data {
    fn is_blank(&self) -> bool {
        raw_data(self).is_blank()
    }

    fn text(&self) -> Option<&str> {
        raw_data(self).text()
    }

    fn to_cell(&self) -> Option<Cell> {
        raw_data(self).to_cell()
    }
}

/// An ISO date or date-time from an .ods file; kept as text when it is neither.
fn iso(s: &str) -> Cell {
    use chrono::{NaiveDate, NaiveDateTime};
    if let Ok(dt) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Cell::Date(dt);
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.and_hms_opt(0, 0, 0)) {
        Ok(Some(dt)) => Cell::Date(dt),
        _ => Cell::Text(s.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn other_documents_are_told_by_their_bytes() {
        let cfb =
            |stream: &str| [&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0; 60], &utf16(stream)].concat();
        let zip = |part: &str| [&b"PK\x03\x04\x14\x00"[..], part.as_bytes(), b"<x/>"].concat();
        let cases: Vec<(&str, Vec<u8>, Option<DocKind>)> = vec![
            ("docx", zip("word/document.xml"), Some(DocKind::Word)),
            ("pptx", zip("ppt/presentation.xml"), Some(DocKind::PowerPoint)),
            ("xlsx, damaged", zip("xl/workbook.xml"), None),
            ("xlsx with odd paths", zip("[Content_Types].xml"), None),
            ("ods", zip("mimetype"), None),
            ("photos.zip", zip("IMG_0001.jpg"), Some(DocKind::Zip)),
            ("doc", cfb("WordDocument"), Some(DocKind::Word)),
            ("ppt", cfb("PowerPoint Document"), Some(DocKind::PowerPoint)),
            ("xls", cfb("Workbook"), None),
            ("pdf", b"%PDF-1.4\n".to_vec(), Some(DocKind::Pdf)),
            ("png", b"\x89PNG\r\n\x1a\n".to_vec(), Some(DocKind::Image)),
            ("jpeg", vec![0xFF, 0xD8, 0xFF, 0xE0], Some(DocKind::Image)),
            ("html", b"<!DOCTYPE html><html><body>".to_vec(), Some(DocKind::Html)),
            (
                "html with BOM",
                b"\xEF\xBB\xBF  <HTML xmlns:o=\"urn:schemas-microsoft-com:office:office\">".to_vec(),
                Some(DocKind::Html),
            ),
            ("bare table", b"<table border=1><tr><td>1</td></tr>".to_vec(), Some(DocKind::Html)),
            ("tab text", "客户名称\t预算\r\n甲\t1\r\n".as_bytes().to_vec(), Some(DocKind::Text)),
            ("binary junk", vec![0x00, 0x01, 0x02, 0x03, b','], None),
            ("one word", b"hello".to_vec(), None),
        ];
        for (what, bytes, want) in cases {
            assert_eq!(sniff(&bytes), want, "{what}");
        }
    }
}

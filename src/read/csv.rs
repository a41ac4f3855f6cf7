//! CSV exports: UTF-8, UTF-8 with BOM, UTF-16 (Excel's "Unicode text"), and GBK/GB18030,
//! which Chinese Excel and most Chinese ERPs write by default.
//!
//! I/O. The encoding is decided from the bytes: a BOM wins; valid UTF-8 is UTF-8; anything else
//! is decoded as GB18030 (a superset of GBK and GB2312). The delimiter is a comma unless the
//! first line has more tabs or semicolons. A CSV file is one sheet named after the file; its row
//! numbers are the line numbers a user sees in Excel.

use std::borrow::Cow;

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

use super::{FileRead, Flow, ReadOpts, SheetBuilder, Sink, SinkRef};
use crate::discover::InputFile;
use crate::issue::FileProblem;
use crate::provenance::SheetRef;

/// The text encodings kascore recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

/// Decide the encoding and decode. Never fails: undecodable bytes become U+FFFD.
///
/// ```
/// use kascore::read::csv::{decode, Encoding};
/// let (gbk, _, _) = encoding_rs::GBK.encode("客户名称,预算");
/// let (text, enc) = decode(&gbk);
/// assert_eq!(text, "客户名称,预算");
/// assert_eq!(enc, Encoding::Gb18030);
/// assert_eq!(decode("\u{feff}客户".as_bytes()), ("客户".into(), Encoding::Utf8Bom));
/// ```
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest), Encoding::Utf8Bom);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return (UTF_16LE.decode_with_bom_removal(bytes).0, Encoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return (UTF_16BE.decode_with_bom_removal(bytes).0, Encoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        Err(_) => (GB18030.decode_without_bom_handling(bytes).0, Encoding::Gb18030),
    }
}

/// The delimiter: comma, unless the first line has more tabs or semicolons.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.matches(c).count();
    let (commas, tabs, semis) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

/// Read a CSV file as one sheet.
pub fn read(input: &InputFile, opts: &ReadOpts, sink: Option<&mut Sink>) -> FileRead {
    let bytes = match std::fs::read(&input.path) {
        Ok(b) => b,
        Err(e) => return FileRead::failed(input, FileProblem::Io(crate::issue::IoProblem::from_io(&e))),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return FileRead::failed(input, FileProblem::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An Excel workbook renamed to .csv.
        return super::workbook::read(input, opts, sink);
    }
    let (text, _encoding) = decode(&bytes);
    let name = input.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "csv".into());
    let at = SheetRef { file: input.display.clone(), sheet: name.into() };
    let mut builder = SheetBuilder::with_sink(opts, at, 0, false, sink.map(|s| s as SinkRef));
    // Lines, an upper bound on rows (a quoted field may span lines): lets the records be
    // reserved at once instead of grown by copying.
    let lines = text.bytes().filter(|&b| b == b'\n').count().saturating_add(1);
    builder.size_hint(u32::try_from(lines).unwrap_or(u32::MAX));
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut record = ::csv::StringRecord::new();
    let mut failure = None;
    // The row a user sees is the line the record starts on: count line ends up to its offset
    // (csv's positions can sit on the previous record's line end).
    let (mut counted_to, mut line) = (0usize, 0u64);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let bytes = text.as_bytes();
                let mut start = record.position().map_or(counted_to, |p| p.byte() as usize).min(bytes.len());
                // The recorded start may sit on the previous record's line end.
                while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                    start += 1;
                }
                if start > counted_to {
                    line += bytes[counted_to..start].iter().filter(|&&b| b == b'\n').count() as u64;
                    counted_to = start;
                }
                let row = u32::try_from(line).unwrap_or(u32::MAX);
                let mut stop = false;
                for (col, field) in record.iter().enumerate() {
                    if builder.push(row, col as u32, &field) == Flow::Stop {
                        stop = true;
                        break;
                    }
                }
                if stop {
                    break;
                }
            }
            Ok(false) => break,
            Err(e) => {
                failure = Some(e.to_string());
                break;
            }
        }
    }
    let mut out = FileRead::default();
    let mut built = builder.finish();
    if let Some(why) = failure {
        built.issues.push(crate::issue::Issue::new(
            crate::issue::Severity::Error,
            crate::issue::Location::sheet(&SheetRef { file: input.display.clone(), sheet: built.info.name.clone() }),
            crate::issue::IssueKind::SheetUnreadable(why),
        ));
    }
    out.push(built);
    out
}

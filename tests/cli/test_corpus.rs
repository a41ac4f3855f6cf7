//! The corpus sweep: every spreadsheet in `tests/corpus/` (191 files written by WPS,
//! Numbers, LibreOffice, Google Sheets, Gnumeric, BIFF2–5 writers, encrypted and broken files)
//! is either read or yields exactly one clear file-level issue; none panics.

use std::path::{Path, PathBuf};

use kascore::discover::discover;
use kascore::issue::{IssueKind, Location};
use kascore::model::Model;
use kascore::read::{read_file, ReadOpts};

fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    assert!(dir.is_dir(), "the corpus is expected at {}", dir.display());
    dir
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walk(dir).into_iter().filter(|p| p.extension().is_some_and(|e| e != "md")).collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn corpus_every_file_is_read_or_has_one_file_level_issue() {
    let model = Model::default_model().unwrap();
    let opts = ReadOpts::new(&model);
    let all = files(&corpus());
    assert!(all.len() >= 190, "corpus has {} files", all.len());
    let (mut read_ok, mut unreadable) = (0, Vec::new());
    for path in &all {
        let found = discover(std::slice::from_ref(path));
        if found.files.is_empty() {
            // An extension kascore does not read (e.g. .xls5): one clear issue from discover.
            assert_eq!(found.issues.len(), 1, "{}", path.display());
            assert_eq!(found.issues[0].kind, IssueKind::UnsupportedExtension, "{}", path.display());
            unreadable.push((path.clone(), found.issues[0].message(kascore::Lang::En)));
            continue;
        }
        let read = read_file(&found.files[0], &opts);
        let file_level: Vec<_> =
            read.issues.iter().filter(|i| i.at == Location::file(&found.files[0].display)).collect();
        assert!(file_level.len() <= 1, "{}: {file_level:?}", path.display());
        if let Some(issue) = file_level.first() {
            assert!(read.sheets.is_empty() && read.infos.is_empty(), "{}", path.display());
            assert!(matches!(issue.kind, IssueKind::Unreadable(_)), "{}: {issue:?}", path.display());
            unreadable.push((path.clone(), issue.message(kascore::Lang::En)));
        } else {
            read_ok += 1;
        }
    }
    eprintln!("corpus: {} files, {read_ok} read, {} with one file-level issue", all.len(), unreadable.len());
    // The message class of every unreadable file: what a user is told to do.
    let class = |name: &str| -> &str {
        match name {
            "issue_385.xls"
            | "pass_protected.ods"
            | "pass_protected.xlsb"
            | "pass_protected.xlsx"
            | "sheetjs__password_2002_128_strong.xls"
            | "sheetjs__password_2002_40_972000.xls"
            | "sheetjs__password_2002_40_xor.xls" => "password-protected",
            "sheetjs__crlf__CRLFX5_2.XLS"
            | "sheetjs__crlf__CRLFX5_3.XLS"
            | "sheetjs__crlf__CRLFX5_4.XLS"
            | "sheetjs__artifacts__quattro__write_57.xls" => "pre-1997",
            "sheetjs__Attendance.numbers" => "Apple Numbers",
            "sheetjs__author_snowman.xls5" => "unsupported file type",
            "too_small.xls" => "not a spreadsheet",
            _ => "damaged",
        }
    };
    for (path, message) in &unreadable {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(message.contains(class(&name)), "{name}: {message}");
    }
    let names: Vec<String> =
        unreadable.iter().map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    for known in ["pass_protected.xlsx", "sheetjs__crlf__CRLFX5_2.XLS", "sheetjs__Attendance.numbers", "too_small.xls"]
    {
        assert!(names.iter().any(|n| n == known), "{known} should be unreadable");
    }
    for (path, message) in &unreadable {
        eprintln!("  {}: {message}", path.file_name().unwrap().to_string_lossy());
    }
    // Most of the corpus is readable; the rest is the known encrypted/legacy/broken files.
    assert!(read_ok >= 170, "only {read_ok} corpus files read");
}

#[test]
fn corpus_whole_folder_through_the_binary() {
    let wd = crate::util::Workdir::new();
    let dir = corpus();
    // The files of other programs hold no account sheet: nothing to score is a failure that
    // names every file that could not be read, and writes nothing.
    let producers = dir.join("producers");
    let run = wd.run(&["check", producers.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(run.stderr.contains("nothing to score"), "{}", run.stderr);
    for name in ["sheetjs__Attendance.numbers", "sheetjs__password_2002_128_strong.xls", "sheetjs__crlf__CRLFX5_2.XLS"]
    {
        assert!(run.stderr.contains(name), "{name} not listed: {}", run.stderr);
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // The whole corpus: calamine's optional_records.xls holds a deal schedule ("Deal #",
    // Customer), read as opportunities and rolled up per customer; every unreadable file is an
    // error-level issue (exit 3), never a crash or a failed accounting.
    let run = wd.run(&["check", dir.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(run.code, 3, "stderr: {}", run.stderr);
    assert!(run.stdout.contains("optional_records.xls!Orig Sched: opportunities"), "{}", run.stdout);
    assert!(run.stdout.contains("Row accounting: read "), "{}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// Over every readable corpus sheet: a row-number column (序号, No., #) is never read as a
/// field, and a sheet whose first rows hold an account-name header beside another non-empty
/// cell is read, not dropped.
#[test]
fn corpus_sheets_with_an_account_name_are_read_and_row_numbers_are_no_field() {
    use calamine::Reader;
    use kascore::field::Field;
    use kascore::ingest::header::{is_row_number_header, Aliases};
    let model = Model::default_model().unwrap();
    let opts = ReadOpts::new(&model);
    let aliases = Aliases::new(&model);
    let (mut sheets_read, mut with_name) = (0, 0);
    for path in files(&corpus()) {
        let found = discover(std::slice::from_ref(&path));
        let Some(input) = found.files.first() else { continue };
        let read = read_file(input, &opts);
        for info in &read.infos {
            if info.header_row.is_some() {
                sheets_read += 1;
            }
            for (_, text, field) in &info.columns {
                assert!(!is_row_number_header(text), "{}!{}: {text} read as {field:?}", path.display(), info.name);
            }
        }
        // The first 30 rows of every sheet, straight from calamine.
        let Ok(mut book) = calamine::open_workbook_auto(&path) else { continue };
        for name in book.sheet_names() {
            let Ok(range) = book.worksheet_range(&name) else { continue };
            let named = range.rows().take(30).find_map(|row| {
                let texts: Vec<String> = row.iter().map(|c| c.to_string()).filter(|t| !t.trim().is_empty()).collect();
                let name = texts.iter().any(|t| aliases.lookup(t).is_some_and(|(f, _)| f == Field::AccountName));
                (texts.len() >= 2 && name).then_some(texts)
            });
            let hidden = read.issues.iter().any(|i| {
                i.at.sheet.as_deref() == Some(name.as_str())
                    && matches!(
                        i.kind,
                        kascore::issue::IssueKind::HiddenSheet | kascore::issue::IssueKind::NotAWorksheet
                    )
            });
            if let (Some(row), false) = (named, hidden) {
                with_name += 1;
                let info = read.infos.iter().find(|s| &*s.name == name.as_str());
                assert!(
                    info.is_some_and(|s| s.header_row.is_some()),
                    "{}!{name} has an account-name header but was not read: {row:?}",
                    path.display()
                );
            }
        }
    }
    eprintln!("corpus: {sheets_read} sheets read, {with_name} with an account-name header");
}

//! Discover: the paths the user gave → the input files to read.
//!
//! I/O (file metadata only). Folders are walked recursively; Excel lock files (`~$name.xlsx`)
//! are skipped with a note. A file named on the command line with an extension kascore does not
//! read is an issue; such files met in a folder walk are passed over silently.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::issue::{FileProblem, IoProblem, Issue, IssueKind, Location, Severity};

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// .xlsx .xlsm .xlsb .xls .ods (and WPS .et), through calamine.
    Workbook,
    Csv,
    /// Apple Numbers: not readable, reported.
    Numbers,
}

/// One file to read.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    /// The path as shown in issues and reports.
    pub display: Arc<str>,
    pub format: Format,
    pub size: u64,
    pub modified: Option<SystemTime>,
}

/// Files found, and what was skipped on the way.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<InputFile>,
    pub issues: Vec<Issue>,
}

/// The format for a file name, by extension. None: not a spreadsheet kascore reads.
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" | "et" | "ett" | "xlt" | "xltx" | "xltm" => Some(Format::Workbook),
        "csv" => Some(Format::Csv),
        "numbers" => Some(Format::Numbers),
        _ => None,
    }
}

/// An Excel/WPS lock file: `~$name.xlsx` (also `.~lock.name#` from LibreOffice).
pub fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$") || (n.starts_with(".~lock.") && n.ends_with('#')))
}

/// Walk the given paths. Files are listed in a stable order (by path) and each only once.
pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut out = Discovered::default();
    let mut seen = HashSet::new();
    for root in paths {
        let shown: Arc<str> = root.to_string_lossy().into();
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                out.issues.push(Issue::new(
                    Severity::Error,
                    Location::file(&shown),
                    IssueKind::Unreadable(FileProblem::Io(IoProblem::from_io(&e))),
                ));
                continue;
            }
        };
        if meta.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(root)
                .follow_links(true)
                .into_iter()
                .filter_map(|entry| match entry {
                    Ok(e) if e.file_type().is_file() => Some(e.into_path()),
                    Ok(_) => None,
                    Err(e) => {
                        let at: Arc<str> =
                            e.path().map(|p| p.to_string_lossy().into()).unwrap_or_else(|| shown.clone());
                        out.issues.push(Issue::new(
                            Severity::Warning,
                            Location::file(&at),
                            IssueKind::Unreadable(FileProblem::Io(match e.io_error() {
                                Some(io) => IoProblem::from_io(io),
                                None => IoProblem::Other(e.to_string()),
                            })),
                        ));
                        None
                    }
                })
                .filter(|p| format_of(p).is_some())
                .collect();
            found.sort();
            if found.is_empty() {
                out.issues.push(Issue::new(Severity::Warning, Location::file(&shown), IssueKind::EmptyFolder));
            }
            for path in found {
                let display = shown_in(root, &path);
                add(&mut out, &mut seen, path, display);
            }
        } else if format_of(root).is_none() && !is_lock_file(root) {
            out.issues.push(Issue::new(Severity::Error, Location::file(&shown), IssueKind::UnsupportedExtension));
        } else {
            add(&mut out, &mut seen, root.clone(), shown_file(root));
        }
    }
    out
}

/// A file found in a folder named on the command line, as shown in issues and the report: the
/// folder's own name and the path below it ("samples/华东/book.xlsx", whether the folder was
/// given as `samples`, `./samples` or `/home/me/samples`).
fn shown_in(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    match root.file_name() {
        Some(name) => Path::new(name).join(rel).to_string_lossy().into_owned(),
        None => rel.to_string_lossy().into_owned(),
    }
}

/// A file named on the command line, as shown: as given when relative, its name when absolute.
fn shown_file(path: &Path) -> String {
    match path.file_name() {
        Some(name) if path.is_absolute() => name.to_string_lossy().into_owned(),
        _ => path.to_string_lossy().into_owned(),
    }
}

fn add(out: &mut Discovered, seen: &mut HashSet<PathBuf>, path: PathBuf, display: String) {
    let display: Arc<str> = display.into();
    if is_lock_file(&path) {
        out.issues.push(Issue::new(Severity::Note, Location::file(&display), IssueKind::LockFile));
        return;
    }
    let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    if !seen.insert(canonical) {
        return;
    }
    let Some(format) = format_of(&path) else {
        return;
    };
    let meta = std::fs::metadata(&path).ok();
    out.files.push(InputFile {
        display,
        format,
        size: meta.as_ref().map_or(0, |m| m.len()),
        modified: meta.and_then(|m| m.modified().ok()),
        path,
    });
}

//! What the terminal shows: the summary and tables on stdout, progress on stderr — a bar only
//! when stderr is a terminal, `--quiet` is off and we are not in CI.
//!
//! I/O.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use unicode_width::UnicodeWidthStr;

use crate::error::Fatal;
use crate::issue::{Issue, Severity};
use crate::Lang;

/// Decides, once, what the run shows.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    pub quiet: bool,
    progress: bool,
}

impl Printer {
    pub fn new(quiet: bool) -> Printer {
        let ci = std::env::var_os("CI").is_some();
        Printer { quiet, progress: !quiet && !ci && std::io::stderr().is_terminal() }
    }

    /// A progress bar over `len` steps, hidden when progress is off.
    pub fn bar(&self, len: u64, what: &'static str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(what);
        bar
    }

    /// A spinner for a step without a count.
    pub fn spinner(&self, what: &'static str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let s = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        s.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        s.set_message(what);
        s.enable_steady_tick(std::time::Duration::from_millis(120));
        s
    }
}

/// Print to stdout. A closed pipe (`| head`) is not an error; any other failure (a full disk)
/// is.
pub fn print(text: &str) -> Result<(), Fatal> {
    write_stdout(text.as_bytes())
}

/// Write bytes to standard output; a closed pipe is the reader's choice, not a failure.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Fatal> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fatal::Stdout { detail: e.to_string() }),
    }
}

/// The issues as an aligned table: severity, place, field, value, message.
pub fn issue_table(issues: &[Issue], lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let head = if zh {
        ["级别", "文件", "工作表", "单元格", "字段", "原值", "说明"]
    } else {
        ["severity", "file", "sheet", "cell", "field", "value", "message"]
    };
    let rows: Vec<[String; 7]> = issues
        .iter()
        .map(|i| {
            [
                severity_label(i.severity, zh).to_string(),
                crate::provenance::file_name(&i.at.file),
                i.at.sheet.as_deref().unwrap_or("").to_string(),
                i.cells_text(lang),
                i.field.map(|f| f.label(lang).to_string()).unwrap_or_default(),
                i.raw.chars().take(24).collect(),
                i.message(lang),
            ]
        })
        .collect();
    if rows.is_empty() {
        return if zh { "没有数据问题。\n".into() } else { "No data issues.\n".into() };
    }
    let mut widths = head.map(|h| h.width());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()).take(6) {
            *w = (*w).max(cell.width()).min(40);
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &[&str]| {
        for (i, cell) in cells.iter().enumerate() {
            if i < 6 {
                let pad = widths[i].saturating_sub(cell.width());
                let _ = write!(out, "{cell}{}  ", " ".repeat(pad));
            } else {
                let _ = writeln!(out, "{cell}");
            }
        }
    };
    line(&mut out, &head);
    for row in &rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        line(&mut out, &cells);
    }
    out
}

fn severity_label(s: Severity, zh: bool) -> &'static str {
    match (s, zh) {
        (Severity::Error, true) => "错误",
        (Severity::Warning, true) => "警告",
        (Severity::Note, true) => "提示",
        (Severity::Error, false) => "error",
        (Severity::Warning, false) => "warning",
        (Severity::Note, false) => "note",
    }
}

//! `kascore check`: validate only. Prints every data issue as a table, then the row accounting.

use std::fmt::Write as _;
use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::{assess, load_model, ExitStatus, Loaded};
use crate::cli::CheckArgs;
use crate::error::Fatal;
use crate::issue::{Issue, Severity};
use crate::output::{self, Request, Target};
use crate::reconcile::Reconciliation;
use crate::Lang;

pub fn run(args: CheckArgs) -> Result<ExitStatus, Fatal> {
    let started = std::time::SystemTime::now();
    let model = load_model(args.input.model.as_deref())?.model;
    let lang = args.input.lang;
    let as_of = super::as_of_or_today(args.input.as_of);
    let json = args.input.json.as_deref().map(Target::parse);
    let found = crate::discover::discover(&args.input.paths);
    if let Some(Target::File(path)) = &json {
        let inputs: Vec<std::path::PathBuf> = found.files.iter().map(|f| f.path.clone()).collect();
        output::check(&[Request { flag: "--json", path, xlsx: false }], &inputs, args.input.force)?;
        output::clean_stale(&output::folder(path), started);
    }
    let printer = super::printer::Printer::new(args.input.quiet);
    let (loaded, eval) = assess(found, &model, as_of, model.allocation.capacity, printer)?;
    let rec = eval.reconciliation;
    let mut text = issue_table(&loaded.issues, lang);
    text.push_str(&accounting(&loaded, &rec, lang));
    match &json {
        Some(target) => {
            let bytes = crate::report::json::to_bytes(&crate::report::json::build(&loaded, &eval, &model, lang, None));
            match target {
                Target::File(path) => output::write_file(path, |f| f.write_all(&bytes))?,
                Target::Stdout => super::score::write_stdout(&bytes)?,
            }
            if *target == Target::Stdout {
                eprint!("{text}");
            } else {
                print(&text)?;
            }
        }
        None => print(&text)?,
    }
    Ok(status(&loaded, args.input.strict))
}

/// 0 when clean, 3 (or a failure under --strict) when error-level issues exist.
pub(crate) fn status(loaded: &Loaded, strict: bool) -> ExitStatus {
    match loaded.errors() {
        0 => ExitStatus::Success,
        _ if strict => ExitStatus::Failed,
        _ => ExitStatus::Issues,
    }
}

/// Print to stdout. A closed pipe (`| head`) is not an error; any other failure (a full disk)
/// is.
pub(crate) fn print(text: &str) -> Result<(), Fatal> {
    super::score::write_stdout(text.as_bytes())
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
                i.at.cell_ref(),
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

fn accounting(loaded: &Loaded, rec: &Reconciliation, lang: Lang) -> String {
    let errors = loaded.errors();
    let warnings = loaded.issues.iter().filter(|i| i.severity == Severity::Warning).count();
    let files = loaded.inputs.len();
    let sheets: usize = loaded.inputs.iter().map(|i| i.sheets.iter().filter(|s| s.header_row.is_some()).count()).sum();
    match lang {
        Lang::Zh => format!(
            "\n读取 {files} 个文件、{sheets} 张客户表；{} 个客户。\n行数核对：{}\n问题：{errors} 个错误，{warnings} 个警告。\n",
            loaded.accounts.len(),
            rec.equation(lang)
        ),
        Lang::En => format!(
            "\nRead {files} file(s), {sheets} account sheet(s); {} accounts.\nRow accounting: {}\nIssues: {errors} error(s), {warnings} warning(s).\n",
            loaded.accounts.len(),
            rec.equation(lang)
        ),
    }
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

//! `kascore score`: read, validate and score every account; write the report workbook (and
//! the JSON summary with `--json`).

use std::path::{Path, PathBuf};

use super::check::{issue_table, print, status};
use super::{assess, load_model, ExitStatus, Loaded};
use crate::cli::ScoreArgs;
use crate::error::Fatal;
use crate::evaluate::Evaluation;
use crate::model::Capacity;
use crate::report::{self, json, Context};
use crate::score::{FlagKind, Grade};
use crate::Lang;

pub fn run(args: ScoreArgs) -> Result<ExitStatus, Fatal> {
    let mf = load_model(args.input.model.as_deref())?;
    let model = &mf.model;
    let as_of = args.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let lang = args.input.lang;
    let output =
        args.output.clone().unwrap_or_else(|| PathBuf::from(format!("kascore-report-{}.xlsx", as_of.format("%Y-%m"))));
    let cap = model.allocation.capacity;
    let capacity = Capacity {
        hours: args.hours.unwrap_or(cap.hours),
        people: args.people.unwrap_or(cap.people),
        money: args.money.unwrap_or(cap.money),
    };
    // Last month's report first: a wrong file should fail before the long part of the run.
    let previous = args.previous.as_deref().map(crate::previous::read).transpose()?;
    let printer = super::printer::Printer::new(args.input.quiet);
    let (loaded, eval) = assess(&args.input.paths, model, as_of, capacity, printer)?;
    check_output(&output, &loaded, args.force)?;
    if let Some(json) = &args.json {
        check_output(json, &loaded, true)?;
    }
    if args.input.strict && loaded.errors() > 0 {
        if !args.input.quiet {
            print(&issue_table(&loaded.issues, lang));
        }
        return Err(Fatal::Strict(loaded.errors()));
    }
    let changes = previous.as_ref().map(|p| crate::changes::changes(&loaded.accounts, &eval.scored, p));
    let ctx = Context {
        loaded: &loaded,
        eval: &eval,
        model,
        model_hash: mf.hash.clone(),
        model_source: mf.source.clone(),
        lang,
        changes: changes.as_deref(),
    };
    let spinner = printer.spinner("writing the report");
    let written = report::write(&ctx, &output);
    spinner.finish_and_clear();
    written?;
    if let Some(path) = &args.json {
        json::write(&json::build(&loaded, &eval, model, lang, changes.as_deref()), path)?;
    }
    if !args.input.quiet {
        print(&summary_paragraph(&loaded, &eval, &output, lang));
    }
    Ok(status(&loaded, args.input.strict))
}

/// Refuse to overwrite an input (ever) or an existing report (without --force).
fn check_output(path: &Path, loaded: &Loaded, force: bool) -> Result<(), Fatal> {
    let target = canonical(path);
    if loaded.inputs.iter().any(|i| canonical(&i.file.path) == target) {
        return Err(Fatal::OutputIsInput(path.to_path_buf()));
    }
    if path.exists() && !force {
        return Err(Fatal::OutputExists(path.to_path_buf()));
    }
    Ok(())
}

/// The canonical form of a path that may not exist yet: its folder canonicalised.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match (std::fs::canonicalize(parent), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// The one-paragraph summary on stdout.
fn summary_paragraph(loaded: &Loaded, eval: &Evaluation, output: &Path, lang: Lang) -> String {
    let c = |g: Grade| eval.count(g);
    let flagged = |k: FlagKind| eval.scored.iter().filter(|s| s.has(k)).count();
    let errors = loaded.errors();
    let warnings = loaded.issues.iter().filter(|i| i.severity == crate::issue::Severity::Warning).count();
    let rec = eval.reconciliation;
    let template = match lang {
        Lang::Zh => "{n} 个客户：A {a} · B {b} · C {c} · D {d} · 待补充 {ni}。信用弱 {wc}，预算模糊 {vb}，成交日已过 {cp}。数据问题：{e} 个错误，{w} 个警告。行数核对：{rec}。报告：{out}\n",
        Lang::En => "{n} accounts: A {a} · B {b} · C {c} · D {d} · needs information {ni}. Weak credit {wc}, vague budget {vb}, close date passed {cp}. Data issues: {e} errors, {w} warnings. Row accounting: {rec}. Report: {out}\n",
    };
    let values = [
        ("{n}", loaded.accounts.len().to_string()),
        ("{a}", c(Grade::A).to_string()),
        ("{b}", c(Grade::B).to_string()),
        ("{c}", c(Grade::C).to_string()),
        ("{d}", c(Grade::D).to_string()),
        ("{ni}", c(Grade::NeedsInfo).to_string()),
        ("{wc}", flagged(FlagKind::WeakCredit).to_string()),
        ("{vb}", flagged(FlagKind::VagueBudget).to_string()),
        ("{cp}", flagged(FlagKind::CloseDatePassed).to_string()),
        ("{e}", errors.to_string()),
        ("{w}", warnings.to_string()),
        ("{rec}", rec.equation(lang)),
        ("{out}", output.display().to_string()),
    ];
    values.iter().fold(template.to_string(), |text, (k, v)| text.replace(k, v))
}

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
    let ctx = Context {
        loaded: &loaded,
        eval: &eval,
        model,
        model_hash: mf.hash.clone(),
        model_source: mf.source.clone(),
        lang,
    };
    let spinner = printer.spinner("writing the report");
    let written = report::write(&ctx, &output);
    spinner.finish_and_clear();
    written?;
    if let Some(path) = &args.json {
        json::write(&json::build(&loaded, &eval, model, lang), path)?;
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
    match lang {
        Lang::Zh => format!(
            "{} 个客户：A {} · B {} · C {} · D {} · 待补充 {}。信用弱 {}，预算模糊 {}，成交日已过 {}。数据问题：{} 个错误，{} 个警告。行数核对：{}。报告：{}\n",
            loaded.accounts.len(),
            c(Grade::A),
            c(Grade::B),
            c(Grade::C),
            c(Grade::D),
            c(Grade::NeedsInfo),
            flagged(FlagKind::WeakCredit),
            flagged(FlagKind::VagueBudget),
            flagged(FlagKind::CloseDatePassed),
            errors,
            warnings,
            rec.equation(lang),
            output.display()
        ),
        Lang::En => format!(
            "{} accounts: A {} · B {} · C {} · D {} · needs information {}. Weak credit {}, vague budget {}, close date passed {}. Data issues: {} errors, {} warnings. Row accounting: {}. Report: {}\n",
            loaded.accounts.len(),
            c(Grade::A),
            c(Grade::B),
            c(Grade::C),
            c(Grade::D),
            c(Grade::NeedsInfo),
            flagged(FlagKind::WeakCredit),
            flagged(FlagKind::VagueBudget),
            flagged(FlagKind::CloseDatePassed),
            errors,
            warnings,
            rec.equation(lang),
            output.display()
        ),
    }
}

//! `kascore score`: read, validate and score every account; write the report workbook (and
//! the JSON summary with `--json`).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{status, ExitStatus};
use crate::cli::ScoreArgs;
use crate::discover::discover;
use crate::error::{Fatal, PreviousProblem};
use crate::evaluate::Evaluation;
use crate::model::{Capacity, CapacitySource};
use crate::output::{self, Request, Staged, Target};
use crate::pipeline::{assess, load_model, Loaded};
use crate::report::{self, json, Context};
use crate::score::{FlagKind, Grade};
use crate::terminal::{issue_table, print, write_stdout};
use crate::Lang;

pub fn run(args: ScoreArgs) -> Result<ExitStatus, Fatal> {
    let started = std::time::SystemTime::now();
    let mf = load_model(args.input.model.as_deref())?;
    let model = &mf.model;
    let as_of = crate::pipeline::as_of_or_today(args.input.as_of);
    let lang = args.input.lang;
    let output =
        args.output.clone().unwrap_or_else(|| PathBuf::from(format!("kascore-report-{}.xlsx", as_of.format("%Y-%m"))));
    let json = args.input.json.as_deref().map(Target::parse);
    let cap = model.allocation.capacity;
    let capacity = Capacity {
        hours: args.hours.unwrap_or(cap.hours),
        people: args.people.unwrap_or(cap.people),
        money: args.money.unwrap_or(cap.money),
    };
    // Every output is checked before any input is read; finding the inputs reads only their
    // names and sizes.
    let found = discover(&args.input.paths);
    let inputs: Vec<PathBuf> = found.files.iter().map(|f| f.path.clone()).collect();
    let mut requests = vec![Request { flag: "-o", path: &output, xlsx: true }];
    if let Some(Target::File(path)) = &json {
        requests.push(Request { flag: "--json", path, xlsx: false });
    }
    output::check(&requests, &inputs, args.input.force)?;
    for r in &requests {
        output::clean_stale(&output::folder(r.path), started);
    }
    // Last month's report next: a wrong file should fail before the long part of the run.
    let previous = args.previous.as_deref().map(crate::previous::read).transpose()?;
    if let (Some(p), Some(path)) = (&previous, &args.previous) {
        if let Some(then) = p.as_of.filter(|then| *then > as_of) {
            return Err(Fatal::Previous {
                path: path.clone(),
                problem: PreviousProblem::Newer { previous: then, now: as_of },
            });
        }
    }
    let printer = crate::terminal::Printer::new(args.input.quiet);
    let (loaded, mut eval) = assess(found, model, as_of, capacity, printer)?;
    let given = [args.hours.is_some(), args.people.is_some(), args.money.is_some()];
    eval.capacity_source = std::array::from_fn(|i| {
        if given[i] {
            CapacitySource::CommandLine
        } else if mf.sets_capacity[i] {
            CapacitySource::ModelFile
        } else {
            CapacitySource::Default
        }
    });
    if args.input.strict && loaded.errors() > 0 {
        if !args.input.quiet {
            print(&issue_table(&loaded.issues, lang))?;
        }
        return Err(Fatal::Strict(loaded.errors()));
    }
    let changes =
        previous.as_ref().map(|p| crate::changes::changes(&loaded.accounts, &eval.scored, &eval.values, p, model));
    let ctx = Context {
        loaded: &loaded,
        eval: &eval,
        model,
        model_hash: mf.hash.clone(),
        model_source: mf.source.clone(),
        lang,
        changes: changes.as_deref(),
        previous: previous.as_ref(),
        name_widths: Default::default(),
    };
    let spinner = printer.spinner("writing the report");
    let mut staged = Staged::new();
    let written = report::write(&ctx, &mut staged, &output);
    spinner.finish_and_clear();
    written?;
    let summary = json.as_ref().map(|_| json::to_bytes(&json::build(&loaded, &eval, model, lang, changes.as_deref())));
    match (&json, &summary) {
        (Some(Target::File(path)), Some(bytes)) => staged.stage(path, |f| f.write_all(bytes))?,
        // Standard output first: when it cannot be written, no file is put in place either.
        (Some(Target::Stdout), Some(bytes)) => write_stdout(bytes)?,
        _ => {}
    }
    staged.commit()?;
    if !args.input.quiet {
        let text = summary_paragraph(&loaded, &eval, &output, lang);
        if json == Some(Target::Stdout) {
            eprint!("{text}");
        } else {
            print(&text)?;
        }
    }
    Ok(status(&loaded, args.input.strict))
}

/// The one-paragraph summary on stdout.
fn summary_paragraph(loaded: &Loaded, eval: &Evaluation, output: &Path, lang: Lang) -> String {
    let c = |g: Grade| eval.count(g);
    let flagged = |k: FlagKind| eval.scored.iter().filter(|s| s.has(k)).count();
    let errors = loaded.errors();
    let warnings = loaded.issues.iter().filter(|i| i.severity == crate::issue::Severity::Warning).count();
    let rec = eval.reconciliation;
    let template = match lang {
        Lang::Zh => "{n} 个客户：A {a} · B {b} · C {c} · D {d} · 待补充 {ni} · 已成交 {won} · 已流失 {lost}。信用弱 {wc}，预算模糊 {vb}，成交日已过 {cp}。数据问题：{e} 个错误，{w} 个警告。行数核对：{rec}；{acc}。报告：{out}\n",
        Lang::En => "{n} accounts: A {a} · B {b} · C {c} · D {d} · needs information {ni} · won {won} · lost {lost}. Weak credit {wc}, vague budget {vb}, close date passed {cp}. Data issues: {e} errors, {w} warnings. Row accounting: {rec}; {acc}. Report: {out}\n",
    };
    let values = [
        ("{n}", loaded.accounts.len().to_string()),
        ("{a}", c(Grade::A).to_string()),
        ("{b}", c(Grade::B).to_string()),
        ("{c}", c(Grade::C).to_string()),
        ("{d}", c(Grade::D).to_string()),
        ("{ni}", c(Grade::NeedsInfo).to_string()),
        ("{won}", c(Grade::Won).to_string()),
        ("{lost}", c(Grade::Lost).to_string()),
        ("{acc}", rec.accounts_equation(lang)),
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

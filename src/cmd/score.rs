//! `kascore score`: read, validate and score every account; write the report.

use super::check::{issue_table, print, status};
use super::{assess, load_model, ExitStatus};
use crate::cli::ScoreArgs;
use crate::error::Fatal;
use crate::model::Capacity;
use crate::report::json;

pub fn run(args: ScoreArgs) -> Result<ExitStatus, Fatal> {
    let model = load_model(args.input.model.as_deref())?;
    let as_of = args.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let lang = args.input.lang;
    let cap = model.allocation.capacity;
    let capacity = Capacity {
        hours: args.hours.unwrap_or(cap.hours),
        people: args.people.unwrap_or(cap.people),
        money: args.money.unwrap_or(cap.money),
    };
    let (loaded, eval) = assess(&args.input.paths, &model, as_of, capacity)?;
    let rec = eval.reconciliation;
    if args.input.strict && loaded.errors() > 0 {
        if !args.input.quiet {
            print(&issue_table(&loaded.issues, lang));
        }
        return Err(Fatal::Strict(loaded.errors()));
    }
    if let Some(path) = &args.json {
        let summary = json::build(&loaded, &eval, &model, lang);
        json::write(&summary, path)?;
    }
    if !args.input.quiet {
        print(&format!("{}\n", rec.equation(lang)));
    }
    Ok(status(&loaded, args.input.strict))
}

//! `kascore score`: read, validate and score every account; write the report.

use super::check::{issue_table, print, status};
use super::{load, load_model, ExitStatus};
use crate::cli::ScoreArgs;
use crate::error::Fatal;
use crate::reconcile::Reconciliation;
use crate::report::json;
use crate::Lang;

pub fn run(args: ScoreArgs) -> Result<ExitStatus, Fatal> {
    let model = load_model(args.input.model.as_deref())?;
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let loaded = load(&args.input.paths, &model);
    let lang = args.input.lang;
    let rec = Reconciliation {
        rows_read: loaded.rows_read,
        graded: loaded.accounts.len() as u64,
        needs_info: 0,
        rejected: loaded.rejected,
        superseded: loaded.superseded.len() as u64,
        skipped: loaded.skipped,
    };
    if !rec.holds() {
        return Err(Fatal::Reconciliation(rec.equation(Lang::En)));
    }
    if args.input.strict && loaded.errors() > 0 {
        if !args.input.quiet {
            print(&issue_table(&loaded.issues, lang));
        }
        return Err(Fatal::Strict(loaded.errors()));
    }
    if let Some(path) = &args.json {
        let summary = json::build(&loaded, rec, json::Counts::default(), as_of, lang);
        json::write(&summary, path)?;
    }
    if !args.input.quiet {
        print(&format!("{}\n", rec.equation(lang)));
    }
    Ok(status(&loaded, args.input.strict))
}

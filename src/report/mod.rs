//! Report: the workbook that sales, finance and management open every month, and the JSON
//! summary.
//!
//! I/O at the edge only: each tab is built into an owned worksheet (the long ones in
//! rust_xlsxwriter's constant-memory mode), the tabs are pushed in SPEC §4's order, and the
//! file is written to a temporary file in the destination folder and renamed into place, so a
//! failed run leaves no half-written workbook.

mod allocation;
mod changes_tab;
pub mod data;
mod flags;
mod grades;
mod issues;
pub mod json;
mod model_tab;
mod needs_info;
mod promises_tab;
mod receivables;
mod summary;
mod table;
mod value_tab;
mod view;
mod won_lost;

use crate::labels;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, Workbook, Worksheet};

use crate::error::Fatal;
use crate::evaluate::Evaluation;
use crate::model::Model;
use crate::pipeline::Loaded;
use crate::Lang;
pub use table::{Factory, Fmt, Out, Table};

/// The document property that marks a workbook as a kascore report (its value: the version).
pub use crate::markers::REPORT_MARKER;

/// The workbook's deflate level (rust_xlsxwriter's default is 6; the floor benchmark uses
/// the same level as the report).
pub const ZIP_LEVEL: u8 = 2;

/// Everything a tab may need.
pub struct Context<'a> {
    pub loaded: &'a Loaded,
    pub eval: &'a Evaluation,
    pub model: &'a Model,
    /// A short hash of the model text, written into the report for audit.
    pub model_hash: String,
    /// Where the model came from: "default" or the file's path.
    pub model_source: String,
    pub lang: Lang,
    /// With `--previous`: every account's change since last month.
    pub changes: Option<&'a [crate::changes::Change]>,
    /// With `--previous`: last month's report, for the summary's changes since then.
    pub previous: Option<&'a crate::previous::Previous>,
    /// The widths of the name columns, worked out on first use ([`Context::name_widths`]).
    pub name_widths: std::sync::OnceLock<view::NameWidths>,
}

impl Context<'_> {
    /// A label of the table in the report language.
    pub fn l(&self, text: crate::labels::Text) -> &'static str {
        text.get(self.lang)
    }
}

/// The tab names in both languages, in the report's order.
pub fn tab_name(tab: Tab, lang: Lang) -> &'static str {
    match tab {
        Tab::Grade(g) => g.key(),
        Tab::Summary => labels::TAB_SUMMARY.get(lang),
        Tab::NeedsInfo => labels::TAB_NEEDS_INFO.get(lang),
        Tab::Allocation => labels::TAB_ALLOCATION.get(lang),
        Tab::Flags => labels::TAB_FLAGS.get(lang),
        Tab::Receivables => labels::TAB_RECEIVABLES.get(lang),
        Tab::WonLost => labels::TAB_WON_LOST.get(lang),
        Tab::Value => labels::TAB_VALUE.get(lang),
        Tab::Promises => labels::TAB_PROMISES.get(lang),
        Tab::Changes => labels::TAB_CHANGES.get(lang),
        Tab::Issues => labels::TAB_ISSUES.get(lang),
        Tab::Model => labels::TAB_MODEL.get(lang),
    }
}

/// The tabs of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Summary,
    Grade(crate::score::Grade),
    NeedsInfo,
    Allocation,
    Flags,
    Receivables,
    Value,
    Promises,
    WonLost,
    Changes,
    Issues,
    Model,
}

/// A tab and its continuation tabs, or why they could not be built.
type Built = Result<Vec<Worksheet>, rust_xlsxwriter::XlsxError>;

/// A tab builder, run on the rayon pool beside the others.
type Job<'a> = Box<dyn Fn() -> Built + Send + Sync + 'a>;

/// The tabs after the summary, in the report's order: each with the rough number of cells it
/// writes (the job queue starts the longest first) and how it is built. A tab is its file and
/// its line here.
fn tab_list<'a>(ctx: &'a Context, f: &'a Factory, fmt: &'a Fmt) -> Vec<(usize, Job<'a>)> {
    use crate::score::Grade;
    let n = ctx.eval.scored.len();
    let flag_rows: usize = ctx.eval.scored.iter().map(|s| s.flags.len()).sum();
    let issues = ctx.loaded.issues.len() + ctx.eval.issues.len();
    let mut tabs: Vec<(usize, Job)> = Vec::new();
    for g in [Grade::A, Grade::B, Grade::C, Grade::D] {
        tabs.push((ctx.eval.count(g) * 19, Box::new(move || grades::build(f, ctx, fmt, g))));
    }
    tabs.push((ctx.eval.count(Grade::NeedsInfo) * 6, Box::new(|| needs_info::build(f, ctx, fmt))));
    tabs.push((n * 10, Box::new(|| allocation::build(f, ctx, fmt))));
    tabs.push((flag_rows * 8, Box::new(|| flags::build(f, ctx, fmt))));
    tabs.push((n * 17, Box::new(|| receivables::build(f, ctx, fmt))));
    let valued = ctx.eval.values.iter().flatten().count();
    if valued > 0 {
        tabs.push((valued * 13, Box::new(|| value_tab::build(f, ctx, fmt))));
    }
    let promised = ctx.loaded.accounts.iter().filter(|r| r.rollup().is_some_and(|x| x.promises.is_some())).count();
    if promised > 0 {
        tabs.push((promised * 10, Box::new(|| promises_tab::build(f, ctx, fmt))));
    }
    let closed = ctx.eval.count(Grade::Won) + ctx.eval.count(Grade::Lost);
    if closed > 0 {
        tabs.push((closed * 14, Box::new(|| won_lost::build(f, ctx, fmt))));
    }
    if let Some(changes) = ctx.changes {
        tabs.push((changes.len() * 10, Box::new(move || changes_tab::build(f, ctx, fmt, changes))));
    }
    tabs.push((issues * 7, Box::new(|| issues::build(f, ctx, fmt))));
    tabs.push((0, Box::new(|| model_tab::build(ctx, fmt).map(|ws| vec![ws]))));
    tabs.push((n * 6, Box::new(|| data::build(f, ctx, fmt))));
    tabs
}

/// Build the whole workbook (long tabs spill to temp files). The tabs are independent, so they
/// are built in parallel; they are pushed in SPEC §4's order.
pub fn build(ctx: &Context) -> Result<Workbook, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    // Level 2 against 3: 1.06× the file size for two thirds of the compression time, which
    // is the last, single-threaded step of a run (measured at 200k rows: 89 MB in 1.9 s
    // against 84 MB in 2.7 s).
    wb.set_zip_compression_level(ZIP_LEVEL);
    let fmt = &Fmt::new();
    let factory = Factory::new(wb, fmt);
    let jobs = tab_list(ctx, &factory, fmt);
    let built = run_longest_first(&jobs)?;
    drop(jobs);
    let tabs: Vec<Worksheet> = built.into_iter().flatten().collect();
    let names: Vec<String> = tabs.iter().map(|t| t.name()).collect();
    let summary = summary::build(ctx, fmt, &names)?;
    let mut wb = factory.into_inner();
    wb.push_worksheet(summary);
    for tab in tabs {
        wb.push_worksheet(tab);
    }
    let props = DocProperties::new()
        .set_title(ctx.l(labels::KEY_ACCOUNT_REPORT))
        .set_subject(format!("kascore {}", ctx.eval.as_of))
        .set_custom_property(REPORT_MARKER, crate::VERSION)
        .set_custom_property("kascore-as-of", ctx.eval.as_of.to_string().as_str())
        .set_custom_property("kascore-model-hash", ctx.model_hash.as_str())
        .set_custom_property("kascore-lang", if ctx.lang == Lang::Zh { "zh" } else { "en" });
    wb.set_properties(&props);
    Ok(wb)
}

/// Run the jobs on the rayon pool, each thread taking the longest job not yet started (so no
/// core is left with a long tab at the end while the other idles); the results come back in
/// the jobs' order.
fn run_longest_first(jobs: &[(usize, Job)]) -> Result<Vec<Vec<Worksheet>>, rust_xlsxwriter::XlsxError> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs[i].0));
    let next = AtomicUsize::new(0);
    let done: Vec<Mutex<Option<Built>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    rayon::scope(|scope| {
        for _ in 0..rayon::current_num_threads().min(jobs.len()) {
            scope.spawn(|_| {
                while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let result = (jobs[i].1)();
                    *done[i].lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(result);
                }
            });
        }
    });
    done.into_iter()
        .map(|slot| {
            let result = slot.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
            // Every job ran (the threads stop only when the queue is empty, and a panic in one
            // is resumed by the scope), so this is for form's sake.
            result.unwrap_or_else(|| Err(rust_xlsxwriter::XlsxError::ParameterError("a tab was not built".into())))
        })
        .collect()
}

/// Build the workbook and write it to a temporary file beside `path`, renamed into place with
/// the run's other outputs by [`crate::output::Staged::commit`].
pub fn write(ctx: &Context, staged: &mut crate::output::Staged, path: &Path) -> Result<(), Fatal> {
    let tabs = crate::timing::Phase::start("tabs");
    let mut wb = build(ctx).map_err(|e| Fatal::CannotWrite { path: path.to_path_buf(), detail: e.to_string() })?;
    drop(tabs);
    let _save = crate::timing::Phase::start("save");
    staged.stage(path, |file| wb.save_to_writer(file).map_err(|e| std::io::Error::other(e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Built {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        Ok(vec![ws])
    }

    #[test]
    fn tabs_come_back_in_their_order_whichever_runs_first() {
        let jobs: Vec<(usize, Job)> = vec![
            (1, Box::new(|| named("small"))),
            (0, Box::new(|| Ok(Vec::new()))),
            (1000, Box::new(|| named("large"))),
            (10, Box::new(|| named("middle"))),
        ];
        let built = run_longest_first(&jobs).unwrap();
        let names: Vec<Vec<String>> = built.iter().map(|tabs| tabs.iter().map(|t| t.name()).collect()).collect();
        assert_eq!(names, [vec!["small"], vec![], vec!["large"], vec!["middle"]]);
    }

    #[test]
    fn a_failed_tab_fails_the_build() {
        let jobs: Vec<(usize, Job)> = vec![
            (5, Box::new(|| named("fine"))),
            (1, Box::new(|| named("a name that is far too long for a sheet tab"))),
        ];
        assert!(run_longest_first(&jobs).is_err());
    }
}

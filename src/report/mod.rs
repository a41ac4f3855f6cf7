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
mod receivables;
mod summary;
mod table;

use std::path::Path;

use rust_xlsxwriter::{DocProperties, Workbook, Worksheet};

use crate::cmd::Loaded;
use crate::error::Fatal;
use crate::evaluate::Evaluation;
use crate::model::Model;
use crate::Lang;
pub use table::{Factory, Fmt, Out, Table};

/// The document property that marks a workbook as a kascore report (its value: the version).
pub use crate::read::workbook::REPORT_MARKER;

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
}

impl Context<'_> {
    /// Chinese or English.
    pub fn t<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// The tab names in both languages, in SPEC §4's order.
pub fn tab_name(tab: Tab, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match tab {
        Tab::Summary => {
            if zh {
                "概览"
            } else {
                "Summary"
            }
        }
        Tab::Grade(g) => g.key(),
        Tab::NeedsInfo => {
            if zh {
                "待补充"
            } else {
                "Needs information"
            }
        }
        Tab::Allocation => {
            if zh {
                "资源分配"
            } else {
                "Allocation"
            }
        }
        Tab::Flags => {
            if zh {
                "风险标记"
            } else {
                "Flags"
            }
        }
        Tab::Receivables => {
            if zh {
                "应收账款"
            } else {
                "Receivables"
            }
        }
        Tab::Changes => {
            if zh {
                "变动"
            } else {
                "Changes"
            }
        }
        Tab::Issues => {
            if zh {
                "数据问题"
            } else {
                "Data issues"
            }
        }
        Tab::Model => {
            if zh {
                "模型"
            } else {
                "Model"
            }
        }
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
    Changes,
    Issues,
    Model,
}

/// A tab builder, run on the rayon pool beside the others.
type Job<'a> = Box<dyn Fn() -> Result<Vec<Worksheet>, rust_xlsxwriter::XlsxError> + Send + Sync + 'a>;

/// Build the whole workbook (long tabs spill to temp files). The tabs are independent, so they
/// are built in parallel; they are pushed in SPEC §4's order.
pub fn build(ctx: &Context) -> Result<Workbook, rust_xlsxwriter::XlsxError> {
    use crate::score::Grade;
    use rayon::prelude::*;
    let mut wb = Workbook::new();
    // Level 2 against 3: 1.06× the file size for two thirds of the compression time, which
    // is the last, single-threaded step of a run (measured at 200k rows: 89 MB in 1.9 s
    // against 84 MB in 2.7 s).
    wb.set_zip_compression_level(ZIP_LEVEL);
    let factory = Factory::new(wb);
    let (fmt, f) = (&Fmt::new(), &factory);
    let mut jobs: Vec<Job> = [Grade::A, Grade::B, Grade::C, Grade::D]
        .into_iter()
        .map(|g| Box::new(move || grades::build(f, ctx, fmt, g)) as Job)
        .collect();
    jobs.push(Box::new(|| needs_info::build(f, ctx, fmt)));
    jobs.push(Box::new(|| allocation::build(f, ctx, fmt)));
    jobs.push(Box::new(|| flags::build(f, ctx, fmt)));
    jobs.push(Box::new(|| receivables::build(f, ctx, fmt)));
    if let Some(changes) = ctx.changes {
        jobs.push(Box::new(move || changes_tab::build(f, ctx, fmt, changes)));
    }
    jobs.push(Box::new(|| issues::build(f, ctx, fmt)));
    jobs.push(Box::new(|| model_tab::build(ctx, fmt).map(|ws| vec![ws])));
    jobs.push(Box::new(|| data::build(f, ctx, fmt)));
    let built: Vec<Vec<Worksheet>> = jobs.par_iter().map(|job| job()).collect::<Result<_, _>>()?;
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
        .set_title(ctx.t("大客户评估报告", "Key-account report"))
        .set_subject(format!("kascore {}", ctx.eval.as_of))
        .set_custom_property(REPORT_MARKER, crate::VERSION)
        .set_custom_property("kascore-as-of", ctx.eval.as_of.to_string().as_str())
        .set_custom_property("kascore-model-hash", ctx.model_hash.as_str())
        .set_custom_property("kascore-lang", if ctx.lang == Lang::Zh { "zh" } else { "en" });
    wb.set_properties(&props);
    Ok(wb)
}

/// Write the workbook atomically.
pub fn write(ctx: &Context, path: &Path) -> Result<(), Fatal> {
    let tabs = crate::timing::Phase::start("tabs");
    let mut wb = build(ctx).map_err(|e| Fatal::CannotWrite { path: path.to_path_buf(), reason: e.to_string() })?;
    drop(tabs);
    let _save = crate::timing::Phase::start("save");
    atomic_write(path, |file| wb.save_to_writer(file).map_err(|e| std::io::Error::other(e.to_string())))
}

/// FNV-1a, 64 bits: a stable short fingerprint of the model text for the audit trail.
pub fn model_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Write a file through a temporary file in the destination folder, then rename it into
/// place: a failed or interrupted write leaves no half-written file at `path`.
pub fn atomic_write(path: &Path, write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>) -> Result<(), Fatal> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail =
        |e: std::io::Error| Fatal::CannotWrite { path: path.to_path_buf(), reason: crate::discover::io_reason(&e) };
    let mut tmp = tempfile::Builder::new().prefix(".kascore-").suffix(".tmp").tempfile_in(dir).map_err(fail)?;
    let _interrupt = crate::cleanup::Guard::new(tmp.path());
    write(tmp.as_file_mut()).map_err(fail)?;
    // tempfile creates files readable by their owner only; a report is shared like any file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

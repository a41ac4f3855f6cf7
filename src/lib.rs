//! kascore — score key-account (大客户) sheets with a transparent model and write one report.
//!
//! The pipeline, one module a stage:
//! `discover → read → ingest → dedup → score → allocate / receivables → reconcile → report`.
//! Only [`discover`], [`read`], `report` and [`cmd`] do I/O; every other stage takes values and
//! returns values (the as-of date and the model are arguments), so rayon can split the work and
//! tests can call any stage directly.

pub mod allocate;
pub mod changes;
pub mod cleanup;
pub mod cli;
pub mod cmd;
pub mod discover;
pub mod error;
pub mod evaluate;
pub mod field;
pub mod ingest;
pub mod issue;
pub mod join;
pub mod labels;
pub mod markers;
pub mod model;
pub mod numfmt;
pub mod output;
pub mod pipeline;
pub mod previous;
pub mod provenance;
pub mod read;
pub mod receivables;
pub mod reconcile;
pub mod report;
pub mod sample;
pub mod sample_team;
pub mod score;
pub mod source;
pub mod terminal;
pub mod timing;
pub mod value;
pub mod values;

/// The language of the report, the messages and the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// 中文 (the default)
    #[default]
    Zh,
    /// English
    En,
}

/// The tool's version, as written into reports and JSON.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

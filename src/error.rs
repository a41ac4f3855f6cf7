//! Fatal errors: the run cannot go on and writes nothing. Data problems are not here; they are
//! [`crate::issue::Issue`]s, collected and reported.

use std::path::PathBuf;

use crate::model::ModelProblem;

/// A reason the whole run fails (exit code 1).
#[derive(Debug, thiserror::Error)]
pub enum Fatal {
    #[error("cannot read the model file {path}: {reason}")]
    ModelUnreadable { path: PathBuf, reason: String },

    #[error("the model file {path} has {} problem(s):\n{}", problems.len(), list(problems))]
    ModelInvalid { path: PathBuf, problems: Vec<ModelProblem> },

    #[error("{0} already exists: pass --force to overwrite it, or choose another name with -o")]
    OutputExists(PathBuf),

    #[error("{0} is one of the inputs: kascore never overwrites an input; choose another name with -o")]
    OutputIsInput(PathBuf),

    #[error("cannot write {path}: {reason}")]
    CannotWrite { path: PathBuf, reason: String },

    #[error("{path} is not a kascore report ({why}): pass last month's kascore-report-YYYY-MM.xlsx with --previous")]
    NotAReport { path: PathBuf, why: String },

    #[error("the row accounting does not add up ({0}); this is a kascore bug, nothing was written")]
    Reconciliation(String),

    #[error("{0} error-level data issue(s) and --strict is set: nothing written")]
    Strict(usize),

    #[error("{0}")]
    Other(String),
}

fn list(problems: &[ModelProblem]) -> String {
    problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n")
}

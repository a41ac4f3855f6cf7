//! Commands: one file per subcommand, `run` that dispatches to them, and the exit status.

pub mod check;
pub mod model;
pub mod sample;
pub mod score;
pub mod template;
mod template_from;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::pipeline::Loaded;

/// How a run ended; the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitStatus {
    /// 0: done, no error-level data issues.
    Success = 0,
    /// 1: failed, nothing written.
    Failed = 1,
    /// 2: the command line was wrong (clap exits with 2 itself for most of these).
    Usage = 2,
    /// 3: the report was written, but error-level data issues exist.
    Issues = 3,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(s as u8)
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> ExitStatus {
    let lang = match &cli.command {
        Command::Score(a) => a.input.lang,
        Command::Check(a) => a.input.lang,
        Command::Template(a) => a.lang,
        Command::Sample(a) => a.lang,
        Command::Model => crate::Lang::Zh,
    };
    crate::issue::set_verbose(cli.verbose);
    let jobs = match &cli.command {
        Command::Score(a) => a.input.jobs,
        Command::Check(a) => a.input.jobs,
        Command::Model | Command::Template(_) | Command::Sample(_) => None,
    };
    if let Some(n) = jobs {
        if n == 0 {
            eprintln!(
                "kascore: {}",
                match lang {
                    crate::Lang::Zh => "错误：--jobs 至少为 1",
                    crate::Lang::En => "error: --jobs must be at least 1",
                }
            );
            return ExitStatus::Usage;
        }
        // Fails only when a global pool exists already, which is harmless.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
    }
    crate::cleanup::install();
    let result = match cli.command {
        Command::Score(args) => score::run(args),
        Command::Check(args) => check::run(args),
        Command::Model => model::run(),
        Command::Template(args) => template::run(args),
        Command::Sample(args) => sample::run(args),
    };
    match result {
        Ok(status) => status,
        Err(e) => {
            let word = match lang {
                crate::Lang::Zh => "错误",
                crate::Lang::En => "error",
            };
            eprintln!("kascore: {word}: {}", e.message(lang, cli.verbose));
            if e.is_usage() {
                ExitStatus::Usage
            } else {
                ExitStatus::Failed
            }
        }
    }
}

/// 0 when clean, 3 (or a failure under --strict) when error-level issues exist.
pub(crate) fn status(loaded: &Loaded, strict: bool) -> ExitStatus {
    match loaded.errors() {
        0 => ExitStatus::Success,
        _ if strict => ExitStatus::Failed,
        _ => ExitStatus::Issues,
    }
}

//! Where output goes: the summary paragraph to stdout, progress to stderr — a bar only when
//! stderr is a terminal, `--quiet` is off and we are not in CI.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Decides, once, what the run shows.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    pub quiet: bool,
    progress: bool,
}

impl Printer {
    pub fn new(quiet: bool) -> Printer {
        let ci = std::env::var_os("CI").is_some();
        Printer { quiet, progress: !quiet && !ci && std::io::stderr().is_terminal() }
    }

    /// A progress bar over `len` steps, hidden when progress is off.
    pub fn bar(&self, len: u64, what: &'static str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(what);
        bar
    }

    /// A spinner for a step without a count.
    pub fn spinner(&self, what: &'static str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let s = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        s.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        s.set_message(what);
        s.enable_steady_tick(std::time::Duration::from_millis(120));
        s
    }
}

//! Phase timings on standard error, for measuring where a run's time goes:
//! `KASCORE_TIMINGS=1 kascore score …` prints one line per phase (read, score, tabs, save).

use std::time::Instant;

/// A phase being timed; prints its wall time when dropped, if `KASCORE_TIMINGS` is set.
pub struct Phase {
    name: &'static str,
    start: Instant,
}

impl Phase {
    pub fn start(name: &'static str) -> Phase {
        Phase { name, start: Instant::now() }
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if std::env::var_os("KASCORE_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0") {
            eprintln!("kascore: timing: {:<6} {:>8.3} s", self.name, self.start.elapsed().as_secs_f64());
        }
    }
}

//! Phase timings on standard error, for measuring where a run's time and memory go:
//! `KASCORE_TIMINGS=1 kascore score …` prints one line per phase (read, score, tabs, save)
//! with its wall time and, on Linux, the process's resident and peak resident memory then.

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
            let secs = self.start.elapsed().as_secs_f64();
            match memory() {
                Some((rss, peak)) => eprintln!(
                    "kascore: timing: {:<6} {secs:>8.3} s   RSS {:>6} MB   peak {:>6} MB",
                    self.name,
                    rss / 1024,
                    peak / 1024
                ),
                None => eprintln!("kascore: timing: {:<6} {secs:>8.3} s", self.name),
            }
        }
    }
}

/// Resident and peak resident memory in KiB (Linux: /proc/self/status), else None.
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status.lines().find_map(|l| l.strip_prefix(name)?.trim().strip_suffix("kB")?.trim().parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

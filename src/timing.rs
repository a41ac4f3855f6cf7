//! Phase timings on standard error, for measuring where a run's time and memory go:
//! `KASCORE_TIMINGS=1 kascore score …` prints one line per phase (read, score, tabs, save)
//! with its wall time and, on Linux, the CPU time the process spent in it (above the wall time
//! when both cores work) and its resident and peak resident memory then.

use std::time::Instant;

/// A phase being timed; prints its wall time when dropped, if `KASCORE_TIMINGS` is set.
pub struct Phase {
    name: &'static str,
    start: Instant,
    cpu: Option<f64>,
}

impl Phase {
    pub fn start(name: &'static str) -> Phase {
        Phase { name, start: Instant::now(), cpu: cpu_seconds() }
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if std::env::var_os("KASCORE_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0") {
            let secs = self.start.elapsed().as_secs_f64();
            match (memory(), cpu_seconds().zip(self.cpu)) {
                (Some((rss, peak)), Some((now, then))) => eprintln!(
                    "kascore: timing: {:<6} {secs:>8.3} s   CPU {:>7.2} s   RSS {:>6} MB   peak {:>6} MB",
                    self.name,
                    now - then,
                    rss / 1024,
                    peak / 1024
                ),
                _ => eprintln!("kascore: timing: {:<6} {secs:>8.3} s", self.name),
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

/// The process's user + system CPU time in seconds (Linux: /proc/self/stat), else None.
fn cpu_seconds() -> Option<f64> {
    stat_cpu_seconds(&std::fs::read_to_string("/proc/self/stat").ok()?)
}

/// utime + stime from a `/proc/<pid>/stat` line, in the kernel's 100 Hz clock ticks.
fn stat_cpu_seconds(stat: &str) -> Option<f64> {
    // The command name sits in parentheses and may hold spaces and parentheses itself: the
    // fields resume after the last ')'. utime and stime are the 12th and 13th after it.
    let mut fields = stat.get(stat.rfind(')')? + 2..)?.split(' ');
    let user: u64 = fields.nth(11)?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) as f64 / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_is_read_after_an_awkward_command_name() {
        let stat = "4242 (a (b) c) R 1 4242 4242 0 -1 4194304 9000 0 0 0 1234 56 0 0 20 0 3 0";
        assert_eq!(stat_cpu_seconds(stat), Some(12.9));
        assert_eq!(stat_cpu_seconds("4242 (kascore) R 1 2"), None);
        assert_eq!(stat_cpu_seconds(""), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_cpu_time_is_read() {
        assert!(cpu_seconds().is_some_and(|s| s >= 0.0));
    }
}

//! Interrupted runs leave nothing behind: Ctrl-C (SIGINT) or SIGTERM removes the temporary file
//! a report is being written to, and the run ends with exit code 1 (failed, nothing written).
//!
//! I/O.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files being written right now.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Install the signal handler (once per process; later calls are no-ops).
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        let pending = PENDING.lock().unwrap_or_else(|p| p.into_inner());
        for path in pending.iter() {
            let _ = std::fs::remove_file(path);
        }
        eprintln!("kascore: interrupted: nothing written");
        std::process::exit(1);
    });
}

/// A temporary file registered for removal on a signal while the guard lives.
pub struct Guard(PathBuf);

impl Guard {
    pub fn new(path: &Path) -> Guard {
        PENDING.lock().unwrap_or_else(|p| p.into_inner()).push(path.to_path_buf());
        Guard(path.to_path_buf())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let mut pending = PENDING.lock().unwrap_or_else(|p| p.into_inner());
        pending.retain(|p| p != &self.0);
    }
}

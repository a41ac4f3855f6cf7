//! `kascore model`: print the default model template verbatim, comments included.

use std::io::Write;

use super::ExitStatus;
use crate::error::Fatal;
use crate::model::DEFAULT_MODEL;

pub fn run() -> Result<ExitStatus, Fatal> {
    let mut out = std::io::stdout().lock();
    match out.write_all(DEFAULT_MODEL.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitStatus::Success),
        // A closed pipe (`kascore model | head`) is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitStatus::Success),
        Err(e) => Err(Fatal::Other(e.to_string())),
    }
}

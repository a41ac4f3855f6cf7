//! `kascore model`: print the default model template verbatim, comments included.

use super::ExitStatus;
use crate::error::Fatal;
use crate::model::DEFAULT_MODEL;

pub fn run() -> Result<ExitStatus, Fatal> {
    crate::terminal::write_stdout(DEFAULT_MODEL.as_bytes())?;
    Ok(ExitStatus::Success)
}

//! Report: the JSON summary (and, later, the workbook).
//!
//! I/O at the edges only: builders are pure, `write_*` functions write atomically.

pub mod json;

use std::path::Path;

use crate::error::Fatal;

/// Write a file through a temporary file in the destination folder, then rename it into
/// place: a failed or interrupted write leaves no half-written file at `path`.
pub fn atomic_write(path: &Path, write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>) -> Result<(), Fatal> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail =
        |e: std::io::Error| Fatal::CannotWrite { path: path.to_path_buf(), reason: crate::discover::io_reason(&e) };
    let mut tmp = tempfile::Builder::new().prefix(".kascore-").suffix(".tmp").tempfile_in(dir).map_err(fail)?;
    write(tmp.as_file_mut()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

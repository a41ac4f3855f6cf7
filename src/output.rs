//! The output contract: every output is checked before any input is read, written to a
//! temporary file beside its destination, and renamed into place with the others at the end —
//! every requested output is written, or none is.
//!
//! I/O. A temporary file is named `.kascore-XXXXXX.tmp` and held under an exclusive advisory
//! lock while it is written, so a later run can tell the leftovers of a killed run (unlocked,
//! older than that run) from the work of a run still going, and removes only the former.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::{Fatal, OutputProblem};

/// Where an output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    /// `-`: standard output.
    Stdout,
}

impl Target {
    pub fn parse(s: &Path) -> Target {
        if s.as_os_str() == "-" {
            Target::Stdout
        } else {
            Target::File(s.to_path_buf())
        }
    }
}

/// One requested output: the flag that named it (for messages), where it goes and whether it
/// must be an .xlsx workbook.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub flag: &'static str,
    pub path: &'a Path,
    pub xlsx: bool,
}

/// Check the outputs before anything is read: an `.xlsx` where one is needed, an existing
/// writable folder, not a folder itself, not the same file twice, not an input, and no existing
/// file without `force`.
///
/// # Errors
/// The first problem found, as [`Fatal::Output`] or [`Fatal::OutputsSame`].
pub fn check(requests: &[Request], inputs: &[PathBuf], force: bool) -> Result<(), Fatal> {
    let fail = |r: &Request, problem| Fatal::Output { flag: r.flag, path: r.path.to_path_buf(), problem };
    let inputs: Vec<PathBuf> = inputs.iter().map(|p| canonical(p)).collect();
    let mut seen: Vec<PathBuf> = Vec::new();
    for r in requests {
        if r.xlsx && !has_extension(r.path, "xlsx") {
            return Err(fail(r, OutputProblem::NotXlsx));
        }
        let dir = folder(r.path);
        if !dir.is_dir() {
            return Err(fail(r, OutputProblem::FolderMissing));
        }
        if r.path.is_dir() {
            return Err(fail(r, OutputProblem::IsFolder));
        }
        let target = canonical(r.path);
        if seen.contains(&target) {
            return Err(Fatal::OutputsSame { path: r.path.to_path_buf() });
        }
        if inputs.contains(&target) {
            return Err(fail(r, OutputProblem::IsInput));
        }
        if r.path.exists() && !force {
            return Err(fail(r, OutputProblem::Exists));
        }
        // A file created and removed at once: the only sure test that the folder is writable.
        // Registered like a staged file, so Ctrl-C in between leaves nothing either.
        let mut guard = None;
        let probe = tempfile::Builder::new().prefix(".kascore-").suffix(".tmp").make_in(&dir, |p| {
            guard = Some(crate::cleanup::Guard::new(p));
            File::options().write(true).create_new(true).open(p)
        });
        if let Err(e) = probe {
            return Err(fail(r, OutputProblem::NotWritable(e.to_string())));
        }
        drop(probe);
        drop(guard);
        seen.push(target);
    }
    Ok(())
}

/// Whether a path ends in `.ext` (any case).
pub fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// The folder a file goes into ("." for a bare name).
pub fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The canonical form of a path that may not exist yet: its folder canonicalised.
pub fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    match (std::fs::canonicalize(folder(path)), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// Remove what killed runs left in `dir`: `.kascore-*.tmp` files older than `started` that no
/// running kascore holds locked. Returns how many were removed. Errors are ignored: a leftover
/// that cannot be removed is no reason to fail this run.
pub fn clean_stale(dir: &Path, started: SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(".kascore-") && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta.modified().is_ok_and(|m| m < started);
        if !meta.is_file() || !old {
            continue;
        }
        let path = entry.path();
        let Ok(file) = File::options().read(true).write(true).open(&path) else { continue };
        // A run still writing holds the lock; a killed one's lock went with its process.
        if file.try_lock().is_ok() && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Outputs written to temporary files, waiting to be renamed into place together.
#[derive(Default)]
pub struct Staged {
    files: Vec<(tempfile::NamedTempFile, PathBuf, crate::cleanup::Guard)>,
}

impl Staged {
    pub fn new() -> Staged {
        Staged::default()
    }

    /// Write one output to a locked temporary file in its destination folder.
    ///
    /// # Errors
    /// [`Fatal::CannotWrite`] when the file cannot be created, written or synced; the
    /// temporary file is then removed.
    pub fn stage(&mut self, path: &Path, write: impl FnOnce(&mut File) -> std::io::Result<()>) -> Result<(), Fatal> {
        let fail = |e: std::io::Error| Fatal::CannotWrite { path: path.to_path_buf(), detail: e.to_string() };
        // The path is registered for removal on Ctrl-C before the file exists: registered
        // after, a signal in between left the temporary file behind.
        let mut interrupt = None;
        let mut tmp = tempfile::Builder::new()
            .prefix(".kascore-")
            .suffix(".tmp")
            .make_in(folder(path), |p| {
                interrupt = Some(crate::cleanup::Guard::new(p));
                File::options().read(true).write(true).create_new(true).open(p)
            })
            .map_err(fail)?;
        let Some(guard) = interrupt else {
            return Err(fail(std::io::Error::other("temporary file not registered")));
        };
        // Held until the process ends or the file is renamed: a later run leaves it alone.
        tmp.as_file().lock().map_err(fail)?;
        write(tmp.as_file_mut()).map_err(fail)?;
        // tempfile creates files readable by their owner only; a report is shared like any file.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(fail)?;
        }
        tmp.as_file().sync_all().map_err(fail)?;
        self.files.push((tmp, path.to_path_buf(), guard));
        Ok(())
    }

    /// Rename every staged file into place. When a rename fails, the outputs already renamed
    /// by this call are removed again and the rest are dropped (deleted), so either all of
    /// them are written or none is.
    ///
    /// # Errors
    /// [`Fatal::CannotWrite`] naming the output that could not be put in place.
    pub fn commit(self) -> Result<(), Fatal> {
        let mut done: Vec<PathBuf> = Vec::new();
        for (tmp, path, guard) in self.files {
            if let Err(e) = tmp.persist(&path) {
                for p in &done {
                    let _ = std::fs::remove_file(p);
                }
                drop(guard);
                return Err(Fatal::CannotWrite { path, detail: e.error.to_string() });
            }
            drop(guard);
            done.push(path);
        }
        Ok(())
    }
}

/// Write one file on its own, through a temporary file (the template and sample commands).
///
/// # Errors
/// [`Fatal::CannotWrite`] as [`Staged::stage`] and [`Staged::commit`].
pub fn write_file(path: &Path, write: impl FnOnce(&mut File) -> std::io::Result<()>) -> Result<(), Fatal> {
    let mut staged = Staged::new();
    staged.stage(path, write)?;
    staged.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req<'a>(flag: &'static str, path: &'a Path, xlsx: bool) -> Request<'a> {
        Request { flag, path, xlsx }
    }

    #[test]
    fn outputs_are_checked_before_anything_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.xlsx");
        let input = dir.path().join("in.xlsx");
        std::fs::write(&input, b"x").unwrap();
        let problem = |rs: &[Request], force| match check(rs, std::slice::from_ref(&input), force) {
            Err(Fatal::Output { problem, .. }) => Some(problem),
            Err(other) => panic!("{other}"),
            Ok(()) => None,
        };
        assert_eq!(problem(&[req("-o", &report, true)], false), None);
        assert_eq!(problem(&[req("-o", &dir.path().join("r.csv"), true)], false), Some(OutputProblem::NotXlsx));
        assert_eq!(problem(&[req("-o", Path::new("-"), true)], false), Some(OutputProblem::NotXlsx));
        assert_eq!(
            problem(&[req("-o", &dir.path().join("no/r.xlsx"), true)], false),
            Some(OutputProblem::FolderMissing)
        );
        assert_eq!(problem(&[req("-o", &input, true)], true), Some(OutputProblem::IsInput));
        std::fs::write(&report, b"old").unwrap();
        assert_eq!(problem(&[req("-o", &report, true)], false), Some(OutputProblem::Exists));
        assert_eq!(problem(&[req("-o", &report, true)], true), None);
        let json = dir.path().join("s.json");
        std::fs::write(&json, b"{}").unwrap();
        assert_eq!(problem(&[req("--json", &json, false)], false), Some(OutputProblem::Exists));
        let sub = dir.path().join("sub.xlsx");
        std::fs::create_dir(&sub).unwrap();
        assert_eq!(problem(&[req("-o", &sub, true)], true), Some(OutputProblem::IsFolder));
        let same = check(&[req("-o", &report, true), req("--json", &report, false)], &[], true);
        assert!(matches!(same, Err(Fatal::OutputsSame { .. })), "{same:?}");
    }

    #[test]
    fn all_outputs_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.xlsx");
        let b = dir.path().join("b.json");
        let mut staged = Staged::new();
        staged.stage(&a, |f| std::io::Write::write_all(f, b"report")).unwrap();
        // The second output fails while being written: the first is not left behind either.
        let failed = staged.stage(&b, |_| Err(std::io::Error::other("disk full")));
        assert!(failed.is_err());
        drop(staged);
        assert!(!a.exists() && !b.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no temporary file left");

        let mut staged = Staged::new();
        staged.stage(&a, |f| std::io::Write::write_all(f, b"report")).unwrap();
        staged.stage(&b, |f| std::io::Write::write_all(f, b"{}")).unwrap();
        staged.commit().unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"report");
        assert_eq!(std::fs::read(&b).unwrap(), b"{}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn stale_temporary_files_are_removed_but_not_live_ones() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".kascore-abc123.tmp");
        std::fs::write(&stale, b"left by a killed run").unwrap();
        let other = dir.path().join("notes.tmp");
        std::fs::write(&other, b"not ours").unwrap();
        // A run still writing: its file is locked.
        let live = dir.path().join(".kascore-live01.tmp");
        let held = File::create(&live).unwrap();
        held.lock().unwrap();
        // Files younger than the run's start are left alone, whoever holds them.
        let young = SystemTime::now() - std::time::Duration::from_secs(3600);
        assert_eq!(clean_stale(dir.path(), young), 0);
        let started = SystemTime::now() + std::time::Duration::from_secs(1);
        assert_eq!(clean_stale(dir.path(), started), 1);
        assert!(!stale.exists());
        assert!(live.exists() && other.exists());
        drop(held);
        assert_eq!(clean_stale(dir.path(), started), 1);
        assert!(!live.exists());
    }
}

//! `kascore score` itself: phase timings on standard error, an existing report needs
//! `--force`, inputs are never overwritten, and an output folder that does not exist.

use crate::util::{graded_book, Workdir};

#[test]
fn phase_timings_go_to_stderr_when_asked() {
    let wd = Workdir::new();
    graded_book(&wd);
    let quiet = wd.run(&["score", "book.xlsx", "--as-of", "2026-10-31", "-o", "r.xlsx", "--quiet"]);
    assert!(!quiet.stderr.contains("timing"), "{}", quiet.stderr);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kascore"))
        .current_dir(wd.root())
        .env("KASCORE_TIMINGS", "1")
        .args(["score", "book.xlsx", "--as-of", "2026-10-31", "-o", "r.xlsx", "--force", "--quiet"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for phase in ["read", "score", "tabs", "save"] {
        assert!(stderr.contains(&format!("kascore: timing: {phase}")), "{stderr}");
    }
    // With the CPU time beside the wall time where /proc says it.
    #[cfg(target_os = "linux")]
    assert_eq!(stderr.matches(" CPU ").count(), 4, "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn existing_report_needs_force_and_inputs_are_never_overwritten() {
    let wd = Workdir::new();
    graded_book(&wd);
    let first = wd.run(&["score", "book.xlsx", "--as-of", "2026-10-31", "--quiet"]);
    assert_eq!(first.code, 0, "{first:?}");
    let default = wd.path("kascore-report-2026-10.xlsx");
    assert!(default.exists(), "default report name");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&default).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "a report is readable like any file, not only by its owner");
    let before = std::fs::read(&default).unwrap();
    let again = wd.run(&["score", "book.xlsx", "--as-of", "2026-10-31", "--quiet"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(std::fs::read(&default).unwrap(), before, "the refused run left the old report alone");
    assert_eq!(wd.run(&["score", "book.xlsx", "--as-of", "2026-10-31", "--quiet", "--force"]).code, 0);
    let input = std::fs::read(wd.path("book.xlsx")).unwrap();
    let clash = wd.run(&["score", "book.xlsx", "-o", "book.xlsx", "--force", "--quiet", "--lang", "en"]);
    assert_eq!(clash.code, 1);
    assert!(clash.stderr.contains("never overwrites an input"), "{}", clash.stderr);
    assert_eq!(std::fs::read(wd.path("book.xlsx")).unwrap(), input);
    // No temp files left behind.
    let leftovers: Vec<_> = std::fs::read_dir(wd.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn an_unwritable_destination_fails_cleanly() {
    let wd = Workdir::new();
    graded_book(&wd);
    let run = wd.run(&["score", "book.xlsx", "-o", "no/such/folder/r.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("the folder no/such/folder does not exist"), "{}", run.stderr);
    let run = wd.run(&["score", "book.xlsx", "-o", "no/such/folder/r.xlsx"]);
    assert!(run.stderr.contains("文件夹 no/such/folder 不存在"), "{}", run.stderr);
}

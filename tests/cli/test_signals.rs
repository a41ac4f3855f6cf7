//! A run stopped while its report is being written: SIGINT and SIGTERM leave nothing behind,
//! SIGKILL leaves a temporary file that the next run removes.

use crate::util::Workdir;

/// A CSV of `n` accounts, quick to write.
fn big_csv(wd: &Workdir, name: &str, n: u32) {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(wd.path(name)).unwrap());
    writeln!(
        f,
        "客户编号,客户名称,预算,预计金额,预计成交日期,业务匹配度,关系紧密度,竞争优势,附加价值,应收账款,逾期金额"
    )
    .unwrap();
    for i in 0..n {
        writeln!(
            f,
            "K{i},公司{i},{},{},2027-01-{:02},{},4,3,5,{},{}",
            100 + i % 50,
            90 + i % 70,
            1 + i % 28,
            1 + i % 5,
            i % 1000,
            i % 300
        )
        .unwrap();
    }
}

/// Send `signal` while the report is being written: no report, no temporary file, exit 1.
/// Start a long run and send `signal` while its report is being written (a temporary file with
/// bytes in it: the writability probe before the run is empty). Returns the run's exit code
/// and what the output folder holds afterwards.
fn signal_during_write(wd: &Workdir, signal: i32) -> (Option<i32>, Vec<String>) {
    big_csv(wd, "big.csv", 60_000);
    std::fs::create_dir(wd.path("out")).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kascore"))
        .args(["score", "big.csv", "-o", "out/r.xlsx", "--quiet", "--as-of", "2026-11-30"])
        .current_dir(wd.root())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    let mut signalled = false;
    while std::time::Instant::now() < deadline {
        let writing = std::fs::read_dir(wd.path("out")).unwrap().flatten().any(|e| {
            e.file_name().to_string_lossy().starts_with(".kascore-") && e.metadata().is_ok_and(|m| m.len() > 0)
        });
        if writing {
            // SAFETY: kill(2) on our own child.
            unsafe { libc::kill(child.id() as i32, signal) };
            signalled = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let status = child.wait().unwrap();
    assert!(signalled, "the run finished before the report was being written");
    let left: Vec<String> = std::fs::read_dir(wd.path("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    (status.code(), left)
}

fn interrupt_during_write(signal: i32) {
    let wd = Workdir::new();
    let (code, left) = signal_during_write(&wd, signal);
    assert_eq!(code, Some(1));
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_killed_run_leaves_a_temporary_file_that_the_next_run_removes() {
    let wd = Workdir::new();
    // SIGKILL cannot be caught: the temporary file stays, unlocked once the process is gone.
    let (code, left) = signal_during_write(&wd, libc::SIGKILL);
    assert_eq!(code, None, "killed by a signal");
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(".kascore-") && left[0].ends_with(".tmp"), "{left:?}");
    std::fs::write(wd.path("small.csv"), "客户名称,预算\n甲公司,100\n").unwrap();
    let run = wd.run(&["score", "small.csv", "-o", "out/r.xlsx", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    let now: Vec<String> = std::fs::read_dir(wd.path("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(now, ["r.xlsx"]);
}

#[test]
fn sigint_during_the_write_leaves_nothing() {
    interrupt_during_write(libc::SIGINT);
}

#[test]
fn sigterm_during_the_write_leaves_nothing() {
    interrupt_during_write(libc::SIGTERM);
}

//! kascore against the I/O floor.
//!
//! The floor is the least any tool must do with the same input: read every cell with calamine
//! and write every cell with rust_xlsxwriter, nothing else. This benchmark generates account
//! sheets with `kascore sample` (5k, 200k and 1M rows by default), then runs the floor and
//! `kascore score` on each, alternately, each in its own process, and prints wall time, peak
//! RSS and the kascore/floor ratios. It also times calamine reading the input alone (the
//! floor's first half, and the least kascore's read phase can take: one sheet is one deflate
//! stream, parsed on one thread).
//!
//! Line-item workloads (SPEC §7 v2) follow: an invoice ledger and a deal pipeline of many rows
//! per account (`kascore sample --kind`), against calamine reading the same file — the report is
//! one row per account, so reading is the floor there — with peak RSS, which should be that of
//! the accounts, not of the lines.
//!
//! Run: `cargo bench --bench floor` (sizes: `KASCORE_BENCH_SIZES=5000,200000`; line-item
//! workloads `KASCORE_BENCH_LINES=receivables:1000000:50000,opportunities:1000000:50000,orders:1000000:50000` as
//! kind:rows:accounts, `none` for none; runs per program: `KASCORE_BENCH_RUNS=3`; work folder:
//! `KASCORE_BENCH_DIR`, default the system temp).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use calamine::{open_workbook, DataRef, Reader, Xlsx};
use rust_xlsxwriter::Workbook;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // Child mode: the floor program itself.
    if args.get(1).map(String::as_str) == Some("--floor") {
        if let (Some(input), Some(output)) = (args.get(2), args.get(3)) {
            floor(Path::new(input), Path::new(output));
        }
        return;
    }
    if args.get(1).map(String::as_str) == Some("--read") {
        if let Some(input) = args.get(2) {
            read_only(Path::new(input));
        }
        return;
    }
    // `cargo bench` passes "--bench"; anything else that looks like a filter is ignored.
    let sizes: Vec<u64> = std::env::var("KASCORE_BENCH_SIZES")
        .unwrap_or_else(|_| "5000,200000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs: usize = std::env::var("KASCORE_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(2);
    let dir = std::env::var_os("KASCORE_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("kascore-bench"));
    std::fs::create_dir_all(&dir).expect("bench folder");
    let kascore = env!("CARGO_BIN_EXE_kascore");
    let me = std::env::current_exe().expect("own path");
    println!(
        "kascore vs the I/O floor (best of {runs} runs each, alternating; {} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:>9} | {:>7} | {:>9} {:>9} | {:>9} {:>9} | {:>6} {:>6}",
        "rows", "read s", "floor s", "floor MB", "kascore s", "kasc. MB", "time×", "RSS×"
    );
    for n in sizes {
        let input = dir.join(format!("sample-{n}.xlsx"));
        if !input.exists() {
            let ok = Command::new(kascore)
                .args(["sample", "-o"])
                .arg(&input)
                .args(["--rows", &n.to_string(), "--seed", "7", "--quiet"])
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "kascore sample failed for {n} rows");
        }
        let floor_out = dir.join(format!("floor-{n}.xlsx"));
        let report = dir.join(format!("report-{n}.xlsx"));
        let (mut floor_best, mut kas_best) = ((f64::MAX, 0u64), (f64::MAX, 0u64));
        let mut read_best = f64::MAX;
        for _ in 0..runs {
            let mut r = Command::new(&me);
            r.arg("--read").arg(&input);
            read_best = read_best.min(measure(r).0);
            let mut f = Command::new(&me);
            f.arg("--floor").arg(&input).arg(&floor_out);
            let r = measure(f);
            if r.0 < floor_best.0 {
                floor_best = r;
            }
            let mut k = Command::new(kascore);
            k.arg("score").arg(&input).arg("-o").arg(&report).args(["--force", "--quiet", "--as-of", "2026-11-30"]);
            let r = measure(k);
            if r.0 < kas_best.0 {
                kas_best = r;
            }
        }
        let mb = |kb: u64| kb as f64 / 1024.0;
        println!(
            "{:>9} | {:>7.2} | {:>9.2} {:>9.0} | {:>9.2} {:>9.0} | {:>6.2} {:>6.2}",
            n,
            read_best,
            floor_best.0,
            mb(floor_best.1),
            kas_best.0,
            mb(kas_best.1),
            kas_best.0 / floor_best.0,
            kas_best.1 as f64 / floor_best.1.max(1) as f64
        );
    }
    line_items(kascore, &me, &dir, runs);
}

/// The line-item workloads: kascore against calamine reading the same lines.
fn line_items(kascore: &str, me: &Path, dir: &Path, runs: usize) {
    let spec = std::env::var("KASCORE_BENCH_LINES")
        .unwrap_or_else(|_| "receivables:1000000:50000,opportunities:1000000:50000,orders:1000000:50000".into());
    let loads: Vec<(String, u64, u64)> = spec
        .split(',')
        .filter_map(|w| {
            let mut p = w.trim().split(':');
            Some((p.next()?.to_string(), p.next()?.parse().ok()?, p.next()?.parse().ok()?))
        })
        .collect();
    if loads.is_empty() {
        return;
    }
    println!();
    println!("line items: kascore vs calamine reading the same file (best of {runs})");
    println!(
        "{:>13} {:>9} {:>8} | {:>7} {:>8} | {:>9} {:>9} | {:>6}",
        "kind", "rows", "accounts", "read s", "read MB", "kascore s", "kasc. MB", "time×"
    );
    for (kind, rows, accounts) in loads {
        let input = dir.join(format!("lines-{kind}-{rows}-{accounts}.xlsx"));
        if !input.exists() {
            let ok = Command::new(kascore)
                .args(["sample", "--kind", &kind, "-o"])
                .arg(&input)
                .args(["--rows", &rows.to_string(), "--accounts", &accounts.to_string(), "--seed", "7", "--quiet"])
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "kascore sample --kind {kind} failed");
        }
        let report = dir.join(format!("report-{kind}-{rows}.xlsx"));
        let (mut read_best, mut kas_best) = ((f64::MAX, 0u64), (f64::MAX, 0u64));
        for _ in 0..runs {
            let mut r = Command::new(me);
            r.arg("--read").arg(&input);
            let got = measure(r);
            if got.0 < read_best.0 {
                read_best = got;
            }
            let mut k = Command::new(kascore);
            k.arg("score").arg(&input).arg("-o").arg(&report).args(["--force", "--quiet", "--as-of", "2026-11-30"]);
            let got = measure(k);
            if got.0 < kas_best.0 {
                kas_best = got;
            }
        }
        let mb = |kb: u64| kb as f64 / 1024.0;
        println!(
            "{:>13} {:>9} {:>8} | {:>7.2} {:>8.0} | {:>9.2} {:>9.0} | {:>6.2}",
            kind,
            rows,
            accounts,
            read_best.0,
            mb(read_best.1),
            kas_best.0,
            mb(kas_best.1),
            kas_best.0 / read_best.0
        );
    }
}

/// Run a program; wall seconds and peak RSS in KiB (from wait4's rusage).
// The child is reaped by wait4 (which also gives its rusage), not by Child::wait.
#[allow(clippy::zombie_processes)]
fn measure(mut cmd: Command) -> (f64, u64) {
    let start = Instant::now();
    let child = cmd.spawn().expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for the child we just spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    assert!(rc == pid, "wait4 failed");
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    assert!(code == 0 || code == 3, "{cmd:?} exited with {code}");
    (wall, usage.ru_maxrss as u64)
}

/// The floor: read every cell with calamine (streaming, as kascore does) and write every cell
/// with rust_xlsxwriter (constant memory, the same zip level as kascore).
fn floor(input: &Path, output: &Path) {
    let mut book: Xlsx<_> = open_workbook(input).expect("open input");
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(kascore::report::ZIP_LEVEL);
    for name in book.sheet_names() {
        let mut ws = wb.new_worksheet_with_constant_memory().expect("worksheet");
        let mut cells = book.worksheet_cells_reader(&name).expect("sheet");
        while let Ok(Some(cell)) = cells.next_cell() {
            let (r, c) = cell.get_position();
            let c = c as u16;
            let _ = match cell.get_value() {
                DataRef::String(s) => ws.write_string(r, c, s),
                DataRef::SharedString(s) => ws.write_string(r, c, *s),
                DataRef::Float(f) => ws.write_number(r, c, *f),
                DataRef::Int(i) => ws.write_number(r, c, *i as f64),
                DataRef::Bool(b) => ws.write_boolean(r, c, *b),
                DataRef::DateTime(d) => ws.write_number(r, c, d.as_f64()),
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => ws.write_string(r, c, s),
                DataRef::Error(e) => ws.write_string(r, c, e.to_string()),
                DataRef::Empty => continue,
            };
        }
        drop(cells);
        wb.push_worksheet(ws);
    }
    wb.save(output).expect("save");
}

/// calamine reading every cell and nothing else.
fn read_only(input: &Path) {
    let mut book: Xlsx<_> = open_workbook(input).expect("open input");
    let mut cells_read = 0u64;
    for name in book.sheet_names() {
        let mut cells = book.worksheet_cells_reader(&name).expect("sheet");
        while let Ok(Some(cell)) = cells.next_cell() {
            if !matches!(cell.get_value(), DataRef::Empty) {
                cells_read += 1;
            }
        }
    }
    std::hint::black_box(cells_read);
}

//! Golden comparison: the samples, a messy synthetic export and a month-over-month run, scored
//! in both languages; the JSON summary and every tab's cells (the hidden data tab included)
//! must stay exactly as recorded in `tests/golden/`. A refactoring that changes no behaviour
//! passes unchanged; a deliberate change is recorded again with
//! `KASCORE_BLESS=1 cargo test --test cli golden` and reviewed in the diff.
//!
//! What legitimately differs between machines is masked: input files' modified times on the
//! Model tab and the tool version.

use std::path::Path;

use crate::util::{Report, Workdir};

fn golden_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Every tab of a report as text: one line per non-empty row, cells joined by " | ".
fn dump_report(path: &Path) -> String {
    use calamine::{Data, Reader};
    let mut rep = Report::open(path);
    let mut out = String::new();
    for tab in rep.book.sheet_names() {
        out.push_str(&format!("== {tab}\n"));
        let Ok(range) = rep.book.worksheet_range(&tab) else {
            out.push_str("(unreadable)\n");
            continue;
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match v {
                    Data::Float(f) => format!("{f}"),
                    Data::DateTime(d) => d.as_datetime().map(|d| d.to_string()).unwrap_or_else(|| d.to_string()),
                    other => other.to_string(),
                })
                .collect();
            if cells.iter().all(String::is_empty) {
                continue;
            }
            let line = cells.join(" | ");
            let line = mask(&line);
            out.push_str(&format!("{:>5}: {}{line}\n", r0 as usize + r + 1, " | ".repeat(c0 as usize)));
        }
    }
    out
}

/// Modified times (YYYY-MM-DD HH:MM…) and the tool version vary by machine and release.
fn mask(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        // A date followed by a time: "2026-11-30 12:34:56" or "2026-11-30T12:34".
        let looks_like_stamp = i + 16 <= chars.len()
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars[i + 4] == '-'
            && chars[i + 7] == '-'
            && (chars[i + 10] == ' ' || chars[i + 10] == 'T')
            && chars[i + 11].is_ascii_digit()
            && chars[i + 13] == ':';
        // A date cell read back is at midnight exactly; a file's modified time can be any time,
        // 00:01 included (masking only times past 00:09 made the test fail just after midnight).
        let midnight = looks_like_stamp && {
            let time: String =
                chars[i + 11..].iter().take_while(|c| c.is_ascii_digit() || **c == ':' || **c == '.').collect();
            time.trim_end_matches(['0', ':', '.']).is_empty()
        };
        if looks_like_stamp && !midnight {
            out.push_str("<time>");
            i += 16;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ':' || chars[i] == '.') {
                i += 1;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out.replace(&format!("kascore {}", env!("CARGO_PKG_VERSION")), "kascore <version>")
}

fn dump_json(path: &Path) -> String {
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v["tool_version"] = serde_json::Value::from("<version>");
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

/// Compare with the recorded file, or record it with KASCORE_BLESS=1.
fn check(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var("KASCORE_BLESS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: record it with KASCORE_BLESS=1", path.display()));
    if expected != actual {
        let first = expected.lines().zip(actual.lines()).position(|(a, b)| a != b);
        let line = first.unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        let show = |s: &str| s.lines().skip(line.saturating_sub(2)).take(5).collect::<Vec<_>>().join("\n");
        panic!(
            "{name} differs from the recorded output at line {}:\n--- recorded\n{}\n--- now\n{}\n(record a deliberate change with KASCORE_BLESS=1)",
            line + 1,
            show(&expected),
            show(actual)
        );
    }
}

fn copy_samples(wd: &Workdir) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    std::fs::create_dir(wd.path("samples")).unwrap();
    for entry in std::fs::read_dir(&from).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".xlsx") || name.ends_with(".csv") {
            std::fs::copy(entry.path(), wd.path(&format!("samples/{name}"))).unwrap();
        }
    }
}

#[test]
fn golden_samples_in_both_languages() {
    let wd = Workdir::new();
    copy_samples(&wd);
    for lang in ["zh", "en"] {
        let report = format!("samples-{lang}.xlsx");
        let json = format!("samples-{lang}.json");
        let run = wd.run(&[
            "score",
            "samples",
            "--as-of",
            "2026-11-30",
            "--lang",
            lang,
            "-o",
            &report,
            "--json",
            &json,
            "--quiet",
        ]);
        assert_eq!(run.code, 3, "{run:?}");
        check(&format!("samples-{lang}.tabs.txt"), &dump_report(&wd.path(&report)));
        check(&format!("samples-{lang}.json"), &dump_json(&wd.path(&json)));
    }
}

#[test]
fn golden_messy_export_and_the_month_after() {
    let wd = Workdir::new();
    for (file, seed) in [("oct.xlsx", "7"), ("nov.csv", "8")] {
        let run = wd.run(&["sample", "-o", file, "--rows", "150", "--seed", seed, "--messy", "--quiet"]);
        assert_eq!(run.code, 0, "{run:?}");
    }
    let run = wd.run(&["score", "oct.xlsx", "--as-of", "2026-10-31", "-o", "r-oct.xlsx", "--quiet"]);
    assert_eq!(run.code, 3, "{run:?}");
    let run = wd.run(&[
        "score",
        "nov.csv",
        "--as-of",
        "2026-11-30",
        "--previous",
        "r-oct.xlsx",
        "-o",
        "r-nov.xlsx",
        "--json",
        "nov.json",
        "--quiet",
        "--hours",
        "900",
        "--people",
        "6",
        "--money",
        "500000",
    ]);
    assert_eq!(run.code, 3, "{run:?}");
    check("messy-nov.tabs.txt", &dump_report(&wd.path("r-nov.xlsx")));
    check("messy-nov.json", &dump_json(&wd.path("nov.json")));
}

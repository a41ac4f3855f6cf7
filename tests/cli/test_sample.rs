//! `kascore sample`: deterministic synthetic sheets that score into every grade and quadrant.

use std::collections::BTreeSet;

use crate::util::{accounting, Workdir};

fn sample(wd: &Workdir, args: &[&str]) {
    let mut all = vec!["sample"];
    all.extend_from_slice(args);
    let run = wd.run(&all);
    assert_eq!(run.code, 0, "{run:?}");
}

fn bytes(wd: &Workdir, name: &str) -> Vec<u8> {
    std::fs::read(wd.path(name)).unwrap()
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_accounts() {
    let wd = Workdir::new();
    for ext in ["csv", "xlsx"] {
        let (a, b, c) = (format!("a.{ext}"), format!("b.{ext}"), format!("c.{ext}"));
        sample(&wd, &["-o", &a, "--rows", "300", "--messy", "-q"]);
        sample(&wd, &["-o", &b, "--rows", "300", "--messy", "-q", "--seed", "42"]);
        assert!(bytes(&wd, &a) == bytes(&wd, &b), "{ext}: the same seed wrote different files");
        sample(&wd, &["-o", &c, "--rows", "300", "--messy", "-q", "--seed", "43"]);
        assert!(bytes(&wd, &a) != bytes(&wd, &c), "{ext}: another seed wrote the same file");
    }
    // Other accounts, not just other bytes: compare the names column of clean UTF-8 sheets.
    let names = |seed: &str| -> Vec<String> {
        let name = format!("n{seed}.csv");
        sample(&wd, &["-o", &name, "--rows", "50", "--seed", seed, "-q"]);
        let text = String::from_utf8(bytes(&wd, &name)).unwrap();
        assert!(text.starts_with('\u{FEFF}'), "no BOM");
        text.lines().skip(1).map(|l| l.split(',').nth(1).unwrap().to_string()).collect()
    };
    let (a, b) = (names("1"), names("2"));
    assert_eq!(a.len(), 50);
    assert!(a[0].ends_with("公司"), "{}", a[0]);
    assert!(a.iter().zip(&b).filter(|(x, y)| x == y).count() < 5, "{a:?}\n{b:?}");
}

#[test]
fn a_clean_sample_scores_into_every_grade_and_most_quadrants() {
    let wd = Workdir::new();
    sample(&wd, &["-o", "s.xlsx", "--rows", "500"]);
    let (run, json) = wd.json(&["score", "s.xlsx", "--as-of", "2026-11-30", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let rec = &json["reconciliation"];
    assert_eq!(rec["rows_read"], 500);
    assert_eq!(accounting(&json), [500, 500, 0, 0, 0]);
    let errors: Vec<_> = json["issues"].as_array().unwrap().iter().filter(|i| i["severity"] == "error").collect();
    assert!(errors.is_empty(), "{errors:?}");
    for grade in ["A", "B", "C", "D", "needs_info"] {
        assert!(json["counts"][grade].as_u64().unwrap() > 0, "no {grade}: {}", json["counts"]);
    }
    let quadrants: BTreeSet<&str> = json["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["quadrant"].as_str().unwrap())
        .filter(|q| *q != "unclassified")
        .collect();
    assert!(quadrants.len() >= 3, "{quadrants:?}");
    assert!(quadrants.contains("attack"), "no new account (12-month sales 0): {quadrants:?}");
}

#[test]
fn a_messy_sample_has_every_kind_of_trouble_and_still_reconciles() {
    let wd = Workdir::new();
    sample(&wd, &["-o", "m.xlsx", "--rows", "2000", "--messy"]);
    // Formula errors and rows without a name are error-level issues: exit 3. A broken
    // reconciliation would fail the run with exit 1 instead.
    let (run, json) = wd.json(&["score", "m.xlsx", "--as-of", "2026-11-30", "-q"]);
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(json["inputs"][0]["sheets"][0]["header_row"], 4, "title, unit and blank rows above the header");
    let [read, scored, rejected, superseded, skipped] = accounting(&json);
    assert_eq!(read, 2001, "2,000 rows and the totals line");
    assert_eq!(read, scored + rejected + superseded + skipped);
    assert!(rejected > 0, "no row without a name");
    assert!(superseded > 0, "no repeated account");
    assert!(skipped >= 1, "no totals line");
    let fields: BTreeSet<(&str, &str)> = json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["severity"] == "error")
        .map(|i| (i["field"].as_str().unwrap_or(""), i["raw"].as_str().unwrap_or("")))
        .collect();
    assert!(fields.contains(&("overdue_amount", "#N/A")), "{fields:?}");
    assert!(json["counts"]["needs_info"].as_u64().unwrap() > 0);
    // Under the mess (amounts in 万元 and as text, blanks, vague words) are the clean sheet's
    // accounts: most keep their grade.
    sample(&wd, &["-o", "c.xlsx", "--rows", "2000", "-q"]);
    let (_, clean) = wd.json(&["score", "c.xlsx", "--as-of", "2026-11-30"]);
    let grades = |j: &serde_json::Value| -> std::collections::HashMap<String, String> {
        j["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                // Won and lost accounts have no grade: their status stands in.
                let grade = a["grade"].as_str().or(a["status"].as_str()).unwrap();
                (a["id"].as_str().unwrap().to_string(), grade.to_string())
            })
            .collect()
    };
    let (messy, clean) = (grades(&json), grades(&clean));
    let same = messy.iter().filter(|(id, g)| clean.get(*id) == Some(g)).count();
    assert!(same * 10 >= messy.len() * 8, "{same} of {} keep their grade", messy.len());
}

#[test]
fn a_messy_chinese_csv_is_gbk_with_crlf_and_reads_like_the_workbook() {
    let wd = Workdir::new();
    sample(&wd, &["-o", "m.xlsx", "--rows", "600", "--messy", "-q"]);
    sample(&wd, &["-o", "m.csv", "--rows", "600", "--messy", "-q"]);
    let raw = bytes(&wd, "m.csv");
    assert!(std::str::from_utf8(&raw).is_err(), "not GBK");
    let (text, _, bad) = encoding_rs::GBK.decode(&raw);
    assert!(!bad);
    assert!(text.starts_with("XX公司大客户评估表 2026年11月\r\n单位：万元\r\n\r\n客户编号,"), "{}", &text[..80]);
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "not CRLF throughout");
    assert!(text.lines().last().unwrap().starts_with("合计,"));
    let (_, xlsx) = wd.json(&["score", "m.xlsx", "--as-of", "2026-11-30"]);
    let (_, csv) = wd.json(&["score", "m.csv", "--as-of", "2026-11-30"]);
    // The workbook's #N/A is a formula error; in CSV it is only text, so compare the rest.
    assert_eq!(accounting(&xlsx), accounting(&csv));
    assert_eq!(xlsx["counts"], csv["counts"]);
}

#[test]
fn sample_refuses_to_overwrite_and_other_extensions() {
    let wd = Workdir::new();
    sample(&wd, &["-o", "s.csv", "--rows", "0", "-q"]);
    let again = wd.run(&["sample", "-o", "s.csv", "--rows", "3"]);
    assert_eq!(again.code, 1, "{again:?}");
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(bytes(&wd, "s.csv").iter().filter(|b| **b == b'\n').count(), 1, "header only");
    sample(&wd, &["-o", "s.csv", "--rows", "3", "--force", "-q"]);
    assert_eq!(bytes(&wd, "s.csv").iter().filter(|b| **b == b'\n').count(), 4);
    let bad = wd.run(&["sample", "-o", "s.txt", "--rows", "3"]);
    assert_eq!(bad.code, 2, "{bad:?}");
    assert!(bad.stderr.contains(".xlsx or .csv"), "{}", bad.stderr);
    assert!(!wd.path("s.txt").exists());
    let too_many = wd.run(&["sample", "-o", "big.xlsx", "--rows", "1048576"]);
    assert_eq!(too_many.code, 2, "{too_many:?}");
    assert!(too_many.stderr.contains("1048575"), "{}", too_many.stderr);
    let (run, json) = wd.json(&["score", "s.csv", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(json["reconciliation"]["rows_read"], 3);
}

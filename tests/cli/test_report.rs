//! The report workbook: its tabs in both languages and what they list, number formats, a grade
//! tab spilling past Excel's last row, and the report as LibreOffice renders it.

use crate::util::{graded_book, Report, Workdir};

const ZH_TABS: [&str; 11] =
    ["概览", "A", "B", "C", "D", "待补充", "资源分配", "风险标记", "应收账款", "数据问题", "模型"];
const EN_TABS: [&str; 11] =
    ["Summary", "A", "B", "C", "D", "Needs information", "Allocation", "Flags", "Receivables", "Data issues", "Model"];

#[test]
fn report_tabs_in_order_in_both_languages() {
    let wd = Workdir::new();
    graded_book(&wd);
    let run = wd.run(&["score", "book.xlsx", "--as-of", "2026-10-31", "-o", "zh.xlsx"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(Report::open(&wd.path("zh.xlsx")).tabs(), ZH_TABS.to_vec());
    let run = wd.run(&["score", "book.xlsx", "--as-of", "2026-10-31", "-o", "en.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(Report::open(&wd.path("en.xlsx")).tabs(), EN_TABS.to_vec());
}

#[test]
fn every_graded_account_appears_once_and_counts_match() {
    let wd = Workdir::new();
    graded_book(&wd);
    let (run, json) = wd.json(&["score", "book.xlsx", "--as-of", "2026-10-31", "-o", "r.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    let grades: Vec<(&str, &str)> = json["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["grade"].as_str().unwrap()))
        .collect();
    assert_eq!(grades, [("K-A", "A"), ("K-B", "B"), ("K-C", "C"), ("K-D", "D"), ("K-N", "needs_info")]);
    let mut rep = Report::open(&wd.path("r.xlsx"));
    let mut seen = Vec::new();
    for tab in ["A", "B", "C", "D"] {
        let rows = rep.list(tab, "Account ID");
        for r in &rows {
            seen.push((r["Account ID"].clone(), tab.to_string()));
            assert_eq!(
                r["Source"],
                format!("book.xlsx!Sheet1!{}", 2 + ["A", "B", "C", "D"].iter().position(|t| t == &tab).unwrap())
            );
        }
        // The summary's count for the grade equals the tab's rows.
        let summary = rep.list("Summary", "Grade");
        let count = summary.iter().find(|s| s["Grade"] == tab).unwrap()["Accounts"].clone();
        assert_eq!(count, rows.len().to_string(), "grade {tab}");
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            ("K-A".into(), "A".into()),
            ("K-B".into(), "B".into()),
            ("K-C".into(), "C".into()),
            ("K-D".into(), "D".into())
        ]
    );
    let needs = rep.list("Needs information", "Account ID");
    assert_eq!(needs.len(), 1);
    assert!(needs[0]["Fill in"].lines().any(|l| l == "Need & budget: missing budget (column C)"), "{:?}", needs[0]);
    // Headers of a grade tab.
    let a = rep.list("A", "Account ID");
    for h in [
        "Owner",
        "Score",
        "Need & budget",
        "Timing of entry",
        "Stage",
        "Reason",
        "Quadrant",
        "Flags",
        "Deal value",
        "Expected close",
        "Open deals",
        "Source",
    ] {
        assert!(a[0].contains_key(h), "missing header {h}");
    }
    assert_eq!(a[0]["Score"], "20");
    assert_eq!(a[0]["Reason"], "20.00 ≥ 17; closes in 45 days → A");
    // The reconciliation on the summary equals the JSON's.
    let grid = rep.grid("Summary");
    let shown = grid.iter().find(|r| r[0] == "Row accounting").unwrap()[1].clone();
    let rec = &json["reconciliation"];
    assert_eq!(
        shown,
        format!(
            "read {} = account rows {} + merged {} + rolled up {} + rejected {} + skipped {}",
            rec["rows_read"], rec["account_rows"], rec["merged"], rec["rolled_up"], rec["rejected"], rec["skipped"]
        )
    );
    let shown = grid.iter().find(|r| r[0] == "Account accounting").unwrap()[1].clone();
    assert_eq!(
        shown,
        format!(
            "accounts {} = account rows {} + from line items {} = graded {} + needs info {} + won {} + lost {}",
            rec["accounts"],
            rec["account_rows"],
            rec["from_line_items"],
            rec["graded"],
            rec["needs_info"],
            rec["won"],
            rec["lost"]
        )
    );
}

#[test]
fn weak_credit_and_receivables_reach_finance() {
    let wd = Workdir::new();
    graded_book(&wd);
    let run = wd.run(&["score", "book.xlsx", "--as-of", "2026-10-31", "-o", "r.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    let mut rep = Report::open(&wd.path("r.xlsx"));
    let flags = rep.list("Flags", "Flag");
    // K-C: 20万 of 30万 overdue (67%) for 120 days → weak credit, listed first.
    assert_eq!(flags[0]["Flag"], "Weak credit");
    assert_eq!(flags[0]["Account ID"], "K-C");
    assert!(flags[0]["Reasons"].contains("67% of receivables overdue"), "{:?}", flags[0]);
    // Its cells: the overdue amount and the overdue days, on one row of one sheet, which is
    // named once.
    assert_eq!(flags[0]["Cell"], "book.xlsx!Sheet1!S4, T4");
    // The list: largest exposure (receivables + open deal value) first, with its rank, so the
    // top exposures are its first rows.
    let recv = rep.list("Receivables", "Exposure rank");
    let shown: Vec<(&str, &str, &str)> = recv
        .iter()
        .take(2)
        .map(|r| (r["Exposure rank"].as_str(), r["Account ID"].as_str(), r["Exposure"].as_str()))
        .collect();
    assert_eq!(shown, [("1", "K-A", "1500000"), ("2", "K-C", "1300000")]);
    let c = &recv[1];
    assert_eq!((c["Risk"].as_str(), c["Risk rule"].as_str()), ("High", "overdue more than 90 days"));
    assert_eq!(c["91-180 days"], "200000");
    assert_eq!(c["Current"], "100000", "30万 owed, 20万 of it overdue");
    // Empty aging buckets are blank, not 0; a known zero overdue stays 0.
    assert_eq!(c["1-30 days"], "");
    let a = &recv[0];
    assert_eq!((a["Total overdue"].as_str(), a["1-30 days"].as_str()), ("0", ""));
}

#[test]
fn the_allocation_lists_the_accounts_that_get_resources() {
    // Capability line: the median annual purchase, 500万. K-A (1000万, 60% share) defends,
    // K-B (no sales yet) is attacked, K-C and K-D (low capability, 10% share) are abandoned:
    // ratio 0, so they are counted and noted but not listed with zero hours.
    let wd = Workdir::new();
    graded_book(&wd);
    let run = wd.run(&["score", "book.xlsx", "--as-of", "2026-10-31", "-o", "r.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    let grid = Report::open(&wd.path("r.xlsx")).grid("Allocation");
    let abandon = grid.iter().find(|r| r[0] == "Abandon").unwrap();
    assert_eq!(abandon[1], "2", "the quadrant table still counts them: {abandon:?}");
    assert!(
        grid.iter().any(|r| r[0].contains("Abandon has a ratio of 0; its 2 accounts get no resources")),
        "{grid:?}"
    );
    let header = grid.iter().position(|r| r.get(1).is_some_and(|c| c == "Account ID")).unwrap();
    let listed: Vec<(&str, &str)> =
        grid[header + 1..].iter().filter(|r| !r[1].is_empty()).map(|r| (r[0].as_str(), r[1].as_str())).collect();
    assert_eq!(listed, [("Attack", "K-B"), ("Defend", "K-A")]);
}

/// Dates show as dates and amounts as amounts on the grade tabs, run after run. (The tabs are
/// built on several threads, and a format numbered twice once turned the close dates into
/// "46371.00"; that race itself is tested in `report::table`.)
#[test]
fn list_columns_keep_their_number_formats() {
    use calamine::{Data, Reader};
    let wd = Workdir::new();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    for run in 0..3 {
        let out = format!("r{run}.xlsx");
        let r = wd.run(&["score", samples, "--as-of", "2026-11-30", "-o", &out, "--lang", "en", "--quiet"]);
        assert_eq!(r.code, 3, "{r:?}");
        let mut rep = Report::open(&wd.path(&out));
        let mut dates = 0;
        for tab in ["A", "B", "C", "D"] {
            let range = rep.book.worksheet_range(tab).unwrap();
            let rows: Vec<&[Data]> = range.rows().collect();
            // Below the grade's action line.
            let h = rows.iter().position(|r| matches!(r.first(), Some(Data::String(s)) if s == "Account ID")).unwrap();
            let col = |name: &str| rows[h].iter().position(|c| matches!(c, Data::String(s) if s == name)).unwrap();
            let (score, deal, close) = (col("Score"), col("Deal value"), col("Expected close"));
            for row in &rows[h + 1..] {
                assert!(matches!(row[score], Data::Float(_)), "{tab}: score {:?}", row[score]);
                assert!(matches!(row[deal], Data::Float(_) | Data::Empty), "{tab}: deal {:?}", row[deal]);
                assert!(matches!(row[close], Data::DateTime(_) | Data::Empty), "{tab}: close {:?}", row[close]);
                dates += usize::from(row[close] != Data::Empty);
            }
        }
        assert!(dates > 50, "{dates} close dates");
    }
}

/// A program on PATH. Missing, the test is skipped with a line saying so, unless
/// `KASCORE_REQUIRE_SOFFICE=1` (set by `.ci/run`, which installs it): then it fails.
fn tool(names: &[&str], package: &str) -> Option<String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for n in names {
        if std::env::split_paths(&path).any(|dir| dir.join(n).is_file()) {
            return Some(n.to_string());
        }
    }
    let required = std::env::var("KASCORE_REQUIRE_SOFFICE").is_ok_and(|v| v == "1");
    assert!(!required, "this test needs {names:?}: apt-get install -y {package} (.ci/run installs it)");
    // Straight to the process's standard error: the test harness captures eprintln!, and a
    // skip must be seen.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {} not installed (apt-get install -y {package})", names[0]);
    None
}

#[test]
fn the_samples_report_opens_in_libreoffice() {
    let (Some(soffice), Some(pdftotext)) =
        (tool(&["soffice", "libreoffice"], "libreoffice-calc-nogui"), tool(&["pdftotext"], "poppler-utils"))
    else {
        return;
    };
    let wd = Workdir::new();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let run = wd.run(&["score", samples, "--as-of", "2026-11-30", "-o", "report.xlsx", "--lang", "en", "--quiet"]);
    assert_eq!(run.code, 3, "the samples carry deliberate errors: {run:?}");
    let profile = format!("-env:UserInstallation=file://{}", wd.path("lo-profile").display());
    let out = std::process::Command::new(&soffice)
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(wd.root())
        .arg(wd.path("report.xlsx"))
        .output()
        .unwrap();
    let pdf = wd.path("report.pdf");
    assert!(pdf.exists(), "LibreOffice could not open the report: {}", String::from_utf8_lossy(&out.stderr));
    let text = std::process::Command::new(&pdftotext).arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for needle in [
        "Key-account report",
        "Row accounting",
        "Accounts and deal value per grade",
        "Receivables aging (CNY k)",
        "Need & budget",
        "Balanced-scorecard focus",
        "Model fingerprint",
    ] {
        assert!(text.contains(needle), "{needle:?} not in the rendered report");
    }
}

/// 1,100,000 accounts of one grade spill from "D" to "D (2)". Slow in a debug build: run with
/// `cargo test --release --test cli -- --ignored spill` (see the README).
#[test]
#[ignore]
fn spill_a_grade_tab_past_excel_rows() {
    use std::io::Write;
    let wd = Workdir::new();
    let rows = 1_100_000u32;
    let mut f = std::io::BufWriter::new(std::fs::File::create(wd.path("big.csv")).unwrap());
    writeln!(f, "客户编号,客户名称,预算,业务匹配度,资金状况,诚信度,关系紧密度,竞争优势,进入时机,附加价值").unwrap();
    for i in 0..rows {
        writeln!(f, "K{i},公司{i},100,1,1,1,1,1,1,1").unwrap();
    }
    f.flush().unwrap();
    drop(f);
    let run = wd.run(&["score", "big.csv", "-o", "big.xlsx", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    let mut rep = Report::open(&wd.path("big.xlsx"));
    let tabs = rep.tabs();
    assert_eq!(&tabs[1..6], ["A", "B", "C", "D", "D (2)"]);
    use calamine::Reader;
    let first = rep.book.worksheet_range("D").unwrap();
    let second = rep.book.worksheet_range("D (2)").unwrap();
    // Header + 1,048,575 rows, then header + the rest.
    assert_eq!(first.height(), 1_048_576);
    assert_eq!(second.height() as u32, 1 + rows - 1_048_575);
    assert_eq!(second.get_value((0, 0)).map(|v| v.to_string()), Some("客户编号".to_string()));
}

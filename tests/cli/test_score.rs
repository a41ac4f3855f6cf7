//! `kascore score`: inputs in every format and language, through to the JSON summary.

use crate::row;
use crate::util::{accounting, issue_cells, Workdir};

#[test]
fn gbk_csv_export_is_decoded() {
    let wd = Workdir::new();
    wd.csv_gbk("erp.csv", "客户代码,公司名称,负责人,客户预算\nHN-001,广州南沙港务有限公司,陈静,\"1,200,000\"\nHN-002,深圳前海微众,刘洋,约50万\n");
    let (run, json) = wd.json(&["score", "erp.csv", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(accounting(&json), [2, 2, 0, 0, 0]);
    assert_eq!(json["accounts"][0]["name"], "广州南沙港务有限公司");
    assert_eq!(json["accounts"][1]["name"], "深圳前海微众");
}

#[test]
fn utf8_bom_and_semicolon_csv() {
    let wd = Workdir::new();
    wd.bytes("a.csv", "\u{feff}Account;Budget;Expected close\nAcme Ltd;USD 300k;2026-12-31\n".as_bytes());
    let (run, json) = wd.json(&["score", "a.csv", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(json["accounts"][0]["name"], "Acme Ltd");
    assert_eq!(json["inputs"][0]["sheets"][0]["header_row"], 1);
}

#[test]
fn traditional_chinese_sheet() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "tw.xlsx",
        &[
            row!["客戶編號", "客戶名稱", "負責人", "預算", "帳期", "預計成交日期"],
            row!["TW-001", "台北精密", "林志明", "300萬", "月結60天", "2027年1月"],
        ],
    );
    let (run, json) = wd.json(&["score", "tw.xlsx", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(json["accounts"][0]["id"], "TW-001");
    assert!(issue_cells(&json).is_empty(), "{:?}", json["issues"]);
}

#[test]
fn a_range_that_does_not_start_at_a1_keeps_true_cell_references() {
    // Data placed at C5: calamine's range starts there, but issues must name the real cells.
    let wd = Workdir::new();
    wd.xlsx("offset.xlsx", |wb| {
        let ws = wb.add_worksheet();
        crate::util::put(ws, 4, &[]);
        for (r, row) in [["客户名称", "预算"], ["甲公司", "很多钱"], ["", "100"]].iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(4 + r as u32, 2 + c as u16, *v).unwrap();
                }
            }
        }
    });
    let (_, json) = wd.json(&["score", "offset.xlsx", "--quiet"]);
    let cells: Vec<String> = issue_cells(&json).into_iter().map(|c| c.0).collect();
    assert_eq!(cells, ["D6", "C7"]);
    assert_eq!(json["accounts"][0]["source"]["row"], 6);
    assert_eq!(json["inputs"][0]["sheets"][0]["header_row"], 5);
}

use crate::util::Report;

const ZH_TABS: [&str; 11] =
    ["概览", "A", "B", "C", "D", "待补充", "资源分配", "风险标记", "应收账款", "数据问题", "模型"];
const EN_TABS: [&str; 11] =
    ["Summary", "A", "B", "C", "D", "Needs information", "Allocation", "Flags", "Receivables", "Data issues", "Model"];

/// A small book with one account per grade and one needing information (as of 2026-10-31).
fn graded_book(wd: &Workdir) {
    wd.simple_xlsx(
        "book.xlsx",
        &[
            row![
                "客户编号",
                "客户名称",
                "预算",
                "预计金额",
                "预计成交日期",
                "需求共识",
                "决策人",
                "决策人态度",
                "业务匹配度",
                "资金状况",
                "诚信度",
                "关系紧密度",
                "竞争优势",
                "进入时机",
                "附加价值",
                "年采购额",
                "近12月销售额",
                "应收账款",
                "逾期金额",
                "最长逾期天数"
            ],
            row![
                "K-A",
                "甲公司",
                "100万",
                "100万",
                "2026-12-15",
                "是",
                "王总",
                "支持",
                5,
                5,
                5,
                5,
                5,
                5,
                5,
                "1000万",
                "600万",
                "50万",
                "0",
                "0"
            ],
            row![
                "K-B",
                "乙公司",
                "100万",
                "100万",
                "2027-03-31",
                "是",
                "李总",
                "中立",
                5,
                5,
                4,
                4,
                4,
                4,
                4,
                "800万",
                "0",
                "",
                "",
                ""
            ],
            row![
                "K-C",
                "丙公司",
                "100万",
                "100万",
                "",
                "否",
                "",
                "",
                4,
                4,
                4,
                4,
                4,
                4,
                4,
                "200万",
                "20万",
                "30万",
                "20万",
                "120"
            ],
            row![
                "K-D",
                "丁公司",
                "待定",
                "100万",
                "2026-11-30",
                "否",
                "",
                "",
                2,
                2,
                2,
                2,
                2,
                2,
                2,
                "100万",
                "10万",
                "",
                "",
                ""
            ],
            row!["K-N", "戊公司", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        ],
    );
}

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
    assert!(needs[0]["Fill in"].contains("Budget"), "{:?}", needs[0]);
    // Headers of a grade tab.
    let a = rep.list("A", "Account ID");
    for h in [
        "Owner",
        "Score",
        "Need & budget",
        "Timing of entry",
        "Reason",
        "Action",
        "Quadrant",
        "Flags",
        "Deal value",
        "Expected close",
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
            "read {} = graded {} + needs info {} + rejected {} + superseded {} + skipped {}",
            rec["rows_read"], rec["graded"], rec["needs_info"], rec["rejected"], rec["superseded"], rec["skipped"]
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
    let recv = rep.list("Receivables", "Risk");
    assert_eq!(recv[0]["Account ID"], "K-C");
    assert_eq!(recv[0]["Risk"], "High");
    assert_eq!(recv[0]["91-180 days"], "200000");
    // Empty aging buckets are blank, not 0; a known zero overdue stays 0.
    assert_eq!(recv[0]["0-30 days"], "");
    let a = recv.iter().find(|r| r["Account ID"] == "K-A").unwrap();
    assert_eq!((a["Overdue"].as_str(), a["0-30 days"].as_str()), ("0", ""));
    // Top exposures above the list: receivables + open deal value, largest first.
    let top = rep.list("Receivables", "Rank");
    let shown: Vec<(&str, &str, &str)> =
        top.iter().take(2).map(|r| (r["Rank"].as_str(), r["Account ID"].as_str(), r["Exposure"].as_str())).collect();
    assert_eq!(shown, [("1", "K-A", "1500000"), ("2", "K-C", "1300000")]);
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
            let col = |name: &str| rows[0].iter().position(|h| matches!(h, Data::String(s) if s == name)).unwrap();
            let (score, deal, close) = (col("Score"), col("Deal value"), col("Expected close"));
            for row in &rows[1..] {
                assert!(matches!(row[score], Data::Float(_)), "{tab}: score {:?}", row[score]);
                assert!(matches!(row[deal], Data::Float(_) | Data::Empty), "{tab}: deal {:?}", row[deal]);
                assert!(matches!(row[close], Data::DateTime(_) | Data::Empty), "{tab}: close {:?}", row[close]);
                dates += usize::from(row[close] != Data::Empty);
            }
        }
        assert!(dates > 50, "{dates} close dates");
    }
}

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
fn a_report_in_the_input_folder_is_skipped_next_month() {
    let wd = Workdir::new();
    graded_book(&wd);
    assert_eq!(
        wd.run(&["score", "book.xlsx", "--as-of", "2026-10-31", "-o", "kascore-report-2026-10.xlsx", "--quiet"]).code,
        0
    );
    let (run, json) = wd.json(&["score", ".", "--as-of", "2026-11-30", "-o", "next.xlsx", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(json["accounts"].as_array().unwrap().len(), 5, "the old report's rows are not inputs");
    assert!(json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["message"].as_str().unwrap().contains("kascore 生成的报告")));
}

#[test]
fn formula_like_text_stays_text() {
    let wd = Workdir::new();
    wd.bytes("a.csv", "客户名称,备注\n=HYPERLINK(\"http://x\"),+1\n@SUM(A1),-2\n".as_bytes());
    let run = wd.run(&["score", "a.csv", "-o", "r.xlsx", "--quiet", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    let mut rep = Report::open(&wd.path("r.xlsx"));
    let needs = rep.list("Needs information", "Account ID");
    let names: Vec<&str> = needs.iter().map(|r| r["Account"].as_str()).collect();
    assert_eq!(names, ["=HYPERLINK(\"http://x\")", "@SUM(A1)"]);
    // calamine reports formulas separately: none were written.
    use calamine::Reader;
    let formulas = rep.book.worksheet_formula("Needs information").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
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
        "Accounts per grade",
        "Receivables aging (CNY)",
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

const MONTH_HEADER: [&str; 18] = [
    "客户编号",
    "客户名称",
    "预算",
    "预计金额",
    "预计成交日期",
    "需求共识",
    "决策人",
    "决策人态度",
    "业务匹配度",
    "资金状况",
    "诚信度",
    "关系紧密度",
    "竞争优势",
    "进入时机",
    "附加价值",
    "应收账款",
    "逾期金额",
    "最长逾期天数",
];

fn month(wd: &Workdir, name: &str, rows: &[Vec<crate::util::V>]) {
    let mut all = vec![MONTH_HEADER.iter().map(|h| crate::util::V::from(*h)).collect::<Vec<_>>()];
    all.extend(rows.iter().cloned());
    wd.simple_xlsx(name, &all);
}

/// (id, from, to, movement, close shift, flags raised, flags cleared)
type ChangeRow = (String, String, String, String, Option<i64>, String, String);

#[test]
fn two_months_changes_say_exactly_what_moved() {
    let wd = Workdir::new();
    month(
        &wd,
        "oct/book.xlsx",
        &[
            row!["K-A", "甲公司", "100万", "100万", "2026-12-15", "是", "王总", "支持", 5, 5, 5, 5, 5, 5, 5],
            row!["K-B", "乙公司", "100万", "100万", "2027-03-31", "是", "李总", "中立", 5, 5, 4, 4, 4, 4, 4],
            row!["K-GONE", "庚公司", "100万", "100万", "", "否", "", "", 4, 4, 4, 4, 4, 4, 4],
            row!["K-D", "丁公司", "待定", "100万", "2026-11-30", "否", "", "", 2, 2, 3, 2, 2, 2, 2],
        ],
    );
    let first = wd.run(&["score", "oct", "--as-of", "2026-10-31", "-o", "kascore-report-2026-10.xlsx", "--quiet"]);
    assert_eq!(first.code, 0, "{first:?}");
    month(
        &wd,
        "nov/book.xlsx",
        &[
            // The close date slipped from 2026-12-15 to 2027-04-30: 151 days out → B.
            row!["K-A", "甲公司", "100万", "100万", "2027-04-30", "是", "王总", "支持", 5, 5, 5, 5, 5, 5, 5],
            row!["K-B", "乙公司", "100万", "100万", "2027-03-31", "是", "李总", "中立", 5, 5, 4, 4, 4, 4, 4],
            // Now 60 of 100万 overdue for 120 days: weak credit raised.
            row![
                "K-D",
                "丁公司",
                "待定",
                "100万",
                "2027-01-30",
                "否",
                "",
                "",
                2,
                2,
                3,
                2,
                2,
                2,
                2,
                "100万",
                "60万",
                120
            ],
            row!["K-NEW", "新公司", "50万", "40万", "2027-01-31", "是", "赵总", "支持", 4, 4, 4, 4, 4, 4, 4],
        ],
    );
    let (run, json) = wd.json(&[
        "score",
        "nov",
        "--as-of",
        "2026-11-30",
        "--previous",
        "kascore-report-2026-10.xlsx",
        "-o",
        "nov.xlsx",
        "--lang",
        "en",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let changes: Vec<ChangeRow> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["from"].as_str().unwrap_or("null").to_string(),
                c["to"].as_str().unwrap_or("null").to_string(),
                c["movement"].as_str().unwrap().to_string(),
                c["close_shift_days"].as_i64(),
                c["flags_raised"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect::<Vec<_>>().join(","),
                c["flags_cleared"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(","),
            )
        })
        .collect();
    let s = |x: &str| x.to_string();
    crate::eqnice!(
        vec![
            (s("K-A"), s("A"), s("B"), s("down"), Some(136), s(""), s("")),
            (s("K-B"), s("B"), s("B"), s("same"), Some(0), s(""), s("")),
            (s("K-D"), s("D"), s("D"), s("same"), Some(61), s("weak_credit"), s("")),
            (s("K-NEW"), s("null"), s("B"), s("new"), None, s(""), s("")),
            (
                s("K-GONE"),
                s("C"),
                s("null"),
                s("gone"),
                None,
                s(""),
                s("need_unconfirmed,decision_maker_unclear,no_timeline")
            ),
        ],
        changes
    );
    assert_eq!(json["changes"][0]["score_delta"], 0.0);
    // The Changes tab says the same, moves down first.
    let mut rep = Report::open(&wd.path("nov.xlsx"));
    assert!(rep.tabs().contains(&"Changes".to_string()));
    let tab = rep.list("Changes", "Movement");
    let order: Vec<(&str, &str)> = tab.iter().map(|r| (r["Movement"].as_str(), r["Account ID"].as_str())).collect();
    assert_eq!(order[0], ("Down", "K-A"));
    assert_eq!(tab[0]["Close date moved (days)"], "136");
    assert!(order.contains(&("New", "K-NEW")) && order.contains(&("Gone", "K-GONE")));
    let summary = rep.grid("Summary");
    assert!(summary.iter().any(|r| r.len() > 4 && r[3] == "Down" && r[4] == "1"), "movement counts on the summary");
}

#[test]
fn a_report_edited_by_hand_is_still_read_back() {
    // A user copied the grade tabs into a new workbook: no data tab, a renamed tab, columns
    // reordered and hidden, rows sorted by name. The marker property survives a re-save.
    let wd = Workdir::new();
    wd.xlsx("edited.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("我的重点客户").unwrap();
        crate::util::put(
            ws,
            0,
            &[
                row!["得分", "客户名称", "评级理由", "客户编号", "风险标记", "预计成交日期"],
                row![16.5, "乙公司", "16.50 ≥ 15；151天内成交 → B", "K-B", "", "2027-03-31"],
                row![20, "甲公司", "20.00 ≥ 17；45天内成交 → A", "K-A", "超预算", "2026-12-15"],
            ],
        );
        ws.set_column_hidden(2).unwrap();
        wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_custom_property("kascore-report", "0.1.0"));
    });
    month(
        &wd,
        "nov/book.xlsx",
        &[row!["K-A", "甲公司", "100万", "100万", "2027-04-30", "是", "王总", "支持", 5, 5, 5, 5, 5, 5, 5]],
    );
    let (run, json) =
        wd.json(&["score", "nov", "--as-of", "2026-11-30", "--previous", "edited.xlsx", "-o", "nov.xlsx"]);
    assert_eq!(run.code, 0, "{run:?}");
    let c = &json["changes"];
    assert_eq!((c[0]["id"].as_str(), c[0]["from"].as_str(), c[0]["to"].as_str()), (Some("K-A"), Some("A"), Some("B")));
    assert_eq!(c[0]["close_shift_days"], 136);
    assert_eq!(c[0]["flags_cleared"][0], "over_budget");
    assert_eq!((c[1]["id"].as_str(), c[1]["movement"].as_str()), (Some("K-B"), Some("gone")));
}

#[test]
fn a_report_from_kascore_0_1_0_with_eight_data_columns_is_read_back() {
    // Reports of 0.1.0 had two more columns in the data tab (quadrant, factors known).
    let wd = Workdir::new();
    wd.xlsx("old.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("kascore-data").unwrap();
        crate::util::put(
            ws,
            0,
            &[
                row!["kascore_key", "name", "grade", "score", "expected_close", "flags", "quadrant", "factors_known"],
                row!["K-A", "甲公司", "A", 20, "2026-12-15", "over_budget", "defend", 8],
            ],
        );
        ws.set_very_hidden(true);
        wb.add_worksheet().set_name("概览").unwrap();
        wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_custom_property("kascore-report", "0.1.0"));
    });
    month(
        &wd,
        "nov/book.xlsx",
        &[row!["K-A", "甲公司", "100万", "100万", "2027-04-30", "是", "王总", "支持", 5, 5, 5, 5, 5, 5, 5]],
    );
    let (run, json) = wd.json(&["score", "nov", "--as-of", "2026-11-30", "--previous", "old.xlsx", "-o", "nov.xlsx"]);
    assert_eq!(run.code, 0, "{run:?}");
    let c = &json["changes"];
    assert_eq!((c[0]["id"].as_str(), c[0]["from"].as_str(), c[0]["to"].as_str()), (Some("K-A"), Some("A"), Some("B")));
    assert_eq!(c[0]["flags_cleared"][0], "over_budget");
}

#[test]
fn a_workbook_that_is_not_a_report_is_refused_as_previous() {
    let wd = Workdir::new();
    graded_book(&wd);
    let run = wd.run(&["score", "book.xlsx", "--previous", "book.xlsx", "-o", "r.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("not a kascore report"), "{}", run.stderr);
    assert!(!wd.path("r.xlsx").exists());
}

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

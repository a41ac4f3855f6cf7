//! `kascore check` and the input layer seen through it: issues with their cells, the row
//! accounting, exit codes.

use std::time::{Duration, SystemTime};

use rust_xlsxwriter::{DocProperties, Format, Workbook};

use crate::row;
use crate::util::{accounting, issue_cells, put, Workdir, V};

/// The messy workbook of a hand-kept sheet: a merged title, a unit row, a blank row, the
/// header on row 4, a formula error, a nameless row, an ambiguous date, a totals line and a
/// footnote; plus a two-row-header sheet, a notes sheet and a hidden sheet.
pub fn messy_workbook(wd: &Workdir, name: &str) {
    wd.xlsx(name, |wb: &mut Workbook| {
        let ws = wb.add_worksheet().set_name("华东").unwrap();
        ws.merge_range(0, 0, 0, 6, "华东区大客户评估表 2026年10月", &Format::new()).unwrap();
        put(ws, 1, &[row!["单位：万元"]]);
        put(
            ws,
            3,
            &[
                row!["客户编号", "客户名称", "客户经理", "预算", "预计金额(元)", "预计成交日期", "逾期金额"],
                row!["HD-001", "苏州恒远精密机械有限公司", "张伟", 120, 800000, "2026-12-15", 0],
                vec![
                    V::from("HD-002"),
                    V::from("杭州云栖数据科技有限公司"),
                    V::from("李娜"),
                    V::from("约100万"),
                    V::from("1.2亿"),
                    V::from("2026年12月"),
                    V::Err("#DIV/0!"),
                ],
                row![],
                row!["HD-003", "", "王强", 50],
                row!["HD-004", "宁波港联物流有限公司", "赵敏", "待定", 300000, "03/04/2026"],
                row!["合计", "", "", 270, 120_800_000],
                row!["", "", "", "", "", "", "", "", "制表人：张三"],
            ],
        );
        let ws = wb.add_worksheet().set_name("两行表头").unwrap();
        ws.merge_range(0, 1, 0, 2, "应收账款", &Format::new()).unwrap();
        put(
            ws,
            0,
            &[row!["客户名称", "", "", "信用等级"], row!["", "0-30天", "31-60天"], row!["甲公司", 10, 20, "AA"]],
        );
        let ws = wb.add_worksheet().set_name("说明").unwrap();
        put(ws, 0, &[row!["填写说明"], row!["1. 金额单位为万元"]]);
        let ws = wb.add_worksheet().set_name("旧数据").unwrap();
        put(ws, 0, &[row!["客户名称", "预算"], row!["旧公司", 1]]);
        ws.set_hidden(true);
    });
}

/// The GBK CSV of an ERP export: it repeats HD-002 (newer) and HN-001 (twice), and has a
/// subtotal line.
pub fn gbk_csv(wd: &Workdir, name: &str) {
    wd.csv_gbk(
        name,
        "客户代码,公司名称,客户预算,预计签约时间\n\
         HD-002,杭州云栖数据科技有限公司,\"1,500,000\",2026/12/20\n\
         HN-001,广州南沙港务有限公司,80万,20261130\n\
         HN-001,广州南沙港务有限公司,90万,20261215\n\
         小计,,\"2,570,000\",\n",
    );
}

fn set_mtime(path: &std::path::Path, secs_ago: u64) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(secs_ago)).unwrap();
}

fn messy_folder(wd: &Workdir) {
    messy_workbook(wd, "in/华东.xlsx");
    gbk_csv(wd, "in/华南.csv");
    set_mtime(&wd.path("in/华东.xlsx"), 3600);
    set_mtime(&wd.path("in/华南.csv"), 60);
}

#[test]
fn messy_inputs_every_row_accounted_for() {
    let wd = Workdir::new();
    messy_folder(&wd);
    let (run, json) = wd.json(&["score", "in", "--as-of", "2026-10-31", "--quiet"]);
    assert_eq!(run.code, 3, "{run:?}");
    // read 11 = 5 account rows + 1 rejected + 2 merged + 3 skipped (2 totals, 1 footnote)
    assert_eq!(accounting(&json), [11, 5, 1, 2, 3]);
    let ids: Vec<&str> = json["accounts"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    // 甲公司 has no ID: its key is its name without the legal-form suffix (SPEC §1c).
    assert_eq!(ids, ["HD-001", "HD-004", "甲", "HD-002", "HN-001"]);
    let mut issues = issue_cells(&json);
    issues.sort();
    let want = vec![
        ("".to_string(), "".to_string(), "note".to_string()), // hidden sheet 旧数据
        ("".to_string(), "".to_string(), "warning".to_string()), // 说明 has no header
        ("11:11".to_string(), "".to_string(), "note".to_string()), // footnote row
        ("10:10".to_string(), "".to_string(), "note".to_string()), // 合计 line
        ("5:5".to_string(), "".to_string(), "note".to_string()), // 小计 line of the CSV
        ("3:3".to_string(), "".to_string(), "note".to_string()), // first HN-001 merged into the later row
        ("6:6".to_string(), "".to_string(), "note".to_string()), // xlsx HD-002 merged into the newer CSV's
        ("B8".to_string(), "account_name".to_string(), "error".to_string()),
        ("F9".to_string(), "expected_close".to_string(), "error".to_string()),
        ("G6".to_string(), "overdue_amount".to_string(), "error".to_string()),
    ];
    let mut want = want;
    want.sort();
    crate::eqnice!(want, issues);
    // The newer CSV row of HD-002 won; its source is the CSV's line 2.
    let hd2 = json["accounts"].as_array().unwrap().iter().find(|a| a["id"] == "HD-002").unwrap();
    assert!(hd2["source"]["file"].as_str().unwrap().ends_with("华南.csv"));
    assert_eq!(hd2["source"]["row"], 2);
    let hn1 = json["accounts"].as_array().unwrap().iter().find(|a| a["id"] == "HN-001").unwrap();
    assert_eq!(hn1["source"]["row"], 4);
    // Header rows as detected: row 4 for 华东, row 2 of the two-row header, row 1 of the CSV.
    let sheets: Vec<(String, Option<u64>, u64)> = json["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["sheets"].as_array().unwrap().iter())
        .map(|s| (s["name"].as_str().unwrap().to_string(), s["header_row"].as_u64(), s["rows"].as_u64().unwrap()))
        .collect();
    assert!(sheets.contains(&("华东".into(), Some(4), 6)), "{sheets:?}");
    assert!(sheets.contains(&("两行表头".into(), Some(2), 1)), "{sheets:?}");
    assert!(sheets.contains(&("华南".into(), Some(1), 4)), "{sheets:?}");
    assert!(sheets.contains(&("说明".into(), None, 0)), "{sheets:?}");
}

#[test]
fn check_prints_issues_with_cells_and_the_equation() {
    let wd = Workdir::new();
    messy_folder(&wd);
    let run = wd.run(&["check", "in"]);
    assert_eq!(run.code, 3, "{run:?}");
    for needle in [
        "G6",
        "B8",
        "F9",
        "#DIV/0!",
        "03/04/2026",
        "缺少客户名称",
        "读取 11 = 客户行 5 + 合并 2 + 明细汇总 0 + 拒收 1 + 跳过 3",
        "客户 5 = 客户行 5 + 仅明细 0 = 已评级 0 + 待补充 5 + 已成交 0 + 已流失 0",
    ] {
        assert!(run.stdout.contains(needle), "missing {needle:?} in\n{}", run.stdout);
    }
    let en = wd.run(&["check", "in", "--lang", "en"]);
    assert!(en.stdout.contains("no account name: row rejected"), "{}", en.stdout);
    assert!(en.stdout.contains("read 11 = account rows 5 + merged 2"), "{}", en.stdout);
}

#[test]
fn strict_turns_errors_into_a_failed_run_that_writes_nothing() {
    let wd = Workdir::new();
    messy_folder(&wd);
    let run = wd.run(&["score", "in", "--strict", "--quiet", "--json", "s.json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("--strict"), "{}", run.stderr);
    assert!(!wd.path("s.json").exists());
}

#[test]
fn a_clean_sheet_exits_zero() {
    let wd = Workdir::new();
    wd.simple_xlsx("ok.xlsx", &[row!["客户名称", "预算"], row!["甲公司", 100]]);
    let run = wd.run(&["check", "ok.xlsx"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("没有数据问题"), "{}", run.stdout);
}

#[test]
fn usage_errors_exit_two() {
    let wd = Workdir::new();
    assert_eq!(wd.run(&["check"]).code, 2);
    assert_eq!(wd.run(&["score", "x.xlsx", "--no-such-flag"]).code, 2);
    // Day and month cannot be told apart, or not a date at all.
    assert_eq!(wd.run(&["score", "x.xlsx", "--as-of", "03/04/2026"]).code, 2);
    assert_eq!(wd.run(&["score", "x.xlsx", "--as-of", "2026-13-01"]).code, 2);
    assert_eq!(wd.run(&["check", "x.xlsx", "--as-of", "soon"]).code, 2);
    assert_eq!(wd.run(&["check", "x.xlsx", "--jobs", "0"]).code, 2);
}

#[test]
fn lock_files_and_own_reports_are_skipped_with_a_note() {
    let wd = Workdir::new();
    wd.simple_xlsx("in/a.xlsx", &[row!["客户名称", "预算"], row!["甲公司", 100]]);
    wd.bytes("in/~$a.xlsx", b"\x00lock");
    wd.xlsx("in/kascore-report-2026-09.xlsx", |wb| {
        put(wb.add_worksheet(), 0, &[row!["客户名称", "预算"], row!["报告里的公司", 1]]);
        wb.set_properties(&DocProperties::new().set_custom_property("kascore-report", "0.1.0"));
    });
    wd.bytes("in/readme.txt", b"not a sheet");
    let (run, json) = wd.json(&["score", "in", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(accounting(&json), [1, 1, 0, 0, 0]);
    let messages: Vec<String> =
        json["issues"].as_array().unwrap().iter().map(|i| format!("{} {}", i["file"], i["message"])).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("~$a.xlsx") && m.contains("锁文件")), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("kascore-report-2026-09.xlsx") && m.contains("kascore 生成的报告")),
        "{messages:?}"
    );
}

#[test]
fn an_unsupported_file_named_on_the_command_line_is_an_error() {
    let wd = Workdir::new();
    wd.bytes("notes.docx", b"PK\x03\x04");
    wd.simple_xlsx("a.xlsx", &[row!["客户名称", "预算"], row!["甲公司", 100]]);
    let (run, json) = wd.json(&["score", "notes.docx", "a.xlsx", "--quiet"]);
    assert_eq!(run.code, 3, "{run:?}");
    let issue = json["issues"].as_array().unwrap().iter().find(|i| i["file"] == "notes.docx").unwrap();
    assert_eq!(issue["severity"], "error");
    assert!(issue["message"].as_str().unwrap().contains("不支持的文件类型"));
}

#[test]
fn a_missing_path_is_an_issue_and_the_run_goes_on() {
    let wd = Workdir::new();
    wd.simple_xlsx("a.xlsx", &[row!["客户名称", "预算"], row!["甲公司", 100]]);
    let (run, json) = wd.json(&["score", "nope.xlsx", "a.xlsx", "--quiet", "--lang", "en"]);
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(json["accounts"].as_array().unwrap().len(), 1);
    let issue = json["issues"].as_array().unwrap().iter().find(|i| i["file"] == "nope.xlsx").unwrap();
    assert_eq!(issue["severity"], "error");
    assert!(issue["message"].as_str().unwrap().contains("no such file"), "{issue}");
}

#[test]
fn a_bad_model_fails_naming_key_and_line() {
    let wd = Workdir::new();
    wd.simple_xlsx("a.xlsx", &[row!["客户名称", "预算"], row!["甲公司", 100]]);
    wd.bytes("m.toml", "[grades]\npass_line = 15.0\na_lin = 17.0\n".as_bytes());
    let run = wd.run(&["check", "a.xlsx", "--model", "m.toml", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("line 3") && run.stderr.contains("grades.a_lin"), "{}", run.stderr);
    // In Chinese, the same key and line, and no English words but the key.
    let run = wd.run(&["check", "a.xlsx", "--model", "m.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("第 3 行") && run.stderr.contains("grades.a_lin"), "{}", run.stderr);
    // Keys and commands stand in backticks; outside them, no English.
    let prose: String = run.stderr.split('`').step_by(2).collect();
    let english: Vec<&str> = prose
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 2 && !["kascore", "toml"].contains(w))
        .collect();
    assert!(english.is_empty(), "English words {english:?} in: {}", run.stderr);
}

#[test]
fn jobs_one_gives_the_same_summary() {
    let wd = Workdir::new();
    messy_folder(&wd);
    let (_, parallel) = wd.json(&["score", "in", "--as-of", "2026-10-31", "--quiet"]);
    let (_, sequential) = wd.json(&["score", "in", "--as-of", "2026-10-31", "--quiet", "--jobs", "1"]);
    crate::eqnice!(parallel, sequential);
}

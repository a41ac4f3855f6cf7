//! The promises a user relies on every month: outputs checked before anything is read and
//! written all together or not at all, "nothing to score" as a failure, messages in the
//! report's language and the user's terms, and no half-read file used. Each test is a case
//! that once went wrong.

use crate::row;
use crate::util::{raw_xlsx, Workdir};

fn accounts(wd: &Workdir) {
    wd.simple_xlsx("a.xlsx", &[row!["客户名称", "预算"], row!["甲公司", 100]]);
}

/// Files in the folder, hidden ones included, sorted.
fn listing(wd: &Workdir) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(wd.root()).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn report_and_json_on_one_path_is_refused() {
    let wd = Workdir::new();
    accounts(&wd);
    let run = wd.run(&["score", "a.xlsx", "-o", "same.xlsx", "--json", "same.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("-o and --json name the same file"), "{}", run.stderr);
    assert_eq!(listing(&wd), ["a.xlsx"]);
}

#[test]
fn an_output_that_cannot_be_written_stops_the_run_before_anything_is_written() {
    let wd = Workdir::new();
    accounts(&wd);
    let run = wd.run(&["score", "a.xlsx", "-o", "r.xlsx", "--json", "no/such/dir/s.json", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("--json no/such/dir/s.json: the folder no/such/dir does not exist"), "{}", run.stderr);
    assert_eq!(listing(&wd), ["a.xlsx"], "the report was not written either");
}

#[test]
fn an_existing_json_needs_force_like_the_report() {
    let wd = Workdir::new();
    accounts(&wd);
    wd.bytes("keep.json", b"{\"mine\": true}");
    let run = wd.run(&["score", "a.xlsx", "-o", "r.xlsx", "--json", "keep.json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("--json keep.json：文件已存在；加 --force 覆盖"), "{}", run.stderr);
    assert_eq!(std::fs::read(wd.path("keep.json")).unwrap(), b"{\"mine\": true}");
    assert!(!wd.path("r.xlsx").exists());
    let run = wd.run(&["score", "a.xlsx", "-o", "r.xlsx", "--json", "keep.json", "--force"]);
    assert_eq!(run.code, 0, "{run:?}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(wd.path("keep.json")).unwrap()).unwrap();
    assert_eq!(json["counts"]["needs_info"], 1);
}

#[test]
fn the_report_must_be_an_xlsx_file() {
    let wd = Workdir::new();
    accounts(&wd);
    for bad in ["report.csv", "-", "report"] {
        let run = wd.run(&["score", "a.xlsx", "-o", bad, "--lang", "en"]);
        assert_eq!(run.code, 2, "-o {bad}: {run:?}");
        assert!(run.stderr.contains(&format!("-o {bad}: the report must end in .xlsx")), "{}", run.stderr);
    }
    assert_eq!(listing(&wd), ["a.xlsx"]);
    // Any case of the extension is fine.
    assert_eq!(wd.run(&["score", "a.xlsx", "-o", "R.XLSX", "--quiet"]).code, 0);
}

#[test]
fn json_to_standard_output_moves_the_summary_to_standard_error() {
    let wd = Workdir::new();
    accounts(&wd);
    let run = wd.run(&["score", "a.xlsx", "-o", "r.xlsx", "--json", "-", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is the JSON alone");
    assert_eq!(json["reconciliation"]["rows_read"], 1);
    assert!(run.stderr.contains("1 accounts"), "{}", run.stderr);
    assert!(wd.path("r.xlsx").exists());
    assert!(!wd.path("-").exists());
}

#[test]
fn check_takes_as_of_json_and_model() {
    let wd = Workdir::new();
    wd.simple_xlsx("a.xlsx", &[row!["客户名称", "预算", "预计成交日期"], row!["甲公司", 100, "2026-12-15"]]);
    wd.bytes("m.toml", b"[grades]\npass_line = 14.0\n");
    for as_of in ["2026-11-30", "2026/11/30", "20261130", "2026年11月30日"] {
        let (run, json) = wd.json(&["check", "a.xlsx", "--as-of", as_of, "--model", "m.toml"]);
        assert_eq!(run.code, 0, "{as_of}: {run:?}");
        assert_eq!(json["as_of"], "2026-11-30", "{as_of}");
    }
    // check --json - : the JSON alone on standard output.
    let run = wd.run(&["check", "a.xlsx", "--json", "-", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["as_of"], "2026-11-30");
}

#[test]
fn nothing_to_score_fails_and_says_why_for_each_input() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path("empty")).unwrap();
    wd.bytes("texts/readme.txt", b"not a sheet");
    wd.simple_xlsx("notes.xlsx", &[row!["会议纪要"], row!["下周拜访"]]);
    for (args, expect) in [
        (vec!["score", "nosuch/"], "nosuch/: cannot open it: no such file or folder"),
        (vec!["score", "empty"], "empty: the folder holds no spreadsheet"),
        (vec!["score", "texts"], "texts: the folder holds no spreadsheet"),
        (vec!["check", "notes.xlsx"], "notes.xlsx!Sheet1: no header row"),
    ] {
        let mut all = args.clone();
        all.extend(["--lang", "en"]);
        let run = wd.run(&all);
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
        assert!(run.stderr.contains("nothing to score"), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(expect), "{args:?}: {}", run.stderr);
    }
    let run = wd.run(&["score", "nosuch/"]);
    assert!(run.stderr.contains("没有可评估的客户表") && run.stderr.contains("文件或文件夹不存在"), "{}", run.stderr);
    assert!(!listing(&wd).iter().any(|n| n.ends_with(".xlsx") && n != "notes.xlsx"), "{:?}", listing(&wd));
}

#[test]
fn chinese_messages_carry_no_library_english() {
    let wd = Workdir::new();
    accounts(&wd);
    // A download cut short: the first bytes of a real workbook.
    let whole = std::fs::read(wd.path("a.xlsx")).unwrap();
    wd.bytes("broken.xlsx", &whole[..whole.len() / 2]);
    let (run, json) = wd.json(&["score", "nosuch.xlsx", "broken.xlsx", "a.xlsx", "--quiet"]);
    assert_eq!(run.code, 3, "{run:?}");
    let message = |file: &str| -> String {
        let issue = json["issues"].as_array().unwrap().iter().find(|i| i["file"] == file).unwrap();
        issue["message"].as_str().unwrap().to_string()
    };
    assert_eq!(message("nosuch.xlsx"), "无法打开：文件或文件夹不存在；请检查路径和权限");
    assert_eq!(message("broken.xlsx"), "不是有效的 Excel 文件（已损坏，或并非 Excel 文件）：请重新导出或从备份恢复");
    // The library's own words only with --verbose, in brackets.
    let (_, json) = wd.json(&["score", "broken.xlsx", "a.xlsx", "--quiet", "--verbose"]);
    let issue = json["issues"].as_array().unwrap().iter().find(|i| i["file"] == "broken.xlsx").unwrap();
    assert!(issue["message"].as_str().unwrap().contains("（"), "{issue}");
}

#[test]
fn other_documents_renamed_as_spreadsheets_are_named() {
    let wd = Workdir::new();
    accounts(&wd);
    // A Word document: a zip whose parts are Word's (the part names are enough to tell).
    let docx = wd.path("合同.xlsx");
    {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&docx).unwrap());
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(b"<Types/>").unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(b"<w:document/>").unwrap();
        zip.finish().unwrap();
    }
    wd.bytes("报表.pdf.xls", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj");
    wd.bytes(
        "ERP导出.xls",
        "<html><head><meta charset=gbk></head><body><table><tr><td>客户</td></tr></table>".as_bytes(),
    );
    wd.bytes("tabbed.xls", "客户名称\t预算\n甲公司\t100\n".as_bytes());
    let (run, json) =
        wd.json(&["score", "合同.xlsx", "报表.pdf.xls", "ERP导出.xls", "tabbed.xls", "a.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 3, "{run:?}");
    let message = |file: &str| -> String {
        let issue = json["issues"].as_array().unwrap().iter().find(|i| i["file"] == file).unwrap();
        issue["message"].as_str().unwrap().to_string()
    };
    assert!(message("合同.xlsx").starts_with("this is a Word document, not a spreadsheet"), "{}", message("合同.xlsx"));
    assert!(message("报表.pdf.xls").starts_with("this is a PDF file"), "{}", message("报表.pdf.xls"));
    assert!(message("ERP导出.xls").contains("a web page (HTML)"), "{}", message("ERP导出.xls"));
    assert!(message("tabbed.xls").contains("rename it to .csv"), "{}", message("tabbed.xls"));
}

#[test]
fn a_missing_previous_report_is_called_missing() {
    let wd = Workdir::new();
    accounts(&wd);
    let run = wd.run(&["score", "a.xlsx", "--previous", "nosuch.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("--previous nosuch.xlsx: no such file"), "{}", run.stderr);
    assert!(!run.stderr.contains("not a kascore report"), "{}", run.stderr);
}

#[test]
fn a_previous_report_from_a_later_month_is_refused() {
    let wd = Workdir::new();
    accounts(&wd);
    assert_eq!(wd.run(&["score", "a.xlsx", "--as-of", "2026-11-30", "-o", "nov.xlsx", "--quiet"]).code, 0);
    let run = wd.run(&["score", "a.xlsx", "--as-of", "2026-10-31", "--previous", "nov.xlsx", "-o", "oct.xlsx"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("评估日期 2026-11-30 晚于本次的 2026-10-31"), "{}", run.stderr);
    assert!(!wd.path("oct.xlsx").exists());
    // The same month again is fine (a re-run after a correction).
    let run = wd.run(&["score", "a.xlsx", "--as-of", "2026-11-30", "--previous", "nov.xlsx", "-o", "again.xlsx"]);
    assert_eq!(run.code, 0, "{run:?}");
}

/// A report-like workbook: the marker, and a data tab whose score cell is `score`.
fn fake_report(wd: &Workdir, name: &str, score: &str) {
    wd.xlsx(name, |wb| {
        let props = rust_xlsxwriter::DocProperties::new()
            .set_custom_property("kascore-report", "0.1.0")
            .set_custom_property("kascore-as-of", "2026-10-31");
        wb.set_properties(&props);
        let ws = wb.add_worksheet().set_name("kascore-data").unwrap();
        for (c, h) in ["kascore_key", "name", "grade", "score", "expected_close", "flags"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in ["甲公司", "甲公司", "B", score, "", ""].iter().enumerate() {
            ws.write_string(1, c as u16, *v).unwrap();
        }
    });
}

#[test]
fn a_previous_report_with_an_unreadable_score_is_not_read_as_zero() {
    let wd = Workdir::new();
    accounts(&wd);
    fake_report(&wd, "old.xlsx", "十五分");
    let run = wd.run(&["score", "a.xlsx", "--as-of", "2026-11-30", "--previous", "old.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("the score \"十五分\" in kascore-data!D2 is not a number"), "{}", run.stderr);
    fake_report(&wd, "good.xlsx", "15.5");
    let (run, json) = wd.json(&["score", "a.xlsx", "--as-of", "2026-11-30", "--previous", "good.xlsx"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(json["changes"][0]["from"], "B", "{}", json["changes"]);
    // Against the 15.5 read back, not against 0: the account's score now is 1.875.
    assert_eq!(json["changes"][0]["score_delta"], -13.625, "{}", json["changes"]);
}

#[test]
fn stale_temporary_files_of_killed_runs_are_removed() {
    let wd = Workdir::new();
    accounts(&wd);
    wd.bytes(".kascore-x1y2z3.tmp", &[0u8; 4096]);
    wd.bytes("other.tmp", b"not ours");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let run = wd.run(&["score", "a.xlsx", "-o", "r.xlsx", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(listing(&wd), ["a.xlsx", "other.tmp", "r.xlsx"]);
}

#[test]
fn check_fails_when_its_output_cannot_be_written() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let wd = Workdir::new();
    accounts(&wd);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kascore"))
        .args(["check", "a.xlsx", "--lang", "en"])
        .current_dir(wd.root())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write to standard output"), "{out:?}");
}

/// An .xlsx whose sheet XML breaks after `good` rows: the reader fails part-way.
fn broken_after(wd: &Workdir, name: &str, good: u32) {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    xml.push_str(&format!(
        r#"<row r="1">{}{}</row>"#,
        crate::util::istr("A1", "客户名称"),
        crate::util::istr("B1", "预算")
    ));
    for r in 2..good + 2 {
        xml.push_str(&format!(
            r#"<row r="{r}">{}<c r="B{r}"><v>{r}</v></c></row>"#,
            crate::util::istr(&format!("A{r}"), &format!("公司{r}"))
        ));
    }
    // A text cell with an entity XML does not know: the reader stops with an error there,
    // after every row above it has been read and handed on.
    xml.push_str(&format!(
        r#"<row r="{0}"><c r="A{0}" t="inlineStr"><is><t>&bogus;</t></is></c></row></sheetData></worksheet>"#,
        good + 2
    ));
    raw_xlsx(&wd.path(name), xml.as_bytes());
}

#[test]
fn a_file_that_fails_part_way_gives_up_all_its_rows_and_the_run_goes_on() {
    let wd = Workdir::new();
    accounts(&wd);
    // More than one 16,384-row chunk is read and handed on before the XML breaks.
    broken_after(&wd, "cut.xlsx", 20_000);
    let (run, json) = wd.json(&["score", "cut.xlsx", "a.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 3, "{run:?}");
    let rec = &json["reconciliation"];
    assert_eq!(rec["rows_read"], 1, "only a.xlsx's row counts: {rec}");
    assert_eq!(json["accounts"].as_array().unwrap().len(), 1);
    let issues: Vec<&serde_json::Value> =
        json["issues"].as_array().unwrap().iter().filter(|i| i["file"] == "cut.xlsx").collect();
    assert_eq!(issues.len(), 1, "one issue for the file: {issues:?}");
    let message = issues[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("the file failed part-way through: the 20000 rows read before are all left out"),
        "{message}"
    );
    assert_eq!(issues[0]["severity"], "error");
}

#[test]
fn model_files_are_told_what_to_fix_by_key_and_line() {
    let wd = Workdir::new();
    accounts(&wd);
    // Notepad's "ANSI" on a Chinese Windows: GBK.
    let (gbk, _, _) = encoding_rs::GBK.encode("# 我们的模型\n[grades]\npass_line = 14.0\n");
    wd.bytes("gbk.toml", &gbk);
    let run = wd.run(&["check", "a.xlsx", "--model", "gbk.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("UTF-8") && run.stderr.contains("第 1 行"), "{}", run.stderr);
    // A ratio array of the wrong length names the key and the line.
    wd.bytes("len.toml", b"[allocation.ratios]\nattack = [7.0, 6.0]\n");
    let run = wd.run(&["check", "a.xlsx", "--model", "len.toml", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("line 2: `allocation.ratios.attack`"), "{}", run.stderr);
    assert!(!run.stderr.contains("``"), "{}", run.stderr);
}

#[test]
fn a_previous_report_with_a_tab_that_cannot_be_read_is_refused() {
    let wd = Workdir::new();
    accounts(&wd);
    fake_report(&wd, "whole.xlsx", "15.5");
    // The same report with its sheet's XML part missing, as a damaged copy would be.
    let mut from = zip::ZipArchive::new(std::fs::File::open(wd.path("whole.xlsx")).unwrap()).unwrap();
    let mut to = zip::ZipWriter::new(std::fs::File::create(wd.path("damaged.xlsx")).unwrap());
    for i in 0..from.len() {
        let entry = from.by_index_raw(i).unwrap();
        if entry.name().unwrap() != "xl/worksheets/sheet1.xml" {
            to.raw_copy_file(entry).unwrap();
        }
    }
    to.finish().unwrap();
    let run = wd.run(&["score", "a.xlsx", "--as-of", "2026-11-30", "--previous", "damaged.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("the tab \"kascore-data\" cannot be read"), "{}", run.stderr);
}

//! `kascore template --from`: the fill-in template pre-filled from a team's exports, one sheet
//! per owner, and its round trip — filled in and passed beside the exports, it merges by key
//! and the accounts get graded.

use calamine::{open_workbook, Data, Reader, Xlsx};
use rust_xlsxwriter::Workbook;

use crate::util::Workdir;

/// A team's exports without their filled template: `sample --team`, the template removed.
fn exports(wd: &Workdir) -> std::path::PathBuf {
    let dir = wd.path("exports");
    let run = wd.run(&["sample", "--team", dir.to_str().unwrap(), "--accounts", "30", "--seed", "7", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    std::fs::remove_file(dir.join("kascore-大客户模板-已填写.xlsx")).unwrap();
    dir
}

/// Every sheet of a workbook as text rows.
fn sheets(path: &std::path::Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).unwrap();
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Empty => String::new(),
                            Data::Float(f) => format!("{f}"),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (n, rows)
        })
        .collect()
}

#[test]
fn the_prefilled_template_has_a_sheet_per_owner_sorted_by_deal_value() {
    let wd = Workdir::new();
    let dir = exports(&wd);
    let (_, before) = wd.json(&["score", dir.to_str().unwrap(), "--as-of", "2026-11-30"]);
    let run = wd.run(&["template", "--from", dir.to_str().unwrap(), "--as-of", "2026-11-30", "-o", "t.xlsx"]);
    assert_eq!(run.code, 0, "{run:?}");
    let book = sheets(&wd.path("t.xlsx"));
    let accounts = before["accounts"].as_array().unwrap();
    // One sheet per owner (and the instructions); every account on its owner's sheet, once.
    let owners: std::collections::BTreeSet<String> =
        accounts.iter().map(|a| a["owner"].as_str().unwrap_or("未分配").to_string()).collect();
    let data: Vec<&(String, Vec<Vec<String>>)> =
        book.iter().filter(|(n, _)| n != "填写说明" && n != "承诺台账").collect();
    assert!(book.iter().any(|(n, rows)| n == "承诺台账" && rows[0][1] == "承诺事项"));
    assert_eq!(data.len(), owners.len(), "{:?}", book.iter().map(|b| &b.0).collect::<Vec<_>>());
    let mut listed = 0;
    for (name, rows) in &data {
        let header = &rows[0];
        assert_eq!(&header[..3], ["客户编号", "客户名称", "客户经理"], "{name}");
        assert!(header.iter().any(|h| h == "业务匹配度") && header.iter().any(|h| h == "决策人态度"));
        let deal = header.iter().position(|h| h == "参考·预计金额").unwrap();
        let values: Vec<f64> =
            rows[1..].iter().filter(|r| !r[1].is_empty()).map(|r| r[deal].parse().unwrap_or(0.0)).collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]), "{name} not sorted by deal value: {values:?}");
        for r in rows[1..].iter().filter(|r| !r[1].is_empty()) {
            listed += 1;
            let owner = if r[2].is_empty() { "未分配" } else { r[2].as_str() };
            assert_eq!(owner, name.as_str(), "{r:?}");
        }
    }
    assert_eq!(listed, accounts.len());
}

#[test]
fn filled_in_and_passed_beside_the_exports_it_merges_by_key_and_grades() {
    let wd = Workdir::new();
    let dir = exports(&wd);
    let (_, before) = wd.json(&["score", dir.to_str().unwrap(), "--as-of", "2026-11-30"]);
    let needs_before = before["counts"]["needs_info"].as_u64().unwrap();
    let prospects = before["accounts"].as_array().unwrap().iter().filter(|a| a["status"] == "prospect").count();
    assert!(needs_before > 0, "{}", before["counts"]);
    let run = wd.run(&["template", "--from", dir.to_str().unwrap(), "--as-of", "2026-11-30", "-o", "t.xlsx", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    // A manager fills in every judgement column the way the dropdowns ask, and saves.
    let book = sheets(&wd.path("t.xlsx"));
    let mut wb = Workbook::new();
    let mut filled = 0;
    for (name, rows) in book.iter().filter(|(n, _)| n != "填写说明" && n != "承诺台账") {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        for (c, h) in rows[0].iter().enumerate() {
            ws.write_string(0, c as u16, h).unwrap();
        }
        for (r, row) in rows[1..].iter().enumerate().filter(|(_, row)| !row[1].is_empty()) {
            let r = r as u32 + 1;
            filled += 1;
            for (c, h) in rows[0].iter().enumerate() {
                let c16 = c as u16;
                let answer = match h.as_str() {
                    "业务匹配度" | "资金状况" | "诚信度" | "关系紧密度" | "竞争优势" | "进入时机" | "附加价值" => {
                        Some("5")
                    }
                    "需求共识" | "内线" => Some("是"),
                    "决策人" => Some("王总"),
                    "决策人态度" => Some("支持"),
                    _ => None,
                };
                match answer {
                    Some(a) => ws.write_string(r, c16, a).unwrap(),
                    None => ws.write_string(r, c16, &row[c]).unwrap(),
                };
            }
        }
    }
    wb.save(dir.join("已填写.xlsx")).unwrap();
    let (run, after) = wd.json(&["score", dir.to_str().unwrap(), "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    let rec = &after["reconciliation"];
    // Every filled row found its account: as many accounts as before, the filled rows merged
    // or account rows of their own (accounts only the line items had).
    assert_eq!(rec["accounts"], before["reconciliation"]["accounts"], "{rec}");
    assert_eq!(
        rec["merged"].as_u64().unwrap() + rec["account_rows"].as_u64().unwrap(),
        before["reconciliation"]["merged"].as_u64().unwrap()
            + before["reconciliation"]["account_rows"].as_u64().unwrap()
            + filled,
        "{rec}"
    );
    // With every factor known the prospects are graded.
    assert_eq!(after["counts"]["needs_info"], 0, "{}", after["counts"]);
    let graded: u64 = ["A", "B", "C", "D"].iter().map(|g| after["counts"][*g].as_u64().unwrap()).sum();
    assert_eq!(graded as usize, prospects);
    // The 参考· columns are never read: not a field, not reported as unused.
    let sheet = after["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"].as_str().unwrap().ends_with("已填写.xlsx"))
        .unwrap();
    for s in sheet["sheets"].as_array().unwrap() {
        assert_eq!(s["kind"], "accounts");
        assert_eq!(s["unused"], serde_json::json!([]), "{s}");
        assert!(s["columns"].as_object().unwrap().keys().all(|k| !k.starts_with("参考")), "{s}");
    }
}

#[test]
fn template_from_nothing_readable_fails_and_writes_nothing() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path("empty")).unwrap();
    let run = wd.run(&["template", "--from", wd.path("empty").to_str().unwrap(), "-o", "t.xlsx"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(!wd.path("t.xlsx").exists());
    // A plain template needs no --from; --model without --from is a usage error.
    assert_eq!(wd.run(&["template", "-o", "t.xlsx", "--model", "m.toml"]).code, 2);
}

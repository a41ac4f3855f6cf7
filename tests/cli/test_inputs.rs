//! Inputs in every format and language, read through to the JSON summary: encodings and
//! separators of CSV exports, Traditional Chinese headers, ranges that do not start at A1,
//! formula-like text, and a sheet long enough to be read in several chunks.

use crate::row;
use crate::util::{accounting, issue_cells, Report, Workdir};

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

/// A sheet read in three chunks (`kascore::read::CHUNK`, 16,384 rows each: data rows 1–16,384,
/// 16,385–32,768 and 32,769–40,000) is still one sheet when its rating columns are scaled: a
/// column of plain numbers is put on the 1–5 scale from its largest number once all the sheet's
/// rows are in (`finalize_ratings`; `column_scale`: ≤ 5 → 1–5, ≤ 10 → 0–10, ≤ 100 → 0–100).
///
/// 业务匹配度 (fit) holds 0–5 everywhere (i % 6 for data row i, 0-based) except an 80 in the
/// third chunk (i = 35,000): the whole column is on the 0–100 scale. 关系紧密度 (relationship)
/// holds 1–5 (1 + i % 5) except an 8 in the second chunk (i = 20,000): 0–10 scale.
///
/// On the 0–100 scale `to_five(v) = 1 + v / 100 × 4`, on the 0–10 scale `1 + v / 10 × 4`; a
/// factor is worth (r − 1) / 4 of its 20 / 8 = 2.5 points (`rating_fraction`, eight equal
/// weights in templates/default.toml). So a fit of v is worth v / 100 × 2.5 = v / 40 points and
/// a relationship of v is worth v / 10 × 2.5 = v / 4 points. Scaled chunk by chunk instead, the
/// first chunk's fit of 4 would be worth (4 − 1) / 4 × 2.5 = 1.875 points, and its fit of 0
/// (below 1 on a 1–5 scale) an issue.
#[test]
fn a_rating_scale_seen_only_in_the_last_chunk_applies_to_every_chunk() {
    use std::io::Write;
    assert_eq!(kascore::read::CHUNK, 16_384, "the chunks this test is laid out for");
    let wd = Workdir::new();
    let n = 40_000u32;
    let mut f = std::io::BufWriter::new(std::fs::File::create(wd.path("long.csv")).unwrap());
    writeln!(f, "客户编号,客户名称,业务匹配度,关系紧密度").unwrap();
    for i in 0..n {
        let fit = if i == 35_000 { 80 } else { i % 6 };
        let relationship = if i == 20_000 { 8 } else { 1 + i % 5 };
        writeln!(f, "K{i:05},公司{i},{fit},{relationship}").unwrap();
    }
    f.into_inner().unwrap().sync_all().unwrap();
    let (run, json) = wd.json(&["score", "long.csv", "--as-of", "2026-11-30", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    // Every row read, each one an account that needs information (six factors unknown).
    assert_eq!(json["reconciliation"]["rows_read"], 40_000);
    assert_eq!(accounting(&json), [40_000, 40_000, 0, 0, 0]);
    assert_eq!(json["inputs"][0]["sheets"][0]["rows"], 40_000);
    // No rating fell outside its column's scale.
    let issues = issue_cells(&json);
    assert!(issues.is_empty(), "{} issues, the first {:?}", issues.len(), issues.first());
    let accounts: std::collections::HashMap<&str, &serde_json::Value> =
        json["accounts"].as_array().unwrap().iter().map(|a| (a["id"].as_str().unwrap(), a)).collect();
    assert_eq!(accounts.len(), 40_000);
    // (id, Excel row = i + 2, fit points, relationship points)
    for (id, row, fit, relationship) in [
        // Chunk 1, i = 0: fit 0 → 0 / 40 = 0; relationship 1 → 1 / 4 = 0.25.
        ("K00000", 2, 0.0, 0.25),
        // Chunk 1, i = 4: fit 4 → 4 / 40 = 0.1 (1.16 on the 1–5 scale); relationship 5 → 1.25.
        ("K00004", 6, 0.1, 1.25),
        // Chunk 1, i = 5: fit 5 → 0.125; relationship 1 → 0.25.
        ("K00005", 7, 0.125, 0.25),
        // Chunk 2, i = 20,000: fit 20,000 % 6 = 2 → 0.05; relationship 8 → 8 / 4 = 2.0.
        ("K20000", 20_002, 0.05, 2.0),
        // Chunk 3, i = 35,000: fit 80 → 80 / 40 = 2.0; relationship 1 + 0 = 1 → 0.25.
        ("K35000", 35_002, 2.0, 0.25),
        // Chunk 3, the last row, i = 39,999: fit 39,999 % 6 = 3 → 0.075; relationship
        // 1 + 39,999 % 5 = 5 → 1.25.
        ("K39999", 40_001, 0.075, 1.25),
    ] {
        let a = accounts[id];
        assert_eq!(a["source"]["row"], row, "{id}");
        assert_eq!(a["grade"], "needs_info", "{id}");
        let points = |k: &str| a["factors"][k].as_f64().unwrap_or_else(|| panic!("{id}: no {k}"));
        assert!((points("fit") - fit).abs() < 1e-9, "{id}: fit {} ≠ {fit}", points("fit"));
        assert!(
            (points("relationship") - relationship).abs() < 1e-9,
            "{id}: relationship {} ≠ {relationship}",
            points("relationship")
        );
    }
}

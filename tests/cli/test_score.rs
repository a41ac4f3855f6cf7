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

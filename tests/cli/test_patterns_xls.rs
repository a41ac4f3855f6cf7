//! The patterns of real exports that issue #14 collected, in a legacy `.xls` (BIFF8, as Chinese
//! ERPs export): `tests/fixtures/patterns.xls`, one sheet per pattern, read through calamine's
//! `.xls` reader and checked like their `.xlsx` twins in test_headers14 / test_values14 /
//! test_read14.
//!
//! The fixture is made by the ignored test `make_patterns_fixture` below: it writes the workbook
//! with rust_xlsxwriter and has LibreOffice convert it (`cargo test --test cli -- --ignored
//! make_patterns_fixture`, needs `soffice`), so what the file holds is in this file.

use std::path::PathBuf;

use rust_xlsxwriter::Workbook;

use crate::row;
use crate::util::{put, Workdir};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/patterns.xls")
}

/// The sheets, by pattern.
fn build(wb: &mut Workbook) {
    // 1. Hong Kong headers: 賬期 is 账期; its 先提貨後付款 is a credit sale.
    let ws = wb.add_worksheet().set_name("港").unwrap();
    put(
        ws,
        0,
        &[
            row!["客戶名稱", "賬期", "應收帳款", "信用額度"],
            row!["香港貿易有限公司", "先提貨後付款", 500000, 1000000],
            row!["九龍倉儲有限公司", "貨到付款", 0, 200000],
        ],
    );
    // 2. A title cell above the header, a 序号 column: never half of the header, never a field.
    let ws = wb.add_worksheet().set_name("开发").unwrap();
    put(
        ws,
        0,
        &[
            row!["开发阶段（未出货）"],
            row!["序号", "客户名称", "项目阶段", "预算"],
            row![1, "甲建材有限公司", "价值评估", 500000],
            row![2, "乙建材有限公司", "关系建立", 300000],
            row![3, "丙建材有限公司", "37", 100000],
        ],
    );
    // 3. Only the account name is recognised: an account list, not dropped.
    let ws = wb.add_worksheet().set_name("理财").unwrap();
    put(ws, 0, &[row!["客户名称", "理财金额", "起始日期"], row!["丁投资有限公司", 1000000, "2026-01-01"]]);
    // 4. ERP values: terms codes, negative overdue days, placeholder names.
    let ws = wb.add_worksheet().set_name("ERP").unwrap();
    put(
        ws,
        0,
        &[
            row!["客户名称", "付款条件", "逾期天数", "应收欠款"],
            row!["戊电子有限公司", "D(30)", -15, 80000],
            row!["己电子有限公司", "D(360)", 40, 120000],
            row!["无", "D(0)", 0, 0],
            row!["配件默认对外实现抵消", "D(0)", 0, -500],
        ],
    );
    // 5. Generic English in an account list: Days and Amount name nothing there.
    let ws = wb.add_worksheet().set_name("Aging").unwrap();
    put(ws, 0, &[row!["Account", "Size", "Days", "Amount"], row!["Acme Ltd", "L", 45, 1200]]);
}

/// Regenerate `tests/fixtures/patterns.xls` (needs LibreOffice).
#[test]
#[ignore]
fn make_patterns_fixture() {
    let wd = Workdir::new();
    let src = wd.xlsx("patterns.xlsx", build);
    let status = std::process::Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}/lo", wd.root().display()))
        .args(["--headless", "--convert-to", "xls", "--outdir"])
        .arg(wd.root())
        .arg(&src)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::copy(wd.path("patterns.xls"), fixture()).unwrap();
}

#[test]
fn the_patterns_of_real_exports_read_from_a_legacy_xls() {
    let wd = Workdir::new();
    std::fs::copy(fixture(), wd.path("patterns.xls")).unwrap();
    let (run, json) = wd.json(&["score", "patterns.xls", "--as-of", "2026-11-30", "--lang", "en"]);
    assert!(run.code == 0 || run.code == 3, "{run:?}");
    let sheet = |name: &str| {
        json["inputs"][0]["sheets"].as_array().unwrap().iter().find(|s| s["name"] == name).unwrap().clone()
    };
    let columns = |name: &str| -> Vec<String> {
        sheet(name)["columns"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(h, f)| format!("{h}={}", f.as_str().unwrap()))
            .collect()
    };
    let account = |name: &str| json["accounts"].as_array().unwrap().iter().find(|a| a["name"] == name).cloned();
    // 1. 賬期 folded; the credit sale makes the credit weak.
    assert!(columns("港").contains(&"賬期=payment_terms".to_string()), "{:?}", columns("港"));
    let hk = account("香港貿易有限公司").unwrap();
    assert!(hk["flags"].as_array().unwrap().contains(&serde_json::json!("weak_credit")), "{hk}");
    // 2. The header is row 2; 序号 is not read; the stage column is; "37" is no stage.
    assert_eq!(sheet("开发")["header_row"], 2);
    assert_eq!(sheet("开发")["unused"], serde_json::json!(["序号"]));
    assert_eq!(account("甲建材有限公司").unwrap()["stage"], "value_assessment");
    assert!(json["issues"].as_array().unwrap().iter().any(|i| i["raw"] == "37" && i["field"] == "stage"));
    // 3. The account list is read.
    assert_eq!(sheet("理财")["kind"], "accounts");
    assert!(account("丁投资有限公司").is_some());
    // 4. D(30) is 30 days, D(360) long terms; −15 days is not due; placeholders are skipped.
    assert!(account("无").is_none() && account("配件默认对外实现抵消").is_none());
    let long = account("己电子有限公司").unwrap();
    assert!(long["flags"].as_array().unwrap().contains(&serde_json::json!("weak_credit")), "{long}");
    let short = account("戊电子有限公司").unwrap();
    assert_eq!(short["receivables"]["overdue_days"], 0, "{short}");
    assert!(!json["issues"].as_array().unwrap().iter().any(|i| i["raw"] == "D(30)" || i["raw"] == "-15"));
    // 5. Days and Amount unread in an account list, and said so.
    assert_eq!(sheet("Aging")["unused"], serde_json::json!(["Size", "Days", "Amount"]));
    // The row accounting: 2 + 3 + 1 + 4 + 1 = 11 rows; 2 placeholders skipped.
    let rec = &json["reconciliation"];
    assert_eq!((rec["rows_read"].as_u64(), rec["skipped"].as_u64()), (Some(11), Some(2)));
}

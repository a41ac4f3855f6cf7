//! Values as ERP and receivables exports write them, through the binary: negative overdue days
//! (not yet due), ERP payment-terms codes (D(30), N/30, TT30), placeholder account names (调整,
//! 抵消, 小计 inside a name: skipped with a note and counted as skipped) and a name of digits
//! only beside an ID column (kept, with a warning).

use crate::row;
use crate::util::{accounting, issue_cells, Workdir};

/// The issues of one input file as (cell, field, severity).
fn issues_of(json: &serde_json::Value, file: &str) -> Vec<(String, String, String)> {
    let all = json["issues"].as_array().unwrap();
    let cells = issue_cells(json);
    all.iter().zip(cells).filter(|(i, _)| i["file"] == file).map(|(_, c)| c).collect()
}

fn t(cell: &str, field: &str, severity: &str) -> (String, String, String) {
    (cell.to_string(), field.to_string(), severity.to_string())
}

/// The accounts as (id, name, integrity_credit points, weak_credit flagged).
fn accounts(json: &serde_json::Value) -> Vec<(String, String, Option<f64>, bool)> {
    json["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let flags = a["flags"].as_array().unwrap();
            (
                a["id"].as_str().unwrap().to_string(),
                a["name"].as_str().unwrap().to_string(),
                a["factors"]["integrity_credit"].as_f64(),
                flags.iter().any(|f| f == "weak_credit"),
            )
        })
        .collect()
}

/// Every row read is counted once: rows_read = graded + needs_info + rejected + superseded +
/// skipped.
fn adds_up(json: &serde_json::Value) -> [u64; 5] {
    let [read, accounts, rejected, superseded, skipped] = accounting(json);
    assert_eq!(read, accounts + rejected + superseded + skipped, "{}", json["reconciliation"]);
    [read, accounts, rejected, superseded, skipped]
}

#[test]
fn erp_terms_negative_overdue_days_and_placeholder_names_in_a_workbook() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "values14.xlsx",
        &[
            row!["客户编号", "客户名称", "账期", "逾期天数"],
            // Row 2: D(30) terms, 15 days before the due date.
            row!["K-1", "甲公司", "D(30)", -15],
            // Row 3: full-width D(360) (long terms: weak credit), not yet due as text.
            row!["K-2", "乙公司", "Ｄ（３６０）", "－5天"],
            // Rows 4–6: placeholders, whatever the other cells say.
            row!["K-3", "调整", "D(30)", 10],
            row!["", "配件默认对外实现抵消", "", "很多"],
            row!["K-5", "华东区本月小计", "", 3],
            // Row 7: digits only beside an ID column: kept, with a warning.
            row!["K-6", 10023, "N/30", ""],
            // Row 8: an SAP key is not read (company-specific); SAP's trailing minus is.
            row!["K-7", "丙公司", "ZB30", "15-"],
            // Row 9: no name: rejected.
            row!["K-8", "", "D(60)", ""],
        ],
    );
    let (run, json) = wd.json(&["score", "values14.xlsx", "--as-of", "2026-11-30", "--lang", "en"]);
    assert_eq!(run.code, 3, "the rejected row is an error: {run:?}");
    assert_eq!(
        accounts(&json),
        [
            ("K-1".to_string(), "甲公司".to_string(), Some(1.75), false),
            ("K-2".to_string(), "乙公司".to_string(), Some(1.25), true),
            ("K-6".to_string(), "10023".to_string(), Some(1.75), false),
            ("K-7".to_string(), "丙公司".to_string(), Some(1.75), false),
        ]
    );
    assert_eq!(
        issues_of(&json, "values14.xlsx"),
        [
            t("B4", "account_name", "note"),
            t("B5", "account_name", "note"),
            t("B6", "account_name", "note"),
            t("B7", "account_name", "warning"),
            t("C8", "payment_terms", "warning"),
            t("B9", "account_name", "error"),
        ]
    );
    let issues = json["issues"].as_array().unwrap();
    let at = |cell: &str| issues.iter().find(|i| i["cell"] == cell).unwrap();
    for (cell, raw) in [("B4", "调整"), ("B5", "配件默认对外实现抵消"), ("B6", "华东区本月小计")] {
        assert_eq!(at(cell)["raw"], raw);
        let message = at(cell)["message"].as_str().unwrap();
        assert!(message.contains("not an account, skipped and counted"), "{message}");
    }
    assert_eq!(at("B7")["raw"], "10023");
    assert!(at("B7")["message"].as_str().unwrap().contains("looks like an ID"), "{}", at("B7"));
    assert!(at("C8")["message"].as_str().unwrap().contains("ERP payment-terms key"), "{}", at("C8"));
    // 8 rows: 4 accounts, 1 rejected, 3 skipped.
    assert_eq!(adds_up(&json), [8, 4, 1, 0, 3]);
}

#[test]
fn the_same_from_a_gbk_csv_in_chinese() {
    let wd = Workdir::new();
    wd.csv_gbk(
        "应收明细.csv",
        "客户编号,客户名称,账期,最长逾期天数\n\
         K-1,甲公司,D(30),-15\n\
         K-2,乙公司,月结30,－8天\n\
         K-3,调整,,\n\
         K-4,配件默认对外实现抵消,,\n\
         K-5,本月小计,D(60),\n\
         K-6,20031,NET30,\n\
         K-7,丙公司,TT30,(20)\n",
    );
    let (run, json) = wd.json(&["score", "应收明细.csv", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "notes and a warning only: {run:?}");
    let names: Vec<String> = accounts(&json).into_iter().map(|a| a.1).collect();
    assert_eq!(names, ["甲公司", "乙公司", "20031", "丙公司"]);
    assert!(accounts(&json).iter().all(|a| a.2 == Some(1.75) && !a.3), "{:?}", accounts(&json));
    assert_eq!(
        issues_of(&json, "应收明细.csv"),
        [
            t("B4", "account_name", "note"),
            t("B5", "account_name", "note"),
            t("B6", "account_name", "note"),
            t("B7", "account_name", "warning"),
        ]
    );
    let issues = json["issues"].as_array().unwrap();
    let message = |cell: &str| issues.iter().find(|i| i["cell"] == cell).unwrap()["message"].as_str().unwrap();
    assert!(message("B4").contains("该行不是客户，已跳过"), "{}", message("B4"));
    assert!(message("B7").contains("像是客户编号"), "{}", message("B7"));
    // 7 rows: 4 accounts, 3 skipped.
    assert_eq!(adds_up(&json), [7, 4, 0, 0, 3]);
    assert_eq!(json["reconciliation"]["skipped"], 3);
}

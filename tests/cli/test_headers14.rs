//! Headers and values in Traditional Chinese, and the column names real exports use (SPEC §1
//! v2): header cells fold like values (賬期 = 帳期 = 账期), so a Hong Kong sheet reads like a
//! mainland one; a credit limit is never taken for a credit rating.

use crate::row;
use crate::util::Workdir;

/// The account read from `row` (1-based, as Excel shows it) of the only sheet.
fn at_row(json: &serde_json::Value, row: u64) -> &serde_json::Value {
    json["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["source"]["row"] == row)
        .unwrap_or_else(|| panic!("no account from row {row}: {}", json["accounts"]))
}

fn flags(account: &serde_json::Value) -> Vec<&str> {
    account["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect()
}

/// The column → field mapping of the first sheet, sorted by header text.
fn columns(json: &serde_json::Value) -> Vec<(String, String)> {
    let sheet = &json["inputs"][0]["sheets"][0];
    let mut cols: Vec<(String, String)> = sheet["columns"]
        .as_object()
        .unwrap_or_else(|| panic!("sheet not read: {sheet}"))
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    cols.sort();
    cols
}

/// A Hong Kong export: every header Traditional (賬期, not the 帳期 the model lists), the terms
/// too. 先提貨後付款 is a credit sale, a weak-credit signal; 貨到付款 is cash on delivery. The
/// credit limit is money, not a rating: it is listed as unused, and no rating is read from it.
#[test]
fn a_hong_kong_sheet_reads_like_a_mainland_one() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "hk.xlsx",
        &[
            row!["客戶名稱", "賬期", "應收帳款", "信用額度"],
            row!["香港貿易有限公司", "先提貨後付款", 500000, 1000000],
            row!["九龍倉儲有限公司", "貨到付款", 0, 200000],
        ],
    );
    let (run, json) = wd.json(&["score", "hk.xlsx", "--as-of", "2026-10-31", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        columns(&json),
        [
            ("信用額度".to_string(), "credit_limit".to_string()),
            ("客戶名稱".to_string(), "account_name".to_string()),
            ("應收帳款".to_string(), "ar_balance".to_string()),
            ("賬期".to_string(), "payment_terms".to_string()),
        ]
    );
    assert_eq!(json["inputs"][0]["sheets"][0]["unused"], serde_json::json!([]));
    assert_eq!(json["reconciliation"]["rows_read"], 2);
    assert_eq!(json["issues"], serde_json::json!([]), "the terms cells parse");
    assert!(flags(at_row(&json, 2)).contains(&"weak_credit"), "{}", at_row(&json, 2));
    assert!(!flags(at_row(&json, 3)).contains(&"weak_credit"), "{}", at_row(&json, 3));
}

/// 客户名 (and the other names SPEC §1 lists) is the account-name column: a sheet headed by it
/// is read, where it used to be skipped for want of a name column.
#[test]
fn a_sheet_headed_by_customer_name_short_form_is_read() {
    let wd = Workdir::new();
    wd.simple_xlsx("a.xlsx", &[row!["客户名", "预算", "账期"], row!["甲公司", "100万", "月结60天"]]);
    let (run, json) = wd.json(&["score", "a.xlsx", "--as-of", "2026-10-31", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        columns(&json),
        [
            ("客户名".to_string(), "account_name".to_string()),
            ("账期".to_string(), "payment_terms".to_string()),
            ("预算".to_string(), "budget".to_string()),
        ]
    );
    assert_eq!(at_row(&json, 2)["name"], "甲公司");
}

/// A credit-limit column beside the rating column: the rating comes from 信用等级 alone, in
/// English and Chinese headers alike, and the limit's amounts raise no "not a rating" issue.
#[test]
fn a_credit_limit_beside_the_rating_is_not_read_as_a_rating() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "a.xlsx",
        &[row!["客户名称", "授信额度", "信用等级", "Credit_Limit"], row!["甲公司", "500万", "AA", 3000000]],
    );
    let (run, json) = wd.json(&["score", "a.xlsx", "--as-of", "2026-10-31", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        columns(&json),
        [
            ("信用等级".to_string(), "credit_rating".to_string()),
            ("客户名称".to_string(), "account_name".to_string()),
            ("授信额度".to_string(), "credit_limit".to_string())
        ]
    );
    // The limit is read (SPEC v2's credit_limit) from the first of its two columns.
    assert_eq!(json["inputs"][0]["sheets"][0]["unused"], serde_json::json!(["Credit_Limit"]));
    // The second limit column is named as such; no cell raises "not a rating".
    let issues = json["issues"].as_array().unwrap();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0]["cell"], "D1");
    assert!(issues[0]["message"].as_str().unwrap().contains("Credit limit again"), "{issues:?}");
}

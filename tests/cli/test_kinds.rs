//! Source kinds (SPEC §1b): each sheet read as what it is — an account list, a deal pipeline,
//! an invoice ledger, order lines, payments, a promises log — told by its document fields, or
//! by repeated accounts, or forced by the model; generic English and Chinese words (Amount,
//! Days, 金额, 状态) mapped by the sheet's kind and left unread in an account list.

use crate::row;
use crate::util::Workdir;

/// Each sheet's (name, kind, columns as "header=field").
fn sheets(json: &serde_json::Value) -> Vec<(String, String, Vec<String>, Vec<String>)> {
    json["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["sheets"].as_array().unwrap().clone())
        .map(|s| {
            let cols = s["columns"].as_object().unwrap().iter().map(|(h, f)| format!("{h}={}", f.as_str().unwrap()));
            let unused = s["unused"].as_array().unwrap().iter().map(|u| u.as_str().unwrap().to_string());
            (
                s["name"].as_str().unwrap().to_string(),
                s["kind"].as_str().unwrap_or("").to_string(),
                cols.collect(),
                unused.collect(),
            )
        })
        .collect()
}

fn account<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    json["accounts"].as_array().unwrap().iter().find(|a| a["name"] == name).unwrap_or_else(|| panic!("no {name}"))
}

/// An AR aging export in generic English: `Account, Size, Days, Amount`. As an account list (no
/// document field, nothing repeated) Days and Amount name nothing and are reported; forced to be
/// receivables by the model, Amount is the open amount and Days the days overdue.
#[test]
fn generic_english_ledger_headers_mean_something_only_in_a_ledger() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "aging.xlsx",
        &[
            row!["Account", "Size", "Days", "Amount"],
            row!["Acme Ltd", "L", 45, 1200],
            row!["Beta Corp", "M", -10, 800],
            row!["Acme Ltd.", "L", 120, 300],
        ],
    );
    let (run, json) = wd.json(&["score", "aging.xlsx", "--as-of", "2026-11-30", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    let s = &sheets(&json)[0];
    assert_eq!(s.1, "accounts");
    assert_eq!(s.2, ["Account=account_name"]);
    assert_eq!(s.3, ["Size", "Days", "Amount"]);
    // The model says what the file is.
    std::fs::write(wd.path("m.toml"), "[[sources]]\nmatch = \"aging.xlsx\"\nkind = \"receivables\"\n").unwrap();
    let (run, json) = wd.json(&["score", "aging.xlsx", "--as-of", "2026-11-30", "--model", "m.toml"]);
    assert_eq!(run.code, 0, "{run:?}");
    let s = &sheets(&json)[0];
    assert_eq!(s.1, "receivables");
    // (serde_json's map is sorted: the file's order is the column order, read back by key.)
    assert_eq!(s.2, ["Account=account_name", "Amount=ar_balance", "Days=overdue_days"]);
    assert_eq!(s.3, ["Size"]);
    // Acme Ltd and Acme Ltd. are one account: 1,200 (45 days) + 300 (120 days).
    let acme = account(&json, "Acme Ltd");
    let r = &acme["receivables"];
    assert_eq!(
        (r["balance"].as_f64(), r["overdue"].as_f64(), r["overdue_days"].as_u64()),
        (Some(1500.0), Some(1500.0), Some(120))
    );
    assert_eq!((r["buckets"]["31-60"].as_f64(), r["buckets"]["91-180"].as_f64()), (Some(1200.0), Some(300.0)));
    // -10 days: not yet due, current.
    let beta = account(&json, "Beta Corp");
    assert_eq!(
        (beta["receivables"]["current"].as_f64(), beta["receivables"]["overdue_days"].as_u64()),
        (Some(800.0), Some(0))
    );
    let rec = &json["reconciliation"];
    assert_eq!(
        (rec["rolled_up"].as_u64(), rec["from_line_items"].as_u64(), rec["accounts"].as_u64()),
        (Some(3), Some(2), Some(2))
    );
}

/// Order lines (Superstore style), a CRM pipeline and a payments log, each told by its document
/// fields; the generic Amount/Value/Status by the kind.
#[test]
fn document_fields_tell_the_kind_and_generic_words_follow_it() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "orders.xlsx",
        &[
            row!["Order ID", "Order Date", "Customer Name", "Amount", "Profit"],
            row!["CA-1", "2026-10-01", "Acme Ltd", 500, 100],
            row!["CA-1", "2026-10-01", "Acme Ltd", 250, 50],
            row!["CA-2", "2025-06-01", "Acme Ltd", 999, 1],
        ],
    );
    wd.simple_xlsx(
        "pipeline.xlsx",
        &[
            row!["Opportunity", "Account", "Stage", "Value", "Close Date", "Status"],
            row!["Acme renewal", "Acme Ltd", "Negotiation", 4000, "2026-12-20", "Open"],
            row!["Acme pilot", "Acme Ltd", "Closed Won", 1000, "2026-05-01", "Won"],
            row!["Gamma bid", "Gamma Inc.", "Proposal", 700, "2026-10-01", "Lost"],
        ],
    );
    wd.simple_xlsx(
        "payments.xlsx",
        &[row!["Payment Date", "Customer", "Payment Amount"], row!["2026-11-02", "Acme Ltd", 600]],
    );
    wd.simple_xlsx("accounts.xlsx", &[row!["Customer", "Amount", "Status"], row!["Acme Ltd", 10, "ok"]]);
    let (run, json) = wd.json(&["score", ".", "--as-of", "2026-11-30", "--lang", "en"]);
    assert!(run.code == 0 || run.code == 3, "{run:?}");
    let all = sheets(&json);
    let kinds: Vec<&str> = all.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "orders").count(), 1, "{all:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "opportunities").count(), 1, "{all:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "payments").count(), 1, "{all:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "accounts").count(), 1, "{all:?}");
    let find = |kind: &str| all.iter().find(|s| s.1 == kind).unwrap().clone();
    assert!(find("orders").2.contains(&"Amount=sales".to_string()), "{:?}", find("orders"));
    assert!(find("opportunities").2.contains(&"Value=deal_value".to_string()), "{:?}", find("opportunities"));
    assert!(find("opportunities").2.contains(&"Status=deal_status".to_string()), "{:?}", find("opportunities"));
    assert!(find("payments").2.contains(&"Payment Date=paid_date".to_string()), "{:?}", find("payments"));
    // In the account list the same words name nothing.
    assert_eq!(find("accounts").3, ["Amount", "Status"]);
    let acme = account(&json, "Acme Ltd");
    assert_eq!(acme["status"], "prospect");
    assert_eq!((acme["deal_value"].as_f64(), acme["open_deals"].as_u64()), (Some(4000.0), Some(1)));
    assert_eq!(acme["stage"], "close");
    // 12-month orders: CA-1's two lines (750, one order); CA-2 is older.
    let v = &acme["value"];
    assert_eq!(
        (v["monetary"].as_f64(), v["frequency"].as_u64(), v["margin"].as_f64()),
        (Some(750.0), Some(1), Some(150.0))
    );
    let gamma = account(&json, "Gamma Inc.");
    assert_eq!((gamma["status"].as_str(), gamma["grade"].is_null()), (Some("lost"), true));
    // A lost deal's passed close date raises nothing.
    assert!(gamma["flags"].as_array().unwrap().is_empty(), "{gamma}");
}

/// A sheet that looks like an account list but repeats its accounts — a deal list without a
/// deal name, a GBK ledger without a document number — is read as the line items it is.
#[test]
fn repeated_accounts_with_line_item_fields_are_line_items() {
    let wd = Workdir::new();
    let mut rows = vec![row!["客户名称", "阶段", "预计金额", "预计成交日期"]];
    for i in 0..12 {
        let name = ["甲公司", "乙公司", "丙公司"][i % 3];
        rows.push(row![name, "价值评估", 100 * (i as i32 + 1), "2026-12-31"]);
    }
    wd.simple_xlsx("deals.xlsx", &rows);
    let mut csv = String::from("客户名称,应收余额,逾期天数\n");
    for i in 0..10 {
        csv.push_str(&format!("{},{},{}\n", ["丁公司", "戊公司"][i % 2], 100, i * 20));
    }
    wd.csv_gbk("应收.csv", &csv);
    let (run, json) = wd.json(&["score", ".", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    let kinds: Vec<(String, String)> = sheets(&json).into_iter().map(|s| (s.0, s.1)).collect();
    assert!(kinds.contains(&("Sheet1".into(), "opportunities".into())), "{kinds:?}");
    assert!(kinds.contains(&("应收".into(), "receivables".into())), "{kinds:?}");
    // 甲: deals 1, 4, 7, 10 → 100 + 400 + 700 + 1000.
    assert_eq!(account(&json, "甲公司")["deal_value"].as_f64(), Some(2200.0));
    assert_eq!(account(&json, "甲公司")["open_deals"].as_u64(), Some(4));
    // 戊: rows 1, 3, 5, 7, 9 → overdue 20, 60, 100, 140, 180 days; the longest 180.
    assert_eq!(account(&json, "戊公司")["receivables"]["overdue_days"].as_u64(), Some(180));
    assert_eq!(account(&json, "戊公司")["receivables"]["balance"].as_f64(), Some(500.0));
    let notes: Vec<&str> = json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["message"].as_str())
        .filter(|m| m.contains("重复出现"))
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    // A short list with two duplicates stays an account list: its duplicates merge.
    let wd = Workdir::new();
    wd.simple_xlsx(
        "list.xlsx",
        &[row!["客户名称", "阶段"], row!["甲公司", "价值评估"], row!["甲公司", "关系建立"], row!["乙公司", "信息收集"]],
    );
    let (_, json) = wd.json(&["score", "list.xlsx", "--as-of", "2026-11-30"]);
    assert_eq!(sheets(&json)[0].1, "accounts");
    assert_eq!(json["reconciliation"]["merged"].as_u64(), Some(1));
}

/// A promises log: 承诺事项 alone decides, 承诺日期 is the due date there, 状态 the promise's status.
#[test]
fn a_promises_log_counts_kept_open_and_broken_and_flags_the_broken() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "承诺台账.xlsx",
        &[
            row!["客户名称", "承诺事项", "承诺日期", "状态", "兑现日期"],
            row!["甲公司", "两周内交付样机", "2026-10-15", "已兑现", "2026-10-20"],
            row!["甲公司", "驻场培训", "2026-11-10", "未兑现", ""],
            row!["甲公司", "季度回访", "2026-12-15", "进行中", ""],
        ],
    );
    let (run, json) = wd.json(&["score", "承诺台账.xlsx", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    let s = &sheets(&json)[0];
    assert_eq!(s.1, "promises");
    assert!(
        s.2.contains(&"承诺日期=due_date".to_string()) && s.2.contains(&"状态=promise_status".to_string()),
        "{s:?}"
    );
    let a = account(&json, "甲公司");
    assert_eq!(a["promises"], serde_json::json!({"made": 3, "kept": 1, "open": 1, "broken": 1}));
    assert!(a["flags"].as_array().unwrap().contains(&serde_json::json!("promise_broken")), "{a}");
}

/// An ERP's income ledger names its own billing company (公司简称) left of the customer
/// (客户名称): the more specific header is the account, the other is reported; a column the
/// model names wins over every alias.
#[test]
fn the_most_specific_name_column_is_the_account() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "收入.xlsx",
        &[
            row!["公司简称", "收入日期", "客户名称", "合并收入"],
            row!["苏海", "2026-10-01", "宁德新能源有限公司", 1000],
            row!["深海", "2026-10-02", "宁德新能源有限公司", 500],
        ],
    );
    let (_, json) = wd.json(&["check", "收入.xlsx", "--as-of", "2026-11-30"]);
    let names: Vec<&str> = json["accounts"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["宁德新能源有限公司"]);
    let dup = json["issues"].as_array().unwrap().iter().find(|i| i["cell"] == "A1").unwrap();
    assert!(dup["message"].as_str().unwrap().contains("以 C 列为准"), "{dup}");
    // The model may say otherwise: its column wins.
    std::fs::write(
        wd.path("m.toml"),
        "[[sources]]\nmatch = \"收入.xlsx\"\n[sources.columns]\n\"公司简称\" = \"account_name\"\n",
    )
    .unwrap();
    let (_, json) = wd.json(&["check", "收入.xlsx", "--as-of", "2026-11-30", "--model", "m.toml"]);
    let names: Vec<&str> = json["accounts"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["苏海", "深海"]);
}

/// A ledger in several currencies, with paid invoices and a status column; order lines with a
/// cancelled one: the amounts convert at the model's rates, settled invoices owe nothing, the
/// cancelled line is no sale.
#[test]
fn currencies_settled_invoices_and_cancelled_orders() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "ar.xlsx",
        &[
            row!["Customer", "Invoice No", "Due Date", "Amount", "Currency", "Status", "Settled Date"],
            row!["Acme Ltd", "I-1", "2026-10-01", 1000, "USD", "Open", ""],
            row!["Acme Ltd", "I-2", "2026-10-15", 500, "USD", "Paid", ""],
            row!["Acme Ltd", "I-3", "2026-09-01", 2000, "CNY", "", "2026-11-20"],
            row!["Acme Ltd", "I-4", "2026-12-20", 300, "人民币", "", ""],
            row!["Zeta GmbH", "I-5", "2026-11-01", 100, "XYZ", "", ""],
        ],
    );
    wd.simple_xlsx(
        "orders.xlsx",
        &[
            row!["Order ID", "Order Date", "Customer", "Sales", "Status"],
            row!["O-1", "2026-11-01", "Acme Ltd", 100, "Shipped"],
            row!["O-2", "2026-11-02", "Acme Ltd", 900, "Cancelled"],
        ],
    );
    let (run, json) = wd.json(&["score", ".", "--as-of", "2026-11-30", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    let acme = account(&json, "Acme Ltd");
    let r = &acme["receivables"];
    // Open: I-1, 1,000 USD × 7.1 = 7,100, 60 days past due; I-4, 300 CNY, not yet due.
    // I-2 is paid (status), I-3 settled on 2026-11-20 (a settlement date before the as-of).
    assert_eq!(
        (r["balance"].as_f64(), r["overdue"].as_f64(), r["overdue_days"].as_u64()),
        (Some(7400.0), Some(7100.0), Some(60))
    );
    assert_eq!(r["buckets"]["31-60"].as_f64(), Some(7100.0));
    // Settled on 2026-11-20: the last payment the ledger shows.
    // 12-month sales: O-1 only; the cancelled line is no sale.
    assert_eq!(acme["value"]["monetary"].as_f64(), Some(100.0));
    assert_eq!(acme["value"]["frequency"].as_u64(), Some(1));
    // XYZ has no rate: its amount is unknown (no balance), with a warning at the currency cell.
    assert!(account(&json, "Zeta GmbH")["receivables"].is_null());
    let warn = json["issues"].as_array().unwrap().iter().find(|i| i["cell"] == "E6").unwrap();
    assert_eq!((warn["severity"].as_str(), warn["field"].as_str()), (Some("warning"), Some("currency")));
}

/// An ERP ledger that names its customers by number only, and writes dates month first (US):
/// joined by ID to the account list; with `date_order = "month_first"` its 1/26/2026 dates read.
#[test]
fn a_ledger_keyed_by_customer_id_with_us_dates() {
    let wd = Workdir::new();
    wd.simple_xlsx("in/list.xlsx", &[row!["客户编号", "客户名称"], row!["C-001", "甲科技有限公司"]]);
    wd.simple_xlsx(
        "in/ar.xlsx",
        &[
            row!["customerID", "invoiceNumber", "DueDate", "InvoiceAmount"],
            row!["C-001", "611365", "10/26/2026", 1000],
            row!["C-001", "611366", "12/5/2026", 500],
            row!["C-002", "611367", "11/3/2026", 200],
        ],
    );
    let (run, json) = wd.json(&["score", "in", "--as-of", "2026-11-30", "--lang", "en"]);
    assert_eq!(run.code, 3, "12/5/2026 is ambiguous: {run:?}");
    let ambiguous: Vec<&str> = json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["severity"] == "error")
        .map(|i| i["raw"].as_str().unwrap())
        .collect();
    assert_eq!(ambiguous, ["12/5/2026", "11/3/2026"]);
    std::fs::write(wd.path("m.toml"), "[input]\ndate_order = \"month_first\"\n").unwrap();
    let (run, json) = wd.json(&["score", "in", "--as-of", "2026-11-30", "--model", "m.toml", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    // C-001 is 甲科技: 1,000 due 2026-10-26 (35 days past due) + 500 due 2026-12-05 (current).
    let a = account(&json, "甲科技有限公司");
    let r = &a["receivables"];
    assert_eq!(
        (r["balance"].as_f64(), r["overdue_days"].as_u64(), r["current"].as_f64()),
        (Some(1500.0), Some(35), Some(500.0))
    );
    // C-002 has no account row: the ID names it.
    let b = account(&json, "C-002");
    assert_eq!((b["id"].as_str(), b["receivables"]["overdue_days"].as_u64()), (Some("C-002"), Some(27)));
    assert!(json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["message"].as_str().unwrap().contains("no account-name column")));
}

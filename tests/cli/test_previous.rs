//! Month over month: `--previous` reads last month's report back (as kascore wrote it, edited
//! by hand, or from kascore 0.1.0), refuses a workbook that is not a report, and a report left
//! in the input folder is not read as input.

use crate::row;
use crate::util::{graded_book, Report, Workdir};

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
            // Receivables 50万, nothing overdue; November changes three things (see there).
            row![
                "K-C",
                "丙公司",
                "100万",
                "100万",
                "2027-03-31",
                "是",
                "张总",
                "支持",
                5,
                5,
                5,
                5,
                4,
                4,
                4,
                "50万",
                0,
                0
            ],
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
            // B both months, but: relationship rated 4 instead of 5 (2.5 → 1.875 points: October
            // 2.5 + 4 × 2.5 + 3 × 1.875 = 18.125, November 17.5, both held back by a close
            // 151 and 121 days out), the decision maker's attitude no longer known (decision
            // maker unclear raised), and receivables 50万 → 80万 with 10万 now overdue 20 days
            // (12.5%, not weak credit).
            row![
                "K-C",
                "丙公司",
                "100万",
                "100万",
                "2027-03-31",
                "是",
                "张总",
                "",
                5,
                5,
                5,
                4,
                4,
                4,
                4,
                "80万",
                "10万",
                20
            ],
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
            (s("K-C"), s("B"), s("B"), s("changed"), Some(0), s("decision_maker_unclear"), s("")),
            // The close date moved and weak credit was raised: the same grade, changed.
            (s("K-D"), s("D"), s("D"), s("changed"), Some(61), s("weak_credit"), s("")),
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
    // What moved, for the accounts seen both months: the factors whose points moved, with
    // their JSON keys, and the receivables balance, null when unknown both times. K-D had no
    // receivables in October (unknown counts 0): 0 → 100万.
    let change = |id: &str| json["changes"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
    let (b, c, d) = (change("K-B"), change("K-C"), change("K-D"));
    assert_eq!(b["factors_moved"], serde_json::json!({}));
    assert_eq!(b["receivables_delta"], serde_json::Value::Null);
    assert_eq!(c["score_delta"], -0.625);
    assert_eq!(c["factors_moved"], serde_json::json!({"relationship": -0.625}));
    assert_eq!(c["receivables_delta"], 300_000.0);
    assert_eq!(d["factors_moved"], serde_json::json!({}), "the same ratings, the same points");
    assert_eq!(d["receivables_delta"], 1_000_000.0);
    assert_eq!(change("K-NEW")["factors_moved"], serde_json::Value::Null, "nothing to compare with");
    // The Changes tab says the same, moves down first.
    let mut rep = Report::open(&wd.path("nov.xlsx"));
    assert!(rep.tabs().contains(&"Changes".to_string()));
    let tab = rep.list("Changes", "Account ID");
    let order: Vec<(&str, &str)> = tab.iter().map(|r| (r["Movement"].as_str(), r["Account ID"].as_str())).collect();
    assert_eq!(order[0], ("Down", "K-A"));
    assert_eq!(tab[0]["Close date moved (days)"], "136");
    // The score did not move, the grade did: the reason for the grade now says why.
    assert_eq!(tab[0]["Score change"], "0");
    assert!(tab[0]["Reason for the grade now"].ends_with("→ B"), "{:?}", tab[0]["Reason for the grade now"]);
    let gone = tab.iter().find(|r| r["Account ID"] == "K-GONE").unwrap();
    assert_eq!(gone["Reason for the grade now"], "", "no grade now");
    assert!(order.contains(&("New", "K-NEW")) && order.contains(&("Gone", "K-GONE")));
    // Down, up, new, gone, changed (by the size of the score change), same.
    let movements: Vec<&str> = order.iter().map(|(m, _)| *m).collect();
    assert_eq!(movements, ["Down", "New", "Gone", "Changed", "Changed", "Same"]);
    let kc = tab.iter().find(|r| r["Account ID"] == "K-C").unwrap();
    assert_eq!(kc["Movement"], "Changed");
    assert_eq!(kc["Owner"], "");
    assert_eq!(kc["Factors moved"], "Relationship −0.63", "−0.625 as the score cells show it");
    assert_eq!(kc["Flags raised"], "Decision maker unclear");
    assert_eq!(kc["Receivables change"], "300000");
    assert_eq!(kc["Overdue change"], "100000");
    assert_eq!(kc["Deal value"], "1000000");
    let summary = rep.grid("Summary");
    assert!(summary.iter().any(|r| r.len() > 4 && r[3] == "Down" && r[4] == "1"), "movement counts on the summary");
    assert!(summary.iter().any(|r| r.len() > 4 && r[3] == "Changed" && r[4] == "2"), "{summary:?}");

    // The Chinese report's 变动 tab, read back.
    let run = wd.run(&[
        "score",
        "nov",
        "--as-of",
        "2026-11-30",
        "--previous",
        "kascore-report-2026-10.xlsx",
        "-o",
        "nov-zh.xlsx",
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let mut rep = Report::open(&wd.path("nov-zh.xlsx"));
    let tab = rep.list("变动", "客户编号");
    let row = |id: &str| tab.iter().find(|r| r["客户编号"] == id).unwrap().clone();
    let kc = row("K-C");
    assert_eq!((kc["变动"].as_str(), kc["得分变动因素"].as_str()), ("有变化", "关系紧密度 −0.63"));
    assert_eq!((kc["上月评级"].as_str(), kc["本月评级"].as_str()), ("B", "B"));
    assert_eq!(kc["新增标记"], "决策人不明");
    assert_eq!(kc["应收变化"], "300000");
    assert_eq!((row("K-B")["变动"].as_str(), row("K-B")["得分变动因素"].as_str()), ("不变", ""));
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
    // Its data tab kept no factor points or receivables: unknown, not compared.
    assert_eq!(
        (&c[0]["factors_moved"], &c[0]["receivables_delta"]),
        (&serde_json::Value::Null, &serde_json::Value::Null)
    );
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

/// An account whose stage alone moved is "changed", and the changes tab shows the move; an
/// account whose stage stayed shows the stage as it is.
#[test]
fn a_stage_that_moved_is_shown_on_the_changes_tab() {
    let wd = Workdir::new();
    let book = |name: &str, stage: &str| {
        let mut header: Vec<crate::util::V> = MONTH_HEADER[..15].iter().map(|h| crate::util::V::from(*h)).collect();
        header.push("销售阶段".into());
        let rows = [
            row!["K-S", "戊公司", "100万", "100万", "2027-03-31", "是", "王总", "支持", 5, 5, 4, 4, 4, 4, 4, stage],
            row![
                "K-T",
                "己公司",
                "100万",
                "100万",
                "2027-03-31",
                "是",
                "李总",
                "支持",
                5,
                5,
                4,
                4,
                4,
                4,
                4,
                "关系建立"
            ],
        ];
        let mut all = vec![header];
        all.extend(rows);
        wd.simple_xlsx(name, &all);
    };
    book("oct/book.xlsx", "信息收集");
    let run = wd.run(&["score", "oct", "--as-of", "2026-10-31", "-o", "oct.xlsx", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    // The same as-of date, so that nothing but the stage differs.
    book("nov/book.xlsx", "价值评估");
    let args = ["score", "nov", "--as-of", "2026-10-31", "--previous", "oct.xlsx", "-o", "nov.xlsx", "-q"];
    let (run, json) = wd.json(&args);
    assert_eq!(run.code, 0, "{run:?}");
    let movement =
        |id: &str| json["changes"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["movement"].clone();
    assert_eq!((movement("K-S"), movement("K-T")), ("changed".into(), "same".into()));
    let tab = Report::open(&wd.path("nov.xlsx")).list("变动", "客户编号");
    let stage = |id: &str| tab.iter().find(|r| r["客户编号"] == id).unwrap()["阶段"].clone();
    assert_eq!(stage("K-S"), "信息收集 → 价值评估");
    assert_eq!(stage("K-T"), "关系建立");
}

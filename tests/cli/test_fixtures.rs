//! The hand-made workbooks of tests/fixtures/ (.xlsb, .xls, .ods and a 1904 .xlsx), read
//! through kascore and checked value by value. tests/fixtures/README.md says how each was made.
//!
//! All four hold one table on a sheet named 重点客户: a title in B2, the header on row 4 from
//! column B (B 客户编号, C 客户名称, D 预算, E 预计金额, F 预计成交日期, G 信用等级, H 业务匹配度,
//! I 资金状况, J 关系紧密度, K 竞争优势, L 进入时机, M 附加价值, N 需求共识, O 决策人,
//! P 决策人态度), data on rows 5–11. The readers give a range that starts at B2, so every row
//! number and cell below is only right if kascore adds the range's start back.
//!
//! The points, with the default model (templates/default.toml): eight factors of equal weight,
//! 20 points in all, so a factor is worth 20 / 8 = 2.5 points × its fraction. A 1–5 rating r
//! is the fraction (r − 1) / 4 (5 → 1, 4 → .75, 3 → .5); every rating column here holds plain
//! numbers no larger than 5, so all are on the 1–5 scale. Need & budget is budget / deal value
//! (1 when the budget covers the deal), .25 for a vague budget and .75 for a budget without a
//! deal value. Integrity & credit is the agency rating (AAA 1, AA .9, A .8, BBB .65) when there
//! is no 诚信度 column and no receivables data. As of 2026-11-30: A needs ≥ 17 and a close
//! within 90 days, B ≥ 15 and a close within 180 days, C ≥ 15 otherwise, D < 15; more than two
//! unknown factors is needs information.

use calamine::{open_workbook_auto, Data, Reader, Sheets};

use crate::util::{accounting, issue_cells, Report, Workdir};

/// A fixture's path in the repository.
fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// What the readers themselves say about a fixture: its date system and where its range
/// starts. Checked first, so that a fixture rebuilt wrongly fails here and not, vacuously, later.
fn date1904_and_start(name: &str) -> (bool, Option<(u32, u32)>) {
    let mut wb = open_workbook_auto(fixture(name)).unwrap();
    let date1904 = match &wb {
        Sheets::Xlsx(x) => x.has_1904_epoch(),
        Sheets::Xlsb(x) => x.has_1904_epoch(),
        Sheets::Xls(x) => x.has_1904_epoch(),
        Sheets::Ods(_) => false,
    };
    let range = wb.worksheet_range("重点客户").unwrap();
    (date1904, range.start())
}

/// (id, name, grade, score, source row, reason)
type Graded = (String, String, String, f64, u64, String);

/// The factor points of an account, in the order need & budget, integrity & credit, financial
/// strength, fit, relationship, competitive position, timing of entry, added value.
fn factors(account: &serde_json::Value) -> Vec<Option<f64>> {
    [
        "need_budget",
        "integrity_credit",
        "financial_strength",
        "fit",
        "relationship",
        "competitive",
        "timing",
        "added_value",
    ]
    .iter()
    .map(|k| account["factors"][*k].as_f64())
    .collect()
}

/// Run `kascore score` on a copy of the fixture and check everything it says, value by value.
fn check_fixture(name: &str) {
    let wd = Workdir::new();
    std::fs::copy(fixture(name), wd.path(name)).unwrap();
    let (run, json) = wd.json(&["score", name, "--as-of", "2026-11-30", "-o", "r.xlsx", "--lang", "en"]);
    // Row 8 has no account name: an error-level data issue, so the report is written and the
    // run exits 3.
    assert_eq!(run.code, 3, "{run:?}");

    // The sheet: header on row 4 (below the title in B2), 7 data rows (5–11).
    let sheets = &json["inputs"][0]["sheets"];
    assert_eq!(sheets.as_array().unwrap().len(), 1, "{sheets}");
    assert_eq!(sheets[0]["name"], "重点客户");
    assert_eq!(sheets[0]["header_row"], 4);
    assert_eq!(sheets[0]["rows"], 7);
    // 7 read = 4 graded + 1 needs info (FX-005), 1 rejected (row 8, no name), 0 superseded,
    // 1 skipped (the 合计 line on row 11).
    assert_eq!(accounting(&json), [7, 5, 1, 0, 1]);
    let rec = &json["reconciliation"];
    assert_eq!((rec["graded"].as_u64(), rec["needs_info"].as_u64()), (Some(4), Some(1)));
    let counts = &json["counts"];
    for grade in ["A", "B", "C", "D", "needs_info"] {
        assert_eq!(counts[grade], 1, "{grade}: {counts}");
    }

    let accounts = json["accounts"].as_array().unwrap();
    let got: Vec<Graded> = accounts
        .iter()
        .map(|a| {
            assert_eq!(a["source"]["file"], name);
            assert_eq!(a["source"]["sheet"], "重点客户");
            let text = |k: &str| a[k].as_str().unwrap().to_string();
            (
                text("id"),
                text("name"),
                text("grade"),
                a["score"].as_f64().unwrap(),
                a["source"]["row"].as_u64().unwrap(),
                text("reason"),
            )
        })
        .collect();
    let g = |id: &str, name: &str, grade: &str, score: f64, row: u64, reason: &str| -> Graded {
        (id.into(), name.into(), grade.into(), score, row, reason.into())
    };
    crate::eqnice!(
        vec![
            // Row 5. Need & budget: D5 1,000,000 / E5 125万 = 1,250,000 → .8 × 2.5 = 2.0.
            // Credit AA .9 × 2.5 = 2.25. Six ratings of 5: 6 × 2.5 = 15. 2.0 + 2.25 + 15 = 19.25
            // ≥ 17; F5 2026-12-20 is 20 days after 2026-11-30; need confirmed (是), decision
            // maker named (王总, 支持) → A.
            g("FX-001", "甲公司", "A", 19.25, 5, "19.25 ≥ 17; closes in 20 days → A"),
            // Row 6. 100万 covers E6 1,000,000 → 2.5. Credit A .8 → 2.0. Six ratings of 4:
            // 6 × .75 × 2.5 = 11.25. 2.5 + 2.0 + 11.25 = 15.75 ≥ 15; F6 2027-03-15 is
            // 31 + 31 + 28 + 15 = 105 days out (≤ 180) → B. What holds it back from A: 17 − 15.75
            // = 1.25 points, and the close beyond A's 90 days.
            g(
                "FX-002",
                "乙公司",
                "B",
                15.75,
                6,
                "15.75 ≥ 15; 1.25 short of A; closes in 105 days (A needs 90 or fewer) → B"
            ),
            // Row 7. 待定 is vague → .25 × 2.5 = 0.625. BBB .65 → 1.625. H7 高 = 5 → 2.5,
            // I7 较高 = 4 → 1.875, J7 中 = 3 → 1.25, K7–M7 3 → 3 × 1.25 = 3.75. Sum 11.625,
            // shown 11.63 < 15 → D (the bad date in F7 does not matter to a D); 15 − 11.63 = 3.37
            // short. Lost: need & budget 2.5 − 0.625 = 1.875, then relationship, competitive,
            // timing and added value 1.25 each (relationship first in the model's order).
            g(
                "FX-003",
                "丙公司",
                "D",
                11.625,
                7,
                "11.63 < 15; 3.37 short of passing; most points lost: Need & budget 0.63/2.50, Relationship 1.25/2.50 → D"
            ),
            // Row 8 (FX-004) has no name: rejected, not listed. Row 9: 50万 without a deal
            // value → .75 × 2.5 = 1.875; the other seven factors are unknown (> 2).
            g(
                "FX-005",
                "戊公司",
                "needs_info",
                1.875,
                9,
                "7 factors unknown (Integrity & credit, Financial strength, Fit, Relationship, Competitive position, Timing of entry, Added value) → Needs information"
            ),
            // Row 10. 100万 covers 100万 → 2.5. AAA 1 → 2.5. H10 5 → 2.5, I10–M10 4 → 5 × 1.875
            // = 9.375. Sum 16.875, shown 16.88 ≥ 15 but < 17. F10 is a plain number (no date
            // format): serial 46630 in the 1900 system, 45168 in the 1904 system, both
            // 2027-08-31, 31 + 31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 = 274 days out (> 180) → C.
            g("FX-006", "己公司", "C", 16.875, 10, "16.88 ≥ 15; closes in 274 days (B needs 180 or fewer) → C"),
        ],
        got
    );

    // Factor points, worked out above.
    let s = |v: f64| Some(v);
    let want: [(&str, [Option<f64>; 8]); 5] = [
        ("FX-001", [s(2.0), s(2.25), s(2.5), s(2.5), s(2.5), s(2.5), s(2.5), s(2.5)]),
        ("FX-002", [s(2.5), s(2.0), s(1.875), s(1.875), s(1.875), s(1.875), s(1.875), s(1.875)]),
        // Financial strength 较高 (4), fit 高 (5), relationship 中 (3): words, not numbers.
        ("FX-003", [s(0.625), s(1.625), s(1.875), s(2.5), s(1.25), s(1.25), s(1.25), s(1.25)]),
        ("FX-005", [s(1.875), None, None, None, None, None, None, None]),
        ("FX-006", [s(2.5), s(2.5), s(1.875), s(2.5), s(1.875), s(1.875), s(1.875), s(1.875)]),
    ];
    for (account, (id, points)) in accounts.iter().zip(want) {
        assert_eq!(account["id"], id);
        assert_eq!(factors(account), points.to_vec(), "{id}");
    }

    // Flags: FX-001's deal (1,250,000) is over its budget (1,000,000); FX-003 has a vague
    // budget, need not confirmed (否), no decision maker and no usable close date. FX-005 has a
    // budget and nothing else: no deal value, close date or stage, so no open deal, and a deal's
    // flags need one (SPEC §3.5).
    let flags: Vec<(&str, Vec<&str>)> = accounts
        .iter()
        .map(|a| {
            let f = a["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
            (a["id"].as_str().unwrap(), f)
        })
        .collect();
    crate::eqnice!(
        vec![
            ("FX-001", vec!["over_budget"]),
            ("FX-002", vec![]),
            ("FX-003", vec!["vague_budget", "need_unconfirmed", "decision_maker_unclear", "no_timeline"]),
            ("FX-005", vec![]),
            ("FX-006", vec![]),
        ],
        flags
    );

    // Issues, at the cells Excel shows: the bad date in F7, the missing name in C8, and a row
    // note for each graded account, which has no 年采购额 to place it in a quadrant.
    let s = |c: &str, f: &str, sev: &str| (c.to_string(), f.to_string(), sev.to_string());
    crate::eqnice!(
        vec![
            s("5:5", "", "warning"),
            s("6:6", "", "warning"),
            s("7:7", "", "warning"),
            s("F7", "expected_close", "warning"),
            s("C8", "account_name", "error"),
            s("10:10", "", "warning"),
            s("11:11", "", "note"), // the 合计 line: skipped and counted
        ],
        issue_cells(&json)
    );
    let issues = json["issues"].as_array().unwrap();
    assert!(issues.iter().all(|i| i["file"] == name && i["sheet"] == "重点客户"), "{issues:?}");
    assert_eq!(issues[3]["raw"], "2026-13-45");

    // The grade tabs of the report: amounts as numbers, close dates as dates (the 1904 ones
    // included), and the source row.
    let mut rep = Report::open(&wd.path("r.xlsx"));
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    for (tab, id, deal, close, row) in [
        ("A", "FX-001", 1_250_000.0, Some(date(2026, 12, 20)), 5),
        ("B", "FX-002", 1_000_000.0, Some(date(2027, 3, 15)), 6),
        ("C", "FX-006", 1_000_000.0, Some(date(2027, 8, 31)), 10),
        ("D", "FX-003", 2_000_000.0, None, 7),
    ] {
        let range = rep.book.worksheet_range(tab).unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        // The grade's action line, a blank row, then the list.
        let h = rows.iter().position(|r| matches!(r.first(), Some(Data::String(s)) if s == "Account ID")).unwrap();
        assert_eq!(rows.len(), h + 2, "{tab}: one account");
        let col = |name: &str| rows[h].iter().position(|c| matches!(c, Data::String(s) if s == name)).unwrap();
        let r = rows[h + 1];
        assert_eq!(r[col("Account ID")], Data::String(id.into()), "{tab}");
        assert_eq!(r[col("Deal value")], Data::Float(deal), "{tab}");
        let shown = match &r[col("Expected close")] {
            Data::DateTime(d) => Some(d.as_datetime().unwrap().date()),
            Data::Empty => None,
            other => panic!("{tab}: close {other:?}"),
        };
        assert_eq!(shown, close, "{tab}");
        assert_eq!(r[col("Source")], Data::String(format!("{name}!重点客户!{row}")), "{tab}");
    }
}

/// .xlsb written by SheetJS, its short cell records rewritten as full ones (README.md), in the
/// 1900 date system.
#[test]
fn xlsb_fixture_is_read_value_by_value() {
    assert_eq!(date1904_and_start("accounts.xlsb"), (false, Some((1, 1))));
    check_fixture("accounts.xlsb");
}

/// .xls (BIFF8) converted by LibreOffice from a 1904-system .xlsx: date cells and a plain
/// serial number both count days from 1904-01-01.
#[test]
fn xls_fixture_in_the_1904_date_system_is_read_value_by_value() {
    assert_eq!(date1904_and_start("accounts-1904.xls"), (true, Some((1, 1))));
    check_fixture("accounts-1904.xls");
}

/// .ods converted by LibreOffice (dates are ISO dates in the file; F10 is a plain 1900 serial).
#[test]
fn ods_fixture_is_read_value_by_value() {
    assert_eq!(date1904_and_start("accounts.ods"), (false, Some((1, 1))));
    check_fixture("accounts.ods");
}

/// The 1904-system .xlsx that the .xls was converted from: the streamed .xlsx reader.
#[test]
fn xlsx_fixture_in_the_1904_date_system_is_read_value_by_value() {
    assert_eq!(date1904_and_start("accounts-1904.xlsx"), (true, Some((1, 1))));
    check_fixture("accounts-1904.xlsx");
}

//! Absurd sheets stay cheap: declared dimensions far beyond the data, a million empty styled
//! rows, 16,384 columns, a 30 MB cell — bounded time and memory, an issue where data is dropped.

use crate::util::{accounting, istr, raw_xlsx, Workdir};

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

fn sheet(dimension: &str, rows: &str) -> Vec<u8> {
    format!("{HEAD}<dimension ref=\"{dimension}\"/><sheetData>{rows}</sheetData></worksheet>").into_bytes()
}

fn two_accounts() -> String {
    format!(
        "<row r=\"1\">{}{}</row><row r=\"2\">{}<c r=\"B2\"><v>100</v></c></row><row r=\"3\">{}<c r=\"B3\"><v>200</v></c></row>",
        istr("A1", "客户名称"),
        istr("B1", "预算"),
        istr("A2", "甲公司"),
        istr("A3", "乙公司")
    )
}

#[test]
fn a_sheet_declaring_every_cell_of_excel_holds_two_accounts() {
    let wd = Workdir::new();
    raw_xlsx(&wd.path("huge-dims.xlsx"), &sheet("A1:XFD1048576", &two_accounts()));
    let (run, json) = wd.json(&["score", "huge-dims.xlsx", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(accounting(&json), [2, 2, 0, 0, 0]);
}

#[test]
fn a_million_empty_styled_rows_cost_nothing_but_reading() {
    let wd = Workdir::new();
    let mut rows = two_accounts();
    for r in 4..=1_000_003u32 {
        rows.push_str(&format!("<row r=\"{r}\"><c r=\"A{r}\" s=\"1\"/><c r=\"B{r}\" s=\"1\"/></row>"));
    }
    raw_xlsx(&wd.path("styled.xlsx"), &sheet("A1:B1000003", &rows));
    let (run, json) = wd.json(&["score", "styled.xlsx", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(accounting(&json), [2, 2, 0, 0, 0], "empty rows are not rows");
}

#[test]
fn sixteen_thousand_columns_keep_only_the_recognised_ones() {
    let wd = Workdir::new();
    let mut header = format!("<row r=\"1\">{}{}", istr("A1", "客户名称"), istr("B1", "预算"));
    let mut data = format!("<row r=\"2\">{}<c r=\"B2\"><v>100</v></c>", istr("A2", "甲公司"));
    for c in 2..16_384u32 {
        let col = kascore::provenance::column_letters(c);
        header.push_str(&istr(&format!("{col}1"), &format!("列{c}")));
        data.push_str(&format!("<c r=\"{col}2\"><v>{c}</v></c>"));
    }
    header.push_str("</row>");
    data.push_str("</row>");
    raw_xlsx(&wd.path("wide.xlsx"), &sheet("A1:XFD2", &(header + &data)));
    let (run, json) = wd.json(&["score", "wide.xlsx", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(accounting(&json), [1, 1, 0, 0, 0]);
    assert_eq!(json["accounts"][0]["name"], "甲公司");
}

#[test]
fn a_thirty_megabyte_cell_is_cut_or_refused_with_an_issue() {
    let wd = Workdir::new();
    let big = "备".repeat(10 * 1024 * 1024); // 30 MB of UTF-8
    let rows = format!(
        "<row r=\"1\">{}{}{}</row><row r=\"2\">{}{}{}</row>",
        istr("A1", "客户名称"),
        istr("B1", "预算"),
        istr("C1", "客户经理"),
        istr("A2", "甲公司"),
        istr("B2", &big),
        istr("C2", &big)
    );
    raw_xlsx(&wd.path("big-cell.xlsx"), &sheet("A1:C2", &rows));
    let (run, json) = wd.json(&["score", "big-cell.xlsx", "--quiet", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    let issues: Vec<(String, String)> = json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["cell"].as_str().unwrap().to_string(), i["message"].as_str().unwrap().to_string()))
        .collect();
    assert!(issues.iter().any(|(c, m)| c == "B2" && m.contains("too long for a value")), "{issues:?}");
    assert!(issues.iter().any(|(c, m)| c == "C2" && m.contains("32,767")), "{issues:?}");
    // The owner, cut to Excel's 32,767 characters (96 KiB of UTF-8), is the account's `owner`;
    // the issues quote no more than a few dozen characters of either cell.
    assert!(json.to_string().len() < 200_000, "issue texts stay short");
    assert!(json["issues"].to_string().len() < 10_000, "issue texts stay short");
}

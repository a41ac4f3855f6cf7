use rstest::rstest;

use super::*;
use crate::model::Model;
use crate::values::money::Currency;

fn aliases() -> Aliases {
    Aliases::new(&Model::default_model().unwrap())
}

fn row(r: u32, cells: &[&str]) -> TextRow {
    (r, cells.iter().enumerate().filter(|(_, t)| !t.is_empty()).map(|(c, t)| (c as u32, t.to_string())).collect())
}

#[rstest]
#[case("客户名称", "客户名称")]
#[case(" 客户 名称 ", "客户名称")]
#[case("客户名称（全称）", "客户名称")]
#[case("预算(万元)", "预算")]
#[case("预算【万元】", "预算")]
#[case("预算/万元", "预算")]
#[case("Account Name", "accountname")]
#[case("ACCOUNT_NAME", "accountname")]
#[case("ＡＲ　Ｂａｌａｎｃｅ", "arbalance")]
#[case("*客户名称", "客户名称")]
#[case("1. 客户名称：", "1客户名称")]
#[case("0-30天", "0-30天")]
#[case("180+", "180+")]
#[case("客户\n名称", "客户名称")]
#[case("客戶名稱", "客戶名稱")]
fn normalises_headers(#[case] raw: &str, #[case] want: &str) {
    assert_eq!(normalize_header(raw).text, want);
}

#[rstest]
#[case("预算(万元)", Some((1e4, Currency::Cny)))]
#[case("预算（万）", Some((1e4, Currency::Cny)))]
#[case("金额(元)", Some((1.0, Currency::Cny)))]
#[case("金额(亿元)", Some((1e8, Currency::Cny)))]
#[case("金额(千元)", Some((1e3, Currency::Cny)))]
#[case("金额(百万元)", Some((1e6, Currency::Cny)))]
#[case("Budget (USD)", Some((1.0, Currency::Usd)))]
#[case("Budget (k)", Some((1e3, Currency::Cny)))]
#[case("Budget ('000)", Some((1e3, Currency::Cny)))]
#[case("Budget (HKD)", Some((1.0, Currency::Hkd)))]
#[case("预算(万美元)", Some((1e4, Currency::Usd)))]
#[case("预算(单位：万元)", Some((1e4, Currency::Cny)))]
#[case("预算/万元", Some((1e4, Currency::Cny)))]
#[case("客户名称(全称)", None)]
#[case("份额(%)", None)]
fn header_units(#[case] raw: &str, #[case] want: Option<(f64, Currency)>) {
    assert_eq!(normalize_header(raw).unit.map(|u| (u.scale, u.currency)), want, "{raw}");
}

#[rstest]
#[case("单位：万元", Some(1e4))]
#[case("单位:万元", Some(1e4))]
#[case("金额单位：万元", Some(1e4))]
#[case("（单位：万元）", Some(1e4))]
#[case("单位：元", Some(1.0))]
#[case("單位：萬元", Some(1e4))]
#[case("制表：张三  单位：万元", Some(1e4))]
#[case("华东区大客户评估表 2026年10月", None)]
fn title_units(#[case] raw: &str, #[case] want: Option<f64>) {
    assert_eq!(title_unit(raw).map(|u| u.scale), want, "{raw}");
}

#[test]
fn finds_the_header_below_title_rows() {
    let rows = vec![
        row(0, &["华东区大客户评估表 2026年10月"]),
        row(1, &["单位：万元"]),
        row(3, &["客户编号", "客户名称", "客户经理", "预算", "预计金额(元)"]),
        row(4, &["HD-001", "苏州恒远", "张伟", "120", "800000"]),
    ];
    let h = detect(&rows, &aliases(), 2).unwrap();
    assert_eq!((h.first_row, h.last_row), (3, 3));
    let fields: Vec<Field> = h.columns.iter().map(|c| c.field).collect();
    assert_eq!(fields, [Field::AccountId, Field::AccountName, Field::Owner, Field::Budget, Field::DealValue]);
    // The title unit applies to money columns without their own unit.
    assert_eq!(h.columns[3].unit.map(|u| u.scale), Some(1e4));
    assert_eq!(h.columns[4].unit.map(|u| u.scale), Some(1.0));
    assert_eq!(h.columns[2].unit, None);
}

#[test]
fn takes_two_header_rows_together() {
    // Row 0: group labels (merged cells keep their text in the first column only);
    // row 1: the fields, with the aging buckets under "应收账款".
    let rows = vec![
        row(0, &["客户编号", "客户名称", "应收账款", "", "", "信用等级"]),
        row(1, &["", "", "0-30天", "31-60天", "180天以上", ""]),
        row(2, &["K1", "甲公司", "10", "20", "30", "AA"]),
    ];
    let h = detect(&rows, &aliases(), 2).unwrap();
    assert_eq!((h.first_row, h.last_row), (0, 1));
    let fields: Vec<Field> = h.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            Field::AccountId,
            Field::AccountName,
            Field::Aging0To30,
            Field::Aging31To60,
            Field::AgingOver180,
            Field::CreditRating
        ]
    );
}

#[test]
fn english_group_labels_above_fields() {
    let rows =
        vec![row(0, &["Account", "", "Pipeline", ""]), row(1, &["Account ID", "Account", "Budget", "Deal size"])];
    let h = detect(&rows, &aliases(), 2).unwrap();
    assert_eq!(h.last_row, 1);
    assert_eq!(h.columns.len(), 4);
}

#[test]
fn traditional_chinese_headers() {
    let rows = vec![row(0, &["客戶編號", "客戶名稱", "負責人", "預算", "帳期", "預計成交日期"])];
    let h = detect(&rows, &aliases(), 2).unwrap();
    assert_eq!(h.columns.len(), 6);
}

#[test]
fn no_name_column_is_not_a_header() {
    let rows = vec![row(0, &["客户编号", "预算", "预计金额"])];
    assert_eq!(detect(&rows, &aliases(), 2), Err(NoHeader::NoName));
}

#[test]
fn a_sheet_of_notes_has_no_header() {
    let rows = vec![row(0, &["填写说明"]), row(1, &["1. 金额单位为万元"])];
    assert_eq!(detect(&rows, &aliases(), 2), Err(NoHeader::TooFew { best: 0 }));
    assert_eq!(detect(&[], &aliases(), 2), Err(NoHeader::TooFew { best: 0 }));
}

#[test]
fn a_second_column_for_the_same_field_is_reported() {
    let rows = vec![row(0, &["客户名称", "预算", "客户预算"])];
    let h = detect(&rows, &aliases(), 2).unwrap();
    assert_eq!(h.columns.len(), 2);
    assert_eq!(h.duplicates, vec![(2, Field::Budget, 1)]);
}

#[test]
fn the_row_with_most_matches_wins() {
    let rows = vec![row(0, &["客户", "说明"]), row(1, &["客户编号", "客户名称", "区域", "行业"])];
    let h = detect(&rows, &aliases(), 2).unwrap();
    assert_eq!(h.last_row, 1);
}

#[test]
fn a_field_list_is_not_a_two_row_header() {
    // An instructions sheet: "字段 | 说明" above "客户名称 | 必填".
    let rows =
        vec![row(9, &["字段", "说明"]), row(10, &["客户名称", "必填，填写全称"]), row(11, &["预算", "单位万元"])];
    assert!(detect(&rows, &aliases(), 2).is_err());
}

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
// Traditional folds to Simplified, as cell values do: 賬期 = 帳期 = 账期.
#[case("客戶名稱", "客户名称")]
#[case("賬期", "账期")]
#[case("帳期", "账期")]
#[case("账期", "账期")]
#[case("應收帳款", "应收账款")]
#[case("應收賬款", "应收账款")]
#[case("預計金額", "预计金额")]
#[case("信用額度", "信用额度")]
#[case("最長逾期天數", "最长逾期天数")]
#[case("客戶名稱（全稱）", "客户名称")]
#[case("ＣＵＳＴＯＭＥＲ　ＮＡＭＥ", "customername")]
#[case("Customer_Name", "customername")]
#[case("deal_stage", "dealstage")]
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
#[case("應收帳款（萬元）", Some((1e4, Currency::Cny)))]
#[case("預算(單位：萬元)", Some((1e4, Currency::Cny)))]
#[case("应收欠款（元）", Some((1.0, Currency::Cny)))]
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
#[case("金額單位：萬元", Some(1e4))]
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

/// Header cells fold like values: a Traditional, full-width or differently cased header names
/// the field its Simplified spelling names, whether or not the model lists that spelling.
#[rstest]
#[case("賬期", Field::PaymentTerms)]
#[case("帳期", Field::PaymentTerms)]
#[case("账期", Field::PaymentTerms)]
#[case("客戶名稱", Field::AccountName)]
#[case("客户名称", Field::AccountName)]
#[case("應收帳款", Field::ArBalance)]
#[case("應收賬款", Field::ArBalance)]
#[case("预计金额", Field::DealValue)]
#[case("預計金額", Field::DealValue)]
#[case("付款條件", Field::PaymentTerms)]
#[case("商機階段", Field::Stage)]
#[case("門店名稱", Field::AccountName)]
#[case("欠款金額", Field::ArBalance)]
#[case("ＡＣＣＯＵＮＴ　ＮＡＭＥ", Field::AccountName)]
#[case("account name", Field::AccountName)]
fn traditional_and_full_width_headers_name_their_fields(#[case] header: &str, #[case] field: Field) {
    assert_eq!(aliases().lookup(header).map(|(f, _)| f), Some(field), "{header}");
}

/// What real exports call the columns (SPEC §1 v2): CRM, ERP, store and construction-trade
/// exports.
#[rstest]
#[case("客户名", Field::AccountName)]
#[case("客户名称", Field::AccountName)]
#[case("客户姓名", Field::AccountName)]
#[case("公司名称", Field::AccountName)]
#[case("公司简称", Field::AccountName)]
#[case("单位名称", Field::AccountName)]
#[case("施工单位", Field::AccountName)]
#[case("店铺名称", Field::AccountName)]
#[case("店名", Field::AccountName)]
#[case("门店名称", Field::AccountName)]
#[case("商户名称", Field::AccountName)]
#[case("Customer_Name", Field::AccountName)]
#[case("Customer", Field::AccountName)]
#[case("Account", Field::AccountName)]
#[case("Account Name", Field::AccountName)]
#[case("Company", Field::AccountName)]
#[case("deal_stage", Field::Stage)]
#[case("Deal Stage", Field::Stage)]
#[case("项目阶段", Field::Stage)]
#[case("商机阶段", Field::Stage)]
#[case("close_value", Field::DealValue)]
#[case("商机金额", Field::DealValue)]
#[case("项目金额", Field::DealValue)]
#[case("Outstanding value", Field::ArBalance)]
#[case("Outstanding", Field::ArBalance)]
#[case("应收欠款（元）", Field::ArBalance)]
#[case("应收欠款", Field::ArBalance)]
#[case("欠款金额", Field::ArBalance)]
#[case("未收金额", Field::ArBalance)]
fn export_headers_name_their_fields(#[case] header: &str, #[case] field: Field) {
    assert_eq!(aliases().lookup(header).map(|(f, _)| f), Some(field), "{header}");
}

/// Words that mean different things in different sheets are no alias: 余额 alone (receivables,
/// a prepaid balance or unused credit) and 税前金额 (our sales in an orders export, a deal amount
/// in an accounts sheet).
#[rstest]
#[case("余额")]
#[case("餘額")]
#[case("税前金额")]
#[case("稅前金額")]
fn ambiguous_headers_name_no_field(#[case] header: &str) {
    assert_eq!(aliases().lookup(header), None, "{header}");
}

/// A credit limit is money, never a credit rating: in any spelling, width, case, script or
/// with a unit, it must not land in the rating column (nor does the rating's short alias 信用 /
/// credit swallow it).
#[rstest]
#[case("信用额度")]
#[case("授信额度")]
#[case("Credit_Limit")]
#[case("Credit Limit")]
#[case("CREDIT LIMIT")]
#[case("credit-limit")]
#[case("Credit Limit (USD)")]
#[case("信用额度（万元）")]
#[case("信用额度/万元")]
#[case("信用額度")]
#[case("授信額度")]
#[case("ｃｒｅｄｉｔ　ｌｉｍｉｔ")]
fn a_credit_limit_is_never_a_credit_rating(#[case] header: &str) {
    assert_ne!(aliases().lookup(header).map(|(f, _)| f), Some(Field::CreditRating), "{header}");
    // Beside a rating column, the rating column keeps the rating.
    let rows = vec![row(0, &["客户名称", header, "信用等级"])];
    let h = detect(&rows, &aliases(), 2).unwrap();
    let rating: Vec<u32> = h.columns.iter().filter(|c| c.field == Field::CreditRating).map(|c| c.col).collect();
    assert_eq!(rating, [2], "{header}");
    assert!(h.duplicates.is_empty(), "{header}: {:?}", h.duplicates);
}

/// No alias of any field is a credit-limit word once normalised, whatever the model adds
/// elsewhere: the rating's aliases are checked one by one.
#[test]
fn no_rating_alias_is_a_credit_limit_word() {
    let model = Model::default_model().unwrap();
    let limit_words = ["信用额度", "授信额度", "creditlimit", "额度", "授信", "limit", "creditline", "信用限额"];
    for alias in model.columns.get(&Field::CreditRating).unwrap() {
        let norm = normalize_header(alias).text;
        assert!(!limit_words.contains(&norm.as_str()), "credit_rating alias {alias} is a credit-limit word");
        assert!(!norm.contains("额度") && !norm.contains("limit"), "credit_rating alias {alias}");
    }
}

/// A Hong Kong sheet: every header in Traditional Chinese, the terms header spelled 賬期.
#[test]
fn a_hong_kong_header_row() {
    let rows = vec![
        row(0, &["客戶資料表"]),
        row(1, &["客戶編號", "客戶名稱", "負責人", "賬期", "應收帳款（萬元）", "信用額度", "預計金額"]),
    ];
    let h = detect(&rows, &aliases(), 2).unwrap();
    assert_eq!(h.last_row, 1);
    let fields: Vec<(u32, Field)> = h.columns.iter().map(|c| (c.col, c.field)).collect();
    assert_eq!(
        fields,
        [
            (0, Field::AccountId),
            (1, Field::AccountName),
            (2, Field::Owner),
            (3, Field::PaymentTerms),
            (4, Field::ArBalance),
            (5, Field::CreditLimit),
            (6, Field::DealValue)
        ]
    );
    assert_eq!(h.columns[4].unit.map(|u| u.scale), Some(1e4));
}

/// Every alias of every field family in the default model reads as that field, in its own
/// spelling, upper-cased and full-width: no two families claim one header, and normalising a
/// header never loses one.
#[test]
fn every_alias_of_every_family_names_its_field() {
    let model = Model::default_model().unwrap();
    let aliases = Aliases::new(&model);
    let mut families = 0;
    for (field, names) in &model.columns {
        families += 1;
        for name in names {
            let wide: String = name
                .chars()
                .map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
                .collect();
            for header in [name.clone(), name.to_uppercase(), wide] {
                assert_eq!(aliases.lookup(&header).map(|(f, _)| f), Some(*field), "{header:?} ({field:?})");
            }
        }
    }
    assert!(families >= 40, "{families} alias families");
}

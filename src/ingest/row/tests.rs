use std::sync::Arc;

use super::*;
use crate::ingest::header::{Aliases, Header};
use crate::ingest::{AccountKey, Stage};
use crate::issue::Severity;
use crate::model::Model;
use crate::provenance::SheetRef;

/// A sheet with the given headers (row 0) and data rows, all cells typed as text.
fn sheet(headers: &[&str], rows: &[&[&str]]) -> RawSheet {
    let model = Model::default_model().unwrap();
    let aliases = Aliases::new(&model);
    let text_rows = vec![(0, headers.iter().enumerate().map(|(c, h)| (c as u32, h.to_string())).collect())];
    let header: Header = crate::ingest::header::detect(&text_rows, &aliases, 2).unwrap();
    RawSheet {
        at: SheetRef { file: Arc::from("t.xlsx"), sheet: Arc::from("S") },
        index: 0,
        header,
        date1904: false,
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| RawRow {
                row: i as u32 + 1,
                cells: cells
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| !t.is_empty())
                    .map(|(c, t)| {
                        (
                            c as u32,
                            if let Some(n) = t.strip_prefix('#') {
                                Cell::Error(n.into())
                            } else {
                                Cell::Text((*t).into())
                            },
                        )
                    })
                    .collect(),
            })
            .collect(),
        total_lines: 0,
        empty_lines: 0,
        size_hint: 0,
    }
}

fn ingest(sheet: &RawSheet) -> Vec<(Outcome, Vec<Issue>)> {
    let model = Model::default_model().unwrap();
    let vocab = Vocab::new(&model);
    let plan = SheetPlan::new(sheet);
    let mut out: Vec<(Outcome, Vec<Issue>)> = sheet.rows.iter().map(|r| ingest_row(r, &plan, &vocab)).collect();
    // Ratings take their column's scale once the sheet is in, as the pipeline does.
    let records: Vec<Record> =
        out.iter().filter_map(|(o, _)| if let Outcome::Accepted(r) = o { Some(r.clone()) } else { None }).collect();
    let mut extra = Vec::new();
    let mut records = records;
    finalize_ratings(&mut records, &mut extra);
    let mut it = records.into_iter();
    for (o, _) in out.iter_mut() {
        if let Outcome::Accepted(r) = o {
            *r = it.next().unwrap();
        }
    }
    assert!(extra.is_empty(), "{extra:?}");
    out
}

fn account(o: &Outcome) -> &Account {
    &record(o).account
}

fn record(o: &Outcome) -> &Record {
    match o {
        Outcome::Accepted(r) => r,
        Outcome::Rejected => panic!("rejected"),
        Outcome::Skipped => panic!("skipped"),
        Outcome::Line(_) => panic!("a line item"),
    }
}

#[test]
fn a_row_without_a_name_is_rejected_at_the_name_cell() {
    let s = sheet(&["客户编号", "客户名称", "预算"], &[&["K1", "", "100"]]);
    let out = ingest(&s);
    assert_eq!(out[0].0, Outcome::Rejected);
    let issue = &out[0].1[0];
    assert_eq!(issue.severity, Severity::Error);
    assert_eq!(issue.at.cell_ref(), "B2");
    assert_eq!(issue.kind, IssueKind::MissingName);
}

#[test]
fn header_unit_scales_plain_numbers_but_not_stated_units() {
    let s =
        sheet(&["客户名称", "预算(万元)"], &[&["甲", "120"], &["乙", "120万"], &["丙", "800000元"], &["丁", "待定"]]);
    let out = ingest(&s);
    let budget = |i: usize| account(&out[i].0).budget();
    assert_eq!(budget(0), Some(Money::amount(1_200_000.0, 1_200_000.0)));
    assert_eq!(budget(1), Some(Money::amount(1_200_000.0, 1_200_000.0)));
    assert_eq!(budget(2), Some(Money::amount(800_000.0, 800_000.0)));
    assert_eq!(budget(3), Some(Money::vague(false)));
    assert!(out.iter().all(|o| o.1.is_empty()));
}

#[test]
fn foreign_currency_converts_with_the_model_rate() {
    let s = sheet(&["Account", "Budget"], &[&["Acme", "USD 100"]]);
    let out = ingest(&s);
    let b = account(&out[0].0).budget().unwrap();
    assert_eq!(b, Money::amount(710.0, 710.0));
}

#[test]
fn formula_errors_are_errors_in_model_fields_and_warnings_elsewhere() {
    let s = sheet(&["客户名称", "逾期金额", "区域"], &[&["甲", "##DIV/0!", "##N/A"]]);
    let out = ingest(&s);
    let sev: Vec<(String, Severity)> = out[0].1.iter().map(|i| (i.at.cell_ref(), i.severity)).collect();
    assert_eq!(sev, [("B2".to_string(), Severity::Error), ("C2".to_string(), Severity::Warning)]);
    assert!(account(&out[0].0).overdue_amount().is_none());
}

#[test]
fn an_ambiguous_date_is_an_error_and_the_row_goes_on() {
    let s = sheet(&["客户名称", "预计成交日期", "预算"], &[&["甲", "03/04/2026", "100万"]]);
    let out = ingest(&s);
    let a = account(&out[0].0);
    assert!(a.expected_close().is_none());
    assert!(a.budget().is_some());
    assert_eq!(out[0].1.len(), 1);
    assert_eq!(out[0].1[0].severity, Severity::Error);
    assert!(matches!(out[0].1[0].kind, IssueKind::AmbiguousDate(_)));
    assert_eq!(out[0].1[0].at.cell_ref(), "B2");
}

#[test]
fn bad_values_are_warnings_with_their_cell() {
    let s = sheet(&["客户名称", "预算", "信用等级", "需求共识"], &[&["甲", "很多", "ZZZ", "也许吧"]]);
    let out = ingest(&s);
    let cells: Vec<String> = out[0].1.iter().map(|i| i.at.cell_ref()).collect();
    assert_eq!(cells, ["B2", "C2", "D2"]);
    assert!(out[0].1.iter().all(|i| i.severity == Severity::Warning));
    assert_eq!(out[0].1[0].raw, "很多");
}

#[test]
fn rating_columns_on_a_ten_point_scale() {
    let s = sheet(&["客户名称", "业务匹配度"], &[&["甲", "10"], &["乙", "5"], &["丙", "高"]]);
    let out = ingest(&s);
    let r = |i: usize| account(&out[i].0).rating(0);
    assert_eq!(r(0), Some(5.0));
    assert_eq!(r(1), Some(3.0));
    assert_eq!(r(2), Some(5.0));
}

#[test]
fn keys_use_the_id_else_the_normalised_name() {
    let s = sheet(&["客户编号", "客户名称"], &[&[" hd-001 ", "甲公司"], &["", "杭州 云栖（数据）"]]);
    let out = ingest(&s);
    assert_eq!(account(&out[0].0).key, (AccountKey::Id("HD-001".into())));
    assert_eq!(account(&out[1].0).key, (AccountKey::Name("杭州云栖数据".into())));
}

#[test]
fn stages_attitudes_and_decision_makers() {
    let s = sheet(
        &["客户名称", "销售阶段", "决策人态度", "决策人"],
        &[&["甲", "促成合作", "支持", "王总"], &["乙", "阶段2", "未知", "不明确"]],
    );
    let out = ingest(&s);
    let a = account(&out[0].0);
    assert_eq!(a.stage(), Some(Stage::Closing));
    assert_eq!(a.decision_attitude(), Some(Attitude::Support));
    assert_eq!(a.decision_maker(), Some(DecisionMaker::Named));
    let b = account(&out[1].0);
    assert_eq!(b.stage(), Some(Stage::InfoGathering));
    assert_eq!(b.decision_attitude(), Some(Attitude::Unknown));
    assert_eq!(b.decision_maker(), Some(DecisionMaker::Unclear));
}

#[test]
fn text_past_excel_cell_limit_is_cut_and_reported() {
    let long = "备".repeat(40_000);
    let s = sheet(&["客户名称", "客户经理"], &[&["甲", long.as_str()]]);
    let out = ingest(&s);
    let owner = account(&out[0].0).owner.as_deref().unwrap();
    assert_eq!(owner.chars().count(), 32_767);
    assert_eq!(out[0].1.len(), 1);
    assert_eq!(out[0].1[0].kind, IssueKind::TooLong);
    assert_eq!(out[0].1[0].at.cell_ref(), "B2");
}

#[test]
fn a_huge_value_cell_is_reported_not_parsed() {
    let huge = "1".repeat(30 * 1024 * 1024);
    let s = sheet(&["客户名称", "预算", "预计成交日期"], &[&["甲", huge.as_str(), huge.as_str()]]);
    let out = ingest(&s);
    let a = account(&out[0].0);
    assert!(a.budget().is_none() && a.expected_close().is_none());
    assert_eq!(out[0].1.len(), 2);
    assert!(out[0].1.iter().all(|i| i.raw.chars().count() <= 201), "raw values are shortened in issues");
}

#[test]
fn notes_keep_only_a_money_is_no_object_claim() {
    let long = format!("{}客户说不差钱，先出方案", "备".repeat(40_000));
    let s =
        sheet(&["客户名称", "备注"], &[&["甲", "客户说不差钱，先出方案"], &["乙", "下周拜访"], &["丙", long.as_str()]]);
    let out = ingest(&s);
    let words = &crate::model::Model::default_model().unwrap().input.no_object_words;
    let claim = |i: usize| {
        let r = record(&out[i].0);
        r.account.no_object_note().map(|n| (words[usize::from(n)].as_str(), r.col(Field::Notes).unwrap_or(u32::MAX)))
    };
    assert_eq!(claim(0), Some(("不差钱", 1)));
    assert_eq!(claim(1), None);
    assert_eq!(claim(2), Some(("不差钱", 1)), "found past Excel's cell limit, and no issue");
    assert!(out[2].1.is_empty(), "{:?}", out[2].1);
}

mod negations {
    use rstest::rstest;

    use super::super::{parse_attitude, parse_stage};
    use crate::ingest::{Attitude, Stage};

    #[rstest]
    // Plain words still mean what they say.
    #[case("已成交", Some(Stage::Won))]
    #[case("成交", Some(Stage::Won))]
    #[case("赢单", Some(Stage::Won))]
    #[case("贏單", Some(Stage::Won))]
    #[case("已簽約", Some(Stage::Won))]
    #[case("closed won", Some(Stage::Won))]
    #[case("已流失", Some(Stage::Lost))]
    #[case("丟單", Some(Stage::Lost))]
    #[case("lost", Some(Stage::Lost))]
    #[case("促成合作", Some(Stage::Closing))]
    #[case("阶段2", Some(Stage::InfoGathering))]
    // A negated won or lost word: open, stage unknown.
    #[case("未成交", None)]
    #[case("没成交", None)]
    #[case("沒成交", None)]
    #[case("尚未成交", None)]
    #[case("未 成交", None)]
    #[case("未签约", None)]
    #[case("未簽約", None)]
    #[case("非赢单", None)]
    #[case("非贏單", None)]
    #[case("not won", None)]
    #[case("Not  Won", None)]
    #[case("non-won", None)]
    #[case("未流失", None)]
    #[case("没有丢单", None)]
    #[case("沒有丟單", None)]
    #[case("无流失", None)]
    #[case("not lost", None)]
    // Another stage word in the cell is the better mapping.
    #[case("未成交，价值评估中", Some(Stage::ValueAssessment))]
    #[case("未成交 已流失", Some(Stage::Lost))]
    #[case("没有丢单，谈判中", Some(Stage::Closing))]
    // English negations are words of their own.
    #[case("casino won", Some(Stage::Won))]
    fn stage_words_and_their_negations(#[case] text: &str, #[case] stage: Option<Stage>) {
        assert_eq!(parse_stage(text), stage, "{text}");
    }

    #[rstest]
    #[case("支持", Some(Attitude::Support))]
    #[case("认可", Some(Attitude::Support))]
    #[case("反对", Some(Attitude::Against))]
    #[case("反對", Some(Attitude::Against))]
    #[case("中立", Some(Attitude::Neutral))]
    // Whole words that start with a negation keep their own meaning.
    #[case("不支持", Some(Attitude::Against))]
    #[case("并不支持", Some(Attitude::Against))]
    #[case("未知", Some(Attitude::Unknown))]
    #[case("不清楚", Some(Attitude::Unknown))]
    #[case("不详", Some(Attitude::Unknown))]
    #[case("不詳", Some(Attitude::Unknown))]
    // Negated words take the table's negated meaning.
    #[case("不反对", Some(Attitude::Neutral))]
    #[case("不反對", Some(Attitude::Neutral))]
    #[case("不 反对", Some(Attitude::Neutral))]
    #[case("并不反对", Some(Attitude::Neutral))]
    #[case("没有反对", Some(Attitude::Neutral))]
    #[case("沒有反對", Some(Attitude::Neutral))]
    #[case("不抵触", Some(Attitude::Neutral))]
    #[case("not against", Some(Attitude::Neutral))]
    #[case("does not oppose", Some(Attitude::Neutral))]
    #[case("不认可", Some(Attitude::Against))]
    #[case("不認可", Some(Attitude::Against))]
    #[case("不太支持", Some(Attitude::Against))]
    #[case("not supportive", Some(Attitude::Against))]
    #[case("no support", Some(Attitude::Against))]
    #[case("不中立", None)]
    fn attitude_words_and_their_negations(#[case] text: &str, #[case] attitude: Option<Attitude>) {
        assert_eq!(parse_attitude(text), attitude, "{text}");
    }
}

/// A plain rating outside its column's scale is dropped with a warning at its own cell (the
/// column is the sheet's, looked up before the field is cleared).
#[test]
fn a_rating_outside_its_scale_is_reported_at_its_cell() {
    let s = sheet(
        &["客户编号", "客户名称", "业务匹配度", "关系紧密度"],
        &[&["K1", "甲", "0", "3"], &["K2", "乙", "5", "3"]],
    );
    let model = Model::default_model().unwrap();
    let plan = SheetPlan::new(&s);
    let mut records: Vec<Record> = s
        .rows
        .iter()
        .filter_map(|r| match ingest_row(r, &plan, &Vocab::new(&model)).0 {
            Outcome::Accepted(rec) => Some(rec),
            Outcome::Rejected | Outcome::Skipped | Outcome::Line(_) => None,
        })
        .collect();
    let mut issues = Vec::new();
    finalize_ratings(&mut records, &mut issues);
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].at.cell_ref(), "C2");
    assert_eq!(issues[0].field, Some(Field::Fit));
    assert_eq!(records[0].account.rating(0), None, "0 is off the 1–5 scale: unknown");
    assert_eq!(records[1].account.rating(0), Some(5.0));
}

mod overdue_days {
    use rstest::rstest;

    use super::super::days;
    use super::*;

    fn text(t: &str) -> Cell {
        Cell::Text(t.into())
    }

    #[rstest]
    #[case(Cell::Number(45.0), Some(45))]
    #[case(Cell::Number(45.6), Some(46))]
    #[case(Cell::Number(0.0), Some(0))]
    #[case(Cell::Number(36_500.0), Some(36_500))]
    #[case(text("45"), Some(45))]
    #[case(text("45天"), Some(45))]
    #[case(text("45 days"), Some(45))]
    #[case(text("+45"), Some(45))]
    #[case(text("０"), Some(0))]
    #[case(text("0天"), Some(0))]
    // Negative: not yet due, so 0 days overdue (SPEC §1b).
    #[case(Cell::Number(-15.0), Some(0))]
    #[case(Cell::Number(-0.4), Some(0))]
    #[case(Cell::Number(-36_500.0), Some(0))]
    #[case(text("-15"), Some(0))]
    #[case(text("－15"), Some(0))]
    #[case(text("－１５"), Some(0))]
    #[case(text("−15"), Some(0))]
    #[case(text("-15天"), Some(0))]
    #[case(text("-15 天"), Some(0))]
    #[case(text("-15日"), Some(0))]
    #[case(text("-15 days"), Some(0))]
    #[case(text("- 15"), Some(0))]
    #[case(text("-0.5"), Some(0))]
    #[case(text("15-"), Some(0))]
    #[case(text("(15)"), Some(0))]
    #[case(text("（１５）"), Some(0))]
    #[case(text("未到期"), Some(0))]
    #[case(text("未逾期"), Some(0))]
    #[case(text("Not due"), Some(0))]
    // Nothing said.
    #[case(text(""), None)]
    #[case(text("-"), None)]
    #[case(text("无"), None)]
    fn read(#[case] cell: Cell, #[case] want: Option<u32>) {
        assert_eq!(days(&cell), Ok(want), "{cell:?}");
    }

    #[rstest]
    #[case(text("abc"))]
    #[case(text("十五天"))]
    #[case(text("--15"))]
    #[case(text("-abc"))]
    #[case(text("15--"))]
    #[case(text("inf"))]
    #[case(text("-inf"))]
    #[case(text("NaN"))]
    #[case(text("1e5"))]
    #[case(text("-40000"))]
    #[case(text("46000"))]
    #[case(Cell::Number(f64::NAN))]
    #[case(Cell::Number(f64::NEG_INFINITY))]
    #[case(Cell::Number(-46_000.0))]
    #[case(Cell::Number(46_000.0))]
    #[case(Cell::Bool(true))]
    fn rejected(#[case] cell: Cell) {
        assert!(days(&cell).is_err(), "{cell:?} gave {:?}", days(&cell));
    }

    #[test]
    fn a_negative_overdue_days_cell_is_zero_days_and_no_issue() {
        let s = sheet(&["客户名称", "逾期天数"], &[&["甲", "-15"], &["乙", "－30天"], &["丙", "20"]]);
        let out = ingest(&s);
        let d = |i: usize| account(&out[i].0).overdue_days();
        assert_eq!([d(0), d(1), d(2)], [Some(0), Some(0), Some(20)]);
        assert!(out.iter().all(|o| o.1.is_empty()), "{out:?}");
    }
}

mod names {
    use rstest::rstest;

    use super::super::{name_check, NameCheck};
    use super::*;

    #[rstest]
    #[case("无")]
    #[case("空")]
    #[case(" 无 ")]
    #[case("暂无")]
    #[case("调整")]
    #[case("調整")]
    #[case("抵消")]
    #[case("抵销")]
    #[case("内部抵銷")]
    #[case("合计")]
    #[case("小计")]
    #[case("总计")]
    #[case("總計")]
    #[case("配件默认对外实现抵消")]
    #[case("本月小计")]
    #[case("华东区合计")]
    #[case("甲公司调整")]
    #[case("调整-华东")]
    #[case("-")]
    #[case("—")]
    #[case("--")]
    #[case("/")]
    #[case("…")]
    #[case("N/A")]
    #[case("n/a")]
    #[case("NA")]
    #[case("none")]
    #[case("Total")]
    #[case("Sub-total")]
    #[case("Grand Total")]
    #[case("Adjustment")]
    fn placeholders(#[case] name: &str, #[values(false, true)] has_id: bool) {
        assert_eq!(name_check(name, has_id), Some(NameCheck::Placeholder), "{name:?}");
    }

    #[rstest]
    #[case("甲公司")]
    #[case("无锡华光电力")]
    #[case("空港物流")]
    #[case("合肥合计科技有限公司")]
    #[case("上海调整器厂")]
    #[case("Total SA")]
    #[case("TotalEnergies")]
    #[case("NAVER")]
    #[case("K-001")]
    #[case("3M")]
    #[case("10023")]
    fn accounts_without_an_id_column(#[case] name: &str) {
        assert_eq!(name_check(name, false), None, "{name:?}");
    }

    #[rstest]
    #[case("10023", Some(NameCheck::LooksLikeId))]
    #[case("１００２３", Some(NameCheck::LooksLikeId))]
    #[case(" 0042 ", Some(NameCheck::LooksLikeId))]
    #[case("K-001", None)]
    #[case("3M", None)]
    #[case("甲公司", None)]
    fn digits_with_an_id_column(#[case] name: &str, #[case] want: Option<NameCheck>) {
        assert_eq!(name_check(name, true), want, "{name:?}");
    }

    #[test]
    fn a_placeholder_row_is_skipped_with_a_note_at_the_name_cell() {
        let s = sheet(
            &["客户编号", "客户名称", "预算"],
            &[
                &["K1", "调整", "很多"],
                &["", "配件默认对外实现抵消", "#DIV/0!"],
                &["K3", "本月小计", "100"],
                &["K4", "甲", "100"],
            ],
        );
        let out = ingest(&s);
        for (i, (cell, name)) in [("B2", "调整"), ("B3", "配件默认对外实现抵消"), ("B4", "本月小计")].iter().enumerate()
        {
            assert_eq!(out[i].0, Outcome::Skipped, "{name}");
            // One note; what the other cells of a row that is no account hold is not reported.
            assert_eq!(out[i].1.len(), 1, "{:?}", out[i].1);
            let note = &out[i].1[0];
            assert_eq!(note.kind, IssueKind::PlaceholderName);
            assert_eq!(note.severity, Severity::Note);
            assert_eq!(note.at.cell_ref(), *cell);
            assert_eq!(note.field, Some(Field::AccountName));
            assert_eq!(note.raw, *name);
            assert!(note.message(crate::Lang::En).contains("not an account"));
            assert!(note.message(crate::Lang::Zh).contains("不是客户"));
        }
        assert_eq!(account(&out[3].0).name.as_ref(), "甲");
    }

    #[test]
    fn a_digits_only_name_beside_an_id_column_is_kept_with_a_warning() {
        let with_id = sheet(&["客户编号", "客户名称", "预算"], &[&["K1", "10023", "100"]]);
        let out = ingest(&with_id);
        assert_eq!(account(&out[0].0).name.as_ref(), "10023");
        assert_eq!(out[0].1.len(), 1, "{:?}", out[0].1);
        let warning = &out[0].1[0];
        assert_eq!(warning.kind, IssueKind::NameLooksLikeId);
        assert_eq!(warning.severity, Severity::Warning);
        assert_eq!(warning.at.cell_ref(), "B2");
        assert_eq!(warning.raw, "10023");
        assert!(warning.message(crate::Lang::En).contains("looks like an ID"));
        // Without an ID column the digits are the only key the row has: no warning.
        let no_id = sheet(&["客户名称", "预算"], &[&["10023", "100"]]);
        let out = ingest(&no_id);
        assert_eq!(account(&out[0].0).name.as_ref(), "10023");
        assert!(out[0].1.is_empty(), "{:?}", out[0].1);
    }
}

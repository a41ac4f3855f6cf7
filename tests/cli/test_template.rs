//! `kascore template`: the fill-in workbook.

use std::io::Read;

use crate::util::{Report, Workdir, V};

/// The XML of one part of an .xlsx file.
fn part(path: &std::path::Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn the_blank_template_round_trips() {
    let wd = Workdir::new();
    let run = wd.run(&["template", "-o", "t.xlsx"]);
    assert_eq!(run.code, 0, "{run:?}");
    let check = wd.run(&["check", "t.xlsx"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(check.stdout.contains("没有数据问题"), "{}", check.stdout);
    let (_, json) = wd.json(&["score", "t.xlsx"]);
    assert_eq!(json["inputs"][0]["sheets"][0]["header_row"], 1);
    assert_eq!(json["reconciliation"]["rows_read"], 0);
    // Refuses to overwrite without --force.
    assert_eq!(wd.run(&["template", "-o", "t.xlsx"]).code, 1);
    assert_eq!(wd.run(&["template", "-o", "t.xlsx", "--force", "--lang", "en"]).code, 0);
    assert_eq!(Report::open(&wd.path("t.xlsx")).tabs(), ["Accounts", "Promises", "How to fill in"]);
}

#[test]
fn the_template_has_dropdowns_notes_and_every_column() {
    let wd = Workdir::new();
    assert_eq!(wd.run(&["template", "-o", "t.xlsx"]).code, 0);
    let sheet = part(&wd.path("t.xlsx"), "xl/worksheets/sheet1.xml");
    let validations = sheet.matches("<dataValidation ").count();
    // Stage, 6 yes/no, attitude, 7 ratings, credit, 5 dates, 13 amounts (the credit limit
    // too), share, days.
    assert_eq!(validations, 1 + 6 + 1 + 7 + 1 + 5 + 13 + 1 + 1, "{validations}");
    assert!(sheet.contains("\"确定开发对象,信息收集,价值评估,关系建立,促成合作,已成交,已流失\""));
    let notes = part(&wd.path("t.xlsx"), "xl/comments1.xml");
    let columns = kascore::field::Field::account_fields().count();
    assert_eq!(notes.matches("<comment ").count(), columns);
    let mut rep = Report::open(&wd.path("t.xlsx"));
    let headers = rep.grid("客户评估")[0].clone();
    assert_eq!(headers.len(), columns);
    assert_eq!(headers[1], "客户名称");
    assert!(rep.grid("填写说明")[0][0].contains("如何填写"));
}

#[test]
fn a_filled_template_scores_without_a_single_issue() {
    let wd = Workdir::new();
    assert_eq!(wd.run(&["template", "-o", "t.xlsx"]).code, 0);
    let headers = Report::open(&wd.path("t.xlsx")).grid("客户评估")[0].clone();
    // A manager fills in one row the way the dropdowns and validation ask.
    let value = |h: &str| -> V {
        let h = h.split('(').next().unwrap();
        match h {
            "客户编号" => V::from("K-001"),
            "客户名称" => V::from("苏州恒远精密机械有限公司"),
            "客户经理" => V::from("张伟"),
            "区域" => V::from("华东"),
            "行业" => V::from("制造"),
            "阶段" => V::from("促成合作"),
            "我方份额" => V::N(0.35),
            "信用等级" => V::from("AA"),
            "账期" => V::from("月结60天"),
            "最长逾期天数" | "逾期金额" => V::N(0.0),
            "决策人" => V::from("王总"),
            "决策人态度" => V::from("支持"),
            "备注" => V::from("二期扩产"),
            "融资" | "广告投放" | "招聘" | "需求共识" | "内线" | "标杆客户" => V::from("是"),
            "业务匹配度" | "资金状况" | "诚信度" | "关系紧密度" | "竞争优势" | "进入时机" | "附加价值" => {
                V::N(5.0)
            }
            "最近回款日期" | "首次接触日期" | "预计成交日期" | "实施时间" | "回款时间" => {
                V::from("2026-12-15")
            }
            _ => V::N(1_000_000.0), // every amount
        }
    };
    wd.xlsx("filled.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("客户评估").unwrap();
        crate::util::put(
            ws,
            0,
            &[headers.iter().map(|h| V::from(h.as_str())).collect(), headers.iter().map(|h| value(h)).collect()],
        );
        let ws = wb.add_worksheet().set_name("填写说明").unwrap();
        crate::util::put(ws, 0, &[vec![V::from("如何填写大客户评估表")]]);
        wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_custom_property("kascore-template", "0.1.0"));
    });
    let (run, json) = wd.json(&["score", "filled.xlsx", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(json["issues"].as_array().unwrap().len(), 0, "{:?}", json["issues"]);
    assert_eq!(json["accounts"][0]["grade"], "A", "{}", json["accounts"][0]);
    assert!(json["accounts"][0]["factors"].as_object().unwrap().values().all(|v| !v.is_null()));
}

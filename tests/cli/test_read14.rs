//! Which row is the header, which columns are fields, and saying so: a title cell is never half
//! of a two-row header, row-number columns are never a field, the account name and one more
//! column make an account list, and `check` and the JSON tell every column's field and the
//! columns not used.

use crate::row;
use crate::util::Workdir;

#[test]
fn a_title_cell_above_the_header_is_not_half_of_it() {
    let wd = Workdir::new();
    // The sheet title in A1 names a stage-like word; the header is row 2, numbered in column A.
    wd.simple_xlsx(
        "开发.xlsx",
        &[
            row!["开发阶段（未出货）"],
            row!["序号", "客户名称", "销售阶段", "预算"],
            row![1, "甲公司", "价值评估", 100],
            row![2, "乙公司", "关系建立", 200],
        ],
    );
    let (run, json) = wd.json(&["check", "开发.xlsx", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    let sheet = &json["inputs"][0]["sheets"][0];
    assert_eq!(sheet["header_row"], 2);
    assert_eq!(
        sheet["columns"],
        serde_json::json!({"客户名称": "account_name", "销售阶段": "stage", "预算": "budget"}),
        "序号 is not the stage: {sheet}"
    );
    assert_eq!(sheet["unused"], serde_json::json!(["序号"]));
    // And check does not suggest reading it as the account id.
    let run = wd.run(&["check", "开发.xlsx", "--as-of", "2026-11-30"]);
    assert!(run.stdout.contains("未使用：A 序号\n"), "{}", run.stdout);
    let names: Vec<&str> = json["accounts"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["甲公司", "乙公司"]);
}

#[test]
fn a_numbering_column_headed_bianhao_is_not_the_account_id() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "list.xlsx",
        &[row!["编号", "客户名称", "预算"], row![1, "甲公司", 100], row![2, "乙公司", 200], row![3, "丙公司", 300]],
    );
    let (run, json) = wd.json(&["check", "list.xlsx", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(json["inputs"][0]["sheets"][0]["unused"], serde_json::json!(["编号"]));
    let ids: Vec<&str> = json["accounts"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    // Keyed by the name without its legal-form suffix (SPEC §1c), not by 1, 2, 3.
    assert_eq!(ids, ["甲", "乙", "丙"], "keyed by name, not by 1, 2, 3");
    // A real id column headed 编号 stays the id.
    wd.simple_xlsx(
        "ids.xlsx",
        &[row!["编号", "客户名称", "预算"], row!["K-7", "甲公司", 100], row!["K-9", "乙公司", 200]],
    );
    let (_, json) = wd.json(&["check", "ids.xlsx", "--as-of", "2026-11-30"]);
    assert_eq!(json["accounts"][0]["id"], "K-7");
}

#[test]
fn the_account_name_and_one_more_column_make_an_account_list() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "理财.xlsx",
        &[row!["客户名称", "理财金额", "起始日期", "截止日期"], row!["甲公司", 500, "2026-01-01", "2026-12-31"]],
    );
    let (run, json) = wd.json(&["check", "理财.xlsx", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(json["counts"]["needs_info"], 1, "{}", json["counts"]);
    let sheet = &json["inputs"][0]["sheets"][0];
    assert_eq!(sheet["kind"], "accounts");
    assert_eq!(sheet["unused"], serde_json::json!(["理财金额", "起始日期", "截止日期"]));
    // The name alone, with nothing beside it, is no header.
    wd.simple_xlsx("名单.xlsx", &[row!["客户名称"], row!["甲公司"]]);
    let run = wd.run(&["check", "名单.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 1, "nothing to score: {run:?}");
}

#[test]
fn check_says_what_each_column_was_read_as_and_suggests_an_alias() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "a.xlsx",
        &[row!["客户编号", "客户名称", "预算", "客户名2", "备注2"], row!["K1", "甲公司", 100, "甲", "x"]],
    );
    let run = wd.run(&["check", "a.xlsx", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("a.xlsx!Sheet1：客户清单，表头第 1 行，1 行数据"), "{}", run.stdout);
    assert!(run.stdout.contains("A 客户编号 → 客户编号 · B 客户名称 → 客户名称 · C 预算 → 预算"), "{}", run.stdout);
    assert!(
        run.stdout.contains("D 客户名2（是否是“客户名称”？如是，在模型 [columns] 的 account_name 中加入“客户名2”）"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("；E 备注2"), "{}", run.stdout);
    let run = wd.run(&["check", "a.xlsx", "--as-of", "2026-11-30", "--lang", "en"]);
    assert!(run.stdout.contains("not used: D 客户名2 (is it \"Account\"?"), "{}", run.stdout);
}

#[test]
fn generic_english_headers_stay_unused_in_an_accounts_sheet() {
    let wd = Workdir::new();
    // A receivables-style export: "Amount" is the outstanding balance here, not a deal value.
    wd.simple_xlsx(
        "ar.xlsx",
        &[
            row!["ID", "Account", "Size", "Days", "Amount"],
            row!["C-1", "Acme Ltd", "L", 45, 12000],
            row!["C-2", "4711", "S", 10, 500],
        ],
    );
    let (run, json) = wd.json(&["check", "ar.xlsx", "--as-of", "2026-11-30", "--lang", "en"]);
    assert_eq!(run.code, 0, "{run:?}");
    let sheet = &json["inputs"][0]["sheets"][0];
    assert_eq!(sheet["unused"], serde_json::json!(["Size", "Days", "Amount"]), "{sheet}");
    // No deal value was read, so no account is flagged for a deal without a budget.
    for a in json["accounts"].as_array().unwrap() {
        assert!(!a["flags"].as_array().unwrap().iter().any(|f| f == "vague_budget"), "{a}");
    }
    // A name of digits only beside an ID column is kept, with a warning.
    let names: Vec<&str> = json["accounts"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Acme Ltd", "4711"]);
    assert!(
        json["issues"].as_array().unwrap().iter().any(|i| i["cell"] == "B3" && i["severity"] == "warning"),
        "{}",
        json["issues"]
    );
}

#[test]
fn paths_are_shown_from_the_folder_given() {
    let wd = Workdir::new();
    wd.simple_xlsx("华东/in/a.xlsx", &[row!["客户名称", "预计成交日期"], row!["甲公司", "03/04/2026"]]);
    let abs = wd.path("华东");
    let (run, json) = wd.json(&["check", abs.to_str().unwrap(), "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(json["inputs"][0]["path"], "华东/in/a.xlsx");
    assert_eq!(json["issues"][0]["file"], "华东/in/a.xlsx", "{}", json["issues"]);
    assert_eq!(json["accounts"][0]["source"]["file"], "华东/in/a.xlsx");
}

#[test]
fn a_repeated_problem_is_one_issue_with_its_count_and_first_cells() {
    let wd = Workdir::new();
    // A CRM's own stage words M1–M6 in 600 rows: six unknown words, six issues, not 600.
    let mut csv = String::from("客户名称,销售阶段\n");
    for i in 0..600 {
        csv.push_str(&format!("公司{i},M{}\n", i % 6 + 1));
    }
    wd.bytes("crm.csv", csv.as_bytes());
    let (run, json) = wd.json(&["check", "crm.csv", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    let issues = json["issues"].as_array().unwrap();
    assert_eq!(issues.len(), 6, "{}", json["issues"]);
    let m1 = &issues[0];
    assert_eq!((m1["cell"].as_str(), m1["raw"].as_str(), m1["count"].as_u64()), (Some("B2"), Some("M1"), Some(100)));
    assert_eq!(m1["cells"], serde_json::json!(["B2", "B8", "B14", "B20", "B26"]));
    // The terminal and the data-issues tab say it the same way.
    let run = wd.run(&["check", "crm.csv", "--as-of", "2026-11-30"]);
    assert!(run.stdout.contains("B2 等 100 处"), "{}", run.stdout);
    let run = wd.run(&["score", "crm.csv", "--as-of", "2026-11-30", "-o", "r.xlsx", "--lang", "en", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    let mut rep = crate::util::Report::open(&wd.path("r.xlsx"));
    let grid = rep.grid("Data issues");
    assert!(grid.iter().any(|row| row.iter().any(|c| c == "B2 and 99 more")), "{grid:?}");
}

#[test]
fn a_model_names_a_column_for_the_files_it_matches() {
    let wd = Workdir::new();
    wd.simple_xlsx("in/华东/a.xlsx", &[row!["客户简写", "预算"], row!["甲", 100]]);
    wd.simple_xlsx("in/华南/a.xlsx", &[row!["客户简写", "预算"], row!["乙", 100]]);
    // The pattern is over the path as shown: the folder given ("in"), then the path below it.
    wd.bytes(
        "m.toml",
        "[[sources]]\nmatch = \"in/华东/*.xlsx\"\n[sources.columns]\n\"客户简写\" = \"account_name\"\n".as_bytes(),
    );
    let (run, json) = wd.json(&["check", "in", "--model", "m.toml", "--as-of", "2026-11-30"]);
    assert_eq!(run.code, 0, "{run:?}");
    let names: Vec<&str> = json["accounts"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["甲"], "only the matched file reads 客户简写 as the name");
    assert_eq!(json["inputs"][1]["sheets"][0]["header_row"], serde_json::Value::Null);
}

//! Customer value and promises kept (SPEC §3.7, §3.8) in the report: the 客户价值 and 承诺 tabs
//! agree with the JSON, the 20/80 line is stated, the summary has the segment chart.

use crate::util::{Report, Workdir};

#[test]
fn a_team_with_orders_and_promises_gets_value_and_promise_tabs() {
    let wd = Workdir::new();
    let dir = wd.path("team");
    let run = wd.run(&["sample", "--team", dir.to_str().unwrap(), "--accounts", "30", "--seed", "3", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let (run, json) = wd.json(&["score", "team", "--as-of", "2026-11-30", "-o", "r.xlsx", "--force"]);
    assert_eq!(run.code, 0, "{run:?}");
    let accounts = json["accounts"].as_array().unwrap();
    let valued: Vec<&serde_json::Value> = accounts.iter().filter(|a| !a["value"].is_null()).collect();
    let promised: Vec<&serde_json::Value> = accounts.iter().filter(|a| !a["promises"].is_null()).collect();
    assert!(!valued.is_empty() && !promised.is_empty());
    let mut rep = Report::open(&wd.path("r.xlsx"));
    let tabs = rep.tabs();
    let at = |t: &str| tabs.iter().position(|x| x == t).unwrap_or_else(|| panic!("no {t} in {tabs:?}"));
    // SPEC §4's order: receivables, customer value, promises, won and lost.
    assert!(at("应收账款") < at("客户价值") && at("客户价值") < at("承诺") && at("承诺") < at("已成交已流失"));
    // 客户价值: the 20/80 line above; one row per account with orders, largest sales first.
    let grid = rep.grid("客户价值");
    assert!(grid[1][0].starts_with("20/80："), "{:?}", grid[1]);
    let list = rep.list("客户价值", "客户编号");
    assert_eq!(list.len(), valued.len());
    let sales: Vec<f64> = list.iter().map(|r| r["近12月销售额"].parse().unwrap_or(0.0)).collect();
    assert!(sales.windows(2).all(|w| w[0] >= w[1]), "{sales:?}");
    for r in &list {
        let a = valued.iter().find(|a| a["id"] == r["客户编号"].as_str()).unwrap();
        assert_eq!(r["RFM"], a["value"]["rfm"].as_str().unwrap(), "{r:?}");
    }
    let top = list.iter().filter(|r| r["前20%"] == "是").count();
    assert_eq!(top, valued.len().div_ceil(5));
    // 承诺: the counts of the JSON, broken ones first, and the flag on every broken account.
    let list = rep.list("承诺", "客户编号");
    assert_eq!(list.len(), promised.len());
    let broken: Vec<u64> = list.iter().map(|r| r["逾期未兑现"].parse().unwrap_or(0)).collect();
    assert!(broken.windows(2).all(|w| w[0] >= w[1]), "{broken:?}");
    for a in &promised {
        let b = a["promises"]["broken"].as_u64().unwrap();
        let flagged = a["flags"].as_array().unwrap().contains(&serde_json::json!("promise_broken"));
        assert_eq!(b > 0, flagged, "{a}");
        let p = &a["promises"];
        assert_eq!(
            p["made"].as_u64().unwrap(),
            p["kept"].as_u64().unwrap() + p["open"].as_u64().unwrap() + b,
            "made = kept + open + broken: {a}"
        );
    }
    // The summary: a segment block and its chart (eight charts in all: the six, the stage
    // funnel, then segments).
    let grid = rep.grid("概览");
    assert!(grid.iter().any(|r| r[0] == "价值分群"), "no segment block");
    let charts =
        crate::util::part_names(&wd.path("r.xlsx")).iter().filter(|n| n.starts_with("xl/charts/chart")).count();
    assert_eq!(charts, 8);
}

/// The report keeps each account's segment in its data tab, so next month's changes tab shows
/// where it was: the same run read back as "last month" lists every valued account's segment,
/// unchanged; the grade tabs carry the segment and the promise record beside the grade.
#[test]
fn segments_are_read_back_by_the_next_month_and_shown_beside_the_grade() {
    let wd = Workdir::new();
    let dir = wd.path("team");
    let run = wd.run(&["sample", "--team", dir.to_str().unwrap(), "--accounts", "20", "--seed", "5", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let run = wd.run(&["score", "team", "--as-of", "2026-11-30", "-o", "last.xlsx", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let (run, json) =
        wd.json(&["score", "team", "--as-of", "2026-11-30", "--previous", "last.xlsx", "-o", "now.xlsx", "--force"]);
    assert_eq!(run.code, 0, "{run:?}");
    let mut rep = Report::open(&wd.path("now.xlsx"));
    let changes = rep.list("变动", "客户编号");
    let valued: std::collections::HashMap<&str, &str> = json["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["value"].is_null())
        .map(|a| (a["id"].as_str().unwrap(), a["value"]["segment"].as_str().unwrap()))
        .collect();
    assert!(!valued.is_empty());
    for c in &changes {
        let Some(seg) = valued.get(c["客户编号"].as_str()) else { continue };
        let label = kascore::value::Segment::from_key(seg).unwrap().label(kascore::Lang::Zh);
        assert_eq!(c["价值分群"], label, "{c:?}");
    }
    // Beside the grade: the segment and promises kept of those due.
    for g in ["A", "B", "C", "D"] {
        if let Some(row) = rep.list(g, "客户编号").first() {
            assert!(row.contains_key("价值分群") && row.contains_key("承诺（兑现/到期）"), "{row:?}");
        }
    }
}

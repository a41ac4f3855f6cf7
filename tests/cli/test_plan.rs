//! The plan (SPEC §3.4 v2): the allocation tab read back from the samples' report. The plan
//! follows the grades, every owner's hours add up to the team's capacity, and the tab says
//! where the capacity came from.

use std::collections::HashMap;
use std::path::Path;

use crate::util::{Report, Workdir};

/// The samples' report (all of `samples/`, the team's line items too), scored as of 2026-11-30.
fn samples_report(wd: &Workdir, extra: &[&str]) -> (Report, serde_json::Value) {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let samples = samples.to_string_lossy().into_owned();
    let mut args = vec!["score", samples.as_str(), "--as-of", "2026-11-30", "-o", "r.xlsx", "--force", "-q"];
    args.extend_from_slice(extra);
    let (run, json) = wd.json(&args);
    assert!(run.code == 0 || run.code == 3, "{run:?}");
    (Report::open(&wd.path("r.xlsx")), json)
}

/// The rows of the table whose header row holds `marker`, as maps from header to cell text.
fn table(grid: &[Vec<String>], marker: &str) -> Vec<HashMap<String, String>> {
    let h = grid.iter().position(|row| row.iter().any(|c| c == marker)).unwrap_or_else(|| panic!("no {marker}"));
    grid[h + 1..]
        .iter()
        // A note under a table fills one cell; a row of the table more.
        .take_while(|row| row.iter().filter(|c| !c.is_empty()).count() > 1)
        .map(|row| grid[h].iter().cloned().zip(row.iter().cloned()).filter(|(k, _)| !k.is_empty()).collect())
        .collect()
}

fn num(row: &HashMap<String, String>, key: &str) -> f64 {
    let cell = row.get(key).unwrap_or_else(|| panic!("no {key} in {row:?}"));
    if cell.is_empty() {
        return 0.0;
    }
    cell.parse().unwrap_or_else(|_| panic!("{key}: {cell:?} is not a number"))
}

#[test]
fn the_plan_follows_the_grades_and_adds_up_per_owner() {
    let wd = Workdir::new();
    let (mut report, json) = samples_report(&wd, &[]);
    let grid = report.grid("资源分配");
    let rows = table(&grid, "用途");
    assert!(rows.len() > 40, "{} accounts listed", rows.len());
    // D accounts get no hours, people or money: 暂缓观察 is no active investment.
    let d: Vec<_> = rows.iter().filter(|r| r["评级"] == "D").collect();
    assert!(!d.is_empty(), "the samples have D accounts in funded quadrants");
    for r in &d {
        assert_eq!((num(r, "工时"), num(r, "人力 (FTE)"), num(r, "资金")), (0.0, 0.0, 0.0), "{r:?}");
        assert_eq!(r["用途"], "最低限度接触");
    }
    // In every quadrant an A account gets at least as many hours as any lower grade.
    let mut quadrants: Vec<&str> = rows.iter().map(|r| r["象限"].as_str()).collect();
    quadrants.dedup();
    let mut compared = 0;
    for q in quadrants {
        let hours = |grades: &[&str]| -> Vec<f64> {
            rows.iter()
                .filter(|r| r["象限"] == q && grades.contains(&r["评级"].as_str()))
                .map(|r| num(r, "工时"))
                .collect()
        };
        let a = hours(&["A"]);
        let lower = hours(&["B", "C", "D", "待补充"]);
        if let (Some(min_a), Some(max_lower)) =
            (a.iter().copied().reduce(f64::min), lower.iter().copied().reduce(f64::max))
        {
            assert!(min_a >= max_lower, "{q}: an A account gets {min_a} h, a lower grade {max_lower} h");
            compared += 1;
        }
    }
    assert!(compared >= 2, "only {compared} quadrants have A and lower grades");
    // The listed accounts share all of the capacity's hours, and so do the owners.
    let listed: f64 = rows.iter().map(|r| num(r, "工时")).sum();
    assert!((listed - 1600.0).abs() <= 0.005 * rows.len() as f64, "{listed}");
    let owners = table(&grid, "负荷（平均=1）");
    let by_owner: f64 = owners.iter().map(|r| num(r, "工时")).sum();
    let fte: f64 = owners.iter().map(|r| num(r, "人力 (FTE)")).sum();
    // Each cell is written to two decimals: the sums may be off by half a cent a row.
    let rounding = 0.005 * owners.len() as f64;
    assert!((by_owner - 1600.0).abs() <= rounding, "{by_owner}");
    assert!((fte - 10.0).abs() <= rounding, "{fte}");
    // Every account of an owner is counted, any status: the owners table covers the run.
    let counted: f64 = owners.iter().map(|r| num(r, "客户数")).sum();
    assert_eq!(counted as u64, json["reconciliation"]["accounts"].as_u64().unwrap());
    // Load is hours ÷ an even share (1600 h ÷ 10 people), highlighted above 1.5.
    for r in &owners {
        assert!((num(r, "负荷（平均=1）") - num(r, "工时") / 160.0).abs() < 0.006, "{r:?}");
    }
    // The JSON carries the same plan.
    let json_owners = json["owners"].as_array().unwrap();
    assert_eq!(json_owners.len(), owners.len());
    let json_hours: f64 = json_owners.iter().map(|o| o["hours"].as_f64().unwrap()).sum();
    assert!((json_hours - 1600.0).abs() < 0.05, "{json_hours}");
    for a in json["accounts"].as_array().unwrap() {
        if a["grade"] == "D" || a["status"] == "lost" {
            assert_eq!(a["allocation"]["hours"], 0.0, "{}", a["name"]);
        }
    }
    // The default capacity is not this team's: the tab says so.
    assert!(grid.iter().flatten().any(|c| c.starts_with("默认容量：请用 --hours/--people/--money")));
}

#[test]
fn the_tab_says_where_the_capacity_came_from() {
    let wd = Workdir::new();
    std::fs::write(wd.path("team.toml"), "[allocation.capacity]\nhours = 800.0\n").unwrap();
    let (mut report, json) = samples_report(&wd, &["--model", "team.toml", "--people", "4"]);
    let grid = report.grid("资源分配");
    let line = &grid[1][0];
    assert!(line.starts_with("本期团队能力：800 工时，4 人，500,000 元"), "{line}");
    assert!(line.contains("人力 (FTE) 来自命令行") && line.contains("工时 来自模型文件"), "{line}");
    // Money is still the default, and the warning names it.
    let warning = &grid[2][0];
    assert!(warning.starts_with("默认容量") && warning.ends_with("（资金）"), "{warning}");
    let hours: f64 = json["owners"].as_array().unwrap().iter().map(|o| o["hours"].as_f64().unwrap()).sum();
    assert!((hours - 800.0).abs() < 0.05, "{hours}");
    let load = json["owners"][0]["load"].as_f64().unwrap();
    let top = json["owners"][0]["hours"].as_f64().unwrap();
    assert!((load - top / 200.0).abs() < 1e-3, "an even share is 800 h ÷ 4 people");
}

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

/// The receivables tab ties out: per account, 未到期 + the five overdue buckets = the balance;
/// the total row above the header = the sum of the rows, bucket by bucket; and the buckets'
/// totals = the balance total. The ten largest exposures are the first ten rows.
#[test]
fn the_receivables_buckets_add_up_per_account_and_in_total() {
    let wd = Workdir::new();
    let (mut report, json) = samples_report(&wd, &[]);
    let grid = report.grid("应收账款");
    let h = grid.iter().position(|row| row.first().is_some_and(|c| c == "敞口排名")).expect("the list header");
    let header = &grid[h];
    let rows = table(&grid, "敞口排名");
    assert!(rows.len() > 50, "{} accounts with receivables", rows.len());
    let buckets = ["未到期", "1-30天", "31-60天", "61-90天", "91-180天", ">180天"];
    let mut sums = [0.0f64; 6];
    let mut balance = 0.0;
    for r in &rows {
        let parts: Vec<f64> = buckets.iter().map(|b| num(r, b)).collect();
        let total: f64 = parts.iter().sum();
        assert!((total - num(r, "应收余额")).abs() < 0.011, "{}: {parts:?} ≠ {}", r["客户名称"], r["应收余额"]);
        let overdue: f64 = parts[1..].iter().sum();
        assert!((overdue - num(r, "逾期合计")).abs() < 0.011, "{r:?}");
        for (s, p) in sums.iter_mut().zip(&parts) {
            *s += p;
        }
        balance += num(r, "应收余额");
    }
    // The total row sits right above the header, in the same columns.
    let totals = &grid[h - 1];
    let cell = |name: &str| -> f64 {
        let c = header.iter().position(|x| x == name).unwrap_or_else(|| panic!("no column {name}"));
        totals[c].parse().unwrap_or_else(|_| panic!("total of {name}: {:?}", totals[c]))
    };
    assert!(totals.iter().any(|c| c.starts_with("合计（")), "{totals:?}");
    assert!((cell("应收余额") - balance).abs() < 0.01 * rows.len() as f64, "{} vs {balance}", cell("应收余额"));
    let bucket_total: f64 = buckets.iter().map(|b| cell(b)).sum();
    assert!((bucket_total - cell("应收余额")).abs() < 0.05, "{bucket_total} vs {}", cell("应收余额"));
    for (b, s) in buckets.iter().zip(sums) {
        assert!((cell(b) - s).abs() < 0.01 * rows.len() as f64, "{b}: {} vs {s}", cell(b));
    }
    // The JSON says the same, per account.
    for a in json["accounts"].as_array().unwrap() {
        let Some(rcv) = a["receivables"].as_object() else { continue };
        let parts = rcv["current"].as_f64().unwrap()
            + rcv["buckets"].as_object().unwrap().values().map(|v| v.as_f64().unwrap()).sum::<f64>();
        assert!((parts - rcv["balance"].as_f64().unwrap()).abs() < 0.011, "{}", a["name"]);
    }
    // Largest exposure first, so the top ten are the first ten rows, each with its risk and rule.
    let exposures: Vec<f64> = rows.iter().map(|r| num(r, "敞口")).collect();
    assert!(exposures.windows(2).all(|w| w[0] >= w[1]), "not sorted by exposure");
    assert!(rows[..10].iter().all(|r| !r["风险"].is_empty() && !r["风险依据"].is_empty()));
    // Nothing owed and no open deal → risk 无, whatever the credit.
    for r in &rows {
        if num(r, "敞口") == 0.0 {
            assert_eq!(r["风险"], "无", "{r:?}");
        }
    }
}

/// With `--previous`, the receivables tab says what moved since last month: the totals then and
/// now, and per account the change of balance, overdue and provision, which add up to the
/// change of the totals (the same accounts both months).
#[test]
fn the_receivables_tab_shows_the_month_over_month_change() {
    let wd = Workdir::new();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let samples = samples.to_string_lossy().into_owned();
    let run = wd.run(&["score", &samples, "--as-of", "2026-10-31", "-o", "oct.xlsx", "-q"]);
    assert!(run.code == 0 || run.code == 3, "{run:?}");
    let (_, json) =
        wd.json(&["score", &samples, "--as-of", "2026-11-30", "--previous", "oct.xlsx", "-o", "nov.xlsx", "-q"]);
    let (_, oct) = wd.json(&["score", &samples, "--as-of", "2026-10-31", "-o", "oct2.xlsx", "-q"]);
    let total = |j: &serde_json::Value, key: &str| -> f64 {
        j["accounts"].as_array().unwrap().iter().filter_map(|a| a["receivables"][key].as_f64()).sum()
    };
    let grid = Report::open(&wd.path("nov.xlsx")).grid("应收账款");
    let line = &grid[5][0];
    assert!(line.starts_with("较上月（2026-10-31）：应收余额 "), "{line}");
    let rows = table(&grid, "敞口排名");
    let overdue_change: f64 = rows.iter().map(|r| num(r, "逾期变化")).sum();
    let expected = total(&json, "overdue") - total(&oct, "overdue");
    assert!(expected.abs() > 1.0, "the month moved some invoices past due: {expected}");
    assert!((overdue_change - expected).abs() < 0.01 * rows.len() as f64, "{overdue_change} vs {expected}");
    let provision_change: f64 = rows.iter().map(|r| num(r, "坏账准备变化")).sum();
    let expected = total(&json, "provision") - total(&oct, "provision");
    assert!((provision_change - expected).abs() < 0.01 * rows.len() as f64, "{provision_change} vs {expected}");
}

/// Every D account's reason, read back from the D tab, names the gap to the pass line and the
/// two factors that lost it the most points (SPEC §3.3): what to work on, not the score again.
#[test]
fn every_d_reason_on_the_d_tab_names_two_factors() {
    let wd = Workdir::new();
    let (mut report, json) = samples_report(&wd, &[]);
    let factors = [
        "需求与预算",
        "诚信与信誉",
        "资金状况",
        "产品/技术/服务满足度",
        "关系紧密度",
        "竞争优劣势",
        "进入时机",
        "附加价值",
    ];
    let d = report.list("D", "客户编号");
    assert_eq!(d.len() as u64, json["counts"]["D"].as_u64().unwrap());
    assert!(!d.is_empty());
    for row in &d {
        let reason = &row["评级理由"];
        let named = factors.iter().filter(|f| reason.contains(*f)).count();
        assert!(reason.contains("失分最多") && named == 2, "{}: {reason}", row["客户编号"]);
        assert!(reason.ends_with("→ D"), "{reason}");
    }
}

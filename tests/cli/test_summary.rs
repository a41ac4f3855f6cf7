//! The summary (SPEC §4 item 1 v2): the six charts read back from the report's XML, each
//! series bound to the cells that hold its figures, and those figures tying out with the
//! headline and the detail tabs.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::util::{Report, Workdir};

/// One series of a chart: its name (a cell reference or text), categories and values refs.
#[derive(Debug, Default)]
struct Series {
    name: String,
    categories: String,
    values: String,
}

/// A chart: its title text and series.
#[derive(Debug)]
struct ChartXml {
    title: String,
    series: Vec<Series>,
    /// An axis on a log scale.
    log_axis: bool,
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    Some(&s[a..b])
}

/// The `<c:f>` inside the first `tag` element of `s`.
fn formula(s: &str, tag: &str) -> String {
    between(s, &format!("<c:{tag}>"), &format!("</c:{tag}>"))
        .and_then(|inner| between(inner, "<c:f>", "</c:f>"))
        .unwrap_or_default()
        .to_string()
}

fn charts(path: &Path) -> Vec<ChartXml> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("xl/charts/chart"))
        .map(|n| n.into_owned())
        .collect();
    let mut out = Vec::new();
    for name in names {
        let mut xml = String::new();
        zip.by_name(&name).unwrap().read_to_string(&mut xml).unwrap();
        let title = between(&xml, "<c:title>", "</c:title>")
            .map(|t| t.split("<a:t>").skip(1).filter_map(|p| p.split("</a:t>").next()).collect::<String>())
            .unwrap_or_default();
        let series = xml
            .split("<c:ser>")
            .skip(1)
            .map(|ser| Series {
                name: formula(ser, "tx"),
                categories: [formula(ser, "cat"), formula(ser, "xVal")].concat(),
                values: [formula(ser, "val"), formula(ser, "yVal")].concat(),
            })
            .collect();
        out.push(ChartXml { title, series, log_axis: xml.contains("<c:logBase val=\"10\"/>") });
    }
    out
}

/// The cells a reference like `'概览'!$B$20:$B$26` (or one cell) names, as text, row by row.
fn cells(grid: &[Vec<String>], reference: &str) -> Vec<String> {
    let (_, range) = reference.rsplit_once('!').unwrap_or_else(|| panic!("not a reference: {reference}"));
    let pos = |a1: &str| -> (usize, usize) {
        let a1 = a1.replace('$', "");
        let letters: String = a1.chars().take_while(char::is_ascii_alphabetic).collect();
        let col = letters.bytes().fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize) - 1;
        let row: usize = a1[letters.len()..].parse().unwrap();
        (row - 1, col)
    };
    let (from, to) = range.split_once(':').map_or((range, range), |(a, b)| (a, b));
    let ((r0, c0), (r1, c1)) = (pos(from), pos(to));
    let mut out = Vec::new();
    for r in r0..=r1 {
        for c in c0..=c1 {
            out.push(grid.get(r).and_then(|row| row.get(c)).cloned().unwrap_or_default());
        }
    }
    out
}

fn number(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("{s:?} is not a number"))
}

fn sum(v: &[String]) -> f64 {
    v.iter().map(|s| number(s)).sum()
}

/// The headline block: label → value.
fn headline(grid: &[Vec<String>]) -> HashMap<String, String> {
    grid.iter().skip(2).take(10).map(|r| (r[0].clone(), r[1].clone())).collect()
}

#[test]
fn the_summary_has_six_charts_bound_to_the_cells_that_hold_their_figures() {
    let wd = Workdir::new();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let (run, json) = wd.json(&["score", samples, "--as-of", "2026-11-30", "-o", "r.xlsx", "-q"]);
    assert_eq!(run.code, 3, "{run:?}");
    let grid = Report::open(&wd.path("r.xlsx")).grid("概览");
    let charts = charts(&wd.path("r.xlsx"));
    let by_title = |start: &str| -> &ChartXml {
        charts.iter().find(|c| c.title.starts_with(start)).unwrap_or_else(|| {
            panic!("no chart titled {start}: {:?}", charts.iter().map(|c| &c.title).collect::<Vec<_>>())
        })
    };
    let top = headline(&grid);
    let accounts = json["reconciliation"]["accounts"].as_f64().unwrap();

    // 1. Grades: one bar per grade, the seven grades in order, adding up to the accounts.
    let grades = by_title("各评级客户数与预计金额（万元）");
    let bars = &grades.series[0];
    assert_eq!(cells(&grid, &bars.categories), ["A", "B", "C", "D", "待补充", "已成交", "已流失"]);
    assert_eq!(sum(&cells(&grid, &bars.values)), accounts);
    let counts = &json["counts"];
    assert_eq!(number(&cells(&grid, &bars.values)[0]), counts["A"].as_f64().unwrap());

    // 2. The quadrant matrix: one series per quadrant with accounts, then the two lines.
    let matrix = by_title("攻守矩阵");
    // Attack, defend, maintain, abandon, the capability line and the share line.
    assert_eq!(matrix.series.len(), 6, "{:?}", matrix.series);
    // The points are capability (x) and share (y) side by side, one account a row.
    for s in &matrix.series {
        assert_eq!(cells(&grid, &s.categories).len(), cells(&grid, &s.values).len());
    }
    let shares: Vec<f64> = matrix.series.iter().flat_map(|s| cells(&grid, &s.values)).map(|v| number(&v)).collect();
    assert!(shares.iter().all(|s| (0.0..=1.0).contains(s)), "shares are 0–100%");
    // The high-share line is flat at 50%.
    let line = matrix.series.last().unwrap();
    assert_eq!(cells(&grid, &line.values), ["0.5", "0.5"]);
    // Purchasing on a log axis, starting at a power of ten no point lies left of.
    assert!(matrix.log_axis);
    let edge = number(&cells(&grid, &line.categories)[0]);
    assert_eq!(edge.log10().fract(), 0.0, "{edge}");
    let xs: Vec<f64> = matrix.series.iter().flat_map(|s| cells(&grid, &s.categories)).map(|v| number(&v)).collect();
    assert!(xs.iter().all(|x| *x >= edge), "{xs:?}");
    // Unclassified accounts are not dropped silently: the title says how many.
    assert!(matrix.title.contains("未分类 16 个客户不在图中"), "{}", matrix.title);

    // 3. Allocation: a series per quadrant named by its cell, over hours, people, money.
    let alloc = by_title("资源分配");
    let names: Vec<String> = alloc.series.iter().map(|s| cells(&grid, &s.name).concat()).collect();
    assert_eq!(names, ["进攻", "防守", "维持", "放弃"]);
    assert_eq!(cells(&grid, &alloc.series[0].categories), ["工时", "人力 (FTE)", "资金（万元）"]);
    let hours: f64 = alloc.series.iter().map(|s| number(&cells(&grid, &s.values)[0])).sum();
    assert!((hours - 1600.0).abs() < 0.01, "{hours}");

    // 4. Receivables aging: current first, adding up to the receivables in the headline.
    let aging = by_title("应收账款账龄（万元）");
    let s = &aging.series[0];
    assert_eq!(cells(&grid, &s.categories), ["未到期", "1-30", "31-60", "61-90", "91-180", ">180"]);
    let total = number(&top["应收合计（万元）"]);
    assert!((sum(&cells(&grid, &s.values)) - total).abs() < 0.1, "{} vs {total}", sum(&cells(&grid, &s.values)));

    // 5. Pipeline by close month: every open deal in one bar, adding up to the open pipeline.
    let months = by_title("在谈商机按预计成交月份（万元）");
    let s = &months.series[0];
    let labels = cells(&grid, &s.categories);
    assert_eq!(labels.first().map(String::as_str), Some("成交日已过"));
    assert_eq!(labels.last().map(String::as_str), Some("成交日未知"));
    assert_eq!(labels[1], "2026-11");
    let open = number(&top["在谈商机金额（万元）"]);
    assert!((sum(&cells(&grid, &s.values)) - open).abs() < 0.1, "{} vs {open}", sum(&cells(&grid, &s.values)));

    // 6. Grade mix by owner: a series per grade, over the owners, adding up to the accounts.
    let mix = by_title("各客户经理的评级构成");
    assert_eq!(mix.series.len(), 7);
    let owners = cells(&grid, &mix.series[0].categories);
    assert_eq!(owners[0], json["owners"][0]["owner"].as_str().unwrap());
    let total: f64 = mix.series.iter().map(|s| sum(&cells(&grid, &s.values))).sum();
    assert_eq!(total, accounts);

    // And the stage funnel: seed 004's stages in order, won, lost, then not given; every
    // account in one bar.
    let funnel = by_title("阶段漏斗");
    let s = &funnel.series[0];
    assert_eq!(
        cells(&grid, &s.categories),
        ["确定开发对象", "信息收集", "价值评估", "关系建立", "促成合作", "已成交", "已流失", "阶段未填写"]
    );
    assert_eq!(sum(&cells(&grid, &s.values)), accounts);
    assert_eq!(number(&cells(&grid, &s.values)[5]), counts["won"].as_f64().unwrap());

    // The breakdowns by region and industry count every account once.
    for by in ["区域", "行业"] {
        let h = grid.iter().position(|r| r[0] == by).unwrap_or_else(|| panic!("no breakdown by {by}"));
        let n: f64 = grid[h + 1..].iter().take_while(|r| !r[0].is_empty()).map(|r| number(&r[1])).sum();
        assert_eq!(n, accounts, "{by}");
    }
}

/// The numbers in every `attr="…"` of the elements named `tag` in `xml`.
fn attrs(xml: &str, tag: &str, attr: &str) -> Vec<u32> {
    xml.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|e| between(e, &format!("{attr}=\""), "\""))
        .filter_map(|v| v.parse().ok())
        .collect()
}

/// Printed, the summary is legible and whole: A4 landscape at 70% or more (side by side on one
/// page width its text printed at 5 pt), the tables on pages of their own left of a column
/// break, the charts right of it, and no row break through a chart.
#[test]
fn the_summary_prints_legibly_with_no_chart_cut_by_a_page_break() {
    let wd = Workdir::new();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let run = wd.run(&["score", samples, "--as-of", "2026-11-30", "-o", "r.xlsx", "-q"]);
    assert_eq!(run.code, 3, "{run:?}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(wd.path("r.xlsx")).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut xml = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        xml
    };
    let sheet = read("xl/worksheets/sheet1.xml");
    let drawing = read("xl/drawings/drawing1.xml");
    let setup = between(&sheet, "<pageSetup ", "/>").expect("a page setup");
    assert!(setup.contains("orientation=\"landscape\"") && setup.contains("paperSize=\"9\""), "{setup}");
    let scale = attrs(&sheet, "pageSetup", "scale");
    assert!(scale.len() == 1 && scale[0] >= 70, "{setup}");
    assert!(!sheet.contains("fitToPage"), "fit to page would ignore the breaks");

    let col_breaks = attrs(between(&sheet, "<colBreaks", "</colBreaks>").unwrap_or(""), "brk", "id");
    let row_breaks = attrs(between(&sheet, "<rowBreaks", "</rowBreaks>").unwrap_or(""), "brk", "id");
    // Each chart's first and last row and its first column, from the drawing's anchors.
    let anchors: Vec<(u32, u32, u32)> = drawing
        .split("<xdr:twoCellAnchor")
        .skip(1)
        .map(|a| {
            let num = |part: &str, tag: &str| -> u32 {
                between(
                    between(a, &format!("<xdr:{part}>"), &format!("</xdr:{part}>")).unwrap(),
                    &format!("<xdr:{tag}>"),
                    &format!("</xdr:{tag}>"),
                )
                .unwrap()
                .parse()
                .unwrap()
            };
            (num("from", "row"), num("to", "row"), num("from", "col"))
        })
        .collect();
    assert!(anchors.len() >= 6, "{anchors:?}");
    assert_eq!(col_breaks.len(), 1, "{col_breaks:?}");
    // Within the print area (the matrix's points lie right of it) no cell is right of the break.
    let workbook = read("xl/workbook.xml");
    let area = workbook
        .split("<definedName ")
        .find(|d| d.contains("_xlnm.Print_Area") && d.contains("localSheetId=\"0\""))
        .and_then(|d| between(d, ":$", "$"))
        .expect("a print area on the summary");
    let last_col = area.bytes().fold(0, |n, b| n * 26 + usize::from(b - b'A' + 1)) - 1;
    let grid = Report::open(&wd.path("r.xlsx")).grid("概览");
    for (r, row) in grid.iter().enumerate() {
        for (c, cell) in row.iter().enumerate().take(last_col + 1).skip(col_breaks[0] as usize) {
            assert!(cell.is_empty(), "a table crosses the column break at row {r}, column {c}: {cell}");
        }
    }
    for &(from, to, col) in &anchors {
        assert!(col >= col_breaks[0], "a chart left of the break: {anchors:?}");
        assert!(
            !row_breaks.iter().any(|&b| from < b && b <= to),
            "a row break through the chart at rows {from}–{to}: {row_breaks:?}"
        );
    }
}

/// An account of no purchasing cannot sit on the matrix's log axis: it is drawn on the axis's
/// left edge, and the title says how many are.
#[test]
fn the_matrix_draws_no_purchasing_on_its_left_edge_and_says_so() {
    let wd = Workdir::new();
    wd.simple_xlsx(
        "book.xlsx",
        &[
            crate::row!["客户编号", "客户名称", "年采购额", "我方份额"],
            crate::row!["K-1", "甲公司", "0", "10%"],
            crate::row!["K-2", "乙公司", "500万", "60%"],
            crate::row!["K-3", "丙公司", "2000万", "20%"],
        ],
    );
    let run = wd.run(&["score", "book.xlsx", "--as-of", "2026-11-30", "-o", "r.xlsx", "-q"]);
    assert!(run.code == 0 || run.code == 3, "{run:?}");
    let grid = Report::open(&wd.path("r.xlsx")).grid("概览");
    let charts = charts(&wd.path("r.xlsx"));
    let matrix = charts.iter().find(|c| c.title.starts_with("攻守矩阵")).expect("the matrix");
    assert!(matrix.title.contains("1 个客户年采购额为 0，画在最左"), "{}", matrix.title);
    // 500万 is 500 万元: the axis starts at 100, and the account of 0 is drawn there.
    let edge = number(&cells(&grid, &matrix.series.last().unwrap().categories)[0]);
    assert_eq!(edge, 100.0);
    // The points: every series but the two lines.
    let mut xs: Vec<f64> = matrix.series[..matrix.series.len() - 2]
        .iter()
        .flat_map(|s| cells(&grid, &s.categories))
        .map(|v| number(&v))
        .collect();
    xs.sort_by(f64::total_cmp);
    assert_eq!(xs, [100.0, 500.0, 2000.0]);
}

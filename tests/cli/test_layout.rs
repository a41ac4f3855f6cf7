//! The list tabs' layout (SPEC §4: names never cut): no text cell of a list is wider than its
//! column unless the column wraps it; the grade's action once above the list; the to-do list of
//! the needs-information tab, biggest deal first, one missing item a line.
//!
//! The report's parts are read from its zip: the sheets by name (xl/workbook.xml and its
//! rels), each sheet's column widths and cells, the shared strings, and the cell styles that
//! wrap (xl/styles.xml).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::util::{Report, Workdir};

/// The samples scored as the golden test scores them.
fn samples_report(wd: &Workdir, lang: &str) -> std::path::PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    std::fs::create_dir_all(wd.path("samples")).unwrap();
    for entry in std::fs::read_dir(&from).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".xlsx") || name.ends_with(".csv") {
            std::fs::copy(entry.path(), wd.path(&format!("samples/{name}"))).unwrap();
        }
    }
    let out = format!("samples-{lang}.xlsx");
    let run = wd.run(&["score", "samples", "--as-of", "2026-11-30", "--lang", lang, "-o", &out, "--quiet"]);
    assert_eq!(run.code, 3, "{run:?}");
    wd.path(&out)
}

/// The parts of a saved workbook.
struct Book {
    parts: HashMap<String, String>,
}

impl Book {
    fn open(path: &Path) -> Book {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut parts = HashMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut text = String::new();
            if name.ends_with(".xml") || name.ends_with(".rels") {
                f.read_to_string(&mut text).unwrap();
                parts.insert(name, text);
            }
        }
        Book { parts }
    }

    fn part(&self, name: &str) -> &str {
        self.parts.get(name).unwrap_or_else(|| panic!("no part {name}"))
    }

    /// The worksheet part of a tab: its r:id in workbook.xml, its target in the rels.
    fn sheet_xml(&self, tab: &str) -> &str {
        let wb = self.part("xl/workbook.xml");
        let rid = elements(wb, "sheet")
            .find(|e| attr(e, "name").as_deref() == Some(tab))
            .and_then(|e| attr(e, "r:id"))
            .unwrap_or_else(|| panic!("no tab {tab}"));
        let rels = self.part("xl/_rels/workbook.xml.rels");
        let target = elements(rels, "Relationship")
            .find(|e| attr(e, "Id").as_deref() == Some(rid.as_str()))
            .and_then(|e| attr(e, "Target"))
            .unwrap();
        self.part(&format!("xl/{}", target.trim_start_matches("/xl/")))
    }

    fn shared_strings(&self) -> Vec<String> {
        let Some(sst) = self.parts.get("xl/sharedStrings.xml") else { return Vec::new() };
        sst.split("<si>").skip(1).map(|si| texts(&si[..si.find("</si>").unwrap()])).collect()
    }

    /// For each cell style (cellXfs), whether it wraps.
    /// Per cell style: whether it wraps, and its indent in characters.
    fn styles(&self) -> Vec<(bool, f64)> {
        let styles = self.part("xl/styles.xml");
        let xfs = &styles[styles.find("<cellXfs").unwrap()..];
        let xfs = &xfs[..xfs.find("</cellXfs>").unwrap()];
        let mut out = Vec::new();
        let mut rest = xfs;
        while let Some(at) = rest.find("<xf ") {
            rest = &rest[at..];
            let open = &rest[..rest.find('>').unwrap() + 1];
            let whole = if open.ends_with("/>") { open } else { &rest[..rest.find("</xf>").unwrap()] };
            let indent = attr(whole, "indent").and_then(|n| n.parse().ok()).unwrap_or(0.0);
            out.push((whole.contains("wrapText=\"1\""), indent));
            rest = &rest[whole.len()..];
        }
        out
    }
}

/// The elements `<name …>` of `xml`, each its opening tag.
fn elements<'x>(xml: &'x str, name: &str) -> impl Iterator<Item = &'x str> + 'x {
    let open = format!("<{name} ");
    let starts: Vec<usize> = xml.match_indices(&open).map(|(at, _)| at).collect();
    starts.into_iter().map(move |at| &xml[at..at + xml[at..].find('>').unwrap() + 1])
}

/// An attribute of an opening tag, unescaped.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(unescape(&tag[start..start + tag[start..].find('"')?]))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The text of every `<t>` in `xml`, joined.
fn texts(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split("<t").skip(1) {
        // `<t>` or `<t xml:space="preserve">`, not `<tabColor …>` and the like.
        if !(piece.starts_with('>') || piece.starts_with(' ')) {
            continue;
        }
        let body = &piece[piece.find('>').unwrap() + 1..];
        out.push_str(&unescape(&body[..body.find("</t>").unwrap_or(0)]));
    }
    out
}

/// 0-based column of a cell reference ("AB12" → 27) and its 1-based row.
fn cell_pos(r: &str) -> (usize, u32) {
    let letters: String = r.chars().take_while(char::is_ascii_uppercase).collect();
    let col = letters.bytes().fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize) - 1;
    (col, r[letters.len()..].parse().unwrap())
}

/// A cell of a sheet: its text (None for a number), its style and whether it holds a value.
struct Cell {
    col: usize,
    row: u32,
    text: Option<String>,
    style: usize,
    filled: bool,
}

/// A sheet's column widths (by 0-based column; Excel's default 8.43 elsewhere) and its cells.
fn sheet(xml: &str, shared: &[String]) -> (HashMap<usize, f64>, Vec<Cell>) {
    let mut widths = HashMap::new();
    for c in elements(xml, "col") {
        let (min, max): (usize, usize) =
            (attr(c, "min").unwrap().parse().unwrap(), attr(c, "max").unwrap().parse().unwrap());
        if let Some(w) = attr(c, "width") {
            for i in min..=max {
                widths.insert(i - 1, w.parse().unwrap());
            }
        }
    }
    let data = &xml[xml.find("<sheetData").unwrap()..xml.find("</sheetData>").unwrap_or(xml.len())];
    let mut cells = Vec::new();
    for (at, _) in data.match_indices("<c ") {
        let open = &data[at..at + data[at..].find('>').unwrap() + 1];
        let body =
            if open.ends_with("/>") { "" } else { &data[at + open.len()..at + data[at..].find("</c>").unwrap()] };
        let (col, row) = cell_pos(&attr(open, "r").unwrap());
        let style = attr(open, "s").map_or(0, |s| s.parse().unwrap());
        let value = body.find("<v>").map(|v| &body[v + 3..body.find("</v>").unwrap()]);
        let text = match attr(open, "t").as_deref() {
            Some("s") => Some(shared[value.unwrap().parse::<usize>().unwrap()].clone()),
            Some("inlineStr") | Some("str") => Some(texts(body)),
            _ => None,
        };
        let filled = text.as_ref().is_some_and(|t| !t.is_empty()) || (text.is_none() && value.is_some());
        cells.push(Cell { col, row, text, style, filled });
    }
    (widths, cells)
}

/// Excel's display width of a text: CJK and full-width characters 2, others 1; the widest line.
fn display_width(s: &str) -> f64 {
    use unicode_width::UnicodeWidthStr;
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as f64
}

/// The cells of the list part of a tab (below the header row whose first cell is `header`)
/// that are wider than their column though it does not wrap them and they do not end their
/// row (text runs on into the empty cells to its right, which Excel shows whole).
fn cut_cells(book: &Book, tab: &str, header: &str) -> Vec<String> {
    let shared = book.shared_strings();
    let styles = book.styles();
    let (widths, cells) = sheet(book.sheet_xml(tab), &shared);
    let header_row = cells
        .iter()
        .find(|c| c.col == 0 && c.text.as_deref() == Some(header))
        .unwrap_or_else(|| panic!("no header {header} in {tab}"))
        .row;
    let mut last: HashMap<u32, usize> = HashMap::new();
    for c in cells.iter().filter(|c| c.filled) {
        let l = last.entry(c.row).or_insert(c.col);
        *l = (*l).max(c.col);
    }
    let mut cut = Vec::new();
    for c in cells.iter().filter(|c| c.row > header_row) {
        let Some(text) = &c.text else { continue };
        let width = widths.get(&c.col).copied().unwrap_or(8.43);
        let (wraps, indent) = styles.get(c.style).copied().unwrap_or((false, 0.0));
        let needs = display_width(text) + indent;
        if needs > width && !wraps && last.get(&c.row) != Some(&c.col) {
            cut.push(format!("{tab}!row {} col {}: {text:?} ({needs} > {width})", c.row, c.col + 1));
        }
    }
    cut
}

#[test]
fn no_text_cell_of_a_list_is_wider_than_its_column_unless_it_wraps() {
    let wd = Workdir::new();
    for (lang, tabs) in [
        (
            "zh",
            [
                ("A", "客户编号"),
                ("B", "客户编号"),
                ("C", "客户编号"),
                ("D", "客户编号"),
                ("待补充", "客户编号"),
                ("风险标记", "标记"),
                ("资源分配", "象限"),
                ("应收账款", "敞口排名"),
            ],
        ),
        (
            "en",
            [
                ("A", "Account ID"),
                ("B", "Account ID"),
                ("C", "Account ID"),
                ("D", "Account ID"),
                ("Needs information", "Account ID"),
                ("Flags", "Flag"),
                ("Allocation", "Quadrant"),
                ("Receivables", "Exposure rank"),
            ],
        ),
    ] {
        let book = Book::open(&samples_report(&wd, lang));
        let mut cut = Vec::new();
        for (tab, header) in tabs {
            cut.extend(cut_cells(&book, tab, header));
        }
        assert!(cut.is_empty(), "{lang}: cells cut:\n{}", cut.join("\n"));
    }
}

/// The tabs a run with `--previous` adds (changes), and the value, promises and won/lost tabs
/// the team samples fill, have no cut cell either.
#[test]
fn no_text_cell_is_cut_on_the_changes_value_promises_and_won_lost_tabs() {
    let wd = Workdir::new();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let run = wd.run(&["score", samples, "--as-of", "2026-10-31", "-o", "october.xlsx", "--quiet"]);
    assert_eq!(run.code, 3, "{run:?}");
    let args = ["score", samples, "--as-of", "2026-11-30", "--previous", "october.xlsx", "-o", "r.xlsx", "-q"];
    let run = wd.run(&args);
    assert_eq!(run.code, 3, "{run:?}");
    let book = Book::open(&wd.path("r.xlsx"));
    let mut cut = Vec::new();
    for tab in ["变动", "客户价值", "承诺", "已成交已流失"] {
        cut.extend(cut_cells(&book, tab, "客户编号"));
    }
    assert!(cut.is_empty(), "cells cut:\n{}", cut.join("\n"));
}

#[test]
fn a_grade_tab_has_its_action_once_above_the_list() {
    let wd = Workdir::new();
    let path = samples_report(&wd, "zh");
    let mut rep = Report::open(&path);
    for (tab, action) in [("A", "全力以赴，进入销售关键流程"), ("D", "暂缓，观察；保持最低限度接触（买卖不成情谊在）")]
    {
        let grid = rep.grid(tab);
        let h = grid.iter().position(|r| r.first().is_some_and(|c| c == "客户编号")).unwrap();
        let above: Vec<&String> = grid[..h].iter().flatten().filter(|c| c.contains(action)).collect();
        assert_eq!(above, [&format!("行动建议：{action}")], "{tab}");
        assert!(!grid[h].iter().any(|c| c == "行动建议"), "{tab}: an action column {:?}", grid[h]);
        assert!(grid[h + 1..].iter().flatten().all(|c| !c.contains(action)), "{tab}: the action in a row");
        for header in ["阶段", "在谈商机", "风险标记", "攻守象限", "预计成交日期", "来源"] {
            assert!(grid[h].iter().any(|c| c == header), "{tab}: no column {header}");
        }
    }
    // The header row stays in view below the action line.
    let book = Book::open(&path);
    let pane = elements(book.sheet_xml("A"), "pane").next().expect("a frozen pane");
    assert_eq!(attr(pane, "topLeftCell").as_deref(), Some("A4"), "{pane}");
    // A list's stage and open deals are the account's.
    let a = rep.list("A", "客户编号");
    assert!(a.iter().all(|r| r["在谈商机"].parse::<u32>().unwrap() >= 1), "{a:?}");
    let stages = ["确定开发对象", "信息收集", "价值评估", "关系建立", "促成合作", ""];
    assert!(a.iter().all(|r| stages.contains(&r["阶段"].as_str())), "{a:?}");
}

#[test]
fn needs_information_is_a_to_do_list_biggest_deal_first() {
    let wd = Workdir::new();
    let path = samples_report(&wd, "zh");
    let mut rep = Report::open(&path);
    let rows = rep.list("待补充", "客户编号");
    assert!(rows.len() >= 2, "{rows:?}");
    // Biggest deal value first, unknown last.
    let values: Vec<Option<f64>> = rows.iter().map(|r| r["预计金额"].parse().ok()).collect();
    let mut sorted = values.clone();
    sorted.sort_by(|a, b| match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(x),
        (a, b) => b.is_some().cmp(&a.is_some()),
    });
    assert_eq!(values, sorted);
    // One item a line; no factor named by itself ("关系紧密度：关系紧密度").
    for r in &rows {
        let todo = &r["请补充"];
        for line in todo.lines() {
            let (what, how) = line.split_once('：').unwrap_or_else(|| panic!("{line:?}"));
            assert!(!how.starts_with(what), "a tautology: {line:?}");
        }
    }
    let with_dm = rows.iter().find(|r| r["请补充"].lines().any(|l| l.starts_with("决策人：")));
    let with_dm = with_dm.unwrap_or_else(|| panic!("no missing decision maker listed: {rows:?}"));
    assert!(with_dm["请补充"].lines().count() > 1, "{with_dm:?}");
    // The action once above the list.
    let grid = rep.grid("待补充");
    assert_eq!(grid[0][0], "行动建议：继续收集信息，完善后再评估");
}

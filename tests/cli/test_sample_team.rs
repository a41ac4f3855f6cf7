//! `kascore sample --team` and `--kind`: one team's export set, joined the way real exports join,
//! and line-item files that stream.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};

use crate::util::Workdir;

/// The files of a Chinese team set and their headers, exactly.
const ZH_FILES: [(&str, &[&str]); 7] = [
    ("客户清单.xlsx", &["客户编号", "客户名称", "客户经理", "区域", "行业", "年采购额(万元)", "信用等级", "信用额度"]),
    (
        "商机.xlsx",
        &[
            "商机编号",
            "商机名称",
            "客户名称",
            "负责人",
            "阶段",
            "预计金额",
            "赢率",
            "预计成交日期",
            "创建日期",
            "状态",
            "丢单原因",
        ],
    ),
    ("应收明细.csv", &["客户编号", "客户名称", "单据号", "开票日期", "到期日", "金额", "未收金额", "账期", "信用额度"]),
    ("销售明细.xlsx", &["订单号", "订单日期", "客户名称", "客户经理", "产品", "销售额", "成本"]),
    ("回款记录.xlsx", &["回款日期", "客户名称", "回款金额"]),
    ("承诺台账.xlsx", &["客户名称", "承诺事项", "承诺日期", "状态", "兑现日期"]),
    (
        "kascore-大客户模板-已填写.xlsx",
        &[
            "客户名称",
            "客户经理",
            "业务匹配度",
            "资金状况",
            "诚信度",
            "关系紧密度",
            "竞争优势",
            "进入时机",
            "附加价值",
            "需求共识",
            "决策人",
            "决策人态度",
            "内线",
            "预算(万元)",
            "预计成交日期",
        ],
    ),
];

fn sample(wd: &Workdir, args: &[&str]) {
    let mut all = vec!["sample"];
    all.extend_from_slice(args);
    let run = wd.run(&all);
    assert_eq!(run.code, 0, "{run:?}");
}

/// The first sheet of a workbook: the header row and the data rows below it.
fn sheet(path: &Path) -> (Vec<String>, Vec<Vec<Data>>) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let mut rows = range.rows().map(<[Data]>::to_vec);
    let header = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    (header, rows.collect())
}

/// A GBK CSV's lines, split at commas (the sample writes no quoted commas in Chinese).
fn gbk_lines(path: &Path) -> Vec<Vec<String>> {
    let raw = std::fs::read(path).unwrap();
    assert!(std::str::from_utf8(&raw).is_err(), "not GBK: valid UTF-8");
    let (text, _, bad) = encoding_rs::GBK.decode(&raw);
    assert!(!bad, "undecodable GBK");
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "not CRLF throughout");
    text.lines().map(|l| l.split(',').map(str::to_string).collect()).collect()
}

fn text(c: &Data) -> String {
    c.to_string()
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

/// The set for 40 accounts, seed 42, in a folder of a new work dir.
fn team40() -> Workdir {
    let wd = Workdir::new();
    sample(&wd, &["--team", "team", "--accounts", "40", "--seed", "42", "-q"]);
    wd
}

#[test]
fn a_team_set_has_every_file_with_its_headers_and_rows_for_its_accounts() {
    let wd = team40();
    let names: BTreeSet<String> =
        std::fs::read_dir(wd.path("team")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    assert_eq!(names, ZH_FILES.iter().map(|(n, _)| n.to_string()).collect());
    let mut rows = BTreeMap::new();
    for (name, headers) in ZH_FILES {
        let path = wd.path(&format!("team/{name}"));
        if name.ends_with(".csv") {
            let lines = gbk_lines(&path);
            assert_eq!(lines[2], headers, "{name}");
            rows.insert(name, lines.len() - 4);
        } else {
            let (header, data) = sheet(&path);
            assert_eq!(header, headers, "{name}");
            rows.insert(name, data.len());
        }
    }
    // 16 stories of 20 are listed accounts; the template rates half the team.
    assert_eq!(rows["客户清单.xlsx"], 32);
    assert_eq!(rows["kascore-大客户模板-已填写.xlsx"], 20);
    // 3–8 deals each; 5–40 invoices, 10–60 order lines and 3–12 payments for each of the 36
    // customers with orders; 0–4 promises.
    assert!((3 * 40..=8 * 40).contains(&rows["商机.xlsx"]), "{rows:?}");
    assert!((5 * 30..=40 * 36).contains(&rows["应收明细.csv"]), "{rows:?}");
    assert!((10 * 36..=60 * 36).contains(&rows["销售明细.xlsx"]), "{rows:?}");
    assert!((3 * 36..=12 * 36).contains(&rows["回款记录.xlsx"]), "{rows:?}");
    assert!((1..=4 * 40).contains(&rows["承诺台账.xlsx"]), "{rows:?}");

    // Every account has deals: one spelling per account in the pipeline.
    let (header, deals) = sheet(&wd.path("team/商机.xlsx"));
    let accounts: BTreeSet<String> = deals.iter().map(|r| text(&r[column(&header, "客户名称")])).collect();
    assert_eq!(accounts.len(), 40);
    // Won, lost with a reason, open; dates are date cells; probabilities fractions.
    let (status, reason) = (column(&header, "状态"), column(&header, "丢单原因"));
    let statuses: BTreeSet<String> = deals.iter().map(|r| text(&r[status])).collect();
    assert_eq!(statuses, ["输单", "赢单", "进行中"].map(String::from).into());
    assert!(deals.iter().filter(|r| text(&r[status]) == "输单").all(|r| !text(&r[reason]).is_empty()));
    assert!(deals.iter().all(|r| matches!(r[column(&header, "预计成交日期")], Data::DateTime(_))));
    assert!(deals.iter().all(|r| matches!(r[column(&header, "赢率")], Data::Float(p) if (0.0..=1.0).contains(&p))));
}

#[test]
fn the_ledger_is_a_gbk_erp_export_with_a_total_line() {
    let wd = team40();
    let lines = gbk_lines(&wd.path("team/应收明细.csv"));
    assert_eq!(lines[0], ["应收账款明细表"]);
    assert_eq!(lines[1], ["单位：元"]);
    let total = lines.last().unwrap();
    assert_eq!(total[0], "合计");
    let data = &lines[3..lines.len() - 1];
    for (c, name) in [(5, "金额"), (6, "未收金额")] {
        let sum: f64 = data.iter().map(|l| l[c].parse::<f64>().unwrap()).sum();
        let stated: f64 = total[c].parse().unwrap();
        assert!((sum - stated).abs() < 0.05, "{name}: {sum} vs {stated}");
    }
    // A credit note, dates as text, the four terms.
    assert!(data.iter().any(|l| l[5].starts_with('-') && l[2].starts_with("HC-")), "no credit note");
    assert!(data.iter().all(|l| l[3].len() == 10 && l[3].starts_with("20") && l[4].as_bytes()[4] == b'-'));
    let terms: BTreeSet<&str> = data.iter().map(|l| l[7].as_str()).collect();
    assert!(terms.is_subset(&["月结30天", "月结60天", "90天", "货到付款"].into()), "{terms:?}");
}

#[test]
fn accounts_join_across_files_by_number_and_by_name_variants() {
    let wd = team40();
    let (_, list) = sheet(&wd.path("team/客户清单.xlsx"));
    let listed: BTreeMap<String, String> = list.iter().map(|r| (text(&r[0]), text(&r[1]))).collect();
    let lines = gbk_lines(&wd.path("team/应收明细.csv"));
    let ledger: BTreeMap<String, String> =
        lines[3..lines.len() - 1].iter().map(|l| (l[0].clone(), l[1].clone())).collect();
    assert!(ledger.keys().all(|id| id.starts_with("K-")));
    // About one ledger customer in ten has no row in the accounts list.
    let unlisted = ledger.keys().filter(|id| !listed.contains_key(*id)).count();
    let share = unlisted as f64 / ledger.len() as f64;
    assert!((0.05..=0.2).contains(&share), "{unlisted} of {} ledger customers unlisted", ledger.len());
    // The ledger spells some customers short, some in Traditional characters.
    let (mut short, mut traditional) = (0, 0);
    for (id, name) in &ledger {
        let Some(official) = listed.get(id) else { continue };
        if name == official {
            continue;
        }
        if official.starts_with(name.as_str()) && official[name.len()..].ends_with("公司") {
            short += 1;
        } else {
            let folded: String = name.chars().map(kascore::values::text::simplified).collect();
            assert_eq!(&folded, official, "{name} is neither short nor Traditional");
            traditional += 1;
        }
    }
    assert!(short >= 2 && traditional >= 2, "{short} short, {traditional} Traditional");
    // The pipeline adds （中国） or the other legal form for some.
    let (header, deals) = sheet(&wd.path("team/商机.xlsx"));
    let names: BTreeSet<String> = deals.iter().map(|r| text(&r[column(&header, "客户名称")])).collect();
    assert!(names.iter().any(|n| n.ends_with("（中国）有限公司")), "{names:?}");
    let stems = |suffix: &str| -> BTreeSet<String> {
        listed.values().filter_map(|n| n.strip_suffix(suffix)).map(str::to_string).collect()
    };
    let (plain, joint) = (stems("有限公司"), stems("股份有限公司"));
    let swapped = names.iter().any(|n| {
        n.strip_suffix("股份有限公司").is_some_and(|s| plain.contains(s) && !joint.contains(s))
            || n.strip_suffix("有限公司").is_some_and(|s| joint.contains(s))
    });
    assert!(swapped, "no legal-form variant in {names:?}");
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let wd = Workdir::new();
    sample(&wd, &["--team", "a", "-q"]);
    sample(&wd, &["--team", "b", "-q", "--seed", "42", "--accounts", "40"]);
    sample(&wd, &["--team", "c", "-q", "--seed", "43"]);
    for (name, _) in ZH_FILES {
        let read = |dir: &str| std::fs::read(wd.path(&format!("{dir}/{name}"))).unwrap();
        assert!(read("a") == read("b"), "{name}: the same seed wrote different bytes");
        assert!(read("a") != read("c"), "{name}: another seed wrote the same bytes");
    }
}

#[test]
fn an_english_team_set_has_english_names_and_headers() {
    let wd = Workdir::new();
    sample(&wd, &["--team", "en", "--lang", "en", "--accounts", "12", "-q"]);
    let (header, rows) = sheet(&wd.path("en/opportunities.xlsx"));
    assert_eq!(header[..4], ["Opportunity ID", "Opportunity", "Account", "Owner"]);
    let stages: BTreeSet<String> = rows.iter().map(|r| text(&r[4])).collect();
    let known: BTreeSet<String> =
        ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]
            .map(String::from)
            .into();
    assert!(stages.is_subset(&known), "{stages:?}");
    let raw = std::fs::read(wd.path("en/receivables.csv")).unwrap();
    let text = String::from_utf8(raw).unwrap();
    assert!(text.starts_with("\u{FEFF}Accounts Receivable Detail\r\n"), "{}", &text[..60]);
    assert!(text.contains("\r\nCustomer ID,Customer,Document No,Posting Date,Due Date,Amount,Outstanding,"));
    for name in ["accounts.xlsx", "orders.xlsx", "payments.xlsx", "promises.xlsx", "kascore-template-filled.xlsx"] {
        assert!(wd.path(&format!("en/{name}")).is_file(), "{name}");
    }
}

#[test]
fn a_line_item_file_streams_one_row_per_index() {
    let wd = Workdir::new();
    // The same path as --rows 1000000 (a row from the seed and its index alone), a thousand rows.
    sample(&wd, &["--kind", "receivables", "--rows", "1000", "-o", "x.csv", "-q"]);
    let lines = gbk_lines(&wd.path("x.csv"));
    assert_eq!(lines.len(), 2 + 1 + 1000 + 1, "title, unit, header, rows, 合计");
    assert_eq!(lines.last().unwrap()[0], "合计");
    let ids: BTreeSet<&str> = lines[3..1003].iter().map(|l| l[0].as_str()).collect();
    assert_eq!(ids.len(), 50, "one customer per 20 rows by default");
    // More rows of the same seed and customers begin with the same rows.
    sample(&wd, &["--kind", "receivables", "--rows", "1500", "--accounts", "50", "-o", "y.csv", "-q"]);
    let longer = gbk_lines(&wd.path("y.csv"));
    assert!(longer[..1003] == lines[..1003], "row i is not drawn from the seed and i alone");
    sample(&wd, &["--kind", "orders", "--rows", "300", "--accounts", "7", "-o", "o.xlsx", "-q"]);
    let (header, rows) = sheet(&wd.path("o.xlsx"));
    assert_eq!(header, ZH_FILES[3].1);
    assert_eq!(rows.len(), 300);
    assert_eq!(rows.iter().map(|r| text(&r[2])).collect::<BTreeSet<_>>().len(), 7);
}

#[test]
fn team_and_kind_refuse_what_does_not_apply() {
    let wd = Workdir::new();
    let code = |args: &[&str]| {
        let mut all = vec!["sample"];
        all.extend_from_slice(args);
        wd.run(&all)
    };
    for bad in [
        &["--team", "t", "--rows", "10"][..],
        &["--team", "t", "-o", "x.xlsx"],
        &["--team", "t", "--messy"],
        &["--team", "t", "--kind", "orders"],
        &["--team", "t", "--accounts", "0"],
        &["--team", "t", "--accounts", "10001"],
        &["--kind", "orders", "--rows", "10", "-o", "x.xlsx", "--messy"],
        &["--rows", "10", "-o", "x.xlsx", "--accounts", "3"],
        &["--rows", "10"],
    ] {
        let run = code(bad);
        assert_eq!(run.code, 2, "{bad:?}: {run:?}");
    }
    assert!(!wd.path("t").exists() && !wd.path("x.xlsx").exists());
    std::fs::write(wd.path("a-file"), b"").unwrap();
    let file = code(&["--team", "a-file"]);
    assert_eq!(file.code, 2, "{file:?}");
    assert!(file.stderr.contains("不是文件夹"), "{}", file.stderr);
    assert_eq!(code(&["--team", "t", "--accounts", "5", "-q"]).code, 0);
    let again = code(&["--team", "t", "--accounts", "5"]);
    assert_eq!(again.code, 1, "{again:?}");
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(code(&["--team", "t", "--accounts", "5", "--force", "-q"]).code, 0);
}

/// The `location` of every internal link in one sheet's XML, with the cell it sits in.
fn internal_links(sheet_xml: &str) -> Vec<(String, String)> {
    sheet_xml
        .split("<hyperlink ")
        .skip(1)
        .filter_map(|h| {
            let attr = |name: &str| {
                let start = h.find(&format!("{name}=\""))? + name.len() + 2;
                Some(h[start..].split('"').next()?.to_string())
            };
            Some((attr("ref")?, attr("location")?))
        })
        .collect()
}

#[test]
fn every_summary_link_opens_a_tab_the_report_has_and_won_lost_open_their_own_tab() {
    use std::io::Read;
    let wd = team40();
    let run = wd.run(&["score", "team", "-o", "r.xlsx", "--as-of", "2026-11-30", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let report = wd.path("r.xlsx");
    let tabs = crate::util::Report::open(&report).tabs();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&report).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut xml).unwrap();
    let links = internal_links(&xml);
    assert!(links.len() >= 8, "{links:?}");
    for (cell, location) in &links {
        let tab = location.split('!').next().unwrap().trim_matches('\'');
        assert!(tabs.iter().any(|t| t == tab), "{cell} links to {location}, not a tab of {tabs:?}");
    }
    // The grade table's rows are the grades in order; 已成交 and 已流失 open the won/lost tab.
    let mut book: Xlsx<_> = open_workbook(&report).unwrap();
    let grid = book.worksheet_range_at(0).unwrap().unwrap();
    for label in ["已成交", "已流失"] {
        let (r, _, _) = grid
            .cells()
            .find(|(_, c, d)| *c == 0 && *d == label)
            .unwrap_or_else(|| panic!("no {label} row on the summary"));
        let cell = format!("A{}", r + grid.start().unwrap().0 as usize + 1);
        let (_, location) = links.iter().find(|(c, _)| *c == cell).unwrap_or_else(|| panic!("{label} has no link"));
        assert_eq!(location, "'已成交已流失'!A1", "{label}");
    }
}

//! `Workdir`: a temp folder with helpers to write inputs and run the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use rust_xlsxwriter::{Formula, Workbook, Worksheet};

/// A value to put in a test sheet.
#[derive(Debug, Clone)]
pub enum V {
    S(String),
    N(f64),
    /// A formula whose cached result is an error, e.g. "#DIV/0!".
    Err(&'static str),
    Blank,
}

impl From<&str> for V {
    fn from(s: &str) -> V {
        if s.is_empty() {
            V::Blank
        } else {
            V::S(s.to_string())
        }
    }
}

impl From<f64> for V {
    fn from(n: f64) -> V {
        V::N(n)
    }
}

impl From<i32> for V {
    fn from(n: i32) -> V {
        V::N(f64::from(n))
    }
}

/// `row![a, b, c]`: a row of mixed values.
#[macro_export]
macro_rules! row {
    ($($v:expr),* $(,)?) => { vec![$($crate::util::V::from($v)),*] };
}

/// Write rows starting at `first_row` (0-based).
pub fn put(ws: &mut Worksheet, first_row: u32, rows: &[Vec<V>]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (first_row + r as u32, c as u16);
            match v {
                V::S(s) => {
                    ws.write_string(r, c, s).unwrap();
                }
                V::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                V::Err(e) => {
                    ws.write_formula(r, c, Formula::new("=1/0").set_result(*e)).unwrap();
                }
                V::Blank => {}
            }
        }
    }
}

pub struct Workdir {
    dir: tempfile::TempDir,
}

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir { dir: tempfile::Builder::new().prefix("kascore-test-").tempdir().unwrap() }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Build and save a workbook.
    pub fn xlsx(&self, name: &str, build: impl FnOnce(&mut Workbook)) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        let mut wb = Workbook::new();
        build(&mut wb);
        wb.save(&path).unwrap();
        path
    }

    /// A one-sheet workbook from rows.
    pub fn simple_xlsx(&self, name: &str, rows: &[Vec<V>]) -> PathBuf {
        self.xlsx(name, |wb| put(wb.add_worksheet(), 0, rows))
    }

    /// Write a CSV file encoded as GBK, with CRLF line ends as Chinese Excel writes it.
    pub fn csv_gbk(&self, name: &str, text: &str) -> PathBuf {
        let text = text.replace('\n', "\r\n");
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable, "test text not encodable in GBK");
        assert!(std::str::from_utf8(&bytes).is_err(), "GBK test bytes must not be valid UTF-8");
        self.bytes(name, &bytes)
    }

    pub fn bytes(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Run `kascore ARGS` in this folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_kascore"))
            .args(args)
            .current_dir(self.root())
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Run and read the `--json` summary back.
    pub fn json(&self, args: &[&str]) -> (Run, serde_json::Value) {
        let json = self.path("summary.json");
        let _ = std::fs::remove_file(&json);
        let mut all: Vec<&str> = args.to_vec();
        let p = json.to_string_lossy().into_owned();
        all.extend(["--json", &p]);
        // Each run writes its own report unless the test names one.
        if args.first() == Some(&"score") && !args.contains(&"-o") {
            all.extend(["-o", "json-run-report.xlsx", "--force"]);
        }
        let run = self.run(&all);
        let text = std::fs::read_to_string(&json).unwrap_or_else(|_| panic!("no JSON written: {run:?}"));
        (run, serde_json::from_str(&text).unwrap())
    }
}

/// The issues of a JSON summary as (cell, field, severity) for compact assertions.
pub fn issue_cells(json: &serde_json::Value) -> Vec<(String, String, String)> {
    json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["cell"].as_str().unwrap_or("").to_string(),
                i["field"].as_str().unwrap_or("").to_string(),
                i["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The row accounting of a JSON summary as
/// [rows_read, account_rows + rolled_up, rejected, merged, skipped], after checking that the
/// accounts add up too (SPEC §1c).
pub fn accounting(json: &serde_json::Value) -> [u64; 5] {
    let r = &json["reconciliation"];
    let n = |k: &str| r[k].as_u64().unwrap();
    assert_eq!(n("accounts"), n("account_rows") + n("from_line_items"), "{r}");
    assert_eq!(n("accounts"), n("graded") + n("needs_info") + n("won") + n("lost"), "{r}");
    [n("rows_read"), n("account_rows") + n("rolled_up"), n("rejected"), n("merged"), n("skipped")]
}

/// `book.xlsx`: a small book with one account per grade and one needing information (as of
/// 2026-10-31), shared by the report, `--previous` and `score` tests.
pub fn graded_book(wd: &Workdir) {
    wd.simple_xlsx(
        "book.xlsx",
        &[
            row![
                "客户编号",
                "客户名称",
                "预算",
                "预计金额",
                "预计成交日期",
                "需求共识",
                "决策人",
                "决策人态度",
                "业务匹配度",
                "资金状况",
                "诚信度",
                "关系紧密度",
                "竞争优势",
                "进入时机",
                "附加价值",
                "年采购额",
                "近12月销售额",
                "应收账款",
                "逾期金额",
                "最长逾期天数"
            ],
            row![
                "K-A",
                "甲公司",
                "100万",
                "100万",
                "2026-12-15",
                "是",
                "王总",
                "支持",
                5,
                5,
                5,
                5,
                5,
                5,
                5,
                "1000万",
                "600万",
                "50万",
                "0",
                "0"
            ],
            row![
                "K-B",
                "乙公司",
                "100万",
                "100万",
                "2027-03-31",
                "是",
                "李总",
                "中立",
                5,
                5,
                4,
                4,
                4,
                4,
                4,
                "800万",
                "0",
                "",
                "",
                ""
            ],
            row![
                "K-C",
                "丙公司",
                "100万",
                "100万",
                "",
                "否",
                "",
                "",
                4,
                4,
                4,
                4,
                4,
                4,
                4,
                "200万",
                "20万",
                "30万",
                "20万",
                "120"
            ],
            row![
                "K-D",
                "丁公司",
                "待定",
                "100万",
                "2026-11-30",
                "否",
                "",
                "",
                2,
                2,
                2,
                2,
                2,
                2,
                2,
                "100万",
                "10万",
                "",
                "",
                ""
            ],
            row!["K-N", "戊公司", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        ],
    );
}

/// Compare with a readable diff.
#[macro_export]
macro_rules! eqnice {
    ($want:expr, $got:expr $(,)?) => {{
        let (want, got) = (&$want, &$got);
        if want != got {
            panic!("\n--- want ---\n{:#?}\n--- got ---\n{:#?}\n", want, got);
        }
    }};
}

/// A report read back with calamine.
pub struct Report {
    pub book: calamine::Xlsx<std::io::BufReader<std::fs::File>>,
}

impl Report {
    pub fn open(path: &Path) -> Report {
        Report { book: calamine::open_workbook(path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display())) }
    }

    /// The visible tabs, in order.
    pub fn tabs(&self) -> Vec<String> {
        use calamine::Reader;
        self.book
            .sheets_metadata()
            .iter()
            .filter(|s| s.visible == calamine::SheetVisible::Visible)
            .map(|s| s.name.clone())
            .collect()
    }

    /// The cells of a tab as text, row by row (absolute positions, from A1).
    pub fn grid(&mut self, tab: &str) -> Vec<Vec<String>> {
        use calamine::Reader;
        let range = self.book.worksheet_range(tab).unwrap_or_else(|e| panic!("no tab {tab}: {e}"));
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let (h, w) = (range.end().map_or(0, |e| e.0 + 1), range.end().map_or(0, |e| e.1 + 1));
        let mut out = vec![vec![String::new(); w as usize]; h as usize];
        for (r, c, v) in range.used_cells() {
            out[r0 as usize + r][c0 as usize + c] = v.to_string();
        }
        out
    }

    /// The rows below the header row whose first cell is `first_header`, as maps from header
    /// text to cell text (empty rows end the list).
    pub fn list(&mut self, tab: &str, first_header: &str) -> Vec<std::collections::HashMap<String, String>> {
        let grid = self.grid(tab);
        let Some(h) = grid.iter().position(|row| row.first().is_some_and(|c| c == first_header)) else {
            panic!("no header {first_header:?} in tab {tab}");
        };
        let headers = grid[h].clone();
        grid[h + 1..]
            .iter()
            .take_while(|row| row.iter().any(|c| !c.is_empty()))
            .map(|row| headers.iter().cloned().zip(row.iter().cloned()).filter(|(k, _)| !k.is_empty()).collect())
            .collect()
    }
}

/// Write a minimal .xlsx by hand around one worksheet's XML, for sheets no writer would make
/// (declared dimensions far beyond the data, a million empty styled rows, huge cells).
pub fn raw_xlsx(path: &Path, sheet_xml: &[u8]) {
    raw_xlsx_with(path, sheet_xml, zip::CompressionMethod::Deflated);
}

fn raw_xlsx_with(path: &Path, sheet_xml: &[u8], method: zip::CompressionMethod) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    let parts: [(&str, &[u8]); 5] = [
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// An inline-string cell.
pub fn istr(r: &str, text: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The names of the parts of a zip (an .xlsx), in order.
pub fn part_names(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let zip = zip::ZipArchive::new(file).unwrap();
    zip.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect()
}

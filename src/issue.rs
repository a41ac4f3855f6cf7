//! Data issues: every problem found in the inputs, with its place and a message that says what
//! to fix. Issues are collected, never returned with `?`; the exit code is computed from them.
//!
//! Pure.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::field::{Field, Kind};
use crate::provenance::{Pos, SheetRef};
use crate::Lang;

/// How bad an issue is. Errors make the exit code 3 (or fail the run under `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// An unreadable file, a row without a name, an ambiguous date, a formula error in a field
    /// the model uses.
    Error,
    /// A value that could not be used (the field becomes unknown), a superseded duplicate, a
    /// sheet skipped for want of a header.
    Warning,
    /// Something skipped on purpose and said so: lock files, earlier reports, hidden sheets.
    Note,
}

/// Where an issue is: a file, a sheet, a row, or a cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub file: Arc<str>,
    pub sheet: Option<Arc<str>>,
    /// 0-based row and column; a row-level issue has no column.
    pub row: Option<u32>,
    pub col: Option<u32>,
}

impl Location {
    pub fn file(file: &Arc<str>) -> Location {
        Location { file: file.clone(), sheet: None, row: None, col: None }
    }

    pub fn sheet(s: &SheetRef) -> Location {
        Location { file: s.file.clone(), sheet: Some(s.sheet.clone()), row: None, col: None }
    }

    pub fn row(s: &SheetRef, row: u32) -> Location {
        Location { row: Some(row), ..Location::sheet(s) }
    }

    pub fn cell(s: &SheetRef, pos: Pos) -> Location {
        Location { row: Some(pos.row), col: Some(pos.col), ..Location::sheet(s) }
    }

    /// "C17" for a cell, "17:17" (Excel's notation for a whole row) for a row, "" otherwise.
    pub fn cell_ref(&self) -> String {
        match (self.row, self.col) {
            (Some(row), Some(col)) => Pos::new(row, col).to_string(),
            (Some(row), None) => format!("{0}:{0}", u64::from(row) + 1),
            _ => String::new(),
        }
    }
}

/// Why a whole file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    PasswordProtected,
    AppleNumbers,
    /// Excel 2.x–4.x or Quattro Pro files that calamine cannot read.
    LegacyFormat,
    NotSpreadsheet,
    /// Another kind of document under a spreadsheet's name, told by its content.
    Document(DocKind),
    /// Truncated or damaged; the detail is the reader's own words (shown with `--verbose`).
    Corrupt(String),
    Empty,
    /// The operating system refused (permissions, vanished file).
    Io(IoProblem),
    /// The reader failed part-way through: the rows read before are given up, not half-used.
    LostPartWay {
        rows: u64,
        detail: String,
    },
}

/// What a file that is not a spreadsheet is, told from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Word,
    PowerPoint,
    Pdf,
    /// A web page saved with an .xls name (many ERPs "export to Excel" this way).
    Html,
    /// A zip archive that is no Office document.
    Zip,
    /// Plain text (a CSV or tab-separated export) under a workbook's name.
    Text,
    /// An image.
    Image,
}

/// Why an input or the model file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoProblem {
    NotFound,
    PermissionDenied,
    /// A folder where a file was expected.
    IsFolder,
    Other(String),
}

impl IoProblem {
    pub fn from_io(e: &std::io::Error) -> IoProblem {
        match e.kind() {
            std::io::ErrorKind::NotFound => IoProblem::NotFound,
            std::io::ErrorKind::PermissionDenied => IoProblem::PermissionDenied,
            std::io::ErrorKind::IsADirectory => IoProblem::IsFolder,
            _ => IoProblem::Other(e.to_string()),
        }
    }

    pub(crate) fn words(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (IoProblem::NotFound, Lang::Zh) => "文件或文件夹不存在",
            (IoProblem::NotFound, Lang::En) => "no such file or folder",
            (IoProblem::PermissionDenied, Lang::Zh) => "没有读取权限",
            (IoProblem::PermissionDenied, Lang::En) => "permission denied",
            (IoProblem::IsFolder, Lang::Zh) => "这是一个文件夹，不是文件",
            (IoProblem::IsFolder, Lang::En) => "it is a folder, not a file",
            (IoProblem::Other(_), Lang::Zh) => "系统拒绝读取",
            (IoProblem::Other(_), Lang::En) => "the system refused to read it",
        }
    }

    pub(crate) fn detail(&self) -> Option<&str> {
        match self {
            IoProblem::Other(d) => Some(d),
            _ => None,
        }
    }
}

/// With `--verbose`, messages carry a library's own words in brackets (set once by the CLI).
static VERBOSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Turn on library detail in messages (`--verbose`).
pub fn set_verbose(on: bool) {
    VERBOSE.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// "（detail）" / " (detail)" under `--verbose`, else nothing.
pub fn verbose_detail(detail: &str, zh: bool) -> String {
    bracketed(detail, zh, VERBOSE.load(std::sync::atomic::Ordering::Relaxed))
}

/// A library's own words in brackets after a message, when `show` and there are any:
/// "（detail）" in Chinese, " (detail)" in English.
pub fn bracketed(detail: &str, zh: bool, show: bool) -> String {
    match (show && !detail.is_empty(), zh) {
        (false, _) => String::new(),
        (true, true) => format!("（{detail}）"),
        (true, false) => format!(" ({detail})"),
    }
}

/// What went wrong. Each kind renders its own message in Chinese or English.
#[derive(Debug, Clone, PartialEq)]
pub enum IssueKind {
    Unreadable(FileProblem),
    /// An Excel lock file (`~$name.xlsx`) found in a folder: skipped.
    LockFile,
    /// One of kascore's own reports found in a folder: skipped.
    OwnReport,
    /// A file with an extension kascore does not read, named on the command line.
    UnsupportedExtension,
    /// A folder given on the command line with no spreadsheet in it.
    EmptyFolder,
    HiddenSheet,
    /// A chart sheet, dialog sheet, macro sheet or VBA module.
    NotAWorksheet,
    /// No row in the first rows matched enough column aliases.
    NoHeader {
        best: u32,
        scanned: u32,
    },
    /// A header row was found but no column names the account.
    NoNameColumn,
    /// A second column names a field already taken by another column.
    DuplicateColumn {
        field: Field,
        first: u32,
    },
    /// The sheet could not be read although the file opened.
    SheetUnreadable(String),
    /// A data row without an account name: rejected.
    MissingName,
    /// A row whose account name only holds a place (无, 调整, 抵消, 本月小计, "-", N/A): not an
    /// account, skipped and counted.
    PlaceholderName,
    /// A name of digits only in a sheet with an account-ID column: probably an ID. The row is kept.
    NameLooksLikeId,
    /// A row with content only in columns kascore does not use (a footnote, a signature
    /// line): skipped and counted.
    NoRecognisedData,
    /// A subtotal or total line (合计, 小计, Total …): skipped and counted.
    TotalLine,
    /// A value that could not be used; the field is unknown for this row.
    BadValue {
        kind: Kind,
        detail: String,
    },
    /// Day and month order cannot be told apart.
    AmbiguousDate(String),
    /// A formula error cell (#N/A, #DIV/0!, #REF! …).
    FormulaError(String),
    /// An amount in a currency without a rate in the model.
    UnknownCurrency(String),
    /// Text longer than Excel's 32,767-character cell limit: cut to fit the report.
    TooLong,
    /// The account cannot be placed in the attack/defend quadrant.
    Unclassified {
        no_capability: bool,
    },
    /// This row's account appears again in a newer file or a later row: merged into it field
    /// by field (SPEC §1b).
    Merged {
        by: String,
    },
    /// A sheet whose header reads as an account list, read as line items because its accounts
    /// repeat (SPEC §1b).
    KindFromRepeats {
        kind: crate::source::SourceKind,
        repeated: u64,
        rows: u64,
    },
    /// Two rows of one sheet with the same name and different account IDs: two accounts.
    SameNameOtherId {
        other: String,
    },
    /// One name under several account IDs in line items: one account.
    SeveralIds {
        ids: String,
    },
    /// Two accounts whose names differ only slightly: not merged.
    PossiblySame {
        other: String,
    },
    /// An accounts row states a value the line items roll up differently; the row's wins.
    StatedOverRolled {
        stated: String,
        rolled: String,
        from: String,
    },
    /// An orders source exists but has no order of this account: 12-month sales unknown.
    NoOrders,
    /// A line-item sheet without a name column: its accounts are keyed and named by their ID.
    KeyedById,
    /// More same-name rows with other IDs than are listed.
    MoreSameNames {
        more: u64,
    },
    /// More "possibly the same account" pairs than are listed.
    MoreNearMisses {
        more: u64,
    },
}

/// One data issue.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub severity: Severity,
    pub at: Location,
    pub field: Option<Field>,
    /// The raw cell text (possibly shortened), or "" when there is none.
    pub raw: String,
    pub kind: IssueKind,
    /// How many cells have this problem (same sheet, column, kind and value): 1 unless
    /// [`group`] folded repeats into it.
    pub count: u64,
    /// The next cells with the same problem, (row, column), at most [`GROUP_CELLS`].
    pub more: Vec<(u32, u32)>,
}

/// Cells named beside a grouped issue's first.
pub const GROUP_CELLS: usize = 4;

/// The same problem repeated — same file, sheet, column, field, kind and raw value — becomes one
/// issue with its count and its first cells ("M2 等 612 处"), so a column of six unknown stage
/// words gives six issues, not 612. Issues of a row or a whole file or sheet are kept as they
/// are. The order is kept: each group stands where its first cell did.
pub fn group(issues: Vec<Issue>) -> Vec<Issue> {
    use std::collections::HashMap;
    type Key = (Arc<str>, Option<Arc<str>>, u32, Option<Field>, Severity, String, String);
    let mut at: HashMap<Key, usize> = HashMap::new();
    let mut out: Vec<Issue> = Vec::with_capacity(issues.len());
    for issue in issues {
        let (Some(row), Some(col)) = (issue.at.row, issue.at.col) else {
            out.push(issue);
            continue;
        };
        let key: Key = (
            issue.at.file.clone(),
            issue.at.sheet.clone(),
            col,
            issue.field,
            issue.severity,
            format!("{:?}", issue.kind),
            issue.raw.clone(),
        );
        match at.get(&key) {
            Some(&first) => {
                let g = &mut out[first];
                g.count += 1;
                if g.more.len() < GROUP_CELLS {
                    g.more.push((row, col));
                }
            }
            None => {
                at.insert(key, out.len());
                out.push(issue);
            }
        }
    }
    out
}

impl Issue {
    pub fn new(severity: Severity, at: Location, kind: IssueKind) -> Issue {
        Issue { severity, at, field: None, raw: String::new(), kind, count: 1, more: Vec::new() }
    }

    /// The cell, and for a grouped issue how many cells share it: "M2", "M2 等 612 处",
    /// "M2 and 611 more".
    pub fn cells_text(&self, lang: Lang) -> String {
        let first = self.at.cell_ref();
        match (self.count, lang) {
            (0 | 1, _) => first,
            (n, Lang::Zh) => format!("{first} 等 {n} 处"),
            (n, Lang::En) => format!("{first} and {} more", n - 1),
        }
    }

    pub fn with_field(mut self, field: Field, raw: impl Into<String>) -> Issue {
        self.field = Some(field);
        self.raw = shorten(raw.into());
        self
    }

    /// The message in the report language: what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        use IssueKind::*;
        let zh = lang == Lang::Zh;
        match &self.kind {
            Unreadable(p) => file_problem(p, zh),
            LockFile => pick(zh, "Excel 临时锁文件（~$ 开头），已跳过", "Excel lock file (~$…), skipped"),
            OwnReport => {
                pick(zh, "这是 kascore 生成的报告，不作为输入，已跳过", "a kascore report, not an input: skipped")
            }
            UnsupportedExtension => pick(
                zh,
                "不支持的文件类型：请另存为 .xlsx、.xls、.ods 或 .csv",
                "unsupported file type: save it as .xlsx, .xls, .ods or .csv",
            ),
            EmptyFolder => pick(
                zh,
                "文件夹中没有表格文件（.xlsx .xls .xlsb .ods .csv）",
                "the folder holds no spreadsheet (.xlsx .xls .xlsb .ods .csv)",
            ),
            HiddenSheet => pick(
                zh,
                "隐藏的工作表，已跳过；如需评估请取消隐藏",
                "hidden sheet, skipped; unhide it to have it scored",
            ),
            NotAWorksheet => {
                pick(zh, "不是数据工作表（图表/宏表），已跳过", "not a worksheet (chart or macro sheet), skipped")
            }
            NoHeader { best, scanned } => {
                if zh {
                    format!("前 {scanned} 行中找不到表头：没有一行在客户名称（或其别名）旁边还有其他列（最多识别 {best} 列），已跳过；如这是客户表，请按模板命名列，或在模型 [columns] 中加入别名")
                } else {
                    format!("no header row in the first {scanned} rows: no row names the account (Account, Customer, 客户名称 …) beside another column (best row: {best} columns recognised): sheet skipped; if it holds accounts, name the columns as in the template or add an alias under [columns] in the model")
                }
            }
            NoNameColumn => pick(
                zh,
                "表头中没有客户名称列（如“客户名称”），已跳过该表",
                "the header has no account-name column (e.g. \"Account\"): sheet skipped",
            ),
            DuplicateColumn { field, first } => {
                let used = crate::provenance::column_letters(*first);
                if zh {
                    format!("该列与 {used} 列同为“{}”，以 {used} 列为准，本列忽略", field.label(lang))
                } else {
                    format!("this column names {} again; column {used} is used, this one ignored", field.label(lang))
                }
            }
            SheetUnreadable(d) => {
                if zh {
                    format!("无法读取该工作表（可能已损坏）{}，已跳过；请重新导出", verbose_detail(d, true))
                } else {
                    format!("cannot read this sheet (damaged?){}: skipped; export it again", verbose_detail(d, false))
                }
            }
            MissingName => pick(
                zh,
                "缺少客户名称，该行未评估；请填写客户名称",
                "no account name: row rejected; fill in the account name",
            ),
            PlaceholderName => pick(
                zh,
                "客户名称是占位内容（如 无、调整、抵消、小计、“-”），该行不是客户，已跳过并计入“跳过”",
                "the account name is a placeholder (such as 无, 调整, 抵消, a subtotal or \"-\"): the row is not an account, skipped and counted",
            ),
            NameLooksLikeId => pick(
                zh,
                "客户名称只有数字，像是客户编号；该行照常评估，请检查名称列是否填成了编号",
                "the account name is only digits and looks like an ID: the row is kept; check that the name column holds names",
            ),
            TotalLine => pick(
                zh,
                "合计/小计行，已跳过并计入“跳过”（不是客户）",
                "a total or subtotal line: skipped and counted (not an account)",
            ),
            NoRecognisedData => pick(
                zh,
                "该行只在未识别的列中有内容（如脚注、签名），已跳过并计入“跳过”",
                "this row has content only in columns kascore does not use (a footnote?): skipped and counted",
            ),
            BadValue { kind, detail } => {
                if zh {
                    // The parsers explain in English; the raw value stands beside the message.
                    format!("无法识别为{}，请检查原值；该字段按未知处理", kind_label(*kind, true))
                } else {
                    format!("not a usable {}: {detail}; the field is treated as unknown", kind_label(*kind, false))
                }
            }
            AmbiguousDate(d) => {
                if zh {
                    "日期的日/月顺序无法确定（可能是日/月，也可能是月/日）；请写成 年-月-日（如 2026-03-04），或在模型 [input] 中设 date_order = \"month_first\"（美式导出）或 \"day_first\"".to_string()
                } else {
                    format!("the day/month order is ambiguous ({d}); write it as year-month-day (2026-03-04), or set date_order = \"month_first\" (US exports) or \"day_first\" under [input] in the model")
                }
            }
            FormulaError(code) => {
                if zh {
                    format!("公式错误 {code}；请在源表中修正公式或填入数值")
                } else {
                    format!("formula error {code}; fix the formula or type the value in the source sheet")
                }
            }
            UnknownCurrency(code) => {
                if zh {
                    format!("币种 {code} 没有汇率；请在模型文件 [input.currency_rates] 中添加")
                } else {
                    format!("no exchange rate for {code}; add it under [input.currency_rates] in the model")
                }
            }
            TooLong => pick(
                zh,
                "文本超过 Excel 单元格上限 32,767 个字符，报告中已截断",
                "text longer than Excel's 32,767-character cell limit: cut in the report",
            ),
            Unclassified { no_capability: true } => pick(
                zh,
                "缺少年采购额，无法划分攻守象限；请补充“年采购额”",
                "no annual purchase: cannot place the account in a quadrant; fill in the annual purchase",
            ),
            Unclassified { no_capability: false } => pick(
                zh,
                "缺少份额（或近12月销售额），无法划分攻守象限；请补充“我方份额”",
                "no share of wallet (or 12-month sales): cannot place the account in a quadrant; fill in the share",
            ),
            Merged { by } => {
                if zh {
                    format!("同一客户的另一行，已逐字段合并到 {by}：较新的表有的列以较新的为准（空白也算），其余列取自本行")
                } else {
                    format!("the same account again: merged field by field into {by} — the newer sheet's columns win (blank cells too), the others come from this row")
                }
            }
            KindFromRepeats { kind, repeated, rows } => {
                if zh {
                    format!("{rows} 行中有 {repeated} 行的客户重复出现，按{}明细读取并汇总到客户（如不对，请在模型 [[sources]] 中指定 kind）", kind.label(crate::Lang::Zh))
                } else {
                    format!("{repeated} of {rows} rows repeat an account: read as {} and rolled up per account (set `kind` in the model's [[sources]] if that is wrong)", kind.label(crate::Lang::En))
                }
            }
            SameNameOtherId { other } => {
                if zh {
                    format!("与 {other} 同名但客户编号不同，按两个客户处理；如是同一客户请统一编号")
                } else {
                    format!("same name as {other} but another account ID: kept as two accounts; unify the IDs if they are one")
                }
            }
            SeveralIds { ids } => {
                if zh {
                    format!("同一客户名称在明细中有多个客户编号（{ids}），按一个客户汇总")
                } else {
                    format!("one name under several account IDs in the line items ({ids}): rolled up as one account")
                }
            }
            PossiblySame { other } => {
                if zh {
                    format!("可能与 {other} 是同一客户（名称相近），未合并；如是同一客户请统一名称或客户编号")
                } else {
                    format!("possibly the same account as {other} (the names are close): not merged; unify the names or IDs if they are one")
                }
            }
            StatedOverRolled { stated, rolled, from } => {
                if zh {
                    format!("客户表填写 {stated}，明细汇总为 {rolled}（{from}）；以客户表为准")
                } else {
                    format!("the accounts sheet states {stated}, the line items roll up to {rolled} ({from}); the sheet's value is used")
                }
            }
            MoreSameNames { more } => {
                if zh {
                    format!("另有 {more} 行与同表另一行同名但客户编号不同，各按一个客户处理，未逐一列出")
                } else {
                    format!("{more} more rows share a name with another row of their sheet under another ID: each is its own account (not listed one by one)")
                }
            }
            KeyedById => pick(
                zh,
                "该表没有客户名称列：按客户编号汇总，与有编号的客户表对应；没有客户表时以编号作为名称",
                "no account-name column: rows are joined by account ID to an accounts sheet with the ID, else the ID names the account",
            ),
            MoreNearMisses { more } => {
                if zh {
                    format!("另有 {more} 对名称相近的客户未逐一列出；如同一客户写法不一，请统一名称或客户编号")
                } else {
                    format!("{more} more pairs of close names are not listed one by one; unify the names or IDs where they are one account")
                }
            }
            NoOrders => pick(
                zh,
                "订单明细中没有该客户的订单：近12月销售额未知（不按 0 处理）",
                "no order of this account in the orders source: 12-month sales unknown (not 0)",
            ),
        }
    }
}

fn pick(zh: bool, a: &str, b: &str) -> String {
    if zh { a } else { b }.to_string()
}

fn file_problem(p: &FileProblem, zh: bool) -> String {
    match p {
        FileProblem::PasswordProtected => pick(
            zh,
            "文件有密码保护，无法读取：请在 Excel/WPS 中取消密码后重新导出",
            "the file is password-protected: remove the password in Excel/WPS and export again",
        ),
        FileProblem::AppleNumbers => pick(
            zh,
            "Apple Numbers 文件无法读取：请在 Numbers 中导出为 Excel (.xlsx)",
            "an Apple Numbers file: export it from Numbers as Excel (.xlsx)",
        ),
        FileProblem::LegacyFormat => pick(
            zh,
            "过旧的表格格式（Excel 97 以前或 Quattro Pro）：请用 Excel/WPS 打开后另存为 .xlsx",
            "a pre-1997 Excel or Quattro Pro file: open it in Excel/WPS and save it as .xlsx",
        ),
        FileProblem::NotSpreadsheet => pick(
            zh,
            "不是表格文件（扩展名与内容不符）：请重新导出为 .xlsx 或 .csv",
            "not a spreadsheet (the content does not match the extension): export it again as .xlsx or .csv",
        ),
        FileProblem::Document(kind) => {
            let (what_zh, what_en) = match kind {
                DocKind::Word => ("Word 文档", "a Word document"),
                DocKind::PowerPoint => ("PowerPoint 演示文稿", "a PowerPoint presentation"),
                DocKind::Pdf => ("PDF 文件", "a PDF file"),
                DocKind::Html => ("网页（HTML）文件", "a web page (HTML)"),
                DocKind::Zip => ("zip 压缩包", "a zip archive"),
                DocKind::Text => ("文本文件（CSV 或制表符分隔）", "a text file (CSV or tab-separated)"),
                DocKind::Image => ("图片", "an image"),
            };
            // A space between Chinese and a Latin word, as Chinese typesetting has it.
            let what_zh =
                if what_zh.starts_with(|c: char| c.is_ascii()) { format!(" {what_zh}") } else { what_zh.to_string() };
            match (kind, zh) {
                (DocKind::Html, true) => format!("这是{what_zh}，只是文件名为表格：请用 Excel/WPS 打开后另存为 .xlsx"),
                (DocKind::Html, false) => {
                    format!("this is {what_en} named as a spreadsheet: open it in Excel/WPS and save it as .xlsx")
                }
                (DocKind::Text, true) => format!("这是{what_zh}，只是扩展名为表格：请把扩展名改为 .csv"),
                (DocKind::Text, false) => {
                    format!("this is {what_en} with a workbook's extension: rename it to .csv")
                }
                (_, true) => format!("这是{what_zh}，不是表格：请放入客户表的导出文件（.xlsx、.xls 或 .csv）"),
                (_, false) => format!(
                    "this is {what_en}, not a spreadsheet: pass the exported account sheet (.xlsx, .xls or .csv)"
                ),
            }
        }
        FileProblem::Corrupt(d) => {
            if zh {
                format!(
                    "不是有效的 Excel 文件（已损坏，或并非 Excel 文件）{}：请重新导出或从备份恢复",
                    verbose_detail(d, true)
                )
            } else {
                format!(
                    "not a valid Excel file (damaged or not an Excel file){}: export it again or restore it from a backup",
                    verbose_detail(d, false)
                )
            }
        }
        FileProblem::Empty => pick(zh, "空文件：没有任何内容", "the file is empty"),
        FileProblem::Io(p) => {
            let lang = if zh { Lang::Zh } else { Lang::En };
            let why = p.words(lang);
            let detail = verbose_detail(p.detail().unwrap_or_default(), zh);
            if zh {
                format!("无法打开：{why}{detail}；请检查路径和权限")
            } else {
                format!("cannot open it: {why}{detail}; check the path and the permissions")
            }
        }
        FileProblem::LostPartWay { rows, detail } => {
            if zh {
                format!(
                    "文件读到一半出错{}：已读的 {rows} 行全部不计入，以免只用半个文件；请重新导出该文件",
                    verbose_detail(detail, true)
                )
            } else {
                format!(
                    "the file failed part-way through{}: the {rows} rows read before are all left out, so no half file is used; export it again",
                    verbose_detail(detail, false)
                )
            }
        }
    }
}

fn kind_label(kind: Kind, zh: bool) -> &'static str {
    match (kind, zh) {
        (Kind::Text, true) => "文本",
        (Kind::Text, false) => "text",
        (Kind::Money, true) => "金额",
        (Kind::Money, false) => "amount",
        (Kind::Percent, true) => "百分比",
        (Kind::Percent, false) => "percentage",
        (Kind::Rating, true) => "1-5 分评分",
        (Kind::Rating, false) => "1–5 rating",
        (Kind::YesNo, true) => "是/否",
        (Kind::YesNo, false) => "yes/no value",
        (Kind::Date, true) => "日期",
        (Kind::Date, false) => "date",
        (Kind::Days, true) => "天数",
        (Kind::Days, false) => "number of days",
        (Kind::Credit, true) => "信用等级",
        (Kind::Credit, false) => "credit rating",
        (Kind::Terms, true) => "账期",
        (Kind::Terms, false) => "payment term",
        (Kind::Stage, true) => "销售阶段",
        (Kind::Stage, false) => "sales stage",
        (Kind::Attitude, true) => "决策人态度",
        (Kind::Attitude, false) => "decision attitude",
        (Kind::DealStatus, true) => "商机状态",
        (Kind::DealStatus, false) => "deal status",
        (Kind::PromiseStatus, true) => "兑现状态",
        (Kind::PromiseStatus, false) => "promise status",
        (Kind::ItemStatus, true) => "单据状态",
        (Kind::ItemStatus, false) => "item status",
    }
}

/// Raw values in issues are kept short: a 30 MB cell must not become a 30 MB message.
pub fn shorten(mut s: String) -> String {
    const MAX: usize = 200;
    if s.len() > MAX {
        let mut cut = MAX;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push('…');
    }
    s
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

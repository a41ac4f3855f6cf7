//! A problem with a model file, stored as a kind and rendered per language.
//!
//! Every problem names a key (the dotted key, a table name, or [`WHOLE_FILE`]) and, when the key
//! is written in the file, its line. The message says what is wrong and what to do; the Chinese
//! message holds no library text (the parser's own words are kept in [`ModelProblem::detail`]).

use crate::Lang;

/// The key of a problem that belongs to no key or table (a file that is not UTF-8 before its
/// first table, a syntax error on a line with no readable key). Rendered without the key.
pub const WHOLE_FILE: &str = "(whole file)";

/// One problem with a model file: the key, its line (when found) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelProblem {
    /// The dotted key (`allocation.ratios.attack`), a table (`grades`), or [`WHOLE_FILE`].
    /// Never empty.
    pub key: String,
    /// The 1-based line where the key (or the fault) is in the file.
    pub line: Option<usize>,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What is wrong with one key of a model file.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// A key the default model does not have; `known`: the keys its table does have.
    UnknownKey { known: Vec<String> },
    /// A value of the wrong type.
    WrongType { expected: ValueType },
    /// A list with the wrong number of entries.
    WrongLength { expected: usize, found: usize },
    /// A word that is not one of the allowed choices (`credit_scale = "agency"` or `"letter"`).
    UnknownChoice { found: String, choices: Vec<String> },
    /// The same key or table written more than once.
    Duplicate,
    /// Not valid TOML; `detail` is the parser's own (English) words.
    Syntax { detail: String },
    /// The file is not UTF-8; `gbk`: its bytes decode as GBK (a Chinese Windows' "ANSI").
    NotUtf8 { gbk: bool },
    /// A value the model cannot use: out of range, or at odds with another key.
    OutOfRange(Rule),
    /// Anything else; `detail` is the library's own (English) words.
    Other { detail: String },
}

/// The type a key's value must have (the type it has in the default model).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueType {
    Text,
    WholeNumber,
    /// A whole number, 0 or more.
    Count,
    Number,
    TrueFalse,
    List,
    ListOf(Box<ValueType>),
    Table,
    Date,
}

/// The rule an out-of-range value breaks (the checks of `validate.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// A fraction from 0 to 1.
    Fraction { value: f64 },
    /// More than 0 and at most 1000.
    TotalPoints,
    /// At most 8 unknown factors.
    MaxUnknownFactors,
    /// Weights 0 or more, not all 0.
    Weights,
    /// As many entries as the (dotted) key `other`, largest first.
    PairedDescending { other: &'static str },
    /// 1 or more.
    BudgetRatio,
    /// From 0 to the total points.
    PassLine { total: f64 },
    /// From the pass line to the total points.
    ALine,
    /// The A horizon not after the B horizon.
    HorizonOrder,
    /// "median" or an amount of 0 or more.
    CapabilityLine,
    /// 0 to 10.
    OutOfTen,
    /// 0 or more.
    NotNegative,
    /// One of the grades of `[score.credit.agency]`.
    AgencyGrade,
    /// 1 to 5.
    IntegrityRating,
    /// More than 0.
    CurrencyRate,
    /// 1 to 1000 rows.
    ScanRows,
    /// At least 1.
    MinHeaderMatches,
    /// A column alias that normalises to nothing.
    EmptyAlias { alias: String },
    /// A column alias that also names the field `other`.
    AliasClash { alias: String, other: String },
    /// The account name has no alias.
    NoAccountAlias,
    /// A `[[sources]]` rule whose `match` is empty.
    EmptyPattern,
    /// A `[[sources]]` kind kascore does not read.
    UnknownKind { kind: String },
}

impl ModelProblem {
    pub fn new(key: impl Into<String>, line: Option<usize>, kind: ProblemKind) -> ModelProblem {
        let key = key.into();
        let key = if key.is_empty() { WHOLE_FILE.to_string() } else { key };
        ModelProblem { key, line, kind }
    }

    /// The whole line in `lang`: "line 12: `allocation.ratios.attack`: needs 3 numbers (time,
    /// people, money), found 2" / "第 12 行 `allocation.ratios.attack`：需要 3 个数（时间、人员、
    /// 资金），实际 2 个". The Chinese never holds the library's English: see [`Self::detail`].
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let what = self.what(zh);
        let key = (self.key != WHOLE_FILE).then_some(self.key.as_str());
        match (zh, self.line, key) {
            (true, Some(line), Some(key)) => format!("第 {line} 行 `{key}`：{what}"),
            (true, Some(line), None) => format!("第 {line} 行：{what}"),
            (true, None, Some(key)) => format!("`{key}`：{what}"),
            (true, None, None) => what,
            (false, Some(line), Some(key)) => format!("line {line}: `{key}`: {what}"),
            (false, Some(line), None) => format!("line {line}: {what}"),
            (false, None, Some(key)) => format!("`{key}`: {what}"),
            (false, None, None) => what,
        }
    }

    /// The parser's or serde's own words, when the problem was kept as raw library text (a TOML
    /// syntax error, an unforeseen serde error). English; a `--verbose` run may print it in
    /// brackets after [`Self::message`].
    pub fn detail(&self) -> Option<&str> {
        match &self.kind {
            ProblemKind::Syntax { detail } | ProblemKind::Other { detail } => Some(detail),
            _ => None,
        }
    }

    /// What is wrong and what to do, without the line and key.
    fn what(&self, zh: bool) -> String {
        use ProblemKind::*;
        match &self.kind {
            UnknownKey { known } => {
                let list = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>();
                if zh {
                    format!(
                        "没有这个键，请对照 `kascore model` 打印的模板检查拼写（这里可用的键：{}）",
                        list.join("、")
                    )
                } else {
                    format!("unknown key; compare with `kascore model` (known keys here: {})", list.join(", "))
                }
            }
            WrongType { expected } => {
                if zh {
                    format!("类型不对：这里应填{}（参照 `kascore model` 打印的模板）", expected.zh())
                } else {
                    format!("wrong type: expected {}, as in `kascore model`", expected.en())
                }
            }
            WrongLength { expected, found } => match (length_names(&self.key), zh) {
                (Some((_, names)), true) => format!("需要 {expected} 个数（{names}），实际 {found} 个"),
                (Some((names, _)), false) => format!("needs {expected} numbers ({names}), found {found}"),
                (None, true) => format!("需要 {expected} 项，实际 {found} 项"),
                (None, false) => format!("needs {expected} entries, found {found}"),
            },
            UnknownChoice { found, choices } => {
                let list = choices.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>();
                if zh {
                    let list = list.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>();
                    format!("不能填 `\"{found}\"`：请从 {} 中选一个", list.join("、"))
                } else {
                    format!("\"{found}\" is not one of the choices: use {}", list.join(" or "))
                }
            }
            Duplicate => pick(
                zh,
                "写了不止一次：同一个键（或表）只能写一次，请保留一处、删去其余",
                "written more than once: a key (or table) may be written once; keep one and delete the rest",
            ),
            Syntax { detail } => {
                if zh {
                    format!("格式错误：{}，请改正这一行（可对照 `kascore model` 打印的模板）", syntax_hint_zh(detail))
                } else {
                    format!("not valid TOML: {detail}; correct this line (compare with `kascore model`)")
                }
            }
            NotUtf8 { gbk: true } => pick(
                zh,
                "文件不是 UTF-8 编码，而是以 GBK/ANSI 保存的：请另存为 UTF-8（记事本：另存为 → 编码选 UTF-8；\
                 WPS、VS Code 同理）",
                "the file is not UTF-8, it was saved in GBK/ANSI: save it as UTF-8 (in Notepad: Save As → \
                 Encoding UTF-8; in WPS/VS Code likewise)",
            ),
            NotUtf8 { gbk: false } => pick(
                zh,
                "文件不是 UTF-8 编码（第一个无法识别的字节在这一行）：请另存为 UTF-8",
                "the file is not UTF-8 (the first byte that is not UTF-8 is on this line): save it as UTF-8",
            ),
            OutOfRange(rule) => rule.what(zh),
            Other { detail } => {
                if zh {
                    "格式错误：这个值不符合模型的要求，请对照 `kascore model` 打印的模板改正".to_string()
                } else {
                    format!("{detail}; compare with `kascore model`")
                }
            }
        }
    }
}

impl std::fmt::Display for ModelProblem {
    /// The English message (see [`ModelProblem::message`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Lists of a fixed length: the table whose keys they are, and the names of their entries in
/// English and Chinese.
pub(super) const FIXED_LENGTH: &[(&str, usize, &str, &str)] = &[
    ("allocation.ratios", 3, "time, people, money", "时间、人员、资金"),
    (
        "receivables",
        6,
        "current, 1–30, 31–60, 61–90, 91–180, over 180 days",
        "未到期、1–30天、31–60天、61–90天、91–180天、180天以上",
    ),
];

fn length_names(key: &str) -> Option<(&'static str, &'static str)> {
    let table = key.rsplit_once('.')?.0;
    FIXED_LENGTH.iter().find(|(t, ..)| *t == table).map(|&(_, _, en, zh)| (en, zh))
}

/// A Chinese hint for the commonest TOML syntax errors; a generic one for the rest.
fn syntax_hint_zh(detail: &str) -> &'static str {
    let d = detail.to_ascii_lowercase();
    if d.contains("duplicate") {
        "同一个键写了两次"
    } else if d.contains("extra `=`") {
        "多了一个等号"
    } else if d.contains("missing comma") {
        "列表的两项之间少了逗号"
    } else if d.contains("unclosed table") || d.contains("unclosed array table") {
        "表名的方括号没有闭合"
    } else if d.contains("unclosed array") {
        "列表的方括号没有闭合"
    } else if d.contains("string") {
        "引号没有成对"
    } else if d.contains("expected `=`") || d.contains("key") {
        "键后面应是等号和值"
    } else {
        "这一行写法不对，请检查引号、方括号、逗号和等号"
    }
}

fn pick(zh: bool, a: &str, b: &str) -> String {
    if zh { a } else { b }.to_string()
}

impl ValueType {
    /// The English name, singular with its article.
    fn en(&self) -> String {
        match self {
            ValueType::Text => "text in quotes".to_string(),
            ValueType::WholeNumber => "a whole number".to_string(),
            ValueType::Count => "a whole number, 0 or more".to_string(),
            ValueType::Number => "a number".to_string(),
            ValueType::TrueFalse => "true or false".to_string(),
            ValueType::List => "a list [ … ]".to_string(),
            ValueType::ListOf(t) => format!("a list [ … ] of {}", t.en_plural()),
            ValueType::Table => "a table".to_string(),
            ValueType::Date => "a date".to_string(),
        }
    }

    /// The English name as a plural, for the entries of a list.
    fn en_plural(&self) -> &'static str {
        match self {
            ValueType::Text => "texts in quotes",
            ValueType::WholeNumber => "whole numbers",
            ValueType::Count => "whole numbers, 0 or more",
            ValueType::Number => "numbers",
            ValueType::TrueFalse => "true or false values",
            ValueType::List | ValueType::ListOf(_) => "lists",
            ValueType::Table => "tables",
            ValueType::Date => "dates",
        }
    }

    fn zh(&self) -> String {
        match self {
            ValueType::Text => "带引号的文字".to_string(),
            ValueType::WholeNumber => "整数".to_string(),
            ValueType::Count => "0 或更大的整数".to_string(),
            ValueType::Number => "数字".to_string(),
            ValueType::TrueFalse => "`true` 或 `false`".to_string(),
            ValueType::List => "列表 [ … ]".to_string(),
            ValueType::ListOf(t) => format!("由{}组成的列表 [ … ]", t.zh()),
            ValueType::Table => "表".to_string(),
            ValueType::Date => "日期".to_string(),
        }
    }
}

impl Rule {
    fn what(&self, zh: bool) -> String {
        use Rule::*;
        match self {
            Fraction { value } => {
                if zh {
                    format!("{value} 超出范围：请填 0 到 1 之间的小数")
                } else {
                    format!("{value} is out of range: use a fraction from 0 to 1")
                }
            }
            TotalPoints => pick(
                zh,
                "须大于 0 且不超过 1000（原表为 20 分）",
                "must be more than 0 and at most 1000 (the risk assessment table has 20)",
            ),
            MaxUnknownFactors => pick(zh, "只有 8 个因素：请填 0 到 8", "there are only 8 factors: use 0 to 8"),
            Weights => pick(zh, "权重须为 0 或更大，且不能全为 0", "weights must be 0 or more and not all 0"),
            PairedDescending { other } => {
                if zh {
                    format!("项数须与 `{other}` 相同，并从大到小排列")
                } else {
                    format!("needs as many entries as `{other}`, largest first")
                }
            }
            BudgetRatio => pick(zh, "须为 1 或更大（最高 ÷ 最低）", "must be 1 or more (high ÷ low)"),
            PassLine { total } => {
                if zh {
                    format!("须在 0 到总分 `score.total_points`（{total}）之间")
                } else {
                    format!("must be between 0 and total_points ({total})")
                }
            }
            ALine => pick(
                zh,
                "须在及格线 `grades.pass_line` 与总分 `score.total_points` 之间",
                "must be between pass_line and total_points",
            ),
            HorizonOrder => pick(zh, "天数不能大于 `grades.b_horizon_days`", "must not be later than b_horizon_days"),
            CapabilityLine => {
                pick(zh, "请填 `\"median\"`（中位数）或 0 及以上的金额", "use \"median\" or an amount of 0 or more")
            }
            OutOfTen => pick(zh, "每个比例以 10 为满分：请填 0 到 10", "each ratio is out of 10: use 0 to 10"),
            NotNegative => pick(zh, "须为 0 或更大", "must be 0 or more"),
            AgencyGrade => pick(
                zh,
                "须为 `[score.credit.agency]` 中的某个等级",
                "must be one of the grades in `[score.credit.agency]`",
            ),
            IntegrityRating => pick(zh, "请填 1 到 5 的评分", "a rating from 1 to 5"),
            CurrencyRate => {
                pick(zh, "汇率须大于 0（每单位外币折合人民币）", "a rate must be more than 0 (CNY per unit)")
            }
            ScanRows => pick(zh, "请填 1 到 1000 行", "use 1 to 1000 rows"),
            MinHeaderMatches => pick(zh, "至少为 1", "must be at least 1"),
            EmptyAlias { alias } => {
                if zh {
                    format!("别名 {alias:?} 去掉空格和标点后什么也不剩：请改写或删去")
                } else {
                    format!("alias {alias:?} is empty after normalising: rewrite or delete it")
                }
            }
            AliasClash { alias, other } => {
                if zh {
                    format!("别名 {alias:?} 也出现在 `columns.{other}` 里：一个写法只能对应一个字段，请删去其中一处")
                } else {
                    format!("alias {alias:?} also names `{other}`: one spelling may name one field")
                }
            }
            NoAccountAlias => pick(zh, "客户名称至少需要一个别名", "the account name needs at least one alias"),
            EmptyPattern => pick(
                zh,
                "`match` 不能为空：请写出文件（和工作表）的模式，如 `华东/*.xlsx!客户明细`",
                "`match` is empty: give a pattern for the files (and sheets), e.g. `east/*.xlsx!Accounts`",
            ),
            UnknownKind { kind } => {
                if zh {
                    format!("不认识的 `{kind}`：表类型是 accounts、opportunities、receivables、orders、payments、promises 之一；阶段是 identify、collect_info、value_assessment、relationship、close、won、lost 之一")
                } else {
                    format!("unknown `{kind}`: a kind is one of accounts, opportunities, receivables, orders, payments, promises; a stage one of identify, collect_info, value_assessment, relationship, close, won, lost")
                }
            }
        }
    }
}

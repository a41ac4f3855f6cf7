//! Fatal errors: the run cannot go on and writes nothing. Data problems are not here; they are
//! [`crate::issue::Issue`]s, collected and reported.
//!
//! A fatal error is told in the report language ([`Fatal::message`]) and in the user's terms;
//! the words of a library (an I/O or zip error) are kept as a `detail` and shown in brackets
//! only with `--verbose`.

use std::path::{Path, PathBuf};

pub use crate::issue::IoProblem;
use crate::issue::{bracketed, Issue};
use crate::model::ModelProblem;
use crate::Lang;

/// A reason the whole run fails (exit code 1, or 2 for a usage error).
#[derive(Debug)]
pub enum Fatal {
    /// The model file cannot be read (missing, no permission).
    ModelUnreadable { path: PathBuf, problem: IoProblem },
    /// The model file has problems (each names its key and line).
    ModelInvalid { path: PathBuf, problems: Vec<ModelProblem> },
    /// An output (`-o`, `--json`) cannot be written where it was asked for.
    Output { flag: &'static str, path: PathBuf, problem: OutputProblem },
    /// `-o` and `--json` name the same file.
    OutputsSame { path: PathBuf },
    /// Writing an output failed part-way (nothing was left behind).
    CannotWrite { path: PathBuf, detail: String },
    /// `--previous` is not a usable report of an earlier month.
    Previous { path: PathBuf, problem: PreviousProblem },
    /// The row accounting does not add up: a bug.
    Reconciliation(String),
    /// `--strict` and error-level data issues.
    Strict(usize),
    /// No input holds a sheet kascore can score: each file or path with why.
    NothingToScore(Vec<Issue>),
    /// Standard output could not be written (a full disk, a closed file).
    Stdout { detail: String },
}

/// Why an output cannot be written where it was asked for. Checked before any input is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputProblem {
    /// `-o` must end in `.xlsx` (a usage error).
    NotXlsx,
    /// The folder it would go into does not exist.
    FolderMissing,
    /// The folder exists but a file cannot be created in it.
    NotWritable(String),
    /// The path is a folder.
    IsFolder,
    /// The path is one of the inputs.
    IsInput,
    /// A file is there already and `--force` is not given.
    Exists,
}

/// Why `--previous` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviousProblem {
    Io(IoProblem),
    /// Not an .xlsx workbook at all (the reader's words in `detail`).
    NotAWorkbook(String),
    /// A workbook, but not written by kascore.
    NoMarker,
    /// A kascore report with no account list in it.
    NoAccounts,
    /// A tab of the report cannot be read (damaged).
    TabUnreadable {
        tab: String,
        detail: String,
    },
    /// A score cell that is not a number.
    BadScore {
        tab: String,
        cell: String,
        raw: String,
    },
    /// Last month's report is of a later as-of date than this run.
    Newer {
        previous: chrono::NaiveDate,
        now: chrono::NaiveDate,
    },
}

impl Fatal {
    /// Whether the command line was wrong (exit 2) rather than the run failing (exit 1).
    pub fn is_usage(&self) -> bool {
        matches!(self, Fatal::Output { problem: OutputProblem::NotXlsx, .. })
    }

    /// The message in the report language; with `verbose`, a library's own words follow in
    /// brackets where there are any.
    pub fn message(&self, lang: Lang, verbose: bool) -> String {
        let zh = lang == Lang::Zh;
        let more = |d: Option<&str>| bracketed(d.unwrap_or_default(), zh, verbose);
        match self {
            Fatal::ModelUnreadable { path, problem } => {
                let p = path.display();
                if zh {
                    format!("无法读取模型文件 {p}：{}{}", problem.words(lang), more(problem.detail()))
                } else {
                    format!("cannot read the model file {p}: {}{}", problem.words(lang), more(problem.detail()))
                }
            }
            Fatal::ModelInvalid { path, problems } => {
                let lines: Vec<String> =
                    problems.iter().map(|p| format!("  - {}{}", p.message(lang), more(p.detail()))).collect();
                let p = path.display();
                let n = problems.len();
                if zh {
                    format!("模型文件 {p} 有 {n} 处问题，请修改后再运行：\n{}", lines.join("\n"))
                } else {
                    format!("the model file {p} has {n} problem(s); fix them and run again:\n{}", lines.join("\n"))
                }
            }
            Fatal::Output { flag, path, problem } => output_message(flag, path, problem, lang, verbose),
            Fatal::OutputsSame { path } => {
                let p = path.display();
                if zh {
                    format!("-o 和 --json 指向同一个文件 {p}：请为两者取不同的名字")
                } else {
                    format!("-o and --json name the same file {p}: give them different names")
                }
            }
            Fatal::CannotWrite { path, detail } => {
                let p = path.display();
                if zh {
                    format!("无法写入 {p}，没有留下任何文件{}", more(Some(detail)))
                } else {
                    format!("cannot write {p}; nothing was left behind{}", more(Some(detail)))
                }
            }
            Fatal::Previous { path, problem } => previous_message(path, problem, lang, verbose),
            Fatal::Reconciliation(eq) => {
                if zh {
                    format!(
                        "行数核对不平（{eq}）：这是 kascore 的缺陷，没有写出任何文件；请把输入文件和这条信息发给维护者"
                    )
                } else {
                    format!("the row accounting does not add up ({eq}): this is a kascore bug, nothing was written; please send the inputs and this message to the maintainers")
                }
            }
            Fatal::Strict(n) => {
                if zh {
                    format!("有 {n} 个错误级数据问题，且指定了 --strict：没有写出任何文件")
                } else {
                    format!("{n} error-level data issue(s) and --strict is set: nothing written")
                }
            }
            Fatal::NothingToScore(why) => {
                let lines: Vec<String> = why
                    .iter()
                    .map(|i| {
                        let place = match &i.at.sheet {
                            Some(s) => format!("{}!{s}", i.at.file),
                            None => i.at.file.to_string(),
                        };
                        format!("  - {place}: {}", i.message(lang))
                    })
                    .collect();
                if zh {
                    format!("没有可评估的客户表，没有写出任何文件。各输入的情况：\n{}", lines.join("\n"))
                } else {
                    format!(
                        "nothing to score: no input holds an account sheet; nothing was written. The inputs:\n{}",
                        lines.join("\n")
                    )
                }
            }
            Fatal::Stdout { detail } => {
                if zh {
                    format!("无法写入标准输出（磁盘已满或管道已关闭？）{}", more(Some(detail)))
                } else {
                    format!("cannot write to standard output (disk full or closed?){}", more(Some(detail)))
                }
            }
        }
    }
}

fn output_message(flag: &str, path: &Path, problem: &OutputProblem, lang: Lang, verbose: bool) -> String {
    let p = path.display();
    let zh = lang == Lang::Zh;
    let folder = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.display().to_string(),
        _ => ".".to_string(),
    };
    match (problem, zh) {
        (OutputProblem::NotXlsx, true) => format!("{flag} {p}：报告必须以 .xlsx 结尾"),
        (OutputProblem::NotXlsx, false) => format!("{flag} {p}: the report must end in .xlsx"),
        (OutputProblem::FolderMissing, true) => format!("{flag} {p}：文件夹 {folder} 不存在；请先创建它，或换一个位置"),
        (OutputProblem::FolderMissing, false) => {
            format!("{flag} {p}: the folder {folder} does not exist; create it first or choose another place")
        }
        (OutputProblem::NotWritable(d), true) => format!(
            "{flag} {p}：无法在文件夹 {folder} 中写入文件（没有权限？）；请换一个位置{}",
            bracketed(d, true, verbose)
        ),
        (OutputProblem::NotWritable(d), false) => format!(
            "{flag} {p}: cannot create a file in the folder {folder} (no permission?); choose another place{}",
            bracketed(d, false, verbose)
        ),
        (OutputProblem::IsFolder, true) => format!("{flag} {p}：这是一个文件夹；请给出文件名"),
        (OutputProblem::IsFolder, false) => format!("{flag} {p}: this is a folder; give a file name"),
        (OutputProblem::IsInput, true) => format!("{flag} {p}：这是输入文件之一，kascore 从不覆盖输入；请换一个名字"),
        (OutputProblem::IsInput, false) => {
            format!("{flag} {p}: this is one of the inputs, and kascore never overwrites an input; choose another name")
        }
        (OutputProblem::Exists, true) => format!("{flag} {p}：文件已存在；加 --force 覆盖，或换一个名字"),
        (OutputProblem::Exists, false) => {
            format!("{flag} {p}: the file exists already; pass --force to overwrite it, or choose another name")
        }
    }
}

fn previous_message(path: &Path, problem: &PreviousProblem, lang: Lang, verbose: bool) -> String {
    let p = path.display();
    let zh = lang == Lang::Zh;
    let hint_zh = "请用 --previous 指定上个月 kascore 生成的报告（kascore-report-YYYY-MM.xlsx）";
    let hint_en = "pass last month's kascore-report-YYYY-MM.xlsx with --previous";
    let bracket = |d: &str| bracketed(d, zh, verbose);
    match problem {
        PreviousProblem::Io(io) => {
            let d = bracket(io.detail().unwrap_or(""));
            if zh {
                format!("--previous {p}：{}{d}；{hint_zh}", io.words(lang))
            } else {
                format!("--previous {p}: {}{d}; {hint_en}", io.words(lang))
            }
        }
        PreviousProblem::NotAWorkbook(d) => {
            let d = bracket(d);
            if zh {
                format!("--previous {p}：不是有效的 Excel (.xlsx) 文件{d}；{hint_zh}")
            } else {
                format!("--previous {p}: not a valid Excel (.xlsx) file{d}; {hint_en}")
            }
        }
        PreviousProblem::NoMarker => {
            if zh {
                format!("--previous {p}：这不是 kascore 生成的报告（文档属性中没有 kascore 标记）；{hint_zh}")
            } else {
                format!(
                    "--previous {p}: not a kascore report (no kascore marker in its document properties); {hint_en}"
                )
            }
        }
        PreviousProblem::NoAccounts => {
            if zh {
                format!("--previous {p}：报告中找不到客户清单（数据页和评级页都不在）；请用原始报告，不要用另存或复制的版本")
            } else {
                format!("--previous {p}: no account list found in the report (neither its data tab nor its grade tabs); use the report as kascore wrote it")
            }
        }
        PreviousProblem::TabUnreadable { tab, detail } => {
            let d = bracket(detail);
            if zh {
                format!("--previous {p}：工作表“{tab}”无法读取，报告可能已损坏{d}；请用原始报告")
            } else {
                format!("--previous {p}: the tab \"{tab}\" cannot be read; the report may be damaged{d}; use the report as kascore wrote it")
            }
        }
        PreviousProblem::BadScore { tab, cell, raw } => {
            if zh {
                format!("--previous {p}：工作表“{tab}”{cell} 的得分“{raw}”不是数字；报告可能被修改过，请用原始报告")
            } else {
                format!("--previous {p}: the score \"{raw}\" in {tab}!{cell} is not a number; the report may have been edited, use the report as kascore wrote it")
            }
        }
        PreviousProblem::Newer { previous, now } => {
            if zh {
                format!("--previous {p}：这份报告的评估日期 {previous} 晚于本次的 {now}；请指定更早月份的报告，或用 --as-of 设置本次日期")
            } else {
                format!("--previous {p}: that report's as-of date {previous} is later than this run's {now}; pass an earlier month's report, or set this run's date with --as-of")
            }
        }
    }
}

impl std::fmt::Display for Fatal {
    /// English, without library detail (for logs and tests).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En, false))
    }
}

impl std::error::Error for Fatal {}

//! The command line: clap definitions. The doc comments are the help text.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::Lang;

/// kascore — score key-account (大客户) sheets and write one report workbook.
#[derive(Debug, Parser)]
#[command(name = "kascore", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Add the underlying system or library message, in brackets, to error messages.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}

const EXAMPLES: &str = "\
Examples:
  kascore score samples/                      score every sheet under samples/
  kascore score 10月/ --previous kascore-report-2026-09.xlsx --json summary.json
  kascore check exports/*.xlsx                list data problems only
  kascore model > my-model.toml               start your own model
  kascore template -o 大客户模板.xlsx          a blank sheet for the team to fill in
  kascore sample -o demo.xlsx --rows 5000 --messy
                                              synthetic accounts to try it on

Exit codes: 0 success · 1 failed (nothing written) · 2 usage error ·
            3 report written but error-level data issues exist";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read, validate and score every account; write the report workbook.
    Score(ScoreArgs),
    /// Validate only: print the data issues and the row accounting.
    Check(CheckArgs),
    /// Print the default model template (copy it, edit it, pass it with --model).
    Model,
    /// Write a blank input workbook for the team: every column, dropdowns, instructions.
    Template(TemplateArgs),
    /// Write a synthetic account sheet (the same seed gives the same accounts): for demos,
    /// tests and benchmarks. Score it with --as-of 2026-11-30.
    Sample(SampleArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kascore sample -o demo.xlsx --rows 5000 --messy
  kascore sample -o 华南导出.csv --rows 2000 --messy     GBK with CRLF, as Chinese Excel saves it
  kascore sample -o big.xlsx --rows 1000000 --seed 7 --quiet
  kascore sample --team demo/ --accounts 40           one team's exports: accounts list, pipeline,
                                                      ledger, orders, payments, promises, template
  kascore sample --team demo-en/ --lang en --seed 7
  kascore sample --kind receivables --rows 1000000 -o ledger.csv
                                                      a million invoice lines of 50,000 customers
  kascore sample --kind orders --rows 200000 --accounts 800 -o orders.xlsx

Score a team set with: kascore score demo/ --as-of 2026-11-30")]
pub struct SampleArgs {
    /// The file to write: .xlsx, or .csv (UTF-8 with BOM; GBK with --messy --lang zh, and for
    /// every line-item kind in Chinese).
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        value_parser = sample_output,
        required_unless_present = "team",
        conflicts_with = "team"
    )]
    pub output: Option<PathBuf>,

    /// Data rows (0 writes the header only): accounts, or with a line-item --kind, lines.
    #[arg(long, value_name = "N", required_unless_present = "team", conflicts_with = "team")]
    pub rows: Option<u64>,

    /// What one row is: an account (every canonical column), or a line of a line-item export
    /// (a deal, an invoice, an order line, a payment, a promise) of one of --accounts customers.
    #[arg(long, value_enum, value_name = "KIND", default_value_t = crate::sample_team::SampleKind::Accounts, conflicts_with = "team")]
    pub kind: crate::sample_team::SampleKind,

    /// Write one team's whole export set into this folder (created if missing): accounts list,
    /// pipeline, receivables ledger (GBK CSV), orders, payments, promises log and a filled-in
    /// template, joined the way real exports join (customer numbers, name variants).
    #[arg(long, value_name = "DIR")]
    pub team: Option<PathBuf>,

    /// Distinct customers: with --team the team's accounts (default 40, at most 10000); with a
    /// line-item --kind the customers the lines belong to (default one per 20 rows).
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u64).range(1..))]
    pub accounts: Option<u64>,

    /// The random seed: the same seed gives the same accounts, byte for byte.
    #[arg(long, value_name = "S", default_value_t = 42)]
    pub seed: u64,

    /// Make it look like a real export: title rows, amounts in 万元 and as text (120万, 约100万),
    /// vague words (待定, 不差钱), blank cells, rows without a name, repeated accounts, formula
    /// errors, text dates and a totals line. Account sheets only.
    #[arg(long, conflicts_with = "team")]
    pub messy: bool,

    /// Language of the headers and values (and, with --team, of the file names).
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,

    /// Print nothing.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kascore template                                  a blank template
  kascore template --from 本月导出/ -o 待填写.xlsx      pre-filled with every account of the exports,
                                                    one sheet per owner; fill it in and pass it
                                                    beside the exports next time")]
pub struct TemplateArgs {
    /// Where to write it (default: kascore-大客户模板.xlsx, or kascore-template.xlsx with --lang en).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Pre-fill the template with every account found in these exports (files or folders): its
    /// key, name and owner, what the exports already say (greyed, for reference), one sheet per
    /// owner sorted by deal value, the judgement columns left to fill in.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub from: Vec<PathBuf>,

    /// A model file for reading the exports (with --from).
    #[arg(long, value_name = "FILE", requires = "from")]
    pub model: Option<PathBuf>,

    /// The as-of date for rolling up the exports (with --from; default today).
    #[arg(long, value_name = "DATE", value_parser = parse_as_of, requires = "from")]
    pub as_of: Option<NaiveDate>,

    /// Language of the headers, notes and instructions.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,

    /// Print nothing.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Options shared by `score` and `check`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders (walked recursively): .xlsx .xlsm .xlsb .xls .ods .csv
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// A model file (start from `kascore model`); keys left out take the default.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// Language of the report and messages.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,

    /// Worker threads (default: one per core). --jobs 1 gives the same result, sequentially.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// No progress bar and no summary paragraph.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Fail the run (exit 1, nothing written) when any error-level data issue exists.
    #[arg(long)]
    pub strict: bool,

    /// Evaluate close dates, aging and the 12-month window against this date (default:
    /// today): 2026-11-30, 2026/11/30, 20261130 or 2026年11月30日; a month (2026-11, 2026年11月)
    /// means its last day.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,

    /// Also write the machine-readable summary (see the README for its fields); `-` writes it
    /// to standard output (the summary paragraph then goes to standard error).
    #[arg(long, value_name = "SUMMARY.json")]
    pub json: Option<PathBuf>,

    /// Overwrite existing outputs (-o, --json); an input is never overwritten.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The report to write, ending in .xlsx (default: kascore-report-YYYY-MM.xlsx for the
    /// as-of month, in the current folder).
    #[arg(long, short = 'o', value_name = "REPORT.xlsx")]
    pub output: Option<PathBuf>,

    /// Last month's kascore report: adds the Changes tab (grades up/down, new, gone, slipped
    /// close dates, flags raised and cleared).
    #[arg(long, value_name = "LAST_REPORT.xlsx")]
    pub previous: Option<PathBuf>,

    /// The team's hours for the period (overrides the model's capacity).
    #[arg(long, value_name = "H", value_parser = non_negative)]
    pub hours: Option<f64>,

    /// The team's people (FTE) for the period (overrides the model's capacity).
    #[arg(long, value_name = "P", value_parser = non_negative)]
    pub people: Option<f64>,

    /// The team's money for the period, in CNY (overrides the model's capacity).
    #[arg(long, value_name = "M", value_parser = non_negative)]
    pub money: Option<f64>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

/// The as-of date in any unambiguous form the sheets accept, to the day or the month (whose
/// last day it then means).
fn parse_as_of(s: &str) -> Result<NaiveDate, String> {
    use crate::values::date::{parse_date, DateValue, Precision};
    match parse_date(s) {
        DateValue::Date(d, Precision::Day | Precision::Month) => Ok(d),
        _ => Err(format!(
            "{s:?} is not a date: use 2026-11-30, 2026/11/30, 20261130 or 2026年11月30日 (不是日期：请写成 2026-11-30)"
        )),
    }
}

/// A sample's output: .xlsx or .csv, decided by the extension.
fn sample_output(s: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(s);
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("xlsx" | "csv") => Ok(path),
        _ => Err(format!("{s:?} must end in .xlsx or .csv (the format is taken from the extension)")),
    }
}

fn non_negative(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("{s:?} is not a number of 0 or more")),
    }
}

//! The model: every weight, line, ratio, word list and column alias kascore uses.
//!
//! Pure: the caller reads the file; this module parses and validates text. The default model is
//! `templates/default.toml`, embedded in the binary and printed verbatim by `kascore model`.
//!
//! A team's model may leave keys out (they fall back to the default); an unknown key, a wrong
//! type or an out-of-range value is an error naming the key and its line, all reported at once.

mod problem;
mod validate;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::field::Field;

pub use problem::{ModelProblem, ProblemKind, Rule, ValueType, WHOLE_FILE};

/// The default model template, verbatim (comments included).
pub const DEFAULT_MODEL: &str = include_str!("../../templates/default.toml");

/// The whole model.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    pub input: Input,
    pub score: Score,
    pub intent: Intent,
    pub grades: Grades,
    pub quadrant: Quadrant,
    pub allocation: Allocation,
    pub flags: Flags,
    /// Column aliases per canonical field.
    pub columns: BTreeMap<Field, Vec<String>>,
    /// Per-file or per-sheet settings, in the model's order.
    pub sources: Vec<SourceRule>,
    /// Aliases that name a field only in a sheet of one kind (a generic 金额, Amount, 状态).
    pub kind_columns: BTreeMap<String, BTreeMap<Field, Vec<String>>>,
    /// Stage words per canonical stage key (identify … close, won, lost).
    pub stages: BTreeMap<String, Vec<String>>,
    /// Open words of a deal-status column.
    pub deal_status: DealStatusWords,
    /// The words of a promise-status column.
    pub promise_status: PromiseStatusWords,
    /// The words of an invoice's or order line's status column.
    pub item_status: ItemStatusWords,
    /// How accounts are joined across sources.
    pub join: Join,
    /// The receivables view's settings.
    pub receivables: ReceivablesModel,
    /// Customer value.
    pub value: ValueModel,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueModel {
    /// Lifetime value = annual gross margin × these years.
    pub expected_years: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceivablesModel {
    /// Provision (坏账准备) rate per aging bucket: current, 1–30, 31–60, 61–90, 91–180, >180.
    pub provision_rates: [f64; 6],
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealStatusWords {
    pub open: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromiseStatusWords {
    pub kept: Vec<String>,
    pub not_kept: Vec<String>,
    pub open: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemStatusWords {
    pub open: Vec<String>,
    pub settled: Vec<String>,
    pub cancelled: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Join {
    /// Legal-form suffixes stripped from the end of names before they are compared.
    pub legal_suffixes: Vec<String>,
}

/// `[[sources]]`: for the files (and sheets) a pattern matches, the kind of sheet and the
/// headers that name fields there, beside the model's aliases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRule {
    /// A pattern over "path" or "path!sheet" (`*`, `**`, `?`).
    #[serde(rename = "match")]
    pub pattern: String,
    /// The kind of the matched sheets: accounts, opportunities, receivables, orders,
    /// payments or promises.
    #[serde(default)]
    pub kind: Option<String>,
    /// Header text → the field it names in the matched sheets.
    #[serde(default)]
    pub columns: BTreeMap<String, Field>,
}

impl SourceRule {
    /// The kind this rule forces, when it names a known one.
    pub fn source_kind(&self) -> Option<crate::source::SourceKind> {
        self.kind.as_deref().and_then(crate::source::SourceKind::from_key)
    }

    /// Whether this rule applies to `file`'s `sheet`: the pattern matches the file's path, or
    /// "path!sheet" when it names a sheet.
    pub fn applies(&self, file: &str, sheet: &str) -> bool {
        match self.pattern.split_once('!') {
            Some((f, s)) => glob(f, file) && glob(s, sheet),
            None => glob(&self.pattern, file),
        }
    }
}

/// A path pattern: `*` any characters but `/`, `**` any characters, `?` one character; the
/// rest literal. The whole text must match.
pub fn glob(pattern: &str, text: &str) -> bool {
    fn go(p: &[char], t: &[char]) -> bool {
        match p.first() {
            None => t.is_empty(),
            Some('*') if p.get(1) == Some(&'*') => (0..=t.len()).any(|i| go(&p[2..], &t[i..])),
            Some('*') => {
                let stop = t.iter().position(|c| *c == '/').unwrap_or(t.len());
                (0..=stop).any(|i| go(&p[1..], &t[i..]))
            }
            Some('?') => !t.is_empty() && t[0] != '/' && go(&p[1..], &t[1..]),
            Some(c) => t.first() == Some(c) && go(&p[1..], &t[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    go(&p, &t)
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    pub header_scan_rows: u32,
    pub min_header_matches: u32,
    pub total_words: Vec<String>,
    pub vague_words: Vec<String>,
    pub no_object_words: Vec<String>,
    /// CNY per unit of each currency code.
    pub currency_rates: BTreeMap<String, f64>,
    /// How a date like 03/04/2026 is read: `ask` (an error, the default), `month_first` (US
    /// exports: 4 March) or `day_first` (European: 3 April).
    pub date_order: DateOrder,
}

/// The order of day and month in an a/b/yyyy date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    Ask,
    MonthFirst,
    DayFirst,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub total_points: f64,
    pub max_unknown_factors: u32,
    pub weights: Weights,
    pub need_budget: NeedBudget,
    pub credit: Credit,
    pub financial: Financial,
    pub relationship: Relationship,
    pub timing: Timing,
}

/// Relative weights of the eight factors of seed 000's table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub need_budget: f64,
    pub integrity_credit: f64,
    pub financial_strength: f64,
    pub fit: f64,
    pub relationship: f64,
    pub competitive: f64,
    pub timing: f64,
    pub added_value: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeedBudget {
    pub budget_only: f64,
    pub vague_budget: f64,
}

/// Which scale a sheet's credit ratings are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditScale {
    Agency,
    Letter,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    pub credit_scale: CreditScale,
    pub base_without_rating: f64,
    pub long_terms_days: u32,
    pub long_terms_deduction: f64,
    pub credit_sale_deduction: f64,
    pub overdue_share_cap: f64,
    pub overdue_days_line: u32,
    pub overdue_days_deduction: f64,
    pub agency: BTreeMap<String, f64>,
    pub letter: BTreeMap<String, f64>,
    pub words: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Financial {
    pub capital_multiples: Vec<f64>,
    pub capital_fractions: Vec<f64>,
    pub capital_below: f64,
    pub signal_bonus: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relationship {
    pub insider_bonus: f64,
    /// The relationship fraction a promises log starts from when the factor is not rated.
    pub promise_base: f64,
    /// Taken off per broken promise …
    pub broken_deduction: f64,
    /// … at most this much.
    pub max_deduction: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timing {
    pub lead_days: Vec<u32>,
    pub fractions: Vec<f64>,
    pub below: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intent {
    pub max_budget_range_ratio: f64,
    pub require_implementation_date: bool,
    pub require_payment_date: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grades {
    pub pass_line: f64,
    pub a_line: f64,
    pub a_horizon_days: u32,
    pub b_horizon_days: u32,
}

/// The capability line: the run's median annual purchase, or a fixed amount in CNY.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum CapabilityLine {
    Fixed(f64),
    Named(LineName),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineName {
    Median,
}

/// A quadrant of seed 002's attack/defend model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant4 {
    Attack,
    Defend,
    Maintain,
    Abandon,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quadrant {
    pub capability_line: CapabilityLine,
    pub high_share: f64,
    pub low_capability_high_share: Quadrant4,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    pub ratios: Ratios,
    pub grade_weights: GradeWeights,
    pub capacity: Capacity,
}

/// Within a quadrant an account's share is proportional to its grade's weight × its score.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeWeights {
    #[serde(rename = "A")]
    pub a: f64,
    #[serde(rename = "B")]
    pub b: f64,
    #[serde(rename = "C")]
    pub c: f64,
    #[serde(rename = "D")]
    pub d: f64,
    pub won: f64,
    pub needs_info: f64,
    pub lost: f64,
}

/// Time, people, money out of 10, per quadrant.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratios {
    pub attack: [f64; 3],
    pub defend: [f64; 3],
    pub maintain: [f64; 3],
    pub abandon: [f64; 3],
}

/// Where one figure of the team's capacity came from (the allocation tab says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapacitySource {
    /// The embedded default model: not this team's figure.
    #[default]
    Default,
    ModelFile,
    CommandLine,
}

/// Which of hours, people and money a model text sets under `[allocation.capacity]`.
pub fn sets_capacity(text: &str) -> [bool; 3] {
    let table: Option<toml::Table> = toml::from_str(text).ok();
    let cap = table.as_ref().and_then(|t| t.get("allocation")?.get("capacity")?.as_table().cloned());
    ["hours", "people", "money"].map(|k| cap.as_ref().is_some_and(|c| c.contains_key(k)))
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    pub hours: f64,
    pub people: f64,
    pub money: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flags {
    pub weak_agency_rating: String,
    pub weak_letter_ratings: Vec<String>,
    pub weak_word_ratings: Vec<String>,
    pub weak_terms_days: u32,
    pub weak_overdue_share: f64,
    pub weak_overdue_days: u32,
    pub weak_integrity_rating: f64,
    pub month_end_adds_rest_of_month: bool,
}

impl Model {
    /// The embedded default model.
    ///
    /// # Errors
    /// Only if the embedded template is broken, which a unit test rules out.
    pub fn default_model() -> Result<Model, Vec<ModelProblem>> {
        Model::from_toml(DEFAULT_MODEL)
    }

    /// Parse a team's model: keys it leaves out take the default's values.
    ///
    /// # Errors
    /// Every problem found: TOML syntax, unknown keys, wrong types, out-of-range values.
    pub fn from_toml(text: &str) -> Result<Model, Vec<ModelProblem>> {
        let user: toml::Table = toml::from_str(text).map_err(|e| vec![parse_problem(text, &e)])?;
        let mut merged: toml::Table = toml::from_str(DEFAULT_MODEL).map_err(|e| {
            vec![ModelProblem::new(
                "(embedded default)",
                None,
                ProblemKind::Other { detail: e.message().trim().into() },
            )]
        })?;
        let mut problems = Vec::new();
        merge(&mut merged, user, "", text, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let model: Model =
            toml::Value::Table(merged).try_into().map_err(|e: toml::de::Error| vec![serde_problem(text, &e)])?;
        let problems = validate::validate(&model);
        if problems.is_empty() {
            Ok(model)
        } else {
            Err(problems
                .into_iter()
                .map(|(key, rule)| {
                    ModelProblem::new(key.clone(), line_of_key(text, &key), ProblemKind::OutOfRange(rule))
                })
                .collect())
        }
    }

    /// The weight of each factor, in factor order.
    pub fn weights(&self) -> [f64; 8] {
        let w = &self.score.weights;
        [
            w.need_budget,
            w.integrity_credit,
            w.financial_strength,
            w.fit,
            w.relationship,
            w.competitive,
            w.timing,
            w.added_value,
        ]
    }
}

/// Tables whose keys are open (a team may add any currency or credit grade).
const OPEN_TABLES: &[&str] = &[
    "input.currency_rates",
    "score.credit.agency",
    "score.credit.letter",
    "score.credit.words",
    "kind_columns.opportunities",
    "kind_columns.receivables",
    "kind_columns.orders",
    "kind_columns.payments",
    "kind_columns.promises",
];

/// Deep-merge the user's table over the default; report keys the default does not have, values
/// of the wrong type and lists of the wrong length.
fn merge(base: &mut toml::Table, user: toml::Table, path: &str, text: &str, problems: &mut Vec<ModelProblem>) {
    for (key, value) in user {
        let full = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        let problem = |kind| ModelProblem::new(full.clone(), line_near_key(text, &full), kind);
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(u)) => merge(b, u, &full, text, problems),
            (Some(slot), value) => match same_type(slot, value) {
                Ok(value) => match fixed_length(path, &value) {
                    Some((expected, found)) => problems.push(problem(ProblemKind::WrongLength { expected, found })),
                    None => *slot = value,
                },
                Err(_) if full == "quadrant.capability_line" => {
                    problems.push(problem(ProblemKind::OutOfRange(Rule::CapabilityLine)))
                }
                Err(expected) => problems.push(problem(ProblemKind::WrongType { expected })),
            },
            (None, value) if OPEN_TABLES.contains(&path) => {
                // A new key of an open table: the type of the table's other values.
                match base.values().next().map(|like| same_type(like, value.clone())) {
                    Some(Err(expected)) => problems.push(problem(ProblemKind::WrongType { expected })),
                    Some(Ok(value)) => {
                        base.insert(key, value);
                    }
                    None => {
                        base.insert(key, value);
                    }
                }
            }
            (None, _) => problems.push(problem(ProblemKind::UnknownKey { known: base.keys().cloned().collect() })),
        }
    }
}

/// (expected, found) when a list in a table of fixed-length lists has the wrong length.
fn fixed_length(table: &str, value: &toml::Value) -> Option<(usize, usize)> {
    let toml::Value::Array(items) = value else { return None };
    let &(_, expected, ..) = problem::FIXED_LENGTH.iter().find(|(t, ..)| *t == table)?;
    (items.len() != expected).then_some((expected, items.len()))
}

/// The user's value if it has the default's type (an integer where a number is expected is
/// fine); else the expected type.
fn same_type(default: &toml::Value, user: toml::Value) -> Result<toml::Value, ValueType> {
    use toml::Value as V;
    match (default, user) {
        (V::Float(_), V::Integer(i)) => Ok(V::Float(i as f64)),
        // capability_line: "median" or a number.
        (V::String(_), V::Integer(i)) => Ok(V::Float(i as f64)),
        (V::String(_), u @ V::Float(_)) => Ok(u),
        (V::Array(d), V::Array(u)) => match d.first() {
            Some(first) => u
                .into_iter()
                .map(|v| same_type(first, v))
                .collect::<Result<Vec<_>, _>>()
                .map(V::Array)
                .map_err(|_| ValueType::ListOf(Box::new(type_of(first)))),
            None => Ok(V::Array(u)),
        },
        (d, u) if std::mem::discriminant(d) == std::mem::discriminant(&u) => Ok(u),
        (d, _) => Err(type_of(d)),
    }
}

fn type_of(v: &toml::Value) -> ValueType {
    use toml::Value as V;
    match v {
        V::String(_) => ValueType::Text,
        V::Integer(_) => ValueType::WholeNumber,
        V::Float(_) => ValueType::Number,
        V::Boolean(_) => ValueType::TrueFalse,
        V::Array(a) => a.first().map_or(ValueType::List, |f| ValueType::ListOf(Box::new(type_of(f)))),
        V::Table(_) => ValueType::Table,
        V::Datetime(_) => ValueType::Date,
    }
}

/// A TOML parse error of the user's text: a syntax error or a key written twice, at the line of
/// the error, named by the key written on that line (else the table it is in).
fn parse_problem(text: &str, e: &toml::de::Error) -> ModelProblem {
    let detail = e.message().trim().to_string();
    let line = e.span().map(|s| line_at(text, s.start));
    let key = line.and_then(|n| key_at_line(text, n)).unwrap_or_else(|| WHOLE_FILE.to_string());
    let kind =
        if detail.starts_with("duplicate key") { ProblemKind::Duplicate } else { ProblemKind::Syntax { detail } };
    ModelProblem::new(key, line, kind)
}

/// A serde error turning the merged table into a [`Model`]. The merge has checked keys, types
/// and lengths, so what is left is a word that is not a choice, a negative count, or something
/// unforeseen; toml names the key in its message ("…\nin `a.b`").
fn serde_problem(text: &str, e: &toml::de::Error) -> ModelProblem {
    let message = e.message().trim().to_string();
    let full = e.to_string();
    let mut key =
        full.rsplit_once("\nin `").and_then(|(_, k)| k.trim_end().strip_suffix('`')).unwrap_or("").to_string();
    let kind = if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (found, choices) = rest.split_once('`').map_or((rest, ""), |(f, c)| (f, c));
        ProblemKind::UnknownChoice { found: found.to_string(), choices: backticked(choices) }
    } else if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, known) = rest.split_once('`').map_or((rest, ""), |(f, k)| (f, k));
        key = if key.is_empty() { field.to_string() } else { format!("{key}.{field}") };
        ProblemKind::UnknownKey { known: backticked(known) }
    } else if let Some((found, expected)) = invalid_length(&message) {
        ProblemKind::WrongLength { expected, found }
    } else if message.starts_with("invalid value: integer") && message.contains("expected u") {
        ProblemKind::WrongType { expected: ValueType::Count }
    } else if key == "quadrant.capability_line" {
        ProblemKind::OutOfRange(Rule::CapabilityLine)
    } else {
        ProblemKind::Other { detail: message }
    };
    let line = line_near_key(text, &key);
    ModelProblem::new(key, line, kind)
}

/// The words in backticks of a serde message ("expected `agency` or `letter`").
fn backticked(s: &str) -> Vec<String> {
    s.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// (found, expected) of "invalid length 2, expected an array of length 3".
fn invalid_length(message: &str) -> Option<(usize, usize)> {
    let rest = message.strip_prefix("invalid length ")?;
    let (found, rest) = rest.split_once(',')?;
    let expected = rest.rsplit(' ').next()?;
    Some((found.trim().parse().ok()?, expected.trim().parse().ok()?))
}

/// The text of a model file from its bytes.
///
/// A model file is UTF-8; a UTF-8 byte-order mark (Notepad writes one) is dropped. UTF-16 with a
/// byte-order mark (Notepad's "Unicode") is decoded and accepted as long as it decodes cleanly.
/// Any other bytes are a [`ProblemKind::NotUtf8`] problem at the line of the first byte that is
/// not UTF-8, named by the key on that line (else its table, else [`WHOLE_FILE`]); `gbk` is set
/// when the whole file decodes as GBK, the "ANSI" of a Chinese Windows, and the message then says
/// how to save it as UTF-8.
///
/// # Errors
/// The file is neither UTF-8 nor UTF-16 with a byte-order mark.
pub fn model_text(bytes: &[u8]) -> Result<String, ModelProblem> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            let body = &bytes[bom..];
            if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(body) {
                return Ok(text.into_owned());
            }
            let (text, _) = encoding.decode_without_bom_handling(body);
            let offset = text.find('\u{FFFD}').unwrap_or(0);
            return Err(not_utf8(&text, line_at(&text, offset), false));
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let line = body[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            match encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(body) {
                Some(text) => Err(not_utf8(&text, line, true)),
                None => Err(not_utf8(&String::from_utf8_lossy(body), line, false)),
            }
        }
    }
}

fn not_utf8(text: &str, line: usize, gbk: bool) -> ModelProblem {
    let key = key_at_line(text, line).unwrap_or_else(|| WHOLE_FILE.to_string());
    ModelProblem::new(key, Some(line), ProblemKind::NotUtf8 { gbk })
}

/// The 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// What one line of a model file holds, as far as naming keys goes.
enum LineKind {
    /// `[a.b]` or `[[a.b]]` (an unclosed `[a.b` too): the table's path.
    Header(Vec<String>),
    /// `key = …` or `a.b = …`: the key's parts, relative to the table.
    Key(Vec<String>),
    /// A comment, a blank, or the inside of a multi-line value.
    Other,
}

fn line_kind(raw: &str) -> LineKind {
    let line = raw.trim().trim_start_matches('\u{feff}');
    let split = |s: &str| s.split('.').map(|p| p.trim().trim_matches(|c| c == '"' || c == '\'').to_string()).collect();
    if let Some(rest) = line.strip_prefix('[') {
        let rest = rest.trim_start_matches('[');
        let name = rest.split(']').next().unwrap_or(rest);
        return if name.trim().is_empty() { LineKind::Other } else { LineKind::Header(split(name)) };
    }
    if line.starts_with('#') {
        return LineKind::Other;
    }
    match line.split_once('=') {
        Some((lhs, _)) if !lhs.trim().is_empty() && !lhs.contains([',', '[', '{', '#']) => LineKind::Key(split(lhs)),
        _ => LineKind::Other,
    }
}

/// Where a dotted key is written in a model file: the `key =` line inside its `[table]`
/// (or a dotted `a.b = …` line), else the table header itself. Best effort: None if not found.
pub(crate) fn line_of_key(text: &str, dotted: &str) -> Option<usize> {
    let parts: Vec<&str> = dotted.split('.').collect();
    let same = |key: &[String]| key.len() == parts.len() && key.iter().zip(&parts).all(|(a, b)| a == b);
    let mut section: Vec<String> = Vec::new();
    let mut header_line = None;
    for (n, raw) in text.lines().enumerate() {
        match line_kind(raw) {
            LineKind::Header(name) => {
                if same(&name) {
                    header_line = header_line.or(Some(n + 1));
                }
                section = name;
            }
            LineKind::Key(lhs) => {
                let mut key = section.clone();
                key.extend(lhs);
                if same(&key) {
                    return Some(n + 1);
                }
            }
            LineKind::Other => {}
        }
    }
    header_line
}

/// The line of a key the user wrote, or of the nearest table around it that is written (a key
/// inside an inline table `a = { b = 1 }` is found at `a`).
fn line_near_key(text: &str, dotted: &str) -> Option<usize> {
    let mut key = dotted;
    loop {
        if let Some(line) = line_of_key(text, key) {
            return Some(line);
        }
        key = key.rsplit_once('.')?.0;
    }
}

/// The dotted key a line names: the key written on it (with its table), the header's table, or
/// the table the line is in. None before the first table on a line with no key.
fn key_at_line(text: &str, line: usize) -> Option<String> {
    let mut section: Vec<String> = Vec::new();
    for (n, raw) in text.lines().enumerate().take(line) {
        let kind = line_kind(raw);
        if n + 1 == line {
            if let LineKind::Key(lhs) = kind {
                section.extend(lhs);
                return Some(section.join("."));
            }
        }
        if let LineKind::Header(name) = kind {
            section = name;
        }
    }
    (!section.is_empty()).then(|| section.join("."))
}

#[cfg(test)]
mod tests;

/// FNV-1a, 64 bits: a stable short fingerprint of a model's text for the audit trail (the
/// report's Model tab and document properties).
pub fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

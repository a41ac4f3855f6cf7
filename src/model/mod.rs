//! The model: every weight, line, ratio, word list and column alias kascore uses.
//!
//! Pure: the caller reads the file; this module parses and validates text. The default model is
//! `templates/default.toml`, embedded in the binary and printed verbatim by `kascore model`.
//!
//! A team's model may leave keys out (they fall back to the default); an unknown key, a wrong
//! type or an out-of-range value is an error naming the key and its line, all reported at once.

mod validate;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::field::Field;

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
    pub capacity: Capacity,
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

/// One problem with a model file: the key, its line (when found) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelProblem {
    pub key: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ModelProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: `{}`: {}", self.key, self.message),
            None => write!(f, "`{}`: {}", self.key, self.message),
        }
    }
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
        let user: toml::Table = toml::from_str(text).map_err(|e| {
            vec![ModelProblem {
                key: String::new(),
                line: e.span().map(|s| line_at(text, s.start)),
                message: e.message().trim().to_string(),
            }]
        })?;
        let mut merged: toml::Table = toml::from_str(DEFAULT_MODEL)
            .map_err(|e| vec![ModelProblem { key: "(embedded default)".into(), line: None, message: e.to_string() }])?;
        let mut problems = Vec::new();
        merge(&mut merged, user, "", text, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        let model: Model = toml::Value::Table(merged).try_into().map_err(|e: toml::de::Error| {
            let message = e.message().trim().to_string();
            let key = e_key(&message);
            vec![ModelProblem {
                line: key.as_deref().and_then(|k| line_of_key(text, k)),
                key: key.unwrap_or_default(),
                message,
            }]
        })?;
        let problems = validate::validate(&model);
        if problems.is_empty() {
            Ok(model)
        } else {
            Err(problems
                .into_iter()
                .map(|(key, message)| ModelProblem { line: line_of_key(text, &key), key, message })
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
const OPEN_TABLES: &[&str] =
    &["input.currency_rates", "score.credit.agency", "score.credit.letter", "score.credit.words"];

/// Deep-merge the user's table over the default; report keys the default does not have.
fn merge(base: &mut toml::Table, user: toml::Table, path: &str, text: &str, problems: &mut Vec<ModelProblem>) {
    for (key, value) in user {
        let full = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(u)) => merge(b, u, &full, text, problems),
            (Some(slot), value) => match same_type(slot, value) {
                Ok(value) => *slot = value,
                Err(expected) => problems.push(ModelProblem {
                    line: line_of_key(text, &full),
                    message: format!("wrong type: expected {expected}, as in `kascore model`"),
                    key: full,
                }),
            },
            (None, value) if OPEN_TABLES.contains(&path) => {
                base.insert(key, value);
            }
            (None, _) => problems.push(ModelProblem {
                line: line_of_key(text, &full),
                message: format!(
                    "unknown key; compare with `kascore model` (known keys here: {})",
                    base.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
                key: full,
            }),
        }
    }
}

/// The user's value if it has the default's type (an integer where a number is expected is
/// fine); else the name of the expected type.
fn same_type(default: &toml::Value, user: toml::Value) -> Result<toml::Value, &'static str> {
    use toml::Value as V;
    match (default, user) {
        (V::Float(_), V::Integer(i)) => Ok(V::Float(i as f64)),
        // capability_line: "median" or a number.
        (V::String(_), V::Integer(i)) => Ok(V::Float(i as f64)),
        (V::String(_), u @ V::Float(_)) => Ok(u),
        (V::Array(d), V::Array(u)) => match d.first() {
            Some(first) => u.into_iter().map(|v| same_type(first, v)).collect::<Result<Vec<_>, _>>().map(V::Array),
            None => Ok(V::Array(u)),
        },
        (d, u) if std::mem::discriminant(d) == std::mem::discriminant(&u) => Ok(u),
        (d, _) => Err(match d {
            V::String(_) => "text in quotes",
            V::Integer(_) => "a whole number",
            V::Float(_) => "a number",
            V::Boolean(_) => "true or false",
            V::Array(_) => "a list [ … ]",
            V::Table(_) => "a table",
            V::Datetime(_) => "a date",
        }),
    }
}

/// The key named in a serde message such as "... for key `score.weights.fit`".
fn e_key(message: &str) -> Option<String> {
    let start = message.find("key `")? + 5;
    let end = message[start..].find('`')? + start;
    Some(message[start..end].to_string())
}

/// The 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Where a dotted key is written in a model file: the `key =` line inside its `[table]`
/// (or a dotted `a.b = …` line), else the table header itself. Best effort: None if not found.
pub(crate) fn line_of_key(text: &str, dotted: &str) -> Option<usize> {
    let parts: Vec<&str> = dotted.split('.').collect();
    let mut section: Vec<String> = Vec::new();
    let mut header_line = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name
                .trim_matches(|c| c == '[' || c == ']')
                .split('.')
                .map(|s| s.trim().trim_matches('"').to_string())
                .collect();
            if section.len() == parts.len() && section.iter().zip(&parts).all(|(a, b)| a == b) {
                header_line = header_line.or(Some(n + 1));
            }
            continue;
        }
        let Some((lhs, _)) = line.split_once('=') else {
            continue;
        };
        let mut key: Vec<String> = section.clone();
        key.extend(lhs.split('.').map(|s| s.trim().trim_matches('"').to_string()));
        if key.len() == parts.len() && key.iter().zip(&parts).all(|(a, b)| a == b) {
            return Some(n + 1);
        }
    }
    header_line
}

#[cfg(test)]
mod tests;

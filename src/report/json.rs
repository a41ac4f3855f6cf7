//! The machine-readable summary (`--json`, SPEC §6a). Field names are a stable contract,
//! documented in the README.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::evaluate::Evaluation;
use crate::model::Model;
use crate::pipeline::Loaded;
use crate::reconcile::Reconciliation;
use crate::score::{Factor, Grade};
use crate::Lang;

#[derive(Debug, Serialize)]
pub struct Summary {
    pub as_of: NaiveDate,
    pub tool_version: &'static str,
    pub inputs: Vec<InputJson>,
    pub reconciliation: Reconciliation,
    pub counts: Counts,
    pub accounts: Vec<AccountJson>,
    pub issues: Vec<IssueJson>,
    /// Only with `--previous`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<ChangeJson>>,
}

#[derive(Debug, Serialize)]
pub struct ChangeJson {
    pub id: String,
    pub name: String,
    /// null for a new account.
    pub from: Option<&'static str>,
    /// null for an account that is gone.
    pub to: Option<&'static str>,
    pub movement: crate::changes::Movement,
    pub score_delta: Option<f64>,
    pub close_shift_days: Option<i64>,
    pub flags_raised: Vec<&'static str>,
    pub flags_cleared: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct InputJson {
    pub path: String,
    pub sheets: Vec<SheetJson>,
}

#[derive(Debug, Serialize)]
pub struct SheetJson {
    pub name: String,
    /// 1-based; null when the sheet was skipped (see issues).
    pub header_row: Option<u32>,
    pub rows: u64,
    /// "accounts" for a sheet read; null when the sheet was skipped.
    pub kind: Option<&'static str>,
    /// Header text → the field it was read as, in column order.
    pub columns: ColumnMap,
    /// Header cells not used.
    pub unused: Vec<String>,
}

/// Header text → field key, serialised as one JSON object in column order.
#[derive(Debug)]
pub struct ColumnMap(pub Vec<(String, &'static str)>);

impl Serialize for ColumnMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (header, field) in &self.0 {
            map.serialize_entry(header, field)?;
        }
        map.end()
    }
}

#[derive(Debug, Default, Serialize)]
pub struct Counts {
    #[serde(rename = "A")]
    pub a: u64,
    #[serde(rename = "B")]
    pub b: u64,
    #[serde(rename = "C")]
    pub c: u64,
    #[serde(rename = "D")]
    pub d: u64,
    pub needs_info: u64,
}

#[derive(Debug, Serialize)]
pub struct AccountJson {
    pub id: String,
    pub name: String,
    pub grade: &'static str,
    pub score: f64,
    /// Points per factor; null when unknown.
    pub factors: BTreeMap<&'static str, Option<f64>>,
    pub quadrant: &'static str,
    pub flags: Vec<&'static str>,
    pub reason: String,
    pub source: SourceJson,
}

#[derive(Debug, Serialize)]
pub struct SourceJson {
    pub file: String,
    pub sheet: String,
    /// As Excel shows it (1-based).
    pub row: u32,
}

#[derive(Debug, Serialize)]
pub struct IssueJson {
    pub file: String,
    pub sheet: Option<String>,
    pub cell: String,
    pub field: Option<&'static str>,
    pub severity: crate::issue::Severity,
    pub raw: String,
    pub message: String,
    /// Cells with this same problem (same sheet, column, kind and value): 1 unless repeated.
    pub count: u64,
    /// The first of those cells ("M2", "M3" …), the issue's own first.
    pub cells: Vec<String>,
}

/// Build the summary.
pub fn build(
    loaded: &Loaded,
    eval: &Evaluation,
    model: &Model,
    lang: Lang,
    changes: Option<&[crate::changes::Change]>,
) -> Summary {
    let count = |g: Grade| eval.count(g) as u64;
    let counts = Counts {
        a: count(Grade::A),
        b: count(Grade::B),
        c: count(Grade::C),
        d: count(Grade::D),
        needs_info: count(Grade::NeedsInfo),
    };
    let inputs = loaded
        .inputs
        .iter()
        .map(|i| InputJson {
            path: i.file.display.to_string(),
            sheets: i
                .sheets
                .iter()
                .map(|s| SheetJson {
                    name: s.name.to_string(),
                    header_row: s.header_row,
                    rows: s.rows,
                    kind: s.header_row.map(|_| "accounts"),
                    columns: ColumnMap(s.columns.iter().map(|(_, t, f)| (t.clone(), f.key())).collect()),
                    unused: s.unused.iter().map(|(_, t)| t.clone()).collect(),
                })
                .collect(),
        })
        .collect();
    let accounts = loaded
        .accounts
        .iter()
        .zip(&eval.scored)
        .map(|(r, s)| AccountJson {
            id: r.account.key.as_str().to_string(),
            name: r.account.name.to_string(),
            grade: s.grade.key(),
            score: s.score,
            factors: Factor::ALL.iter().zip(s.points()).map(|(f, p)| (f.key(), p)).collect(),
            quadrant: s.quadrant.key(),
            flags: s.flags.iter().map(|f| f.key()).collect(),
            reason: s.reason(model, lang),
            source: SourceJson {
                file: r.source.sheet.at.file.to_string(),
                sheet: r.source.sheet.at.sheet.to_string(),
                row: r.source.row + 1,
            },
        })
        .collect();
    let issues = loaded
        .issues
        .iter()
        .map(|i| IssueJson {
            file: i.at.file.to_string(),
            sheet: i.at.sheet.as_deref().map(str::to_string),
            cell: i.at.cell_ref(),
            field: i.field.map(|f| f.key()),
            severity: i.severity,
            raw: i.raw.clone(),
            message: i.message(lang),
            count: i.count,
            cells: std::iter::once(i.at.cell_ref())
                .filter(|c| !c.is_empty())
                .chain(i.more.iter().map(|&(r, c)| crate::provenance::Pos::new(r, c).to_string()))
                .collect(),
        })
        .collect();
    Summary {
        as_of: eval.as_of,
        tool_version: crate::VERSION,
        inputs,
        reconciliation: eval.reconciliation,
        counts,
        accounts,
        issues,
        changes: changes.map(|cs| {
            cs.iter()
                .map(|c| ChangeJson {
                    id: c.key.clone(),
                    name: c.name.clone(),
                    from: c.from.map(Grade::key),
                    to: c.to.map(Grade::key),
                    movement: c.movement,
                    score_delta: c.score_delta(),
                    close_shift_days: c.close_shift_days,
                    flags_raised: c.flags_raised.iter().map(|f| f.key()).collect(),
                    flags_cleared: c.flags_cleared.iter().map(|f| f.key()).collect(),
                })
                .collect()
        }),
    }
}

/// The summary as pretty JSON with a final newline.
pub fn to_bytes(summary: &Summary) -> Vec<u8> {
    // Serialising plain structs of strings and numbers cannot fail (no maps with non-string
    // keys, no custom serialisers); an empty object stands in if it ever did.
    let mut bytes = serde_json::to_vec_pretty(summary).unwrap_or_else(|_| b"{}".to_vec());
    bytes.push(b'\n');
    bytes
}

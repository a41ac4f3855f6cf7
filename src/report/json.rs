//! The machine-readable summary (`--json`, SPEC §6a). Field names are a stable contract,
//! documented in the README.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::evaluate::Evaluation;
use crate::ingest::Record;
use crate::model::Model;
use crate::pipeline::Loaded;
use crate::reconcile::Reconciliation;
use crate::score::{Factor, Grade, Scored};
use crate::Lang;

#[derive(Debug, Serialize)]
pub struct Summary {
    pub as_of: NaiveDate,
    pub tool_version: &'static str,
    pub inputs: Vec<InputJson>,
    pub reconciliation: Reconciliation,
    pub counts: Counts,
    pub accounts: Vec<AccountJson>,
    /// The plan per owner (客户经理), the most hours first.
    pub owners: Vec<OwnerJson>,
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
    /// Factor key → now − then of its points, for the factors whose points moved; null when
    /// there is nothing to compare (new, gone, or last month's report did not keep the points).
    pub factors_moved: Option<FactorMap>,
    /// Now − then of the receivables balance; null when unknown both times or not compared.
    pub receivables_delta: Option<f64>,
}

/// Factor key → number, serialised as one JSON object in factor order.
#[derive(Debug)]
pub struct FactorMap(pub Vec<(Factor, f64)>);

impl Serialize for FactorMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (f, v) in &self.0 {
            map.serialize_entry(f.key(), v)?;
        }
        map.end()
    }
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
    /// accounts, opportunities, receivables, orders, payments or promises; null when the sheet
    /// was skipped.
    pub kind: Option<&'static str>,
    /// The accounts its rows went to.
    pub accounts: u64,
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
    pub won: u64,
    pub lost: u64,
}

#[derive(Debug, Serialize)]
pub struct AccountJson {
    pub id: String,
    pub name: String,
    /// prospect, won or lost.
    pub status: crate::score::Status,
    /// A–D or needs_info; null for won and lost accounts.
    pub grade: Option<&'static str>,
    pub score: f64,
    /// Points per factor; null when unknown.
    pub factors: BTreeMap<&'static str, Option<f64>>,
    pub quadrant: &'static str,
    pub flags: Vec<&'static str>,
    pub reason: String,
    pub source: SourceJson,
    pub owner: Option<String>,
    /// The canonical stage key; won or lost for a won or lost account.
    pub stage: Option<&'static str>,
    pub deal_value: Option<f64>,
    pub expected_close: Option<NaiveDate>,
    pub open_deals: u32,
    pub receivables: Option<ReceivablesJson>,
    pub allocation: AllocationJson,
    pub value: Option<ValueJson>,
    pub promises: Option<PromisesJson>,
}

#[derive(Debug, Serialize)]
pub struct ReceivablesJson {
    pub balance: f64,
    pub current: f64,
    pub overdue: f64,
    pub overdue_days: u32,
    pub buckets: BTreeMap<&'static str, f64>,
    pub due_30: f64,
    pub due_60: f64,
    pub due_90: f64,
    pub provision: f64,
    pub credit_limit: Option<f64>,
    pub risk: crate::receivables::Level,
    pub risk_rule: &'static str,
}

#[derive(Debug, Serialize)]
pub struct OwnerJson {
    /// Empty when the accounts name no owner.
    pub owner: String,
    pub accounts: u64,
    pub hours: f64,
    pub fte: f64,
    pub money: f64,
    /// Hours ÷ an even share of the team's hours; null without capacity.
    pub load: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct AllocationJson {
    pub hours: f64,
    pub fte: f64,
    pub money: f64,
}

#[derive(Debug, Serialize)]
pub struct ValueJson {
    pub recency_days: i64,
    pub frequency: u32,
    pub monetary: f64,
    pub margin: Option<f64>,
    pub rfm: String,
    pub segment: crate::value::Segment,
}

#[derive(Debug, Serialize)]
pub struct PromisesJson {
    pub made: u32,
    pub kept: u32,
    pub open: u32,
    pub broken: u32,
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
        won: count(Grade::Won),
        lost: count(Grade::Lost),
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
                    kind: s.header_row.map(|_| s.kind.key()),
                    accounts: s.accounts,
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
        .enumerate()
        .map(|(i, (r, s))| account(r, s, eval, model, lang, i))
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
        owners: eval
            .owners
            .iter()
            .map(|o| OwnerJson {
                owner: o.owner.clone(),
                accounts: o.accounts as u64,
                hours: crate::numfmt::round(o.hours, 2),
                fte: crate::numfmt::round(o.fte, 4),
                money: crate::numfmt::round(o.money, 2),
                load: o.load.map(|l| crate::numfmt::round(l, 4)),
            })
            .collect(),
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
                    factors_moved: c.factors_moved.clone().map(FactorMap),
                    receivables_delta: c.receivables_delta,
                })
                .collect()
        }),
    }
}

/// One account's entry.
fn account(r: &Record, s: &Scored, eval: &Evaluation, model: &Model, lang: Lang, index: usize) -> AccountJson {
    let a = &r.account;
    let status = crate::score::Status::of(r);
    let open = crate::score::has_open_deal(r);
    let cents = |v: f64| crate::numfmt::round(v, 2);
    let receivables = crate::receivables::position(r, s, model).map(|p| ReceivablesJson {
        balance: cents(p.balance),
        current: cents(p.buckets[0]),
        overdue: cents(p.overdue),
        overdue_days: p.overdue_days,
        buckets: ["1-30", "31-60", "61-90", "91-180", ">180"]
            .into_iter()
            .zip(p.buckets[1..].iter().map(|b| cents(*b)))
            .collect(),
        due_30: cents(p.due[0]),
        due_60: cents(p.due[1]),
        due_90: cents(p.due[2]),
        provision: cents(p.provision),
        credit_limit: p.credit_limit,
        risk: p.level,
        risk_rule: p.rule.get(lang),
    });
    let share = eval.allocation.share(&crate::evaluate::member(r, s, &model.allocation.grade_weights));
    let allocation = match share {
        Some(sh) => AllocationJson {
            hours: crate::numfmt::round(sh.hours, 2),
            fte: crate::numfmt::round(sh.fte, 4),
            money: crate::numfmt::round(sh.money, 2),
        },
        None => AllocationJson { hours: 0.0, fte: 0.0, money: 0.0 },
    };
    AccountJson {
        id: a.key.as_str().to_string(),
        name: a.name.to_string(),
        status,
        grade: s.grade.prospect().then(|| s.grade.key()),
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
        owner: a.owner.as_deref().map(str::to_string),
        stage: crate::changes::stage_key(r),
        deal_value: if open { a.deal() } else { None },
        expected_close: if open { a.expected_close() } else { None },
        open_deals: super::view::count_open_deals(r),
        receivables,
        allocation,
        value: eval.value(index).map(|v| ValueJson {
            recency_days: v.recency_days,
            frequency: v.frequency,
            monetary: v.monetary,
            margin: v.margin,
            rfm: v.rfm(),
            segment: v.segment,
        }),
        promises: r.rollup().and_then(|x| x.promises.as_ref()).map(|p| PromisesJson {
            made: p.made,
            kept: p.kept,
            open: p.open,
            broken: p.broken,
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

//! Score: every account against the model — eight factors, intent checks, grade, quadrant and
//! flags — with a one-line reason a sales director can check by hand.
//!
//! Pure: the model and the as-of date are arguments. Rows are scored in parallel with rayon;
//! the output keeps the input order.

pub mod factors;
pub mod flags;
pub mod intent;
pub mod quadrant;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::ingest::{Record, Stage};
use crate::model::Model;
use crate::numfmt::{round, score_text, shown};
use crate::Lang;
pub use factors::Factor;
pub use flags::{Flag, FlagKind, FlagSet};
pub use intent::Intent;
pub use quadrant::Quadrant;

/// A grade, "needs information", or — for an account that is not a prospect (SPEC §3.3) —
/// won (a customer) or lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
    #[serde(rename = "needs_info")]
    NeedsInfo,
    #[serde(rename = "won")]
    Won,
    #[serde(rename = "lost")]
    Lost,
}

/// What an account is to the team (SPEC §3.3): a prospect being developed, a customer whose
/// deals are all won, or lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Prospect,
    Won,
    Lost,
}

impl Status {
    /// An account's status: with deals, prospect while any is open, else won when any was won,
    /// else lost; without deals, its stage (已成交, 已流失) or a prospect.
    pub fn of(r: &Record) -> Status {
        let stage = r.account.stage();
        match r.rollup().and_then(|x| x.deals.as_ref()) {
            Some(d) if d.open > 0 => Status::Prospect,
            Some(d) if d.won > 0 || stage == Some(Stage::Won) => Status::Won,
            Some(d) if d.lost > 0 => Status::Lost,
            _ => match stage {
                Some(Stage::Won) => Status::Won,
                Some(Stage::Lost) => Status::Lost,
                _ => Status::Prospect,
            },
        }
    }
}

/// Whether the account has an open deal: an open opportunity, or — without opportunity rows —
/// its accounts row's own deal (a deal value, an expected close or an open stage). A flag about
/// a deal needs one (SPEC §3.5).
pub fn has_open_deal(r: &Record) -> bool {
    match r.rollup().and_then(|x| x.deals.as_ref()) {
        Some(d) => d.open > 0,
        None => {
            let a = &r.account;
            !matches!(a.stage(), Some(Stage::Won | Stage::Lost))
                && (a.has(crate::field::Field::DealValue)
                    || a.has(crate::field::Field::ExpectedClose)
                    || a.stage().is_some())
        }
    }
}

impl Grade {
    pub const ALL: [Grade; 7] = [Grade::A, Grade::B, Grade::C, Grade::D, Grade::NeedsInfo, Grade::Won, Grade::Lost];

    /// The JSON value.
    pub fn key(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::NeedsInfo => "needs_info",
            Grade::Won => "won",
            Grade::Lost => "lost",
        }
    }

    /// Whether this is a grade of a prospect (A–D or needs information).
    pub fn prospect(self) -> bool {
        !matches!(self, Grade::Won | Grade::Lost)
    }

    /// The action of seed 004 for this grade.
    pub fn action(self, lang: Lang) -> &'static str {
        self.action_text().get(lang)
    }

    /// The action in both languages, from the label table.
    pub fn action_text(self) -> crate::labels::Text {
        use crate::labels;
        match self {
            Grade::A => labels::ACTION_A,
            Grade::B => labels::ACTION_B,
            Grade::C => labels::ACTION_C,
            Grade::D => labels::ACTION_D,
            Grade::NeedsInfo => labels::ACTION_NEEDS_INFO,
            Grade::Won => labels::ACTION_WON,
            Grade::Lost => labels::ACTION_LOST,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Grade::NeedsInfo => crate::labels::GRADE_NEEDS_INFO.get(lang),
            Grade::Won => crate::labels::GRADE_WON.get(lang),
            Grade::Lost => crate::labels::GRADE_LOST.get(lang),
            g => g.key(),
        }
    }
}

/// The result of scoring one account.
#[derive(Debug, Clone)]
pub struct Scored {
    /// Each factor's points, NaN when unknown (see [`Scored::points`]): a quarter of the size
    /// of `Option<f64>`s, over a million accounts. The score is summed in f64 before they are
    /// stored; f32 keeps 7 digits, more than the 6 decimals they are shown with.
    points: [f32; 8],
    /// The total of the known points (float noise below 1e-6 removed). Grades compare
    /// [`shown`]`(score)`, the two-decimal score the cell and the reason show.
    pub score: f64,
    pub grade: Grade,
    pub intent: Intent,
    pub flags: FlagSet,
    pub quadrant: Quadrant,
    /// Days from the as-of date to the expected close; None when missing or already passed.
    pub days_to_close: Option<i64>,
    /// The payment-term days under the model ([`factors::effective_days`]), for receivables.
    pub terms_days: Option<u32>,
}

impl Scored {
    /// Each factor's points to 6 decimals, in [`Factor::ALL`] order; None when unknown (counts
    /// 0 in the score).
    pub fn points(&self) -> [Option<f64>; 8] {
        self.points.map(|p| (!p.is_nan()).then(|| round(f64::from(p), 6)))
    }

    pub fn unknown(&self) -> Vec<Factor> {
        Factor::ALL.iter().zip(&self.points).filter(|(_, p)| p.is_nan()).map(|(f, _)| *f).collect()
    }

    pub fn has(&self, kind: FlagKind) -> bool {
        self.flags.contains(kind)
    }

    /// The one-line reason: "17.50 ≥ 17；45天内成交；决策人不明 → B". It names what decided the
    /// grade and what would change it (SPEC §3.3 "Reasons that help"): for D how far below the
    /// pass line and the two factors that lost the most points; for B what holds it back from A
    /// (the score short of the A line, the failed intent checks and weak credit, a close date
    /// beyond the A horizon); for C the close date that keeps it from B.
    ///
    /// The score is shown as its cell shows it ([`score_text`]) and compared as the grade
    /// compares it ([`shown`]): a score of 14.997927 reads "15.00 ≥ 15", as its cell reads 15.00
    /// and as it was graded.
    pub fn reason(&self, model: &Model, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let g = &model.grades;
        let sep = if zh { "；" } else { "; " };
        let text = score_text(self.score);
        let score = shown(self.score);
        let mut parts = Vec::new();
        if self.grade == Grade::NeedsInfo {
            let missing: Vec<&str> = self.unknown().iter().map(|f| f.label(lang)).collect();
            parts.push(if zh {
                format!("{} 项因素未知（{}）", missing.len(), missing.join("、"))
            } else {
                format!("{} factors unknown ({})", missing.len(), missing.join(", "))
            });
        } else if score < g.pass_line {
            parts.push(format!("{text} < {}", line_text(g.pass_line)));
            if self.grade == Grade::D {
                parts.extend(self.d_parts(model, lang));
            }
        } else if score >= g.a_line {
            parts.push(format!("{text} ≥ {}", line_text(g.a_line)));
        } else {
            parts.push(format!("{text} ≥ {}", line_text(g.pass_line)));
            if self.grade == Grade::B {
                let gap = score_text(g.a_line - score);
                parts.push(if zh { format!("差 {gap} 分到 A") } else { format!("{gap} short of A") });
            }
        }
        if self.grade != Grade::NeedsInfo && score >= g.pass_line {
            // The close date; beyond the horizon of the grade above it is what holds it back.
            let above = match self.grade {
                Grade::B => Some(("A", g.a_horizon_days)),
                Grade::C => Some(("B", g.b_horizon_days)),
                _ => None,
            };
            parts.push(match (self.days_to_close, above) {
                (Some(d), Some((up, h))) if d > i64::from(h) => {
                    if zh {
                        format!("{d} 天后成交（{up} 需 {h} 天内）")
                    } else {
                        format!("closes in {d} days ({up} needs {h} or fewer)")
                    }
                }
                (Some(d), _) if zh => format!("{d}天内成交"),
                (Some(d), _) => format!("closes in {d} days"),
                (None, _) if self.has(FlagKind::CloseDatePassed) => {
                    (if zh { "成交日已过" } else { "close date passed" }).into()
                }
                (None, _) => (if zh { "成交日期未知" } else { "close date unknown" }).into(),
            });
            // What A needs besides the score and the close date: the four intent checks and no
            // weak credit. A B names them always, a C that scores an A as today.
            if self.grade == Grade::B || (self.grade == Grade::C && score >= g.a_line) {
                parts.extend(self.a_blockers().into_iter().map(|f| f.label(lang).to_string()));
            } else if !self.grade.prospect() && score >= g.a_line {
                // Won and lost: their flags of the kinds that hold back an A, as before v2.
                for f in self.flags.iter() {
                    if matches!(
                        f,
                        FlagKind::WeakCredit
                            | FlagKind::VagueBudget
                            | FlagKind::NeedUnconfirmed
                            | FlagKind::DecisionMakerUnclear
                            | FlagKind::NoTimeline
                    ) {
                        parts.push(f.label(lang).to_string());
                    }
                }
            }
            let unknown = self.unknown();
            if !unknown.is_empty() {
                let names: Vec<&str> = unknown.iter().map(|f| f.label(lang)).collect();
                parts.push(if zh {
                    format!("未知：{}", names.join("、"))
                } else {
                    format!("unknown: {}", names.join(", "))
                });
            }
        }
        if self.has(FlagKind::PromiseBroken) {
            // Seed 003: a broken promise costs trust, whatever the grade.
            parts.push(FlagKind::PromiseBroken.label(lang).to_string());
        }
        format!("{} → {}", parts.join(sep), self.grade.label(lang))
    }

    /// A D's reason after its score: how far below the pass line, and the two factors that
    /// lost the most points with their points and maximum.
    fn d_parts(&self, model: &Model, lang: Lang) -> Vec<String> {
        let zh = lang == Lang::Zh;
        let gap = score_text(model.grades.pass_line - shown(self.score));
        let mut parts = vec![if zh { format!("差 {gap} 分及格") } else { format!("{gap} short of passing") }];
        let lost: Vec<String> = self
            .most_lost(model, 2)
            .into_iter()
            .map(|(f, p, max)| format!("{} {}/{}", f.label(lang), score_text(p), score_text(max)))
            .collect();
        if !lost.is_empty() {
            parts.push(if zh {
                format!("失分最多：{}", lost.join("、"))
            } else {
                format!("most points lost: {}", lost.join(", "))
            });
        }
        parts
    }

    /// What keeps a passing score from A besides the score and the close date, as flags in
    /// flag order: weak credit, then each failed intent check (vague budget, need unconfirmed,
    /// decision maker unclear, no timeline).
    pub fn a_blockers(&self) -> Vec<FlagKind> {
        let i = &self.intent;
        [
            (FlagKind::WeakCredit, self.has(FlagKind::WeakCredit)),
            (FlagKind::VagueBudget, !i.budget_clear),
            (FlagKind::NeedUnconfirmed, !i.need_consensus),
            (FlagKind::DecisionMakerUnclear, !i.decision_maker),
            (FlagKind::NoTimeline, !i.timeline),
        ]
        .into_iter()
        .filter_map(|(f, blocks)| blocks.then_some(f))
        .collect()
    }

    /// The `n` factors that lost the most points, with their points (0 when unknown) and their
    /// maximum: ties go to the earlier factor of the model; a factor that lost nothing is left
    /// out.
    pub fn most_lost(&self, model: &Model, n: usize) -> Vec<(Factor, f64, f64)> {
        let weights = model.weights();
        let total_w: f64 = weights.iter().sum();
        let mut lost: Vec<(Factor, f64, f64)> = Factor::ALL
            .iter()
            .zip(self.points())
            .zip(weights)
            .map(|((f, p), w)| {
                let max = if total_w > 0.0 { round(w / total_w * model.score.total_points, 6) } else { 0.0 };
                (*f, p.unwrap_or(0.0), max)
            })
            .filter(|(_, p, max)| round(max - p, 6) > 0.0)
            .collect();
        // Stable: equal losses keep the factor order.
        lost.sort_by(|a, b| round(b.2 - b.1, 6).total_cmp(&round(a.2 - a.1, 6)));
        lost.truncate(n);
        lost
    }
}

/// A grade line in a reason, as the model states it: "15", "17", "17.5".
fn line_text(v: f64) -> String {
    format!("{}", round(v, 6))
}

/// Score one account: factor points, checks, flags, grade. The quadrant is set by the caller
/// (it needs the whole run's capability line).
pub fn score_one(rec: &Record, model: &Model, as_of: NaiveDate) -> Scored {
    let acc = &rec.account;
    let weights = model.weights();
    let total_w: f64 = weights.iter().sum();
    let promises = rec.rollup().and_then(|r| r.promises.as_deref());
    let fractions = factors::fractions_with(acc, promises, model);
    let mut points = [None; 8];
    for i in 0..8 {
        points[i] = fractions[i].map(|f| f * weights[i] / total_w * model.score.total_points);
    }
    let score = round(points.iter().flatten().sum(), 6);
    let intent = intent::check(acc, model);
    let flags = flags::flags(rec, &intent, model, as_of);
    let status = Status::of(rec);
    let days_to_close = acc.expected_close().map(|c| (c - as_of).num_days()).filter(|d| *d >= 0);
    let unknown = points.iter().filter(|p| p.is_none()).count();
    let g = &model.grades;
    let weak = flags.contains(FlagKind::WeakCredit);
    // Graded as shown: the two-decimal score of the cell and the reason.
    let graded = shown(score);
    let grade = if status == Status::Won {
        Grade::Won
    } else if status == Status::Lost {
        Grade::Lost
    } else if unknown > model.score.max_unknown_factors as usize {
        Grade::NeedsInfo
    } else if graded < g.pass_line {
        Grade::D
    } else if graded >= g.a_line
        && days_to_close.is_some_and(|d| d <= i64::from(g.a_horizon_days))
        && intent.all()
        && !weak
    {
        Grade::A
    } else if days_to_close.is_some_and(|d| d <= i64::from(g.b_horizon_days)) {
        Grade::B
    } else {
        Grade::C
    };
    let points = points.map(|p| p.map_or(f32::NAN, |p| p as f32));
    let terms_days = acc.payment_terms().and_then(|t| factors::effective_days(&t, model));
    Scored { points, score, grade, intent, flags, quadrant: Quadrant::Unclassified, days_to_close, terms_days }
}

/// Score every account in parallel, then place each in its quadrant against the run's
/// capability line (see [`quadrant::capability_line`]).
pub fn score_all(records: &[Record], model: &Model, as_of: NaiveDate, line: Option<f64>) -> Vec<Scored> {
    let mut scored: Vec<Scored> = records.par_iter().map(|r| score_one(r, model, as_of)).collect();
    for (s, r) in scored.iter_mut().zip(records) {
        s.quadrant = quadrant::place(r, line, model);
    }
    scored
}

#[cfg(test)]
mod tests;

//! Range checks on a parsed model: every problem, not just the first.

use std::collections::HashMap;

use super::{CapabilityLine, Model, Rule};
use crate::values::header::normalize_header;

/// (dotted key, rule broken) for every out-of-range value.
pub(super) fn validate(m: &Model) -> Vec<(String, Rule)> {
    let mut p = Vec::new();
    let mut fraction = |key: &str, v: f64| {
        if !(0.0..=1.0).contains(&v) {
            p.push((key.to_string(), Rule::Fraction { value: v }));
        }
    };
    let r = &m.score.relationship;
    fraction("score.relationship.promise_base", r.promise_base);
    fraction("score.relationship.broken_deduction", r.broken_deduction);
    fraction("score.relationship.max_deduction", r.max_deduction);
    for v in m.receivables.provision_rates {
        fraction("receivables.provision_rates", v);
    }
    fraction("score.need_budget.budget_only", m.score.need_budget.budget_only);
    fraction("score.need_budget.vague_budget", m.score.need_budget.vague_budget);
    let c = &m.score.credit;
    fraction("score.credit.base_without_rating", c.base_without_rating);
    fraction("score.credit.long_terms_deduction", c.long_terms_deduction);
    fraction("score.credit.credit_sale_deduction", c.credit_sale_deduction);
    fraction("score.credit.overdue_share_cap", c.overdue_share_cap);
    fraction("score.credit.overdue_days_deduction", c.overdue_days_deduction);
    for (table, map) in [("agency", &c.agency), ("letter", &c.letter), ("words", &c.words)] {
        for (k, v) in map {
            fraction(&format!("score.credit.{table}.{k}"), *v);
        }
    }
    fraction("score.financial.capital_below", m.score.financial.capital_below);
    fraction("score.financial.signal_bonus", m.score.financial.signal_bonus);
    for v in &m.score.financial.capital_fractions {
        fraction("score.financial.capital_fractions", *v);
    }
    fraction("score.relationship.insider_bonus", m.score.relationship.insider_bonus);
    for v in &m.score.timing.fractions {
        fraction("score.timing.fractions", *v);
    }
    fraction("score.timing.below", m.score.timing.below);
    fraction("quadrant.high_share", m.quadrant.high_share);
    fraction("flags.weak_overdue_share", m.flags.weak_overdue_share);

    if !(m.score.total_points > 0.0 && m.score.total_points <= 1000.0) {
        p.push(("score.total_points".into(), Rule::TotalPoints));
    }
    if m.score.max_unknown_factors > 8 {
        p.push(("score.max_unknown_factors".into(), Rule::MaxUnknownFactors));
    }
    let weights = m.weights();
    if weights.iter().any(|w| !(w.is_finite() && *w >= 0.0)) || weights.iter().sum::<f64>() <= 0.0 {
        p.push(("score.weights".into(), Rule::Weights));
    }
    let f = &m.score.financial;
    if f.capital_multiples.len() != f.capital_fractions.len() || !descending(&f.capital_multiples) {
        p.push((
            "score.financial.capital_multiples".into(),
            Rule::PairedDescending { other: "score.financial.capital_fractions" },
        ));
    }
    let t = &m.score.timing;
    let lead: Vec<f64> = t.lead_days.iter().map(|&d| f64::from(d)).collect();
    if t.lead_days.len() != t.fractions.len() || !descending(&lead) {
        p.push(("score.timing.lead_days".into(), Rule::PairedDescending { other: "score.timing.fractions" }));
    }
    let ratio = m.intent.max_budget_range_ratio;
    if ratio.is_nan() || ratio < 1.0 {
        p.push(("intent.max_budget_range_ratio".into(), Rule::BudgetRatio));
    }
    let g = &m.grades;
    if !(g.pass_line >= 0.0 && g.pass_line <= m.score.total_points) {
        p.push(("grades.pass_line".into(), Rule::PassLine { total: m.score.total_points }));
    }
    if !(g.a_line >= g.pass_line && g.a_line <= m.score.total_points) {
        p.push(("grades.a_line".into(), Rule::ALine));
    }
    if g.a_horizon_days > g.b_horizon_days {
        p.push(("grades.a_horizon_days".into(), Rule::HorizonOrder));
    }
    if let CapabilityLine::Fixed(v) = m.quadrant.capability_line {
        if !(v.is_finite() && v >= 0.0) {
            p.push(("quadrant.capability_line".into(), Rule::CapabilityLine));
        }
    }
    let r = &m.allocation.ratios;
    for (name, ratios) in [("attack", r.attack), ("defend", r.defend), ("maintain", r.maintain), ("abandon", r.abandon)]
    {
        if ratios.iter().any(|v| !(0.0..=10.0).contains(v)) {
            p.push((format!("allocation.ratios.{name}"), Rule::OutOfTen));
        }
    }
    let w = &m.allocation.grade_weights;
    for (name, v) in
        [("A", w.a), ("B", w.b), ("C", w.c), ("D", w.d), ("won", w.won), ("needs_info", w.needs_info), ("lost", w.lost)]
    {
        if !(v.is_finite() && v >= 0.0) {
            p.push((format!("allocation.grade_weights.{name}"), Rule::NotNegative));
        }
    }
    let cap = &m.allocation.capacity;
    for (name, v) in [("hours", cap.hours), ("people", cap.people), ("money", cap.money)] {
        if !(v.is_finite() && v >= 0.0) {
            p.push((format!("allocation.capacity.{name}"), Rule::NotNegative));
        }
    }
    if !m.score.credit.agency.contains_key(&m.flags.weak_agency_rating) {
        p.push(("flags.weak_agency_rating".into(), Rule::AgencyGrade));
    }
    if !(1.0..=5.0).contains(&m.flags.weak_integrity_rating) {
        p.push(("flags.weak_integrity_rating".into(), Rule::IntegrityRating));
    }
    for (code, rate) in &m.input.currency_rates {
        if !(rate.is_finite() && *rate > 0.0) {
            p.push((format!("input.currency_rates.{code}"), Rule::CurrencyRate));
        }
    }
    if !(1..=1000).contains(&m.input.header_scan_rows) {
        p.push(("input.header_scan_rows".into(), Rule::ScanRows));
    }
    if m.input.min_header_matches < 1 {
        p.push(("input.min_header_matches".into(), Rule::MinHeaderMatches));
    }
    // One spelling names one field.
    let mut seen: HashMap<String, crate::field::Field> = HashMap::new();
    for (field, aliases) in &m.columns {
        for alias in aliases {
            let norm = normalize_header(alias).text;
            if norm.is_empty() {
                p.push((format!("columns.{}", field.key()), Rule::EmptyAlias { alias: alias.clone() }));
            } else if let Some(other) = seen.insert(norm, *field) {
                if other != *field {
                    p.push((
                        format!("columns.{}", field.key()),
                        Rule::AliasClash { alias: alias.clone(), other: other.key().to_string() },
                    ));
                }
            }
        }
    }
    if !(m.value.expected_years.is_finite() && (0.0..=100.0).contains(&m.value.expected_years)) {
        p.push(("value.expected_years".into(), Rule::NotNegative));
    }
    if m.columns.get(&crate::field::Field::AccountName).is_none_or(|a| a.is_empty()) {
        p.push(("columns.account_name".into(), Rule::NoAccountAlias));
    }
    for kind in m.kind_columns.keys() {
        if crate::source::SourceKind::from_key(kind).is_none_or(|k| !k.is_line_item()) {
            p.push((format!("kind_columns.{kind}"), Rule::UnknownKind { kind: kind.clone() }));
        }
    }
    for key in m.stages.keys() {
        if !crate::source::STAGE_KEYS.contains(&key.as_str()) {
            p.push((format!("stages.{key}"), Rule::UnknownKind { kind: key.clone() }));
        }
    }
    for rule in &m.sources {
        if rule.pattern.trim().is_empty() {
            p.push(("sources.match".into(), Rule::EmptyPattern));
        }
        if let Some(kind) = rule.kind.as_deref().filter(|k| crate::source::SourceKind::from_key(k).is_none()) {
            p.push(("sources.kind".into(), Rule::UnknownKind { kind: kind.to_string() }));
        }
        for header in rule.columns.keys() {
            if normalize_header(header).text.is_empty() {
                p.push(("sources.columns".into(), Rule::EmptyAlias { alias: header.clone() }));
            }
        }
    }
    p
}

fn descending(v: &[f64]) -> bool {
    v.iter().all(|x| x.is_finite()) && v.windows(2).all(|w| w[0] > w[1])
}

//! Percent cells.

#[derive(Debug, Clone, PartialEq)]
pub enum PercentValue {
    /// A fraction: 35% → 0.35. May exceed 1 ("120%") — the caller decides what that means.
    Fraction(f64),
    Missing,
    Invalid(String),
}

/// A number from a numeric cell in a percent column: 0.35 → 0.35; 35 → 0.35 (a number > 1 is
/// a percent); 1 → 1.0; negative → Invalid.
pub fn percent_from_number(v: f64) -> PercentValue {
    todo!()
}

/// Text: "35%", "35 %", "３５％", "0.35", "35", "三成" (0.3), "三成五" (0.35), "百分之三十",
/// "约35%", "35%左右" (approx is dropped), "" / 待定 / "-" → Missing.
pub fn parse_percent(s: &str) -> PercentValue {
    todo!()
}

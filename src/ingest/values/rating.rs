//! 1–5 ratings typed by account managers.

/// What a rating cell said, before the column's scale is known.
#[derive(Debug, Clone, PartialEq)]
pub enum RatingValue {
    /// A plain number as typed (4, 4.5, 8, 85): its scale is decided per column.
    Number(f64),
    /// Already on the 1–5 scale: words (高/中/低, 强/中/弱, 好/一般/差 → 5/3/1; 很高/非常好/优 → 5,
    /// 较高/较好/良 → 4, 较低/较差 → 2, 很低/很差 → 1; high/medium/low, good/fair/poor), stars
    /// "★★★☆☆" → 3 (count ★ and ⭐; "☆" empty), "3星", "3分" (number + 分 is still Number).
    Scaled(f64),
    Missing,
    Invalid(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    OneToFive,
    ZeroToTen,
    ZeroToHundred,
}

pub fn parse_rating(s: &str) -> RatingValue {
    todo!()
}

/// A column's scale from the largest plain number seen in it: ≤ 5 → OneToFive, ≤ 10 →
/// ZeroToTen, ≤ 100 → ZeroToHundred; None above 100.
pub fn column_scale(max_number: f64) -> Option<Scale> {
    todo!()
}

/// A plain number to the 1–5 scale: OneToFive as is (must be within 0..=5, 0 → Invalid? no:
/// values < 1 → None); ZeroToTen: 1 + v/10*4; ZeroToHundred: 1 + v/100*4. None outside the
/// scale's range.
pub fn to_five(v: f64, scale: Scale) -> Option<f64> {
    todo!()
}

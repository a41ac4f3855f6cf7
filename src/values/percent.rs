//! Percent cells (pure, no I/O).
use super::text;

#[derive(Debug, Clone, PartialEq)]
pub enum PercentValue {
    /// A fraction: 35% → 0.35. May exceed 1 ("120%") — the caller decides what that means.
    Fraction(f64),
    Missing,
    Invalid(String),
}

/// A number from a numeric cell in a percent column: 0.35 → 0.35; 35 → 0.35 (a number > 1 is
/// a percent); 1 → 1.0; negative → Invalid. NaN and infinities → Invalid.
///
/// ```
/// use kascore::values::percent::{percent_from_number, PercentValue};
/// assert_eq!(percent_from_number(35.0), PercentValue::Fraction(0.35));
/// assert_eq!(percent_from_number(0.35), PercentValue::Fraction(0.35));
/// ```
pub fn percent_from_number(v: f64) -> PercentValue {
    if !v.is_finite() {
        PercentValue::Invalid(format!("not a number: {v}"))
    } else if v < 0.0 {
        PercentValue::Invalid(format!("negative percentage: {v}"))
    } else if v > 1.0 {
        PercentValue::Fraction(v / 100.0)
    } else {
        PercentValue::Fraction(v + 0.0)
    }
}

const HEDGE_PREFIXES: &[&str] = &[
    "大约",
    "约",
    "大概",
    "将近",
    "接近",
    "近",
    "超过",
    "不到",
    "不低于",
    "不超过",
    "至少",
    ">=",
    "<=",
    ">",
    "<",
    "≥",
    "≤",
    "≈",
    "~",
];
const HEDGE_SUFFIXES: &[&str] = &["左右", "上下", "以上", "以下", "以内", "多", "+"];

/// Text: "35%", "35 %", "３５％", "0.35", "35", "三成" (0.3), "三成五" (0.35), "百分之三十",
/// "约35%", "35%左右" (approx is dropped), "" / 待定 / "-" → Missing.
///
/// Also: "35‰" (0.035), "一半"/"半" (0.5), "3.5成", "一成半" (0.15). A plain number follows
/// [`percent_from_number`]. Negative values and ranges ("30%-40%") are Invalid.
///
/// ```
/// use kascore::values::percent::{parse_percent, PercentValue};
/// assert_eq!(parse_percent("３５％"), PercentValue::Fraction(0.35));
/// assert_eq!(parse_percent("三成五"), PercentValue::Fraction(0.35));
/// assert_eq!(parse_percent("待定"), PercentValue::Missing);
/// ```
pub fn parse_percent(s: &str) -> PercentValue {
    let c = text::clean(s);
    let t: &str = &c;
    if t.is_empty() || text::is_missing(t) {
        return PercentValue::Missing;
    }
    match fraction(strip_hedges(t)) {
        Some(v) if v < 0.0 => PercentValue::Invalid(format!("negative percentage: '{t}'")),
        Some(v) => PercentValue::Fraction(v),
        None => PercentValue::Invalid(format!("not a percentage: '{t}'")),
    }
}

fn strip_hedges(mut t: &str) -> &str {
    loop {
        let before = t.len();
        for p in HEDGE_PREFIXES {
            t = t.strip_prefix(p).unwrap_or(t).trim();
        }
        for p in HEDGE_SUFFIXES {
            t = t.strip_suffix(p).unwrap_or(t).trim();
        }
        if t.len() == before {
            return t;
        }
    }
}

fn fraction(t: &str) -> Option<f64> {
    if let Some(rest) = t.strip_prefix('-') {
        return fraction(rest.trim_start()).map(|v| -v);
    }
    if let Some(n) = t.strip_prefix("百分之") {
        return text::plain_decimal(n, -2).or_else(|| Some(text::chinese_number(n)? / 100.0));
    }
    if let Some(n) = t.strip_suffix('%') {
        return text::plain_decimal(n.trim_end(), -2);
    }
    if let Some(n) = t.strip_suffix('‰') {
        return text::plain_decimal(n.trim_end(), -3);
    }
    if let Some((a, b)) = t.split_once('成') {
        let a = text::any_number(a.trim())?;
        let b = match b.trim() {
            "" => 0.0,
            "半" => 5.0,
            d => text::any_number(d).filter(|d| *d < 10.0 && d.fract() == 0.0)?,
        };
        return (a <= 10.0).then_some((a * 10.0 + b) / 100.0);
    }
    if t == "半" || t == "一半" {
        return Some(0.5);
    }
    let v = text::any_number(t)?;
    if v > 1.0 {
        text::plain_decimal(t, -2).or(Some(v / 100.0))
    } else {
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn f(v: f64) -> PercentValue {
        PercentValue::Fraction(v)
    }

    #[rstest]
    #[case("35%", f(0.35))]
    #[case("35 %", f(0.35))]
    #[case("３５％", f(0.35))]
    #[case("35.5%", f(0.355))]
    #[case("33.3%", f(0.333))]
    #[case("0%", f(0.0))]
    #[case("100%", f(1.0))]
    #[case("120%", f(1.2))]
    #[case("0.35", f(0.35))]
    #[case("35", f(0.35))]
    #[case("1", f(1.0))]
    #[case("0", f(0.0))]
    #[case("12.5", f(0.125))]
    #[case(".5", f(0.5))]
    #[case("三成", f(0.3))]
    #[case("三成五", f(0.35))]
    #[case("3成", f(0.3))]
    #[case("3.5成", f(0.35))]
    #[case("一成半", f(0.15))]
    #[case("十成", f(1.0))]
    #[case("百分之三十", f(0.3))]
    #[case("百分之三十五", f(0.35))]
    #[case("百分之35", f(0.35))]
    #[case("约35%", f(0.35))]
    #[case("35%左右", f(0.35))]
    #[case("大约 35 %", f(0.35))]
    #[case("≈35%", f(0.35))]
    #[case("35%以上", f(0.35))]
    #[case("35‰", f(0.035))]
    #[case("一半", f(0.5))]
    #[case("三十", f(0.3))]
    #[case("", PercentValue::Missing)]
    #[case("  ", PercentValue::Missing)]
    #[case("待定", PercentValue::Missing)]
    #[case("-", PercentValue::Missing)]
    #[case("—", PercentValue::Missing)]
    #[case("N/A", PercentValue::Missing)]
    #[case("不清楚", PercentValue::Missing)]
    fn parses(#[case] input: &str, #[case] expected: PercentValue) {
        assert_eq!(parse_percent(input), expected, "input {input:?}");
    }

    #[rstest]
    #[case("abc")]
    #[case("-5%")]
    #[case("-0.3")]
    #[case("30%-40%")]
    #[case("35%%")]
    #[case("十一成")]
    #[case("三成十")]
    #[case("1e5")]
    #[case("inf")]
    #[case("NaN%")]
    #[case("%")]
    #[case("成")]
    #[case("35 percent")]
    fn invalid(#[case] input: &str) {
        let got = parse_percent(input);
        assert!(matches!(got, PercentValue::Invalid(_)), "{input:?} gave {got:?}");
    }

    #[rstest]
    #[case(0.35, f(0.35))]
    #[case(35.0, f(0.35))]
    #[case(1.0, f(1.0))]
    #[case(0.0, f(0.0))]
    #[case(-0.0, f(0.0))]
    #[case(120.0, f(1.2))]
    #[case(1.5, f(0.015))]
    fn from_numbers(#[case] v: f64, #[case] expected: PercentValue) {
        assert_eq!(percent_from_number(v), expected);
    }

    #[rstest]
    #[case(-0.1)]
    #[case(f64::NAN)]
    #[case(f64::INFINITY)]
    #[case(f64::NEG_INFINITY)]
    fn from_numbers_invalid(#[case] v: f64) {
        assert!(matches!(percent_from_number(v), PercentValue::Invalid(_)));
    }

    proptest! {
        #[test]
        fn never_panics(s in ".*") {
            let _ = parse_percent(&s);
        }

        #[test]
        fn never_panics_on_percent_alphabet(s in "[0-9０-９.%％‰成百分之一三五十半约左右 \\-]{0,16}") {
            let _ = parse_percent(&s);
        }

        #[test]
        fn number_never_panics(v in proptest::num::f64::ANY) {
            let _ = percent_from_number(v);
        }

        #[test]
        fn percent_text_round_trips(n in 0u32..100_000) {
            let text = format!("{}%", f64::from(n) / 100.0);
            let got = parse_percent(&text);
            let PercentValue::Fraction(v) = got else {
                return Err(TestCaseError::fail(format!("{text} gave {got:?}")));
            };
            prop_assert!((v - f64::from(n) / 10_000.0).abs() < 1e-12);
        }
    }
}

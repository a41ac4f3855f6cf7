//! 1–5 ratings typed by account managers (pure, no I/O).
use super::text;

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

/// Words already on the 1–5 scale (compared after trimming punctuation, ignoring case).
#[rustfmt::skip]
const WORDS: &[(f64, &[&str])] = &[
    (5.0, &[
        "高", "强", "好", "很高", "非常高", "极高", "很强", "非常强", "极强", "很好", "非常好",
        "极好", "优", "优秀", "high", "strong", "good", "very high", "very strong", "very good",
        "excellent",
    ]),
    (4.0, &[
        "较高", "比较高", "偏高", "中高", "较强", "比较强", "较好", "比较好", "不错", "良", "良好",
    ]),
    (3.0, &[
        "中", "中等", "一般", "普通", "适中", "尚可", "还行", "还可以", "medium", "med", "mid",
        "moderate", "average", "fair",
    ]),
    (2.0, &[
        "较低", "比较低", "偏低", "中低", "较弱", "比较弱", "偏弱", "较差", "比较差", "偏差",
    ]),
    (1.0, &[
        "低", "弱", "差", "很低", "非常低", "极低", "很弱", "非常弱", "极弱", "很差", "非常差",
        "极差", "low", "weak", "poor", "bad", "very low", "very weak", "very poor",
    ]),
];

/// Reads one rating cell. Also: "3颗星" and "四星" (Scaled), "4.5分"/"四分" (Number), "4/5"
/// (Scaled 4), "8/10" and "85/100" (converted with [`to_five`]), Chinese numerals ("四" →
/// Number 4). Star strings may mix ★, ⭐ (with or without U+FE0F) and ☆/✩ and spaces; zero or
/// more than five filled stars is Invalid. Negative numbers are Invalid; "" / 待定 / "-" →
/// Missing.
///
/// ```
/// use kascore::values::rating::{parse_rating, RatingValue};
/// assert_eq!(parse_rating("★★★☆☆"), RatingValue::Scaled(3.0));
/// assert_eq!(parse_rating("较高"), RatingValue::Scaled(4.0));
/// assert_eq!(parse_rating("85"), RatingValue::Number(85.0));
/// ```
pub fn parse_rating(s: &str) -> RatingValue {
    let c = text::clean(s);
    let t: &str = &c;
    if t.is_empty() {
        return RatingValue::Missing;
    }
    if let Some(stars) = count_stars(t) {
        return match stars {
            1..=5 => RatingValue::Scaled(f64::from(stars)),
            _ => RatingValue::Invalid(format!("{stars} filled stars in '{t}': expected 1 to 5")),
        };
    }
    if text::is_missing(t) {
        return RatingValue::Missing;
    }
    let core = text::strip_punct(t);
    let word = |(v, words): &(f64, &[&str])| words.iter().any(|w| core.eq_ignore_ascii_case(w)).then_some(*v);
    if let Some(v) = WORDS.iter().find_map(word) {
        return RatingValue::Scaled(v);
    }
    let invalid = || RatingValue::Invalid(format!("not a rating: '{t}'"));
    if let Some(n) = core.strip_suffix("颗星").or_else(|| core.strip_suffix('星')) {
        return match text::any_number(n.trim()) {
            Some(v) if (1.0..=5.0).contains(&v) => RatingValue::Scaled(v),
            _ => invalid(),
        };
    }
    if let Some((a, b)) = core.split_once('/') {
        let a = text::plain_decimal(a.trim(), 0);
        let scaled = match (a, b.trim()) {
            (Some(a), "5") if (1.0..=5.0).contains(&a) => Some(a),
            (Some(a), "10") => to_five(a, Scale::ZeroToTen),
            (Some(a), "100") => to_five(a, Scale::ZeroToHundred),
            _ => None,
        };
        return scaled.map_or_else(invalid, RatingValue::Scaled);
    }
    let n = core.strip_suffix('分').map_or(core, str::trim_end);
    match text::any_number(n) {
        Some(v) => RatingValue::Number(v),
        None if n.starts_with('-') => RatingValue::Invalid(format!("negative rating: '{t}'")),
        None => invalid(),
    }
}

/// Filled stars when `t` is made only of star characters (and spaces); None otherwise.
fn count_stars(t: &str) -> Option<u32> {
    let mut filled = 0u32;
    let mut any = false;
    for c in t.chars() {
        match c {
            '★' | '⭐' => {
                filled = filled.saturating_add(1);
                any = true;
            }
            '☆' | '✩' => any = true,
            ' ' | '\u{FE0F}' => {}
            _ => return None,
        }
    }
    any.then_some(filled)
}

/// A column's scale from the largest plain number seen in it: ≤ 5 → OneToFive, ≤ 10 →
/// ZeroToTen, ≤ 100 → ZeroToHundred; None above 100 (and for NaN).
///
/// ```
/// use kascore::values::rating::{column_scale, Scale};
/// assert_eq!(column_scale(8.0), Some(Scale::ZeroToTen));
/// ```
pub fn column_scale(max_number: f64) -> Option<Scale> {
    if max_number.is_nan() {
        None
    } else if max_number <= 5.0 {
        Some(Scale::OneToFive)
    } else if max_number <= 10.0 {
        Some(Scale::ZeroToTen)
    } else if max_number <= 100.0 {
        Some(Scale::ZeroToHundred)
    } else {
        None
    }
}

/// A plain number to the 1–5 scale: OneToFive as is (must be within 0..=5, 0 → Invalid? no:
/// values < 1 → None); ZeroToTen: 1 + v/10*4; ZeroToHundred: 1 + v/100*4. None outside the
/// scale's range (OneToFive 1..=5, ZeroToTen 0..=10, ZeroToHundred 0..=100) and for NaN.
///
/// ```
/// use kascore::values::rating::{to_five, Scale};
/// assert_eq!(to_five(4.0, Scale::OneToFive), Some(4.0));
/// assert_eq!(to_five(5.0, Scale::ZeroToTen), Some(3.0));
/// assert_eq!(to_five(0.5, Scale::OneToFive), None);
/// ```
pub fn to_five(v: f64, scale: Scale) -> Option<f64> {
    let (lo, hi) = match scale {
        Scale::OneToFive => (1.0, 5.0),
        Scale::ZeroToTen => (0.0, 10.0),
        Scale::ZeroToHundred => (0.0, 100.0),
    };
    if !(lo..=hi).contains(&v) {
        return None;
    }
    Some(match scale {
        Scale::OneToFive => v,
        _ => 1.0 + v / hi * 4.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    use RatingValue::{Missing, Number, Scaled};

    #[rstest]
    #[case("4", Number(4.0))]
    #[case("4.5", Number(4.5))]
    #[case("8", Number(8.0))]
    #[case("85", Number(85.0))]
    #[case("0", Number(0.0))]
    #[case("１", Number(1.0))]
    #[case(" 3 ", Number(3.0))]
    #[case("3分", Number(3.0))]
    #[case("4.5分", Number(4.5))]
    #[case("四分", Number(4.0))]
    #[case("四", Number(4.0))]
    #[case("高", Scaled(5.0))]
    #[case("中", Scaled(3.0))]
    #[case("低", Scaled(1.0))]
    #[case("强", Scaled(5.0))]
    #[case("弱", Scaled(1.0))]
    #[case("好", Scaled(5.0))]
    #[case("一般", Scaled(3.0))]
    #[case("差", Scaled(1.0))]
    #[case("很高", Scaled(5.0))]
    #[case("非常好", Scaled(5.0))]
    #[case("优", Scaled(5.0))]
    #[case("较高", Scaled(4.0))]
    #[case("较好", Scaled(4.0))]
    #[case("良", Scaled(4.0))]
    #[case("较低", Scaled(2.0))]
    #[case("较差", Scaled(2.0))]
    #[case("很低", Scaled(1.0))]
    #[case("很差", Scaled(1.0))]
    #[case("中等", Scaled(3.0))]
    #[case("High", Scaled(5.0))]
    #[case("MEDIUM", Scaled(3.0))]
    #[case("low", Scaled(1.0))]
    #[case("good", Scaled(5.0))]
    #[case("fair", Scaled(3.0))]
    #[case("poor", Scaled(1.0))]
    #[case("高。", Scaled(5.0))]
    #[case("★★★☆☆", Scaled(3.0))]
    #[case("★★★★★", Scaled(5.0))]
    #[case("★", Scaled(1.0))]
    #[case("★★★", Scaled(3.0))]
    #[case("⭐⭐⭐⭐", Scaled(4.0))]
    #[case("⭐\u{FE0F}⭐\u{FE0F}", Scaled(2.0))]
    #[case("★ ★ ☆", Scaled(2.0))]
    #[case("3星", Scaled(3.0))]
    #[case("3颗星", Scaled(3.0))]
    #[case("四星", Scaled(4.0))]
    #[case("4.5星", Scaled(4.5))]
    #[case("4/5", Scaled(4.0))]
    #[case("8/10", Scaled(4.2))]
    #[case("85/100", Scaled(4.4))]
    #[case("", Missing)]
    #[case("待定", Missing)]
    #[case("-", Missing)]
    #[case("/", Missing)]
    #[case("N/A", Missing)]
    #[case("未知", Missing)]
    #[case("nan", Missing)]
    fn parses(#[case] input: &str, #[case] expected: RatingValue) {
        assert_eq!(parse_rating(input), expected, "input {input:?}");
    }

    #[rstest]
    #[case("abc")]
    #[case("-1")]
    #[case("☆☆☆☆☆")]
    #[case("★★★★★★")]
    #[case("6星")]
    #[case("0星")]
    #[case("6/5")]
    #[case("3/7")]
    #[case("A")]
    #[case("高中")]
    #[case("1e3")]
    #[case("★x")]
    fn invalid(#[case] input: &str) {
        let got = parse_rating(input);
        assert!(matches!(got, RatingValue::Invalid(_)), "{input:?} gave {got:?}");
    }

    #[rstest]
    #[case(0.0, Some(Scale::OneToFive))]
    #[case(4.5, Some(Scale::OneToFive))]
    #[case(5.0, Some(Scale::OneToFive))]
    #[case(5.5, Some(Scale::ZeroToTen))]
    #[case(10.0, Some(Scale::ZeroToTen))]
    #[case(10.5, Some(Scale::ZeroToHundred))]
    #[case(100.0, Some(Scale::ZeroToHundred))]
    #[case(100.5, None)]
    #[case(f64::NAN, None)]
    #[case(f64::INFINITY, None)]
    fn scales(#[case] max: f64, #[case] expected: Option<Scale>) {
        assert_eq!(column_scale(max), expected);
    }

    #[rstest]
    #[case(1.0, Scale::OneToFive, Some(1.0))]
    #[case(4.5, Scale::OneToFive, Some(4.5))]
    #[case(5.0, Scale::OneToFive, Some(5.0))]
    #[case(0.0, Scale::OneToFive, None)]
    #[case(0.5, Scale::OneToFive, None)]
    #[case(6.0, Scale::OneToFive, None)]
    #[case(0.0, Scale::ZeroToTen, Some(1.0))]
    #[case(5.0, Scale::ZeroToTen, Some(3.0))]
    #[case(10.0, Scale::ZeroToTen, Some(5.0))]
    #[case(11.0, Scale::ZeroToTen, None)]
    #[case(-1.0, Scale::ZeroToTen, None)]
    #[case(0.0, Scale::ZeroToHundred, Some(1.0))]
    #[case(50.0, Scale::ZeroToHundred, Some(3.0))]
    #[case(100.0, Scale::ZeroToHundred, Some(5.0))]
    #[case(101.0, Scale::ZeroToHundred, None)]
    #[case(f64::NAN, Scale::ZeroToHundred, None)]
    fn five(#[case] v: f64, #[case] scale: Scale, #[case] expected: Option<f64>) {
        assert_eq!(to_five(v, scale), expected);
    }

    proptest! {
        #[test]
        fn never_panics(s in ".*") {
            let _ = parse_rating(&s);
        }

        #[test]
        fn never_panics_on_rating_alphabet(s in "[0-9./★☆⭐星分颗高中低较很一二三四五 ]{0,12}") {
            let _ = parse_rating(&s);
        }

        #[test]
        fn scaled_stays_on_scale(v in proptest::num::f64::ANY) {
            for scale in [Scale::OneToFive, Scale::ZeroToTen, Scale::ZeroToHundred] {
                if let Some(x) = to_five(v, scale) {
                    prop_assert!((1.0..=5.0).contains(&x));
                }
            }
            let _ = column_scale(v);
        }
    }
}

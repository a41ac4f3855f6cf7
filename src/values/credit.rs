//! Credit ratings (pure, no I/O). Mapping to a score lives in the model; this only
//! recognises the grade.
use super::text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditValue {
    /// Letters only, upper case, +/- and suffixes removed: "AAA", "AA+" → "AA", "aa-" → "AA",
    /// "BBB", "Baa"? (no: Moody's not supported → Invalid), "A", "B", "C", "D", "CCC",
    /// "3A" → "AAA", "2A" → "AA", "A级" → "A", "AAA级" → "AAA", "A类" → "A".
    Letters(String),
    /// 优 / 良 / 中 / 差, also 优秀→优, 良好→良, 一般/中等→中, 较差/很差→差.
    Word(CreditWord),
    Missing,
    Invalid(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditWord {
    Excellent,
    Good,
    Fair,
    Poor,
}

/// The grades recognised, best first.
const GRADES: &[&str] = &["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C", "D"];

#[rustfmt::skip]
const WORDS: &[(CreditWord, &[&str])] = &[
    (CreditWord::Excellent, &["优", "优秀", "优等", "很好", "excellent"]),
    (CreditWord::Good, &["良", "良好", "较好", "好", "good"]),
    (CreditWord::Fair, &["中", "一般", "中等", "尚可", "fair", "average"]),
    (CreditWord::Poor, &["差", "较差", "很差", "极差", "不良", "poor", "bad"]),
];

const SUFFIXES: &[&str] = &["级别", "等级", "级", "类", "等", "档"];

/// Reads one credit-rating cell.
///
/// Details: letters may be upper or lower case but not mixed ("Aaa", "Baa" look like Moody's
/// and are Invalid); "2B"/"3B"/"2C"/"3C" expand like "3A"; any number of trailing '+'/'-' is
/// dropped, before or after a 级/类/等 suffix ("AA+级"); words also accept 很好 (优), 较好/好
/// (良), 尚可 (中), 极差/不良 (差) and excellent/good/fair/average/poor/bad. "" / 暂无评级 /
/// "-" → Missing.
///
/// ```
/// use kascore::values::credit::{parse_credit, CreditValue, CreditWord};
/// assert_eq!(parse_credit("aa-"), CreditValue::Letters("AA".into()));
/// assert_eq!(parse_credit("3A"), CreditValue::Letters("AAA".into()));
/// assert_eq!(parse_credit("良好"), CreditValue::Word(CreditWord::Good));
/// ```
pub fn parse_credit(s: &str) -> CreditValue {
    let c = text::clean(s);
    let t: &str = &c;
    if t.is_empty() || text::is_missing(t) {
        return CreditValue::Missing;
    }
    let mut core = text::strip_punct(t);
    for _ in 0..2 {
        core = core.trim_end_matches(['+', '-', ' ']);
        for suffix in SUFFIXES {
            core = core.strip_suffix(suffix).unwrap_or(core).trim_end();
        }
    }
    let word =
        |(grade, words): &(CreditWord, &[&str])| words.iter().any(|w| core.eq_ignore_ascii_case(w)).then_some(*grade);
    if let Some(grade) = WORDS.iter().find_map(word) {
        return CreditValue::Word(grade);
    }
    let invalid = || CreditValue::Invalid(format!("not a credit rating: '{t}'"));
    let b = core.as_bytes();
    let letters = match b {
        [n @ b'1'..=b'3', l @ (b'A' | b'B' | b'C' | b'a' | b'b' | b'c')] => {
            let l = char::from(l.to_ascii_uppercase());
            (0..n - b'0').map(|_| l).collect::<String>()
        }
        _ if !b.is_empty() && b.iter().all(u8::is_ascii_alphabetic) => {
            let upper = b.iter().any(u8::is_ascii_uppercase);
            let lower = b.iter().any(u8::is_ascii_lowercase);
            if upper && lower {
                return CreditValue::Invalid(format!(
                    "not a credit rating: '{t}' (mixed case looks like a Moody's grade, which \
                     is not supported; use AAA…D)"
                ));
            }
            core.to_ascii_uppercase()
        }
        _ => return invalid(),
    };
    if GRADES.contains(&letters.as_str()) {
        CreditValue::Letters(letters)
    } else {
        invalid()
    }
}

#[cfg(test)]
mod tests {
    use super::CreditWord::{Excellent, Fair, Good, Poor};
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn l(s: &str) -> CreditValue {
        CreditValue::Letters(s.to_string())
    }
    fn w(x: CreditWord) -> CreditValue {
        CreditValue::Word(x)
    }

    #[rstest]
    #[case("AAA", l("AAA"))]
    #[case("AA", l("AA"))]
    #[case("A", l("A"))]
    #[case("AA+", l("AA"))]
    #[case("AA-", l("AA"))]
    #[case("aa-", l("AA"))]
    #[case("aaa", l("AAA"))]
    #[case("AAA+", l("AAA"))]
    #[case("A+", l("A"))]
    #[case("BBB", l("BBB"))]
    #[case("BBB-", l("BBB"))]
    #[case("BB", l("BB"))]
    #[case("B", l("B"))]
    #[case("CCC", l("CCC"))]
    #[case("CC", l("CC"))]
    #[case("C", l("C"))]
    #[case("D", l("D"))]
    #[case("d", l("D"))]
    #[case("3A", l("AAA"))]
    #[case("2A", l("AA"))]
    #[case("1A", l("A"))]
    #[case("3B", l("BBB"))]
    #[case("3a", l("AAA"))]
    #[case("A级", l("A"))]
    #[case("AAA级", l("AAA"))]
    #[case("A类", l("A"))]
    #[case("AA+级", l("AA"))]
    #[case("B等", l("B"))]
    #[case("ＡＡＡ", l("AAA"))]
    #[case(" AA + ", l("AA"))]
    #[case("AA。", l("AA"))]
    #[case("优", w(Excellent))]
    #[case("优秀", w(Excellent))]
    #[case("良", w(Good))]
    #[case("良好", w(Good))]
    #[case("中", w(Fair))]
    #[case("一般", w(Fair))]
    #[case("中等", w(Fair))]
    #[case("差", w(Poor))]
    #[case("较差", w(Poor))]
    #[case("很差", w(Poor))]
    #[case("Good", w(Good))]
    #[case("POOR", w(Poor))]
    #[case("", CreditValue::Missing)]
    #[case("-", CreditValue::Missing)]
    #[case("待定", CreditValue::Missing)]
    #[case("暂无评级", CreditValue::Missing)]
    #[case("N/A", CreditValue::Missing)]
    fn parses(#[case] input: &str, #[case] expected: CreditValue) {
        assert_eq!(parse_credit(input), expected, "input {input:?}");
    }

    #[rstest]
    #[case("Baa")]
    #[case("Aaa")]
    #[case("Ba1")]
    #[case("AAAA")]
    #[case("ABC")]
    #[case("E")]
    #[case("DD")]
    #[case("4A")]
    #[case("0A")]
    #[case("2D")]
    #[case("A1")]
    #[case("+")]
    #[case("123")]
    #[case("很有钱")]
    fn invalid(#[case] input: &str) {
        let got = parse_credit(input);
        assert!(matches!(got, CreditValue::Invalid(_)), "{input:?} gave {got:?}");
    }

    proptest! {
        #[test]
        fn never_panics(s in ".*") {
            let _ = parse_credit(&s);
        }

        #[test]
        fn never_panics_on_credit_alphabet(s in "[ABCDabcd0-9+\\-级类优良中差 ]{0,8}") {
            let _ = parse_credit(&s);
        }
    }
}

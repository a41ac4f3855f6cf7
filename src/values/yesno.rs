//! Yes/no cells (pure, no I/O).
use super::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YesNo {
    Yes,
    No,
    Unknown,
    Missing,
    Invalid,
}

const YES: &[&str] = &[
    "是",
    "是的",
    "有",
    "有的",
    "对",
    "已",
    "明确",
    "确认",
    "已确认",
    "达成",
    "y",
    "yes",
    "true",
    "t",
    "ok",
    "√",
    "✓",
    "✔",
    "☑",
    "1",
    "1.0",
];
const NO: &[&str] = &[
    "否",
    "不是",
    "无",
    "没有",
    "没",
    "不",
    "非",
    "错",
    "未",
    "不明确",
    "暂无",
    "n",
    "no",
    "false",
    "f",
    "×",
    "✗",
    "✘",
    "✕",
    "☒",
    "0",
    "0.0",
];
/// "Not known" words; checked before the yes/no prefixes (未知 is not 未…).
const UNKNOWN: &[&str] = &[
    "未知",
    "不清楚",
    "待定",
    "未定",
    "不确定",
    "待确认",
    "不详",
    "说不准",
    "不一定",
    "待了解",
    "unknown",
    "tbd",
    "n/a",
    "na",
];

/// 是/否, 有/无/没有, Y/N, yes/no, true/false, √/×, ✓/✗/✔/✘, 1/0, 对/错, 已/未 (e.g. "已达成"
/// yes, "未达成" no), 明确/不明确, 已确认/未确认, 达成/未达成; 未知/不清楚/待定/? → Unknown;
/// empty → Missing; anything else → Invalid. Case-insensitive, full-width tolerant.
///
/// Details: surrounding punctuation is ignored ("是。", "Yes!"); a cell of only "?" is
/// Unknown, of only dashes or slashes ("-", "—", "/") Missing. Text starting with 已/有/是 is
/// Yes ("有融资", "已投放广告"), with 未/没/无/不/非/否/暂无 No ("无内线", "没有明确") — after
/// the Unknown words, which match anywhere ("目前不清楚"). Cells offering both answers ("是/否",
/// "是否", "Y/N") are Invalid.
///
/// ```
/// use kascore::values::yesno::{parse_yesno, YesNo};
/// assert_eq!(parse_yesno("√"), YesNo::Yes);
/// assert_eq!(parse_yesno("未达成"), YesNo::No);
/// assert_eq!(parse_yesno("待定"), YesNo::Unknown);
/// ```
pub fn parse_yesno(s: &str) -> YesNo {
    let c = text::clean(s);
    let t: &str = &c;
    if t.is_empty() {
        return YesNo::Missing;
    }
    let core = text::strip_punct(t);
    if core.is_empty() {
        return if t.contains('?') { YesNo::Unknown } else { YesNo::Missing };
    }
    let eq = |w: &&str| core.eq_ignore_ascii_case(w);
    if UNKNOWN.iter().any(|w| eq(w) || (!w.is_ascii() && core.contains(w))) {
        return YesNo::Unknown;
    }
    if core.contains(['/', '|', '或']) || core.contains("是否") {
        return if text::is_missing(core) { YesNo::Missing } else { YesNo::Invalid };
    }
    if YES.iter().any(eq) {
        return YesNo::Yes;
    }
    if NO.iter().any(eq) {
        return YesNo::No;
    }
    if text::is_missing(core) {
        return YesNo::Missing;
    }
    const NO_PREFIXES: &[&str] = &["暂无", "暂未", "未", "没", "无", "不", "非", "否"];
    if NO_PREFIXES.iter().any(|p| core.starts_with(p)) {
        return YesNo::No;
    }
    if ["已", "有", "是"].iter().any(|p| core.starts_with(p)) {
        return YesNo::Yes;
    }
    YesNo::Invalid
}

#[cfg(test)]
mod tests {
    use super::YesNo::{Invalid, Missing, No, Unknown, Yes};
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("是", Yes)]
    #[case("否", No)]
    #[case("有", Yes)]
    #[case("无", No)]
    #[case("没有", No)]
    #[case("Y", Yes)]
    #[case("N", No)]
    #[case("y", Yes)]
    #[case("n", No)]
    #[case("Ｙ", Yes)]
    #[case("yes", Yes)]
    #[case("YES", Yes)]
    #[case("Yes!", Yes)]
    #[case("no", No)]
    #[case("No.", No)]
    #[case("true", Yes)]
    #[case("TRUE", Yes)]
    #[case("false", No)]
    #[case("√", Yes)]
    #[case("×", No)]
    #[case("✓", Yes)]
    #[case("✗", No)]
    #[case("✔", Yes)]
    #[case("✘", No)]
    #[case("1", Yes)]
    #[case("0", No)]
    #[case("１", Yes)]
    #[case("1.0", Yes)]
    #[case("对", Yes)]
    #[case("错", No)]
    #[case("已达成", Yes)]
    #[case("未达成", No)]
    #[case("达成", Yes)]
    #[case("明确", Yes)]
    #[case("不明确", No)]
    #[case("已确认", Yes)]
    #[case("未确认", No)]
    #[case("有融资", Yes)]
    #[case("有，已融资B轮", Yes)]
    #[case("无内线", No)]
    #[case("暂无", No)]
    #[case("不是", No)]
    #[case("是的。", Yes)]
    #[case(" 是 ", Yes)]
    #[case("未知", Unknown)]
    #[case("不清楚", Unknown)]
    #[case("目前不清楚", Unknown)]
    #[case("待定", Unknown)]
    #[case("待确认", Unknown)]
    #[case("?", Unknown)]
    #[case("？", Unknown)]
    #[case("??", Unknown)]
    #[case("unknown", Unknown)]
    #[case("N/A", Unknown)]
    #[case("TBD", Unknown)]
    #[case("", Missing)]
    #[case("  ", Missing)]
    #[case("-", Missing)]
    #[case("—", Missing)]
    #[case("/", Missing)]
    #[case("abc", Invalid)]
    #[case("是/否", Invalid)]
    #[case("Y/N", Invalid)]
    #[case("是否", Invalid)]
    #[case("2", Invalid)]
    #[case("maybe", Invalid)]
    #[case("x", Invalid)]
    fn parses(#[case] input: &str, #[case] expected: YesNo) {
        assert_eq!(parse_yesno(input), expected, "input {input:?}");
    }

    proptest! {
        #[test]
        fn never_panics(s in ".*") {
            let _ = parse_yesno(&s);
        }

        #[test]
        fn never_panics_on_yesno_alphabet(s in "[是否有无没未已不明确√×✓✗YyNn10?/ ]{0,8}") {
            let _ = parse_yesno(&s);
        }
    }
}

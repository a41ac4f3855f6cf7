//! Text normalisation shared by every parser (pure, no I/O).
//!
//! Besides the public functions, this module holds the crate-internal helpers the parsers
//! share: exact decimal conversion, case-insensitive word search, punctuation trimming and the
//! common "not known" word list.
use std::borrow::Cow;

/// Full-width ASCII variants (U+FF01..=U+FF5E) to ASCII, ideographic space U+3000 to ' ',
/// and a few CJK punctuation marks that stand for ASCII ones in numbers and dates:
/// '。' is NOT touched (sentence end), but '．' (FF0E) → '.', '，' (FF0C) → ','.
/// Also: wave dash '〜' (U+301C) → '~' and minus sign '−' (U+2212) → '-'.
/// Borrowed when nothing changes.
///
/// ```
/// assert_eq!(kascore::values::text::to_half_width("１２０万，ＡＢ"), "120万,AB");
/// ```
pub fn to_half_width(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || !s.chars().any(|c| half_width_char(c) != c) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(half_width_char).collect())
}

fn half_width_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{301C}' => '~',
        '\u{2212}' => '-',
        _ => c,
    }
}

/// `to_half_width`, and the Traditional characters that occur in money, date, terms and
/// yes/no cells (貨 預 後 結 帳 萬 億 …) to their Simplified forms, so a Hong Kong or Taiwan
/// sheet parses like a mainland one.
/// One character as [`clean`] folds it: half width, Traditional value characters Simplified.
pub fn fold_char(c: char) -> char {
    traditional(half_width_char(c))
}

fn fold_chars(s: &str) -> Cow<'_, str> {
    let fold = fold_char;
    if s.is_ascii() || !s.chars().any(|c| fold(c) != c) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(fold).collect())
}

/// Traditional → Simplified for the characters the value parsers read.
fn traditional(c: char) -> char {
    match c {
        '貨' => '货',
        // Total lines: 總計.
        '總' => '总',
        '預' => '预',
        '後' => '后',
        '結' => '结',
        '帳' | '賬' => '账',
        '萬' => '万',
        '億' => '亿',
        '銷' => '销',
        '現' => '现',
        '錢' => '钱',
        '無' => '无',
        '確' => '确',
        '認' => '认',
        '約' => '约',
        '個' => '个',
        '計' => '计',
        '稱' => '称',
        '額' => '额',
        '達' => '达',
        '識' => '识',
        '劃' => '划',
        '優' => '优',
        '週' => '周',
        '報' => '报',
        '價' => '价',
        '議' => '议',
        '論' => '论',
        '詳' => '详',
        '輸' => '输',
        '贏' => '赢',
        '對' => '对',
        '錯' => '错',
        '沒' => '没',
        '買' => '买',
        '賣' => '卖',
        '單' => '单',
        '幣' => '币',
        '臺' => '台',
        _ => c,
    }
}

/// Zero-width characters that Excel exports and web copy-paste leave behind.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || is_zero_width(c)
}

/// Excel's cell limit is 32,767 UTF-16 units: the byte index to cut `text` at, when it is
/// longer. Shared by ingestion (which reports the cut) and the report writer (which enforces it).
///
/// ```
/// use kascore::values::text::excel_cut;
/// assert_eq!(excel_cut("short"), None);
/// assert_eq!(excel_cut(&"备".repeat(40_000)), Some(32_767 * 3));
/// ```
pub fn excel_cut(text: &str) -> Option<usize> {
    const MAX: usize = 32_767;
    if text.len() <= MAX {
        return None;
    }
    let mut units = 0;
    for (i, ch) in text.char_indices() {
        units += ch.len_utf16();
        if units > MAX {
            return Some(i);
        }
    }
    None
}

/// `to_half_width` with Traditional value words folded to Simplified, trimmed, runs of
/// whitespace collapsed to one ' '.
/// Zero-width characters (U+200B..U+200D, BOM U+FEFF) are removed.
///
/// ```
/// assert_eq!(kascore::values::text::clean("\u{3000} 约　５０ ~  ８０ 万\t"), "约 50 ~ 80 万");
/// ```
pub fn clean(s: &str) -> Cow<'_, str> {
    match fold_chars(s) {
        Cow::Borrowed(b) => {
            let t = b.trim_matches(is_space);
            if is_collapsed(t) {
                Cow::Borrowed(t)
            } else {
                Cow::Owned(collapse(t))
            }
        }
        Cow::Owned(o) => {
            let t = o.trim_matches(is_space);
            if t.len() == o.len() && is_collapsed(t) {
                Cow::Owned(o)
            } else {
                Cow::Owned(collapse(t))
            }
        }
    }
}

fn is_collapsed(t: &str) -> bool {
    let mut prev_space = false;
    for c in t.chars() {
        if is_zero_width(c) {
            return false;
        }
        if c.is_whitespace() {
            if prev_space || c != ' ' {
                return false;
            }
            prev_space = true;
        } else {
            prev_space = false;
        }
    }
    true
}

fn collapse(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut prev_space = false;
    for c in t.chars() {
        if is_zero_width(c) {
            continue;
        }
        if c.is_whitespace() {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
        } else {
            out.push(c);
            prev_space = false;
        }
    }
    out
}

pub(crate) fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Power of ten of a Chinese unit character: 十 1, 百 2, 千 3, 万 4, 亿 8.
pub(crate) fn cn_unit_exp(c: char) -> Option<i32> {
    Some(match c {
        '十' | '拾' => 1,
        '百' | '佰' => 2,
        '千' | '仟' => 3,
        '万' | '萬' => 4,
        '亿' | '億' => 8,
        _ => return None,
    })
}

/// Any character `chinese_number` may accept.
pub(crate) fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit_exp(c).is_some() || c == '点' || c == '點'
}

/// Chinese numerals to a number: "五十" 50, "一百二十" 120, "两千五百" 2500, "十二" 12,
/// "三点五" 3.5, "零"/"〇", financial forms 壹贰叁肆伍陆柒捌玖拾佰仟, and the multipliers
/// 万 (1e4) and 亿 (1e8) inside the numeral: "一百二十万" 1_200_000, "一亿五千万" 150_000_000.
/// Mixed forms "1.5万" are NOT this function's job (money handles them). None if `s` is not
/// entirely a Chinese numeral.
///
/// Also accepted: digit-by-digit forms without units ("二〇二六" 2026), the colloquial
/// dropped trailing unit ("一万五" 15_000, "两千五" 2500, "一百二" 120) and a decimal part
/// followed by 万/亿 ("三点五万" 35_000). A bare unit ("万", "亿") is None; "十"/"百"/"千"
/// alone are 10/100/1000.
///
/// ```
/// assert_eq!(kascore::values::text::chinese_number("一百二十万"), Some(1_200_000.0));
/// assert_eq!(kascore::values::text::chinese_number("1.5万"), None);
/// ```
pub fn chinese_number(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let (int_part, frac_part) = match s.find(['点', '點']) {
        Some(p) => {
            let rest = s.get(p..)?;
            let dot_len = rest.chars().next()?.len_utf8();
            (s.get(..p)?, Some(rest.get(dot_len..)?))
        }
        None => (s, None),
    };
    if int_part.is_empty() {
        return None;
    }
    let int_value =
        if int_part.chars().all(|c| cn_digit(c).is_some()) { positional(int_part)? } else { with_units(int_part)? };
    let Some(frac) = frac_part else {
        return Some(int_value);
    };
    // Fraction digits, then an optional trailing 万/亿 multiplier.
    let mut mant = int_value;
    let mut scale = 0i32;
    let mut exp = 0i32;
    for c in frac.chars() {
        if exp == 0 {
            if let Some(d) = cn_digit(c) {
                mant = mant * 10.0 + f64::from(d);
                scale += 1;
                continue;
            }
        }
        match cn_unit_exp(c) {
            Some(e) if e >= 4 && e > exp => exp = exp.max(0) + e,
            _ => return None,
        }
    }
    if scale == 0 || scale > 15 {
        return None;
    }
    let v = mant * 10f64.powi(exp) / 10f64.powi(scale);
    v.is_finite().then_some(v)
}

fn positional(s: &str) -> Option<f64> {
    let mut v = 0f64;
    for c in s.chars() {
        v = v * 10.0 + f64::from(cn_digit(c)?);
    }
    v.is_finite().then_some(v)
}

fn with_units(s: &str) -> Option<f64> {
    let mut total = 0f64; // completed 亿 groups
    let mut wan = 0f64; // completed 万 group inside the current 亿 group
    let mut sec = 0f64; // below 万
    let mut digit: Option<u32> = None;
    let mut last_small = 4i32; // small units must decrease inside a section
    let mut wan_done = false;
    let mut prev_unit: Option<i32> = None; // unit immediately before the pending digit
    let mut after_unit: Option<i32> = None; // exponent of the char just read, if a unit
    let mut any = false;
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            if digit.is_some() {
                return None;
            }
            if d == 0 {
                after_unit = None;
                prev_unit = None;
                continue;
            }
            digit = Some(d);
            prev_unit = after_unit;
            after_unit = None;
            any = true;
            continue;
        }
        let e = cn_unit_exp(c)?;
        if e < 4 {
            if e >= last_small {
                return None;
            }
            let n = digit.take().unwrap_or(1);
            sec += f64::from(n) * 10f64.powi(e);
            last_small = e;
        } else {
            let group = sec + f64::from(digit.take().unwrap_or(0));
            if e == 4 {
                if wan_done || group == 0.0 {
                    return None;
                }
                wan = group * 1e4;
                wan_done = true;
            } else {
                let group = wan + group;
                if total > 0.0 || group == 0.0 {
                    return None;
                }
                total = group * 1e8;
                wan = 0.0;
                wan_done = false;
            }
            sec = 0.0;
            last_small = 4;
        }
        any = true;
        after_unit = Some(e);
        prev_unit = None;
    }
    if let Some(d) = digit {
        // "一万五" = 15000: a digit right after a unit counts in the next lower place.
        let place = match prev_unit {
            Some(e) if e >= 1 => 10f64.powi(e - 1),
            _ => 1.0,
        };
        sec += f64::from(d) * place;
    }
    let v = total + wan + sec;
    (any && v.is_finite()).then_some(v)
}

/// Decimal digits (`[0-9]*(\.[0-9]*)?`, at least one digit, at most 40 bytes) times 10^exp,
/// correctly rounded (so "1.2" with exp 8 is exactly 120_000_000.0 and "35" with exp -2 is
/// exactly 0.35). None for anything else or a non-finite result.
pub(crate) fn decimal(digits: &[u8], exp: i32) -> Option<f64> {
    if digits.is_empty() || digits.len() > 40 {
        return None;
    }
    let mut dots = 0;
    let mut nums = 0;
    for &b in digits {
        match b {
            b'0'..=b'9' => nums += 1,
            b'.' => dots += 1,
            _ => return None,
        }
    }
    if nums == 0 || dots > 1 {
        return None;
    }
    let mut buf = [0u8; 56];
    buf.get_mut(..digits.len())?.copy_from_slice(digits);
    let mut n = digits.len();
    if exp != 0 {
        let mut tmp = [0u8; 12];
        let mut k = 0;
        let mut e = exp.unsigned_abs();
        while e > 0 {
            *tmp.get_mut(k)? = b'0' + (e % 10) as u8;
            e /= 10;
            k += 1;
        }
        *buf.get_mut(n)? = b'e';
        n += 1;
        if exp < 0 {
            *buf.get_mut(n)? = b'-';
            n += 1;
        }
        for i in (0..k).rev() {
            *buf.get_mut(n)? = *tmp.get(i)?;
            n += 1;
        }
    }
    let text = std::str::from_utf8(buf.get(..n)?).ok()?;
    let v: f64 = text.parse().ok()?;
    v.is_finite().then_some(v)
}

/// A plain unsigned decimal string ("35", "4.5", ".5") times 10^exp; see `decimal`.
pub(crate) fn plain_decimal(s: &str, exp: i32) -> Option<f64> {
    decimal(s.as_bytes(), exp)
}

/// A plain decimal or a Chinese numeral ("4.5", "四", "十二").
pub(crate) fn any_number(s: &str) -> Option<f64> {
    plain_decimal(s, 0).or_else(|| chinese_number(s))
}

/// ASCII case-insensitive prefix test.
#[inline]
pub(crate) fn starts_with_ci(s: &str, word: &str) -> bool {
    s.as_bytes().get(..word.len()).is_some_and(|p| p.eq_ignore_ascii_case(word.as_bytes()))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// True when `word` occurs in `hay` (ASCII case-insensitive). A word that starts or ends with
/// an ASCII letter/digit must start or end at an ASCII word boundary, so "na" does not match
/// inside "china"; CJK words match anywhere ("预算待定" contains "待定").
pub(crate) fn contains_word(hay: &str, word: &str) -> bool {
    let (h, w) = (hay.as_bytes(), word.as_bytes());
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return false;
    };
    if w.len() > h.len() {
        return false;
    }
    (0..=h.len() - w.len()).any(|i| {
        h.get(i..i + w.len()).is_some_and(|win| win.eq_ignore_ascii_case(w))
            && (!is_word_byte(first) || i == 0 || h.get(i - 1).is_none_or(|&b| !is_word_byte(b)))
            && (!is_word_byte(last) || h.get(i + w.len()).is_none_or(|&b| !is_word_byte(b)))
    })
}

/// Punctuation that may surround a value without changing it.
pub(crate) fn is_wrap_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '"'
            | '\''
            | '`'
            | '#'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | '。'
            | '、'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '【'
            | '】'
            | '《'
            | '》'
            | '「'
            | '」'
            | '…'
    ) || c == ' '
}

/// `s` without surrounding punctuation and spaces (see `is_wrap_punct`).
pub(crate) fn strip_punct(s: &str) -> &str {
    s.trim_matches(is_wrap_punct)
}

/// Characters that, alone or repeated, mean "nothing entered".
fn is_dash_like(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '/' | '\\' | '_' | '~' | '·' | '*' | '.' | '?' | '…' | ' ')
}

/// Words that mean "not known" in every kind of column (compared whole, ignoring case).
const MISSING_EXACT: &[&str] = &["tbd", "tba", "n/a", "na", "unknown", "none", "null", "nil", "nan", "无数据", "空"];

/// Words that mean "not known" wherever they occur in the cell ("预计待定", "暂无评级").
const MISSING_CONTAINED: &[&str] =
    &["待定", "未定", "不确定", "待确认", "未知", "不详", "不清楚", "暂无", "未填", "未提供"];

/// True for a cleaned cell that carries no value: only punctuation or dashes ("-", "—",
/// "/", "?", "--"), an Excel error text ("#N/A"), or a "not known" word.
pub(crate) fn is_missing(t: &str) -> bool {
    let core = strip_punct(t);
    core.chars().all(is_dash_like)
        || MISSING_EXACT.iter().any(|w| core.eq_ignore_ascii_case(w))
        || MISSING_CONTAINED.iter().any(|w| core.contains(w))
}

/// Parses a run of ASCII digits at the start of `s`: (value, number of digits). Values with
/// more than 9 digits saturate at `u32::MAX` (the caller rejects them by digit count).
pub(crate) fn leading_uint(s: &str) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    let v = s.get(..n).and_then(|d| d.parse::<u32>().ok()).unwrap_or(u32::MAX);
    Some((v, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("abc", "abc")]
    #[case("", "")]
    #[case("１２０万", "120万")]
    #[case("ＡＢＣ", "ABC")]
    #[case("ａｂｃ", "abc")]
    #[case("１，２００．５", "1,200.5")]
    #[case("３５％", "35%")]
    #[case("（１２）", "(12)")]
    #[case("\u{3000}", " ")]
    #[case("句号。不变", "句号。不变")]
    #[case("～", "~")]
    #[case("〜", "~")]
    #[case("－５", "-5")]
    #[case("−5", "-5")]
    #[case("￥100", "￥100")]
    #[case("：；！？", ":;!?")]
    fn half_width(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(to_half_width(input), expected);
    }

    #[test]
    fn half_width_borrows_when_unchanged() {
        assert!(matches!(to_half_width("120万元"), Cow::Borrowed(_)));
        assert!(matches!(to_half_width("1,200"), Cow::Borrowed(_)));
        assert!(matches!(clean("1,200"), Cow::Borrowed(_)));
        assert!(matches!(clean("  120 万  "), Cow::Borrowed(_)));
    }

    #[rstest]
    #[case("  a  b  ", "a b")]
    #[case("\t120\n万", "120 万")]
    #[case("\u{3000}１２０\u{3000}\u{3000}万\u{3000}", "120 万")]
    #[case("\u{200B}120\u{FEFF}", "120")]
    #[case("1\u{00A0}200", "1 200")]
    #[case("", "")]
    #[case("   ", "")]
    #[case("a", "a")]
    #[case("约 50 ~ 80 万", "约 50 ~ 80 万")]
    fn clean_cases(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(clean(input), expected);
    }

    #[rstest]
    #[case("零", Some(0.0))]
    #[case("〇", Some(0.0))]
    #[case("一", Some(1.0))]
    #[case("两", Some(2.0))]
    #[case("十", Some(10.0))]
    #[case("十二", Some(12.0))]
    #[case("二十", Some(20.0))]
    #[case("五十", Some(50.0))]
    #[case("九十九", Some(99.0))]
    #[case("一百", Some(100.0))]
    #[case("一百零五", Some(105.0))]
    #[case("一百二十", Some(120.0))]
    #[case("一百二", Some(120.0))]
    #[case("两千五百", Some(2500.0))]
    #[case("两千五", Some(2500.0))]
    #[case("一千零一", Some(1001.0))]
    #[case("三千万", Some(30_000_000.0))]
    #[case("五十万", Some(500_000.0))]
    #[case("一百二十万", Some(1_200_000.0))]
    #[case("一万五", Some(15_000.0))]
    #[case("一万五千", Some(15_000.0))]
    #[case("十万", Some(100_000.0))]
    #[case("百万", Some(1_000_000.0))]
    #[case("千万", Some(10_000_000.0))]
    #[case("一亿", Some(100_000_000.0))]
    #[case("一亿五千万", Some(150_000_000.0))]
    #[case("一亿五", Some(150_000_000.0))]
    #[case("一万亿", Some(1e12))]
    #[case("三点五", Some(3.5))]
    #[case("三点五万", Some(35_000.0))]
    #[case("一点二亿", Some(120_000_000.0))]
    #[case("二〇二六", Some(2026.0))]
    #[case("壹佰贰拾", Some(120.0))]
    #[case("伍拾萬", Some(500_000.0))]
    #[case("壹億", Some(100_000_000.0))]
    #[case("叁仟肆佰伍拾陆", Some(3456.0))]
    #[case("柒捌玖", Some(789.0))]
    #[case("陆万", Some(60_000.0))]
    #[case("", None)]
    #[case("万", None)]
    #[case("亿", None)]
    #[case("1.5万", None)]
    #[case("五十a", None)]
    #[case("一二十", None)]
    #[case("五百三千", None)]
    #[case("点五", None)]
    #[case("三点", None)]
    #[case("三点五点六", None)]
    #[case("一万万", None)]
    #[case("一亿亿", None)]
    fn chinese(#[case] input: &str, #[case] expected: Option<f64>) {
        assert_eq!(chinese_number(input), expected);
    }

    #[rstest]
    #[case("35", -2, Some(0.35))]
    #[case("1.2", 8, Some(120_000_000.0))]
    #[case(".5", 0, Some(0.5))]
    #[case("5.", 0, Some(5.0))]
    #[case("", 0, None)]
    #[case(".", 0, None)]
    #[case("1.2.3", 0, None)]
    #[case("1e5", 0, None)]
    #[case("inf", 0, None)]
    #[case("1", 400, None)]
    fn decimals(#[case] input: &str, #[case] exp: i32, #[case] expected: Option<f64>) {
        assert_eq!(plain_decimal(input, exp), expected);
    }

    #[rstest]
    #[case("预算待定", "待定", true)]
    #[case("china", "na", false)]
    #[case("N/A", "n/a", true)]
    #[case("is na here", "na", true)]
    #[case("TBD!", "tbd", true)]
    #[case("x", "", false)]
    fn words(#[case] hay: &str, #[case] word: &str, #[case] expected: bool) {
        assert_eq!(contains_word(hay, word), expected);
    }

    #[rstest]
    #[case("-", true)]
    #[case("--", true)]
    #[case("—", true)]
    #[case("/", true)]
    #[case("?", true)]
    #[case("#N/A", true)]
    #[case("N/A", true)]
    #[case("预计待定", true)]
    #[case("暂无评级", true)]
    #[case("12", false)]
    #[case("china", false)]
    fn missing(#[case] input: &str, #[case] expected: bool) {
        assert_eq!(is_missing(input), expected);
    }

    proptest! {
        #[test]
        fn never_panics(s in ".*") {
            let _ = clean(&s);
            let _ = chinese_number(&s);
            let _ = is_missing(&s);
            let _ = plain_decimal(&s, 3);
        }

        #[test]
        fn chinese_never_panics(s in "[零〇一二两三四五六七八九十百千万亿点壹拾佰仟]{0,12}") {
            let _ = chinese_number(&s);
        }

        #[test]
        fn clean_is_idempotent(s in ".*") {
            let once = clean(&s).into_owned();
            prop_assert_eq!(clean(&once), once.as_str());
        }
    }
}

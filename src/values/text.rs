//! Text normalisation shared by every parser (pure, no I/O).
//!
//! Besides the public functions, this module holds the crate-internal helpers the parsers
//! share: exact decimal conversion, case-insensitive word search, punctuation trimming and the
//! common "not known" word list.
use std::borrow::Cow;
use std::sync::LazyLock;

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

/// One character as [`clean`] and header normalisation fold it: full width → half width
/// ([`to_half_width`]), then Traditional → Simplified ([`simplified`]).
pub fn fold_char(c: char) -> char {
    simplified(half_width_char(c))
}

/// [`fold_char`] over a string: how cell values and header cells are folded alike, so a Hong Kong
/// or Taiwan sheet reads like a mainland one (賬期 = 帳期 = 账期, 賒銷 = 赊销, ＡＢ = AB).
/// Borrowed when nothing changes.
///
/// ```
/// assert_eq!(kascore::values::text::fold("應收帳款（萬元）"), "应收账款(万元)");
/// ```
pub fn fold(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || !s.chars().any(|c| fold_char(c) != c) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(fold_char).collect())
}

/// Traditional → Simplified, one character at a time, with OpenCC's character table.
///
/// **Why this crate.** The table is OpenCC's `TSCharacters` (the character half of OpenCC's
/// `t2s`), taken from `ferrous-opencc` 0.4 (Apache-2.0, pure Rust, no C library, OpenCC's
/// dictionaries bundled and synced from upstream; release 0.4.0 of 2026-04). Weighed against it:
/// `zhconv` is GPL-2.0-or-later (not compatible with this crate's MIT OR Apache-2.0); `opencc-fmmseg`
/// 0.13 has the tables but pins `rayon = "=1.10"` (would downgrade ours) and uses the
/// unmaintained `serde_cbor`; `fast2s` 0.3 and `simplet2s` 0.2 (unchanged since 2022 and 2020)
/// carry a 2,734-entry list of their own that leaves 1,210 of the 3,751 characters OpenCC folds
/// in U+3400–U+9FFF unchanged; `character_converter` 2.1 is phrase-level and by far the slowest.
///
/// **Character level, built once.** `ferrous-opencc` converts phrase by phrase, which is right
/// for prose and wrong for matching (and ~15× slower per cell). So on first use the table is
/// read out of it: every code point of the CJK blocks is converted once, each on its own line
/// (no phrase spans a line break), and what changed is kept: 3,751 characters in U+3400–U+9FFF,
/// read in ~5 ms; the compatibility ideographs and the supplementary planes (354 more) take
/// ~13 ms, only the first time such a character is folded, which ordinary sheets never need.
/// Chains (薴 → 苧 → 苎) are followed to the end, so folding twice changes nothing.
///
/// **One matching rule on top.** OpenCC folds 帳 to 帐 and 賬 to 账 (both are Simplified
/// characters); in sales sheets they are one word (帐期/账期, 挂帐/挂账, 应收帐款/应收账款), so
/// 帐 folds to 账 as well.
///
/// **Cost.** Below U+3400 (ASCII, Latin, punctuation, kana) one comparison; a CJK character one
/// load from a dense table (110 KB). Folding 1M short cells ("苏州恒远精密机械有限公司", "月结60天",
/// "先提貨後付款", "Acme Corp", "120万", "2026-03-15" …, 15 kinds in turn) with `fold`: 27 ms,
/// against 23 ms for the 40-character hand list this replaces and ~470 ms for `ferrous-opencc`'s
/// own phrase-level conversion (release build, fastest of 15 runs on the project's 2-core
/// machine): about 4 ns more per cell.
pub fn simplified(c: char) -> char {
    let u = c as u32;
    if u < CJK_FIRST {
        return c;
    }
    if u <= CJK_LAST {
        return match CJK.get((u - CJK_FIRST) as usize) {
            Some(&t) if t != '\0' => t,
            _ => c,
        };
    }
    // Full-width signs (￥), the BOM and emoji are no ideographs: they never build `OTHER`.
    if !OTHER_RANGES.iter().any(|r| r.contains(&u)) {
        return c;
    }
    match OTHER.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => OTHER.get(i).map_or(c, |p| p.1),
        Err(_) => c,
    }
}

/// The CJK block read into the dense table (Extension A and the Unified Ideographs).
const CJK_FIRST: u32 = 0x3400;
const CJK_LAST: u32 = 0x9FFF;
/// Outside `CJK_FIRST..=CJK_LAST`, only these can change: the compatibility ideographs and
/// Extensions B–H, read into a sorted list the first time one of them is folded.
const OTHER_RANGES: [std::ops::RangeInclusive<u32>; 3] = [0xF900..=0xFAFF, 0x20000..=0x2FA1F, 0x30000..=0x323AF];

/// OpenCC's t2s character table as (Traditional, Simplified) pairs, one a line, chains followed
/// and 帐 → 账 applied: read out of `ferrous-opencc` and checked against it by the test
/// `the_embedded_table_is_opencc_t2s` (which rewrites it with `KASCORE_BLESS=1` when OpenCC's
/// data moves). Embedded, so a run loads neither the crate nor its dictionaries.
const T2S: &str = include_str!("t2s.txt");

/// The pairs of [`T2S`].
fn t2s_pairs() -> impl Iterator<Item = (char, char)> {
    T2S.lines().filter_map(|l| {
        let mut it = l.chars();
        match (it.next(), it.next(), it.next(), it.next()) {
            (Some(f), Some('\t'), Some(t), None) => Some((f, t)),
            _ => None,
        }
    })
}

/// `CJK[u - CJK_FIRST]`: the Simplified form, '\0' when the character is unchanged.
static CJK: LazyLock<Box<[char]>> = LazyLock::new(|| {
    let mut table = vec!['\0'; (CJK_LAST - CJK_FIRST + 1) as usize];
    for (from, to) in t2s_pairs() {
        if let Some(slot) = (from as u32).checked_sub(CJK_FIRST).and_then(|i| table.get_mut(i as usize)) {
            *slot = to;
        }
    }
    table.into_boxed_slice()
});

/// (Traditional, Simplified) outside `CJK_FIRST..=CJK_LAST`, sorted.
static OTHER: LazyLock<Box<[(char, char)]>> = LazyLock::new(|| {
    let mut pairs: Vec<(char, char)> =
        t2s_pairs().filter(|(f, _)| !(CJK_FIRST..=CJK_LAST).contains(&(*f as u32))).collect();
    pairs.sort();
    pairs.into_boxed_slice()
});

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

/// [`fold`] (half width, Traditional → Simplified), trimmed, runs of whitespace collapsed to
/// one ' '. Zero-width characters (U+200B..U+200D, BOM U+FEFF) are removed. How the parsers
/// and the account key read a cell; text shown to the user as written is [`tidy`].
///
/// ```
/// assert_eq!(kascore::values::text::clean("\u{3000} 约　５０ ~  ８０ 万\t"), "约 50 ~ 80 万");
/// assert_eq!(kascore::values::text::clean(" 先提貨後付款 "), "先提货后付款");
/// ```
pub fn clean(s: &str) -> Cow<'_, str> {
    squeeze(fold(s))
}

/// [`clean`] without Traditional → Simplified: half width, trimmed, whitespace collapsed,
/// zero-width characters removed. For text a report shows as its sheet wrote it (names, owners,
/// notes): 陳怡君 stays 陳怡君 and 永昇 stays 永昇 (OpenCC's table would make them 陈怡君 and
/// 永升), while [`clean`] folds them for matching.
///
/// ```
/// assert_eq!(kascore::values::text::tidy(" 台北永昇精密儀器　股份有限公司 "), "台北永昇精密儀器 股份有限公司");
/// assert_eq!(kascore::values::text::tidy("ＡＢＣ\u{200B}公司"), "ABC公司");
/// ```
pub fn tidy(s: &str) -> Cow<'_, str> {
    squeeze(to_half_width(s))
}

/// Trim, collapse whitespace and drop zero-width characters, borrowing when nothing changes.
fn squeeze(folded: Cow<'_, str>) -> Cow<'_, str> {
    match folded {
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

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {

    /// The characters of `ranges` that OpenCC's t2s changes, each with its final Simplified
    /// form (chains followed, 帐 → 账), sorted: what `t2s.txt` holds.
    fn opencc_pairs(ranges: &[std::ops::RangeInclusive<u32>]) -> Vec<(char, char)> {
        use ferrous_opencc::{config::BuiltinConfig, OpenCC};
        let cc = OpenCC::from_config(BuiltinConfig::T2s).unwrap();
        let convert = |chars: &[char]| -> Vec<char> {
            let mut input = String::with_capacity(chars.len() * 4);
            for &c in chars {
                input.push(c);
                input.push('\n');
            }
            let out = cc.convert(&input);
            // One character in, one out; anything else (never seen) keeps the character.
            chars
                .iter()
                .zip(out.split('\n'))
                .map(|(&c, line)| {
                    let mut it = line.chars();
                    match (it.next(), it.next()) {
                        (Some(t), None) => t,
                        _ => c,
                    }
                })
                .collect()
        };
        let from: Vec<char> = ranges.iter().cloned().flatten().filter_map(char::from_u32).collect();
        let mut to = convert(&from);
        // Follow chains: convert what changed again until nothing does (薴 → 苧 → 苎 takes two).
        for _ in 0..4 {
            let changed: Vec<usize> = (0..from.len()).filter(|&i| to[i] != from[i]).collect();
            let targets: Vec<char> = changed.iter().map(|&i| to[i]).collect();
            let again = convert(&targets);
            if again == targets {
                break;
            }
            for (&i, t) in changed.iter().zip(again) {
                to[i] = t;
            }
        }
        from.into_iter().zip(to).map(|(f, t)| (f, if t == '帐' { '账' } else { t })).filter(|(f, t)| f != t).collect()
    }

    /// `t2s.txt` is OpenCC's table, read out of ferrous-opencc: `KASCORE_BLESS=1 cargo test
    /// --lib embedded_table` rewrites it after an update of the crate's data.
    #[test]
    fn the_embedded_table_is_opencc_t2s() {
        let mut ranges = vec![CJK_FIRST..=CJK_LAST];
        ranges.extend(OTHER_RANGES);
        let text: String = opencc_pairs(&ranges).iter().map(|(f, t)| format!("{f}\t{t}\n")).collect();
        if std::env::var("KASCORE_BLESS").is_ok_and(|v| v == "1") {
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/src/values/t2s.txt"), &text).unwrap();
            return;
        }
        assert!(text == T2S, "src/values/t2s.txt differs from OpenCC's t2s table: rewrite it with KASCORE_BLESS=1");
    }
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

    /// Traditional → Simplified with OpenCC's character table, as cells and headers fold.
    #[rstest]
    // The words the value parsers read.
    #[case("賒銷", "赊销")]
    #[case("先提貨後付款", "先提货后付款")]
    #[case("貨到付款", "货到付款")]
    #[case("月結60天", "月结60天")]
    #[case("伍拾萬", "伍拾万")]
    #[case("約1.2億", "约1.2亿")]
    // 賬, 帳 and 帐 are one word in sales sheets: all 账.
    #[case("賬期", "账期")]
    #[case("帳期", "账期")]
    #[case("帐期", "账期")]
    #[case("應收帳款餘額", "应收账款余额")]
    // Characters the old hand list did not know.
    #[case("客戶名稱", "客户名称")]
    #[case("預計金額", "预计金额")]
    #[case("信用額度", "信用额度")]
    #[case("香港貿易有限公司", "香港贸易有限公司")]
    #[case("臺灣", "台湾")]
    #[case("週結", "周结")]
    // Hong Kong and Taiwan variant forms.
    #[case("綫上", "线上")]
    #[case("裡", "里")]
    #[case("為", "为")]
    // Full width and Traditional in one go.
    #[case("ＡＢ帳戶１２", "AB账户12")]
    // Simplified, ASCII and Japanese kana stay.
    #[case("苏州恒远精密机械有限公司", "苏州恒远精密机械有限公司")]
    #[case("Acme Corp. 60 days", "Acme Corp. 60 days")]
    #[case("カタカナ", "カタカナ")]
    fn folds_traditional(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(fold(input), expected);
    }

    /// `tidy` is `clean` without the script: what a report shows as the sheet wrote it.
    #[rstest]
    #[case("  陳怡君 ", "陳怡君", "陈怡君")]
    #[case("台北永昇精密儀器股份有限公司", "台北永昇精密儀器股份有限公司", "台北永升精密仪器股份有限公司")]
    #[case("萬通\u{3000}\u{3000}集團", "萬通 集團", "万通 集团")]
    #[case("ＡＢＣ\u{FEFF}", "ABC", "ABC")]
    #[case("苏州恒远", "苏州恒远", "苏州恒远")]
    fn tidy_keeps_the_script(#[case] input: &str, #[case] tidied: &str, #[case] cleaned: &str) {
        assert_eq!(tidy(input), tidied);
        assert_eq!(clean(input), cleaned);
        assert_eq!(clean(&tidy(input)), cleaned);
    }

    #[test]
    fn fold_borrows_ascii_and_simplified_text() {
        assert!(matches!(fold("Net 60"), Cow::Borrowed(_)));
        assert!(matches!(fold("月结60天"), Cow::Borrowed(_)));
        assert!(matches!(fold("先提貨後付款"), Cow::Owned(_)));
    }

    /// The table is OpenCC's, not a hand list: thousands of characters, the supplementary
    /// planes included, chains followed.
    #[test]
    fn the_table_is_opencc_character_data() {
        let changed =
            |r: std::ops::RangeInclusive<u32>| r.filter_map(char::from_u32).filter(|&c| simplified(c) != c).count();
        let cjk = changed(CJK_FIRST..=CJK_LAST);
        assert!(cjk > 3_500, "{cjk} characters folded in U+3400–U+9FFF");
        assert!(changed(0x20000..=0x323AF) > 100);
        // An Extension B character, one whose Simplified form is in Extension D, and a chain
        // (薴 → 苧 → 苎).
        assert_eq!(simplified('\u{2005E}'), '\u{2003E}');
        assert_eq!(simplified('㑮'), '\u{2B748}');
        assert_eq!(simplified('薴'), '苎');
        assert_eq!(simplified('苧'), '苎');
        // The characters of the hand list this table replaced fold as they did.
        let (traditional, simple) = (
            "貨總預後結帳賬萬億銷現錢無確認約個計稱額達識劃優週報價議論詳輸贏對錯沒買賣單幣臺",
            "货总预后结账账万亿销现钱无确认约个计称额达识划优周报价议论详输赢对错没买卖单币台",
        );
        for (t, s) in traditional.chars().zip(simple.chars()) {
            assert_eq!(simplified(t), s, "{t}");
        }
    }

    /// Folding twice changes nothing, for every CJK code point (clean's idempotence rests on it).
    #[test]
    fn folding_is_idempotent_on_every_cjk_character() {
        for u in (CJK_FIRST..=CJK_LAST).chain(OTHER_RANGES.iter().cloned().flatten()) {
            let Some(c) = char::from_u32(u) else { continue };
            let once = fold_char(c);
            assert_eq!(fold_char(once), once, "U+{u:X} {c} → {once}");
        }
    }

    /// Cells in Traditional Chinese parse as their Simplified spelling (the parsers read cells
    /// through `clean`).
    #[test]
    fn traditional_cells_parse() {
        use super::super::terms::{parse_terms, TermsKind, TermsValue};
        let kind = |s: &str| match parse_terms(s) {
            TermsValue::Terms(t) => Some(t.kind),
            _ => None,
        };
        assert_eq!(kind("賒銷"), Some(TermsKind::CreditSale));
        assert_eq!(kind("先提貨後付款"), Some(TermsKind::CreditSale));
        assert_eq!(kind("賒帳"), Some(TermsKind::CreditSale));
        assert_eq!(kind("貨到付款"), Some(TermsKind::CashOnDelivery));
        assert_eq!(kind("無帳期"), Some(TermsKind::CashOnDelivery));
        assert_eq!(kind("款到發貨"), Some(TermsKind::Prepay));
        assert_eq!(parse_terms("月結60天"), parse_terms("月结60天"));
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

        #[test]
        fn tidy_is_idempotent_and_clean_folds_it(s in ".*") {
            let once = tidy(&s).into_owned();
            prop_assert_eq!(tidy(&once), once.as_str());
            prop_assert_eq!(clean(&once), clean(&s));
        }
    }
}

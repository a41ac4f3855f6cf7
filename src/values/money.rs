//! Money cells as people type them (pure, no I/O).
use super::text;
use std::sync::OnceLock;

/// ISO-ish currency code. CNY is the default when no mark is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    Cny,
    Usd,
    Eur,
    Hkd,
    Gbp,
    Jpy,
    /// New Taiwan dollar (NT$, 新台币).
    Twd,
}

/// A parsed amount, in units of the currency (yuan for CNY), before any header unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    /// Low end (== high for a single number).
    pub low: f64,
    /// High end.
    pub high: f64,
    /// "约100万", "100万左右", "100万+", ">200万", "200万以上", "不低于", "近100万", "100多万"...
    pub approx: bool,
    /// True when the text itself stated the magnitude/unit (万, 亿, 千, 百万, k, M, 元, 块):
    /// then a header unit (万元) must NOT be applied on top. A bare "120" or "¥1,200" → false.
    pub unit_stated: bool,
    pub currency: Currency,
}

/// The outcome of reading one money cell.
#[derive(Debug, Clone, PartialEq)]
pub enum MoneyValue {
    Amount(Amount),
    /// A word that means "not known" (待定, 未定, 面议, 不清楚, 看方案, 先出方案, TBD, N/A,
    /// unknown, "-", "—", "/", "？"...). `red_flag` is true for "money is no object" claims
    /// without a number (不差钱, 钱不是问题, 预算充足, 预算不是问题, 资金充足 ...).
    Vague {
        red_flag: bool,
    },
    /// Empty or whitespace.
    Empty,
    /// Not money; the string says why in plain English, e.g. "not a number: 'abc'".
    Invalid(String),
}

/// Words supplied by the model (already configured lists). Matching is done after `clean`
/// and lower-casing; a cell matches when, after removing surrounding punctuation, it equals a
/// word OR contains a word (so "预算待定" and "暂不清楚" are vague).
///
/// Precisely (lower-casing is ASCII-only and done by comparison, without allocating):
/// - a word that starts or ends with an ASCII letter or digit must sit on an ASCII word
///   boundary, so "na" matches "NA" and "na." but not "china";
/// - a word made only of punctuation ("-", "/", "?") matches only the whole cell, alone or
///   repeated ("--", "??"), never as part of a longer text (it would hit "50-80万");
/// - when the cell also holds a number, the words are allowed around it and the cell is an
///   Amount ("预算充足，约200万").
pub struct MoneyWords<'a> {
    pub vague: &'a [&'a str],
    pub red_flag: &'a [&'a str],
}

/// The built-in lists (the model template repeats them; kascore passes the model's lists).
pub const DEFAULT_VAGUE: &[&str] = &[
    "待定",
    "未定",
    "面议",
    "不清楚",
    "看方案",
    "先出方案",
    "tbd",
    "n/a",
    "na",
    "unknown",
    "未知",
    "不详",
    "暂无",
    "-",
    "—",
    "/",
    "?",
    "？",
];
pub const DEFAULT_RED_FLAG: &[&str] = &["不差钱", "钱不是问题", "预算充足", "预算不是问题", "资金充足", "不缺钱"];

/// Parse a money cell typed as text.
/// Handles: thousands separators (1,200,000 and 1，200，000), currency marks (¥ ￥ RMB CNY 元 块
/// 人民币; $ USD US$; € EUR; HK$ HKD 港币; £ GBP; JPY 日元 円), units 万 亿 千 百万 千万 k K M m(=million
/// only after a number, e.g. "1.2M"), "w"/"W" (=万, common in chat: "50w"), full-width digits,
/// Chinese numerals (五十万, 一百二十万, 1.5亿, 三千万), approximations (约, 大约, 大概, 左右, 上下,
/// +, 以上, 多, 余, >, ≥, 超过, 不低于, 不少于, 近, 将近, <, 以内, 以下, 不超过 — all keep the number
/// and set approx), ranges ("50-80万", "50万~80万", "50至80万", "50到80万", "50万-1亿", "50～80万",
/// "50—80万"; the unit after the second number applies to the first when the first has none),
/// negative numbers ("-1,200", "(1,200)" accounting style) and surrounding spaces.
/// Never panics.
///
/// Details where the list above is silent:
/// - Compound amounts add up: "1亿5000万" = 150_000_000, "3万5千" = 35_000, and a single digit
///   after a unit counts in the next lower place, as in speech: "1万5" = 15_000.
/// - 十/百/千 inside a Chinese numeral are part of the number, not a stated unit: "五十" and
///   "三千" have `unit_stated == false` (a 万元 header applies), "五十万" has it true. After
///   digits they are units: "3千" = 3000, stated.
/// - "m"/"M", "mn", "mio", "million" = 1e6, "k"/"thousand" = 1e3, "bn"/"billion" = 1e9, each
///   only directly after a number and not followed by another letter ("100kg" is Invalid).
/// - Text next to the number must be known: currency marks, approximation words, fillers
///   (预算, 金额, 含税, 税前, 整, 每年, /年, brackets and punctuation) or one of `words`
///   ("预算充足，约200万" is an approximate Amount). Anything else makes the cell Invalid, so
///   dates ("2026-03-15"), percentages ("35%") and "1.200.000" are not misread as money.
/// - A range whose low end is above its high end ("80-50万") is Invalid, as are mixed
///   currencies ("$100元").
/// - With no number, the cell is Vague when it contains a word of `words` (red-flag words win),
///   matched as described on [`MoneyWords`]; words made only of punctuation ("-", "/", "?")
///   must fill the whole cell, alone or repeated ("--", "？？"). Otherwise Invalid.
///
/// ```
/// use kascore::values::money::{parse_money, Amount, Currency, MoneyValue, MoneyWords};
/// let words = MoneyWords { vague: kascore::values::money::DEFAULT_VAGUE, red_flag: kascore::values::money::DEFAULT_RED_FLAG };
/// assert_eq!(
///     parse_money("约50~80万", &words),
///     MoneyValue::Amount(Amount {
///         low: 500_000.0,
///         high: 800_000.0,
///         approx: true,
///         unit_stated: true,
///         currency: Currency::Cny,
///     })
/// );
/// assert_eq!(parse_money("不差钱", &words), MoneyValue::Vague { red_flag: true });
/// ```
pub fn parse_money(s: &str, words: &MoneyWords) -> MoneyValue {
    let c = text::clean(s);
    let t: &str = &c;
    if t.is_empty() {
        return MoneyValue::Empty;
    }
    if t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit()) {
        // Fast path: a plain whole number (exact below 2^53).
        let v = t.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
        return MoneyValue::Amount(Amount {
            low: v as f64,
            high: v as f64,
            approx: false,
            unit_stated: false,
            currency: Currency::Cny,
        });
    }
    if let Some(inner) = accounting_inner(t) {
        if let Ok(Some(a)) = scan(inner, words) {
            return MoneyValue::Amount(Amount { low: 0.0 - a.high, high: 0.0 - a.low, ..a });
        }
    }
    match scan(t, words) {
        Ok(Some(a)) => MoneyValue::Amount(a),
        Ok(None) => vague_or_invalid(t, words),
        Err(e) => MoneyValue::Invalid(format!("{e} in money value '{t}'")),
    }
}

/// "(1,200)" → "1,200": the accounting-style negative, only around a plain figure.
fn accounting_inner(t: &str) -> Option<&str> {
    let inner = t.strip_prefix('(')?.strip_suffix(')')?.trim();
    let plain =
        inner.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '¥' | '￥' | '$' | '€' | '£'));
    (plain && inner.bytes().any(|b| b.is_ascii_digit())).then_some(inner)
}

fn vague_or_invalid(t: &str, words: &MoneyWords) -> MoneyValue {
    let has = |list: &[&str]| {
        list.iter().any(|w| {
            if w.chars().any(char::is_alphanumeric) {
                text::contains_word(t, w)
            } else {
                is_repeat_of(t, w)
            }
        })
    };
    if has(words.red_flag) {
        MoneyValue::Vague { red_flag: true }
    } else if has(words.vague) {
        MoneyValue::Vague { red_flag: false }
    } else {
        MoneyValue::Invalid(format!("not a number: '{t}'"))
    }
}

/// "--" is a repeat of "-"; "-" of "-". Empty words never match.
fn is_repeat_of(t: &str, w: &str) -> bool {
    !w.is_empty() && {
        let mut rest = t;
        while let Some(r) = rest.strip_prefix(w) {
            rest = r;
        }
        rest.is_empty()
    }
}

/// A number as typed: ASCII digits kept for exact scaling (a start and length in the
/// accumulator's digit arena), or a Chinese numeral's value.
#[derive(Debug, Clone, Copy)]
enum Base {
    Digits(u8, u8),
    Value(f64),
}

impl Base {
    fn value(&self, arena: &[u8], exp: i32) -> Option<f64> {
        match *self {
            Base::Digits(start, n) => {
                let start = usize::from(start);
                text::decimal(arena.get(start..start + usize::from(n))?, exp)
            }
            Base::Value(v) => Some(v * 10f64.powi(exp)).filter(|r| r.is_finite()),
        }
    }
}

/// Room for the digits of every number in one cell.
const ARENA: usize = 64;

/// One number with its unit: `value = base × 10^exp`; `unit` is the stated magnitude
/// (None for a bare number), used to order compound parts and to share a range's unit.
#[derive(Debug, Clone, Copy)]
struct Part {
    base: Base,
    exp: i32,
    unit: Option<i32>,
}

const NO_PART: Part = Part { base: Base::Value(0.0), exp: 0, unit: None };
const MAX_PARTS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Cur(Currency, bool),
    Approx,
    Plus,
    Dash,
    Tilde,
    RangeWord,
    Filler,
}

/// Built-in words around numbers (matched ASCII case-insensitively, longest first).
#[rustfmt::skip]
const TOKENS: &[(Tok, &[&str])] = &[
    (Tok::Cur(Currency::Cny, false), &["人民币", "rmb", "cny", "¥", "￥"]),
    (Tok::Cur(Currency::Cny, true), &["元", "块钱", "块"]),
    (Tok::Cur(Currency::Usd, false), &["us$", "usd", "$"]),
    (Tok::Cur(Currency::Usd, true), &["美元", "美金"]),
    (Tok::Cur(Currency::Hkd, false), &["hk$", "hkd", "港币"]),
    (Tok::Cur(Currency::Hkd, true), &["港元"]),
    (Tok::Cur(Currency::Eur, false), &["€", "eur"]),
    (Tok::Cur(Currency::Eur, true), &["欧元"]),
    (Tok::Cur(Currency::Gbp, false), &["£", "gbp"]),
    (Tok::Cur(Currency::Gbp, true), &["英镑"]),
    (Tok::Cur(Currency::Jpy, false), &["jpy", "日币"]),
    (Tok::Cur(Currency::Jpy, true), &["日元", "円"]),
    (Tok::Cur(Currency::Twd, false), &["nt$", "twd", "新台币", "台币"]),
    (Tok::Approx, &[
        "约", "大约", "大概", "大致", "约合", "差不多", "左右", "上下", "以上", "以下", "以内",
        "之内", "多", "余", "超过", "超", "高于", "大于", "低于", "小于", "少于", "不低于",
        "不少于", "不超过", "不到", "至少", "最少", "最多", "起码", "近", "将近", "接近", "估计",
        "预计", "预估", ">=", "<=", ">", "<", "≥", "≤", "≈", "approximately", "approx", "about",
        "around", "circa", "over", "under", "at least", "up to", "more than", "less than",
    ]),
    (Tok::Plus, &["+"]),
    (Tok::Dash, &["-", "–"]),
    (Tok::Tilde, &["~"]),
    (Tok::RangeWord, &["——", "—", "至", "到", "to"]),
    (Tok::Filler, &[
        "预算", "金额", "总额", "总价", "合计", "总计", "共计", "一共", "总共", "共", "含税",
        "不含税", "税前", "税后", "整", "每年", "/年", "年度", "为",
    ]),
];

/// Units written with letters, only directly after a number.
const LETTER_UNITS: &[(&str, i32)] =
    &[("thousand", 3), ("million", 6), ("billion", 9), ("mio", 6), ("mn", 6), ("bn", 9), ("k", 3), ("m", 6), ("w", 4)];

fn is_alpha(b: Option<&u8>) -> bool {
    b.is_some_and(u8::is_ascii_alphabetic)
}

/// `word` at the start of `rest` (ASCII case-insensitive); a word that begins/ends with a
/// letter must not touch another letter (`prev` is the byte before `rest`).
#[inline]
fn word_at(rest: &str, prev: Option<&u8>, word: &str) -> bool {
    let w = word.as_bytes();
    text::starts_with_ci(rest, word)
        && !(is_alpha(w.first()) && is_alpha(prev))
        && !(is_alpha(w.last()) && is_alpha(rest.as_bytes().get(w.len())))
}

/// The built-in token starting at `rest`: an index of `TOKENS` sorted by first character
/// (lower-cased), longest word first, is built once and binary-searched.
fn token_at(rest: &str, prev: Option<&u8>) -> Option<(&'static str, Tok)> {
    static INDEX: OnceLock<Vec<(char, &'static str, Tok)>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut v: Vec<_> = TOKENS
            .iter()
            .flat_map(|&(tok, words)| words.iter().map(move |&w| (w, tok)))
            .filter_map(|(w, tok)| Some((w.chars().next()?.to_ascii_lowercase(), w, tok)))
            .collect();
        v.sort_by_key(|e| (e.0, std::cmp::Reverse(e.1.len())));
        v
    });
    let c = rest.chars().next()?.to_ascii_lowercase();
    let start = index.partition_point(|e| e.0 < c);
    index.get(start..)?.iter().take_while(|e| e.0 == c).find(|e| word_at(rest, prev, e.1)).map(|e| (e.1, e.2))
}

/// ASCII number at the start of `s` ("1,200,000.50", ".5"): its digits are written to
/// `buf`; returns the number of digits written and the byte length read.
fn ascii_number(s: &str, buf: &mut [u8]) -> Result<(usize, usize), &'static str> {
    let b = s.as_bytes();
    let digit_at = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
    let (mut n, mut i, mut dot) = (0usize, 0usize, false);
    while let Some(&c) = b.get(i) {
        let keep = if c.is_ascii_digit() {
            true
        } else if c == b'.' && !dot && digit_at(i + 1) {
            dot = true;
            true
        } else if c == b',' && !dot && n > 0 && (1..=3).all(|k| digit_at(i + k)) && !digit_at(i + 4) {
            false
        } else {
            break;
        };
        if keep {
            *buf.get_mut(n).ok_or("number too long")? = c;
            n += 1;
        }
        i += 1;
    }
    Ok((n, i))
}

/// Chinese unit characters after a number: "万" 4, "千万" 7, "百万" 6, "万亿" 12.
fn unit_run(rest: &str) -> Option<Result<(i32, usize), &'static str>> {
    let mut exp = 0;
    let mut len = 0;
    let mut last = 0;
    for c in rest.chars() {
        let Some(e) = text::cn_unit_exp(c) else { break };
        if e <= last || (e < 4 && last > 0) {
            return Some(Err("units out of order"));
        }
        exp += e;
        last = e;
        len += c.len_utf8();
    }
    (len > 0).then_some(Ok((exp, len)))
}

struct Acc {
    digits: [u8; ARENA],
    used: usize,
    parts: [[Part; MAX_PARTS]; 2],
    count: [usize; 2],
    neg: [bool; 2],
    side: usize,
    approx: bool,
    currency: Option<Currency>,
    stated: bool,
}

impl Acc {
    fn last(&self) -> Option<&Part> {
        let n = *self.count.get(self.side)?;
        self.parts.get(self.side)?.get(n.checked_sub(1)?)
    }

    fn wants_unit(&self) -> bool {
        self.last().is_some_and(|p| p.unit.is_none())
    }

    fn any_number(&self) -> bool {
        self.count.iter().any(|&n| n > 0)
    }

    fn push(&mut self, part: Part) -> Result<(), &'static str> {
        if self.wants_unit() {
            return Err("two numbers without a range separator");
        }
        let n = self.count.get_mut(self.side).ok_or("bad state")?;
        let slot = self.parts.get_mut(self.side).and_then(|p| p.get_mut(*n)).ok_or("too many numbers")?;
        *slot = part;
        *n += 1;
        Ok(())
    }

    fn unit(&mut self, exp: i32) -> Result<(), &'static str> {
        let n = *self.count.get(self.side).ok_or("bad state")?;
        let p = self
            .parts
            .get_mut(self.side)
            .and_then(|p| p.get_mut(n.checked_sub(1)?))
            .filter(|p| p.unit.is_none())
            .ok_or("unit without a number")?;
        p.exp = exp;
        p.unit = Some(exp);
        Ok(())
    }

    fn token(&mut self, tok: Tok) -> Result<(), &'static str> {
        let here = self.count.get(self.side).copied().unwrap_or(0) > 0;
        match tok {
            Tok::Cur(c, stated) => {
                if self.currency.is_some_and(|x| x != c) {
                    return Err("two different currencies");
                }
                self.currency = Some(c);
                self.stated |= stated;
            }
            Tok::Approx => self.approx = true,
            Tok::Plus => self.approx |= self.any_number(),
            Tok::Filler => {}
            Tok::Dash if !here => {
                let neg = self.neg.get_mut(self.side).ok_or("bad state")?;
                if *neg {
                    return Err("two minus signs");
                }
                *neg = true;
            }
            Tok::Tilde if !here && self.side == 0 => self.approx = true,
            Tok::Dash | Tok::Tilde | Tok::RangeWord => {
                if !here {
                    return Err("range separator without a number before it");
                }
                if self.side == 1 {
                    return Err("more than two numbers");
                }
                self.side = 1;
            }
        }
        Ok(())
    }

    fn side_value(&self, side: usize, inherit: Option<i32>) -> Result<f64, &'static str> {
        let n = self.count.get(side).copied().unwrap_or(0);
        let parts = self.parts.get(side).and_then(|p| p.get(..n)).ok_or("bad state")?;
        let v = match parts {
            [] => return Err("incomplete range"),
            [p] if p.unit.is_none() => p.base.value(&self.digits, inherit.unwrap_or(0)),
            _ => compound(parts, &self.digits),
        };
        let v = v.ok_or("number out of range")?;
        Ok(if self.neg.get(side).copied().unwrap_or(false) {
            0.0 - v // never -0.0
        } else {
            v
        })
    }

    fn finish(&self) -> Result<Amount, &'static str> {
        let first_unit = |side: usize| self.parts.get(side)?.first()?.unit;
        let (low, high, inherited) = if self.side == 0 {
            let v = self.side_value(0, None)?;
            (v, v, false)
        } else {
            let high = self.side_value(1, None)?;
            let inherit = match self.count.first() {
                Some(1) if first_unit(0).is_none() => first_unit(1),
                _ => None,
            };
            let low = self.side_value(0, inherit)?;
            if low > high {
                return Err("range low end is above its high end");
            }
            (low, high, inherit.is_some())
        };
        let any_unit = self.parts.iter().zip(self.count).any(|(ps, n)| ps.iter().take(n).any(|p| p.unit.is_some()));
        Ok(Amount {
            low,
            high,
            approx: self.approx,
            unit_stated: self.stated || any_unit || inherited,
            currency: self.currency.unwrap_or(Currency::Cny),
        })
    }
}

/// "1亿5000万", "3万5千", "1万5": parts with decreasing units add up; a final bare number
/// counts as is when below the previous unit, a single digit counts in the next lower place.
fn compound(parts: &[Part], arena: &[u8]) -> Option<f64> {
    let mut total = 0.0;
    let mut last: Option<i32> = None;
    for (i, p) in parts.iter().enumerate() {
        match (p.unit, last) {
            (Some(u), Some(l)) if u >= l => return None,
            (Some(u), _) => {
                total += p.base.value(arena, p.exp)?;
                last = Some(u);
            }
            (None, Some(l)) if i + 1 == parts.len() => {
                let v = p.base.value(arena, 0)?;
                total += if v < 10.0 && v.fract() == 0.0 && l >= 1 {
                    v * 10f64.powi(l - 1)
                } else if v < 10f64.powi(l) {
                    v
                } else {
                    return None;
                };
            }
            (None, _) => return None,
        }
    }
    Some(total).filter(|t| t.is_finite())
}

/// Ok(None) when the text holds no number at all.
fn scan(t: &str, words: &MoneyWords) -> Result<Option<Amount>, String> {
    let mut acc = Acc {
        digits: [0; ARENA],
        used: 0,
        parts: [[NO_PART; MAX_PARTS]; 2],
        count: [0; 2],
        neg: [false; 2],
        side: 0,
        approx: false,
        currency: None,
        stated: false,
    };
    let mut unknown: Option<(usize, usize)> = None;
    let bytes = t.as_bytes();
    let mut i = 0;
    while let Some(rest) = t.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        let prev = i.checked_sub(1).and_then(|j| bytes.get(j));
        // Before the first number, an out-of-place token ("--", "—") is just unknown text:
        // a cell without numbers is judged by its words.
        let step = match step(&mut acc, rest, prev, c, words) {
            Ok(step) => step,
            Err(_) if !acc.any_number() => None,
            Err(e) => return Err(e.to_string()),
        };
        let len = match step {
            Some(len) => len,
            None => {
                let end = i + c.len_utf8();
                match &mut unknown {
                    Some((_, e)) if *e == i => *e = end,
                    Some(_) => {}
                    None => unknown = Some((i, end)),
                }
                c.len_utf8()
            }
        };
        i += len.max(1);
    }
    if !acc.any_number() {
        return Ok(None);
    }
    if let Some((a, b)) = unknown {
        return Err(format!("unexpected '{}'", t.get(a..b).unwrap_or("?")));
    }
    acc.finish().map(Some).map_err(str::to_string)
}

/// Reads one item at the start of `rest`; Ok(None) when nothing is recognised.
fn step(
    acc: &mut Acc,
    rest: &str,
    prev: Option<&u8>,
    c: char,
    words: &MoneyWords,
) -> Result<Option<usize>, &'static str> {
    if c == ' ' {
        return Ok(Some(1));
    }
    let next_digit = rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
    if c.is_ascii_digit() || (c == '.' && next_digit) {
        let free = acc.digits.get_mut(acc.used..).unwrap_or_default();
        let (n, len) = ascii_number(rest, free)?;
        let base = Base::Digits(acc.used as u8, n as u8);
        acc.used += n;
        acc.push(Part { base, exp: 0, unit: None })?;
        return Ok(Some(len));
    }
    if acc.wants_unit() {
        if let Some(run) = unit_run(rest) {
            let (exp, len) = run?;
            acc.unit(exp)?;
            return Ok(Some(len));
        }
        if let Some((w, exp)) = LETTER_UNITS.iter().find(|(w, _)| word_at(rest, prev, w)) {
            acc.unit(*exp)?;
            return Ok(Some(w.len()));
        }
    }
    // Configured words are skipped as a whole; punctuation-only ones ("-", "/") are not
    // words here, or they would swallow range separators and signs.
    let first = rest.as_bytes().first().map(u8::to_ascii_lowercase);
    for list in [words.vague, words.red_flag] {
        for w in list {
            // Cheap first-byte test before the full comparison.
            if w.as_bytes().first().map(u8::to_ascii_lowercase) == first
                && word_at(rest, prev, w)
                && w.chars().any(char::is_alphanumeric)
            {
                return Ok(Some(w.len()));
            }
        }
    }
    if text::is_cn_numeral(c) && !rest.starts_with("一共") {
        let len: usize = rest.chars().take_while(|&c| text::is_cn_numeral(c)).map(char::len_utf8).sum();
        let run = rest.get(..len).unwrap_or("");
        let Some(v) = text::chinese_number(run) else {
            return Ok(None);
        };
        let unit = if run.contains(['亿', '億']) {
            Some(8)
        } else if run.contains(['万', '萬']) {
            Some(4)
        } else {
            None
        };
        acc.push(Part { base: Base::Value(v), exp: 0, unit })?;
        return Ok(Some(len));
    }
    if let Some((w, tok)) = token_at(rest, prev) {
        acc.token(tok)?;
        return Ok(Some(w.len()));
    }
    if text::is_wrap_punct(c) || matches!(c, '*' | '=' | '：') {
        return Ok(Some(c.len_utf8()));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::Currency::{Cny, Eur, Gbp, Hkd, Jpy, Usd};
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    const WORDS: MoneyWords = MoneyWords { vague: DEFAULT_VAGUE, red_flag: DEFAULT_RED_FLAG };

    /// An amount: flags 'a' = approx, 'u' = unit stated.
    fn fx(low: f64, high: f64, flags: &str, currency: Currency) -> MoneyValue {
        MoneyValue::Amount(Amount {
            low,
            high,
            approx: flags.contains('a'),
            unit_stated: flags.contains('u'),
            currency,
        })
    }
    fn v(x: f64, flags: &str) -> MoneyValue {
        fx(x, x, flags, Cny)
    }
    fn rg(low: f64, high: f64, flags: &str) -> MoneyValue {
        fx(low, high, flags, Cny)
    }
    const VAGUE: MoneyValue = MoneyValue::Vague { red_flag: false };
    const RED: MoneyValue = MoneyValue::Vague { red_flag: true };

    #[rstest]
    // plain numbers and separators
    #[case("120", v(120.0, ""))]
    #[case("0", v(0.0, ""))]
    #[case("1200000", v(1_200_000.0, ""))]
    #[case("1,200,000", v(1_200_000.0, ""))]
    #[case("1，200，000", v(1_200_000.0, ""))]
    #[case("1,200,000.50", v(1_200_000.5, ""))]
    #[case("12.5", v(12.5, ""))]
    #[case(".5", v(0.5, ""))]
    #[case("100.", v(100.0, ""))]
    #[case("  120  ", v(120.0, ""))]
    #[case("１２０", v(120.0, ""))]
    // currency marks
    #[case("¥1,200,000", v(1_200_000.0, ""))]
    #[case("￥1,200", v(1200.0, ""))]
    #[case("¥ 1,200", v(1200.0, ""))]
    #[case("RMB 1200", v(1200.0, ""))]
    #[case("rmb1200", v(1200.0, ""))]
    #[case("CNY 1,200", v(1200.0, ""))]
    #[case("1200元", v(1200.0, "u"))]
    #[case("1200块", v(1200.0, "u"))]
    #[case("1200块钱", v(1200.0, "u"))]
    #[case("人民币1200元", v(1200.0, "u"))]
    #[case("1200元整", v(1200.0, "u"))]
    // Chinese units
    #[case("120万", v(1_200_000.0, "u"))]
    #[case("１２０万", v(1_200_000.0, "u"))]
    #[case("120 万", v(1_200_000.0, "u"))]
    #[case("1.2亿", v(120_000_000.0, "u"))]
    #[case("1.2亿元", v(120_000_000.0, "u"))]
    #[case("1.5亿", v(150_000_000.0, "u"))]
    #[case("200万/年", v(2_000_000.0, "u"))]
    #[case("100万 RMB", v(1_000_000.0, "u"))]
    #[case("人民币100", v(100.0, ""))]
    #[case("100万（不含税）", v(1_000_000.0, "u"))]
    #[case("预算：200万", v(2_000_000.0, "u"))]
    #[case("1,000万", v(10_000_000.0, "u"))]
    #[case("800万元", v(8_000_000.0, "u"))]
    #[case("３００万元整", v(3_000_000.0, "u"))]
    #[case("3千", v(3000.0, "u"))]
    #[case("5千元", v(5000.0, "u"))]
    #[case("1.5百万", v(1_500_000.0, "u"))]
    #[case("2千万", v(20_000_000.0, "u"))]
    #[case("1万亿", v(1e12, "u"))]
    #[case("0.5万", v(5000.0, "u"))]
    #[case("1亿5000万", v(150_000_000.0, "u"))]
    #[case("3万5千", v(35_000.0, "u"))]
    #[case("1万5", v(15_000.0, "u"))]
    #[case("1万2000", v(12_000.0, "u"))]
    #[case("1万五千", v(15_000.0, "u"))]
    // letter units
    #[case("50w", v(500_000.0, "u"))]
    #[case("50W", v(500_000.0, "u"))]
    #[case("1.2M", v(1_200_000.0, "u"))]
    #[case("1.2m", v(1_200_000.0, "u"))]
    #[case("RMB 1.2M", v(1_200_000.0, "u"))]
    #[case("500k", v(500_000.0, "u"))]
    #[case("500K", v(500_000.0, "u"))]
    #[case("1.5 million", v(1_500_000.0, "u"))]
    #[case("2bn", v(2e9, "u"))]
    #[case("3mn", v(3e6, "u"))]
    // Chinese numerals
    #[case("五十万", v(500_000.0, "u"))]
    #[case("一百二十万", v(1_200_000.0, "u"))]
    #[case("三千万", v(30_000_000.0, "u"))]
    #[case("一亿五千万", v(150_000_000.0, "u"))]
    #[case("五十", v(50.0, ""))]
    #[case("五十万元", v(500_000.0, "u"))]
    #[case("人民币伍拾万元整", v(500_000.0, "u"))]
    #[case("一百多万", v(1_000_000.0, "au"))]
    // approximations
    #[case("约100万", v(1_000_000.0, "au"))]
    #[case("大约100万", v(1_000_000.0, "au"))]
    #[case("大概 100 万", v(1_000_000.0, "au"))]
    #[case("100万左右", v(1_000_000.0, "au"))]
    #[case("100万上下", v(1_000_000.0, "au"))]
    #[case("100万+", v(1_000_000.0, "au"))]
    #[case(">200万", v(2_000_000.0, "au"))]
    #[case("＞200万", v(2_000_000.0, "au"))]
    #[case("≥200万", v(2_000_000.0, "au"))]
    #[case("<50万", v(500_000.0, "au"))]
    #[case("200万以上", v(2_000_000.0, "au"))]
    #[case("50万以内", v(500_000.0, "au"))]
    #[case("50万以下", v(500_000.0, "au"))]
    #[case("约200万元左右", v(2_000_000.0, "au"))]
    #[case("30W+", v(300_000.0, "au"))]
    #[case("(约100万)", v(1_000_000.0, "au"))]
    #[case("不低于100万", v(1_000_000.0, "au"))]
    #[case("不少于100万", v(1_000_000.0, "au"))]
    #[case("不超过100万", v(1_000_000.0, "au"))]
    #[case("超过100万", v(1_000_000.0, "au"))]
    #[case("近100万", v(1_000_000.0, "au"))]
    #[case("将近100万", v(1_000_000.0, "au"))]
    #[case("100多万", v(1_000_000.0, "au"))]
    #[case("100余万", v(1_000_000.0, "au"))]
    #[case("~100万", v(1_000_000.0, "au"))]
    #[case("approx. 1.2M", v(1_200_000.0, "au"))]
    #[case("预算充足，约200万", v(2_000_000.0, "au"))]
    #[case("预算约200万（含税）", v(2_000_000.0, "au"))]
    #[case("+100", v(100.0, ""))]
    // ranges
    #[case("50-80万", rg(500_000.0, 800_000.0, "u"))]
    #[case("50万~80万", rg(500_000.0, 800_000.0, "u"))]
    #[case("50万～80万", rg(500_000.0, 800_000.0, "u"))]
    #[case("50至80万", rg(500_000.0, 800_000.0, "u"))]
    #[case("50到80万", rg(500_000.0, 800_000.0, "u"))]
    #[case("50—80万", rg(500_000.0, 800_000.0, "u"))]
    #[case("50－80万", rg(500_000.0, 800_000.0, "u"))]
    #[case("50万-1亿", rg(500_000.0, 100_000_000.0, "u"))]
    #[case("约 50~80 万", rg(500_000.0, 800_000.0, "au"))]
    #[case("1,200-1,500", rg(1200.0, 1500.0, ""))]
    #[case("50 to 80k", rg(50_000.0, 80_000.0, "u"))]
    #[case("五十至八十万", rg(500_000.0, 800_000.0, "u"))]
    // negatives
    #[case("-1,200", v(-1200.0, ""))]
    #[case("(1,200)", v(-1200.0, ""))]
    #[case("（1,200）", v(-1200.0, ""))]
    #[case("-5万", v(-50_000.0, "u"))]
    #[case("(0)", v(0.0, ""))]
    // other currencies
    #[case("$1,000", fx(1000.0, 1000.0, "", Usd))]
    #[case("US$100", fx(100.0, 100.0, "", Usd))]
    #[case("10万美金", fx(1e5, 1e5, "u", Usd))]
    #[case("USD 1,000", fx(1000.0, 1000.0, "", Usd))]
    #[case("US$ 2M", fx(2e6, 2e6, "u", Usd))]
    #[case("100万美元", fx(1e6, 1e6, "u", Usd))]
    #[case("€500k", fx(500_000.0, 500_000.0, "u", Eur))]
    #[case("EUR 100", fx(100.0, 100.0, "", Eur))]
    #[case("50万欧元", fx(500_000.0, 500_000.0, "u", Eur))]
    #[case("HK$ 100万", fx(1e6, 1e6, "u", Hkd))]
    #[case("HKD 100", fx(100.0, 100.0, "", Hkd))]
    #[case("NT$3,000,000", fx(3e6, 3e6, "", super::Currency::Twd))]
    #[case("新台币50万", fx(5e5, 5e5, "u", super::Currency::Twd))]
    #[case("100万港币", fx(1e6, 1e6, "u", Hkd))]
    #[case("£2,000", fx(2000.0, 2000.0, "", Gbp))]
    #[case("JPY 1,000,000", fx(1e6, 1e6, "", Jpy))]
    #[case("100万日元", fx(1e6, 1e6, "u", Jpy))]
    #[case("1000円", fx(1000.0, 1000.0, "u", Jpy))]
    // vague and red flags
    #[case("待定", VAGUE)]
    #[case("未定", VAGUE)]
    #[case("面议", VAGUE)]
    #[case("不清楚", VAGUE)]
    #[case("暂不清楚", VAGUE)]
    #[case("预算待定", VAGUE)]
    #[case("看方案", VAGUE)]
    #[case("先出方案", VAGUE)]
    #[case("TBD", VAGUE)]
    #[case("N/A", VAGUE)]
    #[case("n/a", VAGUE)]
    #[case("unknown", VAGUE)]
    #[case("-", VAGUE)]
    #[case("--", VAGUE)]
    #[case("—", VAGUE)]
    #[case("——", VAGUE)]
    #[case("/", VAGUE)]
    #[case("?", VAGUE)]
    #[case("？", VAGUE)]
    #[case("不差钱", RED)]
    #[case("客户说不差钱", RED)]
    #[case("钱不是问题", RED)]
    #[case("预算充足", RED)]
    #[case("预算不是问题", RED)]
    #[case("资金充足，待定", RED)]
    #[case("资金充足", RED)]
    #[case("不缺钱", RED)]
    #[case("？？", VAGUE)]
    // empty
    #[case("", MoneyValue::Empty)]
    #[case("   ", MoneyValue::Empty)]
    #[case("\u{3000}", MoneyValue::Empty)]
    fn parses(#[case] input: &str, #[case] expected: MoneyValue) {
        assert_eq!(parse_money(input, &WORDS), expected, "input {input:?}");
    }

    #[rstest]
    #[case("abc")]
    #[case("china")]
    #[case("万")]
    #[case("万元")]
    #[case("约")]
    #[case("¥")]
    #[case("2026-03-15")]
    #[case("2026年3月")]
    #[case("35%")]
    #[case("1.200.000")]
    #[case("1,5")]
    #[case("1 200")]
    #[case("50 80")]
    #[case("80-50万")]
    #[case("50-")]
    #[case("50-80-90")]
    #[case("$100元")]
    #[case("100kg")]
    #[case("100mm")]
    #[case("1万1亿")]
    #[case("3个人")]
    #[case("两三百万")]
    #[case("20万/月")]
    #[case("1.2e5")]
    #[case("无")]
    #[case("十几万")]
    #[case("...")]
    #[case("+-")]
    #[case("1e5")]
    #[case("NaN")]
    #[case("inf")]
    #[case("１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０１２")]
    fn invalid(#[case] input: &str) {
        let got = parse_money(input, &WORDS);
        assert!(matches!(got, MoneyValue::Invalid(_)), "{input:?} gave {got:?}");
    }

    #[test]
    fn messages_are_plain_english() {
        assert_eq!(parse_money("abc", &WORDS), MoneyValue::Invalid("not a number: 'abc'".into()));
        assert_eq!(parse_money("35%", &WORDS), MoneyValue::Invalid("unexpected '%' in money value '35%'".into()));
    }

    #[test]
    fn custom_word_lists() {
        let words = MoneyWords { vague: &["看情况"], red_flag: &["有钱"] };
        assert_eq!(parse_money("看情况", &words), VAGUE);
        assert_eq!(parse_money("很有钱", &words), RED);
        assert!(matches!(parse_money("待定", &words), MoneyValue::Invalid(_)));
        assert!(matches!(parse_money("-", &words), MoneyValue::Invalid(_)));
    }

    fn with_commas(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        out
    }

    fn single(got: &MoneyValue) -> Option<f64> {
        match got {
            MoneyValue::Amount(a) if a.low == a.high && !a.approx => Some(a.low),
            _ => None,
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in ".*") {
            let _ = parse_money(&s, &WORDS);
        }

        #[test]
        fn never_panics_on_money_alphabet(
            s in "[0-9０-９万亿千百十元¥￥,.，约~\\-至到年月日Q kKmMwW$()（）+>多余左右一二三五零]{0,20}"
        ) {
            let _ = parse_money(&s, &WORDS);
        }

        #[test]
        fn round_trips(n in 0u64..1_000_000_000_000u64) {
            let x = n as f64;
            let close = |got: Option<f64>| got.is_some_and(|g| (g - x).abs() <= 1e-6 * x.max(1.0));
            for text in [format!("{n}"), format!("{n}元"), format!("¥{}", with_commas(n))] {
                let got = parse_money(&text, &WORDS);
                prop_assert!(close(single(&got)), "{} gave {:?}", text, got);
            }
            let wan = format!("{}万", x / 1e4);
            let got = parse_money(&wan, &WORDS);
            prop_assert!(close(single(&got)), "{} gave {:?}", wan, got);
            if n % 10_000 == 0 {
                prop_assert_eq!(single(&got), Some(x));
            }
        }
    }
}

//! Money cells as people type them.

/// ISO-ish currency code. CNY is the default when no mark is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    Cny,
    Usd,
    Eur,
    Hkd,
    Gbp,
    Jpy,
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
pub fn parse_money(s: &str, words: &MoneyWords) -> MoneyValue {
    todo!()
}

//! Header text as kascore compares it, and the units headers and title rows state. Pure, and
//! apart from header detection because the model's validation uses it too (aliases must not
//! clash once normalised), while detection uses the model.

use super::money::Currency;
use super::text::fold;

/// A unit stated for a column: a scale for plain numbers and a currency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    /// Plain numbers are multiplied by this (万元 → 10,000).
    pub scale: f64,
    pub currency: Currency,
}

/// A header text after normalising, and the unit its brackets stated.
#[derive(Debug, Clone, PartialEq)]
pub struct NormHeader {
    pub text: String,
    pub unit: Option<Unit>,
}

/// Normalise a header for alias matching: folded as cell values are ([`fold`]: full width →
/// half width, Traditional → Simplified, so 賬期, 帳期 and 账期 are one header), lower case,
/// bracketed parts removed (a bracketed unit is kept aside), spaces and punctuation removed.
///
/// ```
/// use kascore::values::header::normalize_header;
/// let h = normalize_header("预算（万元）");
/// assert_eq!(h.text, "预算");
/// assert_eq!(h.unit.map(|u| u.scale), Some(10_000.0));
/// assert_eq!(normalize_header(" Account  Name ").text, "accountname");
/// assert_eq!(normalize_header("ＡＲ Ｂａｌａｎｃｅ").text, "arbalance");
/// assert_eq!(normalize_header("客戶名稱").text, "客户名称");
/// assert_eq!(normalize_header("應收帳款（萬元）").unit.map(|u| u.scale), Some(10_000.0));
/// ```
pub fn normalize_header(raw: &str) -> NormHeader {
    let half = fold(raw);
    let mut text = String::with_capacity(half.len());
    let mut unit = None;
    let mut depth = 0usize;
    let mut inner = String::new();
    for c in half.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '{' => {
                depth += 1;
                inner.clear();
            }
            ')' | ']' | '】' | '〕' | '}' if depth > 0 => {
                depth -= 1;
                if unit.is_none() {
                    unit = parse_unit(&inner);
                }
                inner.clear();
            }
            _ if depth > 0 => inner.push(c),
            _ => text.push(c),
        }
    }
    // "预算/万元", "金额 单位:万元": a unit after a slash or "单位".
    if unit.is_none() {
        if let Some((head, tail)) = text.rsplit_once(['/', '|']) {
            if let Some(u) = parse_unit(tail) {
                unit = Some(u);
                text.truncate(head.len());
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '+' | '>' | '<' | '~') {
            out.extend(c.to_lowercase());
        }
    }
    NormHeader { text: out, unit }
}

/// A unit word: 元, 千元, 万元, 百万元, 亿元, 万美元, USD, k, '000 ….
pub fn parse_unit(raw: &str) -> Option<Unit> {
    let s: String =
        fold(raw).chars().filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：')).collect::<String>().to_lowercase();
    let s = s.strip_prefix("单位").or_else(|| s.strip_prefix("單位")).or_else(|| s.strip_prefix("unit")).unwrap_or(&s);
    let (scale, rest) = [
        ("百万", 1e6),
        ("千万", 1e7),
        ("万", 1e4),
        ("萬", 1e4),
        ("亿", 1e8),
        ("億", 1e8),
        ("千", 1e3),
        ("'000", 1e3),
        ("000s", 1e3),
        ("thousands", 1e3),
        ("millions", 1e6),
    ]
    .iter()
    .find_map(|(p, f)| s.strip_prefix(p).map(|r| (*f, r)))
    .unwrap_or((1.0, s));
    let (scale, rest) = match rest {
        "k" if scale == 1.0 => (1e3, ""),
        "m" | "mn" if scale == 1.0 => (1e6, ""),
        _ => (scale, rest),
    };
    let currency = match rest {
        "元" | "rmb" | "cny" | "人民币" | "人民币元" | "块" | "¥" | "￥" => Currency::Cny,
        "" if scale != 1.0 => Currency::Cny,
        "美元" | "usd" | "us$" | "$" => Currency::Usd,
        "港元" | "港币" | "港幣" | "hkd" | "hk$" => Currency::Hkd,
        "欧元" | "歐元" | "eur" | "€" => Currency::Eur,
        "英镑" | "gbp" | "£" => Currency::Gbp,
        "日元" | "jpy" | "円" => Currency::Jpy,
        "新台币" | "新台幣" | "台币" | "台幣" | "twd" | "nt$" => Currency::Twd,
        _ => return None,
    };
    Some(Unit { scale, currency })
}

/// A unit stated in a title row: "单位：万元", "金额单位：万元", "(单位:万元)".
pub fn title_unit(cell: &str) -> Option<Unit> {
    let half = fold(cell);
    let at = half.find("单位").or_else(|| half.find("單位"))?;
    let tail = &half[at..];
    let tail = tail.trim_end_matches([')', '）', ']', '】']);
    let end = tail.find([',', ';', '，', '；', ' ']).unwrap_or(tail.len());
    parse_unit(&tail[..end])
}

//! Payment terms (pure, no I/O).
use super::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermsKind {
    /// 预付, 预付款, 款到发货, 先款后货, 全款预付, prepaid, CIA, CWO, CBD, PIA → 0 days. A prepaid
    /// share with nothing said of the balance ("预付30%", "30%预付") is Prepay too: the seller asks
    /// for money up front and gives no credit period; when the balance has terms ("预付30%，余款
    /// 月结60天", "预付30%，货到付款") those win.
    Prepay,
    /// 货到付款, 现款现货, 现结, 现金, COD, cash on delivery → 0 days.
    CashOnDelivery,
    /// A number of days of credit: "60天", "账期60天", "月结60天", "N30", "net 60", "60 days",
    /// "T/T 30 days", "30日", "3个月" (=90), "半年" (=180), "一年"/"1年" (=365), "月结" alone (=30,
    /// month_end), "季结" (=90); ERP terms codes whose number is the days: "D(30)", "D30", "D+30",
    /// "30D", "NET30", "N/30", "2/10 N/30" (=30: the discount is not the period), "CD30" (credit
    /// days), "TT30", "T/T 30", "OA60" (open account); "D(0)", "immediate", "due on receipt",
    /// "立即付款" = 0 days.
    Net,
    /// 先提货后付款, 货到后付款, 赊销, 先货后款, 欠款, "半年后付款", "一年后付款": credit sale
    /// (weak-credit signal). `days` set when a period is stated ("半年后付款" → 180).
    CreditSale,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    pub kind: TermsKind,
    /// Days of credit; None when the kind states none (CreditSale without a period).
    pub days: Option<u32>,
    /// "月结…" (end-of-month basis): the model may add the rest of the month on top.
    pub month_end: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TermsValue {
    Terms(Terms),
    Missing,
    Invalid(String),
}

/// Longest credit period accepted (ten years); longer is Invalid (often a date serial).
const MAX_DAYS: f64 = 3650.0;

const NO_CREDIT: &[&str] = &["无账期", "没有账期", "零账期", "不赊销", "不赊账", "不欠款"];
const CREDIT_SALE: &[&str] = &[
    "先提货后付款",
    "货到后付款",
    "赊销",
    "赊账",
    "赊购",
    "先货后款",
    "先发货后付款",
    "先发货后收款",
    "先用后付",
    "欠款",
    "挂账",
];
const COD: &[&str] = &[
    "货到付款",
    "现款现货",
    "现款",
    "现结",
    "现金",
    "钱货两清",
    "货到即付",
    "见货付款",
    "一手交钱一手交货",
    "cod",
    "cash on delivery",
];
const PREPAY: &[&str] = &[
    "预付",
    "款到发货",
    "先款后货",
    "款到",
    "全款",
    "先付款",
    "prepaid",
    "prepayment",
    "prepay",
    "payment in advance",
    "advance payment",
    "cash in advance",
    "in advance",
    "cia",
    "pia",
    "cwo",
    "cash with order",
    "cbd",
    "cash before delivery",
];
/// Payment due at once, with no period: Net 0 days (as "D(0)" and "0").
const IMMEDIATE: &[&str] = &[
    "立即付款",
    "即时付款",
    "见票即付",
    "immediate",
    "immediately",
    "due on receipt",
    "due upon receipt",
    "upon receipt",
    "on receipt",
];
const MONTH_END: &[&str] = &["月结", "月底结", "eom"];
/// Settlement cycles without a stated period: (word, days, month_end), checked in order.
const CYCLES: &[(&str, u32, bool)] = &[
    ("半月结", 15, false),
    ("双月结", 60, true),
    ("月结", 30, true),
    ("月底结", 30, true),
    ("季结", 90, false),
    ("周结", 7, false),
    ("年结", 365, false),
];
/// Period units after a number, with their length in days.
const UNITS: &[(&str, f64)] = &[
    ("个工作日", 1.0),
    ("工作日", 1.0),
    ("天", 1.0),
    ("日", 1.0),
    ("days", 1.0),
    ("day", 1.0),
    ("d", 1.0),
    ("个多月", 30.0),
    ("个月", 30.0),
    ("周", 7.0),
    ("星期", 7.0),
    ("credit days", 1.0),
    ("weeks", 7.0),
    ("week", 7.0),
    ("年", 365.0),
    ("years", 365.0),
    ("year", 365.0),
];
/// Words after which a bare number is a number of days ("月结60", "账期：60", "net 60"), besides
/// the letters N and D standing alone ("N30", "N/30", "D(30)", "D30"). ERP and trade codes: CD =
/// credit days, T/T (TT) = telegraphic transfer n days after invoice, O/A (OA) = open account.
const DAY_PREFIXES: &[&str] = &["月结", "账期", "账期为", "付款期", "net", "cd", "tt", "t/t", "oa", "o/a"];

/// Also accept a bare number string "60" as Net 60 days. Never panics.
///
/// Reading order: a cell that says there is no credit (无账期, 不赊销, "无") is
/// CashOnDelivery; credit-sale words (and "…后付款" unless 月结/账期 is said) give CreditSale;
/// then any stated period gives Net (the longest when several are given: "30/60/90天" = 90,
/// "30-60天" = 60); then settlement cycles (月结 30, 季结 90, 半月结 15, 周结 7, 双月结 60,
/// 年结 365); then cash on delivery; then prepayment (so "预付30%，月结60天" is Net 60).
/// `month_end` is set by 月结, 月底结 (not 半月结) and "EOM". Numbers inside a date
/// ("2026年3月15日") are not periods. Periods above 3650 days are ignored;
/// percentages ("预付30%") are never days. "" / 待定 / "-" → Missing.
///
/// ERP exports write terms as codes: a number is read as days after the letter N or D standing
/// alone or after CD, TT, T/T, OA, O/A, net, 月结 or 账期, with spaces, ':', '-', '/', '+', '=' or
/// '(' between ("D(30)", "Ｄ（３０）", "D30", "D+30", "N/30", "NET30", "CD30", "TT30", "T/T 30",
/// "OA 60"), and before a unit ("30D", "30 days", "30 credit days"). Immediate payment
/// ("D(0)", "immediate", "due on receipt", "立即付款") is Net 0. Company-defined ERP terms keys
/// (SAP's "Z030", "ZB30", "Z001") are not read: what their number means is each company's own
/// setting (often a sequence number), so they are Invalid with a message asking for the days.
///
/// ```
/// use kascore::values::terms::{parse_terms, Terms, TermsKind, TermsValue};
/// assert_eq!(
///     parse_terms("月结60天"),
///     TermsValue::Terms(Terms { kind: TermsKind::Net, days: Some(60), month_end: true })
/// );
/// ```
pub fn parse_terms(s: &str) -> TermsValue {
    let c = text::clean(s);
    let t: &str = &c;
    if t.is_empty() {
        return TermsValue::Missing;
    }
    let has = |words: &[&str]| words.iter().any(|w| text::contains_word(t, w));
    let month_end = has(MONTH_END) && !t.contains("半月结");
    let terms = |kind, days| TermsValue::Terms(Terms { kind, days, month_end });
    let core = text::strip_punct(t);
    if has(NO_CREDIT) || core == "无" || core == "没有" {
        return terms(TermsKind::CashOnDelivery, Some(0));
    }
    let days = longest_period(t);
    let later = has(&["后付款", "后付"]) && !month_end && !has(&["账期"]);
    if has(CREDIT_SALE) || later {
        return terms(TermsKind::CreditSale, days);
    }
    if days.is_some() {
        return terms(TermsKind::Net, days);
    }
    if let Some((_, d, me)) = CYCLES.iter().find(|(w, _, _)| t.contains(w)) {
        return TermsValue::Terms(Terms { kind: TermsKind::Net, days: Some(*d), month_end: *me || month_end });
    }
    if has(COD) {
        return terms(TermsKind::CashOnDelivery, Some(0));
    }
    if has(IMMEDIATE) {
        return terms(TermsKind::Net, Some(0));
    }
    if has(PREPAY) {
        return terms(TermsKind::Prepay, Some(0));
    }
    if let Some(v) = text::plain_decimal(core, 0) {
        return terms_from_number(v);
    }
    if text::is_missing(t) {
        return TermsValue::Missing;
    }
    if erp_key(core) {
        return TermsValue::Invalid(format!(
            "'{t}' looks like an ERP payment-terms key, whose meaning each company sets: give the days (30天) or the terms' text"
        ));
    }
    TermsValue::Invalid(format!("not payment terms: '{t}'"))
}

/// A company-defined ERP terms key: SAP's customer keys "Z030", "ZB30", "ZN60", "Z001".
fn erp_key(core: &str) -> bool {
    let b = core.as_bytes();
    let digits = b.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let letters = b.len() - digits;
    matches!(b.first(), Some(b'z' | b'Z'))
        && (1..=2).contains(&letters)
        && b[..letters].iter().all(u8::is_ascii_alphabetic)
        && (2..=3).contains(&digits)
}

/// The longest period stated in `t`, in days.
fn longest_period(t: &str) -> Option<u32> {
    let mut best: Option<f64> = None;
    let mut keep = |d: f64| {
        if (0.0..=MAX_DAYS).contains(&d) && best.is_none_or(|b| d > b) {
            best = Some(d);
        }
    };
    let mut i = 0;
    while let Some(rest) = t.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        if let Some((w, d)) = [("半年", 180.0), ("半个月", 15.0)].iter().find(|(w, _)| rest.starts_with(w)) {
            keep(*d);
            i += w.len();
            continue;
        }
        let len = if c.is_ascii_digit() {
            rest.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count()
        } else if text::cn_digit(c).is_some() || matches!(c, '十' | '百') {
            rest.chars()
                .take_while(|&c| text::cn_digit(c).is_some() || matches!(c, '十' | '百'))
                .map(char::len_utf8)
                .sum()
        } else {
            i += c.len_utf8();
            continue;
        };
        let run = rest.get(..len).unwrap_or("");
        let after = rest.get(len..).unwrap_or("").trim_start();
        let before = t.get(..i).unwrap_or("");
        // "2026年3月15日" is a date, not 15 days.
        let in_date = before.ends_with(['年', '月']);
        if let Some(v) = text::any_number(run).filter(|_| !in_date) {
            let unit = UNITS.iter().find(|(u, _)| {
                text::starts_with_ci(after, u) && !after.as_bytes().get(u.len()).is_some_and(u8::is_ascii_alphabetic)
            });
            match unit {
                Some((_, mult)) => keep(v * mult),
                None if !after.starts_with(['%', '‰']) && day_prefix(before) => keep(v),
                None => {}
            }
        }
        i += len.max(1);
    }
    best.map(|d| d.round() as u32)
}

/// True when a bare number after `before` is a number of days: "月结60", "账期：60",
/// "net 60", "N30", "N/30", "D(30)", "D30", "CD30", "T/T 30".
fn day_prefix(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', ':', '-', '：', '为', '/', '(', '+', '=']);
    // N (net) and D (days) as letters of their own: "N30", "2/10 N/30", "D(30)", not "in 30".
    match trimmed.as_bytes() {
        [.., p, b'n' | b'N'] if !p.is_ascii_alphabetic() => return true,
        [.., p, b'd' | b'D'] if !p.is_ascii_alphanumeric() => return true,
        [b'n' | b'N' | b'd' | b'D'] => return true,
        _ => {}
    }
    DAY_PREFIXES.iter().any(|p| {
        trimmed.len() >= p.len()
            && trimmed.get(trimmed.len() - p.len()..).is_some_and(|end| end.eq_ignore_ascii_case(p))
            && !trimmed.as_bytes().get((trimmed.len() - p.len()).wrapping_sub(1)).is_some_and(u8::is_ascii_alphabetic)
    })
}

/// A numeric cell in a terms column: days. Negative/NaN → Invalid. Fractions are rounded to
/// whole days; more than 3650 days is Invalid (probably a date serial in the wrong column).
///
/// ```
/// use kascore::values::terms::{terms_from_number, Terms, TermsKind, TermsValue};
/// assert_eq!(
///     terms_from_number(30.0),
///     TermsValue::Terms(Terms { kind: TermsKind::Net, days: Some(30), month_end: false })
/// );
/// ```
pub fn terms_from_number(v: f64) -> TermsValue {
    if !v.is_finite() || v < 0.0 {
        return TermsValue::Invalid(format!("not a number of days: {v}"));
    }
    let days = v.round();
    if days > MAX_DAYS {
        return TermsValue::Invalid(format!("{v} days of credit is implausible (over 10 years)"));
    }
    TermsValue::Terms(Terms { kind: TermsKind::Net, days: Some(days as u32), month_end: false })
}

#[cfg(test)]
mod tests {
    use super::TermsKind::{CashOnDelivery as Cod, CreditSale, Net, Prepay};
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn tv(kind: TermsKind, days: Option<u32>, month_end: bool) -> TermsValue {
        TermsValue::Terms(Terms { kind, days, month_end })
    }
    fn net(days: u32) -> TermsValue {
        tv(Net, Some(days), false)
    }
    fn eom(days: u32) -> TermsValue {
        tv(Net, Some(days), true)
    }

    #[rstest]
    #[case("60天", net(60))]
    #[case("６０天", net(60))]
    #[case("60 天", net(60))]
    #[case("账期60天", net(60))]
    #[case("账期：60天", net(60))]
    #[case("账期60", net(60))]
    #[case("账期为90天", net(90))]
    #[case("30日", net(30))]
    #[case("60 days", net(60))]
    #[case("60days", net(60))]
    #[case("60 Days", net(60))]
    #[case("T/T 30 days", net(30))]
    #[case("N30", net(30))]
    #[case("n30", net(30))]
    #[case("net 60", net(60))]
    #[case("Net60", net(60))]
    #[case("NET-45", net(45))]
    #[case("net 30 EOM", eom(30))]
    #[case("3个月", net(90))]
    #[case("三个月", net(90))]
    #[case("两个月", net(60))]
    #[case("半年", net(180))]
    #[case("一年", net(365))]
    #[case("1年", net(365))]
    #[case("半个月", net(15))]
    #[case("十五天", net(15))]
    #[case("一百二十天", net(120))]
    #[case("2周", net(14))]
    #[case("30个工作日", net(30))]
    #[case("发票后60天", net(60))]
    #[case("开票后60天付款", net(60))]
    #[case("30/60/90天", net(90))]
    #[case("30-60天", net(60))]
    #[case("60", net(60))]
    #[case("60.0", net(60))]
    #[case("0", net(0))]
    #[case("月结60天", eom(60))]
    #[case("月结 60 天", eom(60))]
    #[case("月结60", eom(60))]
    #[case("月结", eom(30))]
    #[case("月结30天", eom(30))]
    #[case("月底结", eom(30))]
    #[case("季结", net(90))]
    #[case("半月结", net(15))]
    #[case("周结", net(7))]
    #[case("预付30%，月结60天", eom(60))]
    #[case("货到付款", tv(Cod, Some(0), false))]
    #[case("现款现货", tv(Cod, Some(0), false))]
    #[case("现结", tv(Cod, Some(0), false))]
    #[case("现金", tv(Cod, Some(0), false))]
    #[case("COD", tv(Cod, Some(0), false))]
    #[case("cash on delivery", tv(Cod, Some(0), false))]
    #[case("无账期", tv(Cod, Some(0), false))]
    #[case("不赊销", tv(Cod, Some(0), false))]
    #[case("无", tv(Cod, Some(0), false))]
    #[case("预付30%，货到付款", tv(Cod, Some(0), false))]
    #[case("预付", tv(Prepay, Some(0), false))]
    #[case("预付款", tv(Prepay, Some(0), false))]
    #[case("100%预付", tv(Prepay, Some(0), false))]
    #[case("款到发货", tv(Prepay, Some(0), false))]
    #[case("先款后货", tv(Prepay, Some(0), false))]
    #[case("全款预付", tv(Prepay, Some(0), false))]
    #[case("prepaid", tv(Prepay, Some(0), false))]
    #[case("CIA", tv(Prepay, Some(0), false))]
    #[case("先提货后付款", tv(CreditSale, None, false))]
    #[case("货到后付款", tv(CreditSale, None, false))]
    #[case("赊销", tv(CreditSale, None, false))]
    #[case("先货后款", tv(CreditSale, None, false))]
    #[case("欠款", tv(CreditSale, None, false))]
    #[case("半年后付款", tv(CreditSale, Some(180), false))]
    #[case("一年后付款", tv(CreditSale, Some(365), false))]
    #[case("3个月后付款", tv(CreditSale, Some(90), false))]
    #[case("赊销，90天", tv(CreditSale, Some(90), false))]
    #[case("", TermsValue::Missing)]
    #[case("待定", TermsValue::Missing)]
    #[case("账期待定", TermsValue::Missing)]
    #[case("-", TermsValue::Missing)]
    #[case("N/A", TermsValue::Missing)]
    // ERP terms codes: the number after N or D standing alone, CD, TT, T/T, OA is the days.
    #[case("D(30)", net(30))]
    #[case("D(0)", net(0))]
    #[case("D(360)", net(360))]
    #[case("d(45)", net(45))]
    #[case("D (60)", net(60))]
    #[case("Ｄ（３０）", net(30))]
    #[case("D（30）", net(30))]
    #[case("D30", net(30))]
    #[case("D 30", net(30))]
    #[case("D+30", net(30))]
    #[case("D-60", net(60))]
    #[case("ｄ９０", net(90))]
    #[case("30D", net(30))]
    #[case("30 D", net(30))]
    #[case("NET30", net(30))]
    #[case("NET 30 DAYS", net(30))]
    #[case("N 45", net(45))]
    #[case("N/30", net(30))]
    #[case("n/60", net(60))]
    #[case("Ｎ／３０", net(30))]
    #[case("2/10 N/30", net(30))]
    #[case("2/10, net 30", net(30))]
    #[case("CD30", net(30))]
    #[case("CD 45", net(45))]
    #[case("CD-60", net(60))]
    #[case("cd30", net(30))]
    #[case("30 credit days", net(30))]
    #[case("月结30", eom(30))]
    #[case("T/T 30", net(30))]
    #[case("T/T30天", net(30))]
    #[case("T/T 30 days", net(30))]
    #[case("TT30", net(30))]
    #[case("TT 60", net(60))]
    #[case("ＴＴ３０", net(30))]
    #[case("OA60", net(60))]
    #[case("O/A 90", net(90))]
    #[case("账期(60)", net(60))]
    #[case("immediate", net(0))]
    #[case("Payable immediately", net(0))]
    #[case("Due on receipt", net(0))]
    #[case("立即付款", net(0))]
    #[case("cod", tv(Cod, Some(0), false))]
    #[case("CWO", tv(Prepay, Some(0), false))]
    #[case("CBD", tv(Prepay, Some(0), false))]
    #[case("PIA", tv(Prepay, Some(0), false))]
    // A prepaid share with nothing said of the balance is prepayment; terms for the balance win.
    #[case("预付30%", tv(Prepay, Some(0), false))]
    #[case("30%预付", tv(Prepay, Some(0), false))]
    #[case("预付３０％", tv(Prepay, Some(0), false))]
    #[case("预付30%货款", tv(Prepay, Some(0), false))]
    #[case("预付30%，余款月结60天", eom(60))]
    #[case("预付30%，余款D(30)", net(30))]
    fn parses(#[case] input: &str, #[case] expected: TermsValue) {
        assert_eq!(parse_terms(input), expected, "input {input:?}");
    }

    #[rstest]
    #[case("abc")]
    #[case("T/T")]
    #[case("信用证")]
    #[case("30%")]
    #[case("-60")]
    #[case("99999")]
    #[case("2026年3月15日")]
    #[case("in 30")]
    #[case("code 30")]
    #[case("D")]
    #[case("ID 30")]
    #[case("DVD 30")]
    #[case("CD")]
    #[case("TT")]
    #[case("D(30%)")]
    #[case("D(99999)")]
    #[case("ABCD30")]
    // Company-defined SAP keys: the number is not known to be the days.
    #[case("Z030")]
    #[case("ZB30")]
    #[case("Z001")]
    #[case("ZN60")]
    fn invalid(#[case] input: &str) {
        let got = parse_terms(input);
        assert!(matches!(got, TermsValue::Invalid(_)), "{input:?} gave {got:?}");
    }

    #[rstest]
    #[case(60.0, net(60))]
    #[case(0.0, net(0))]
    #[case(30.4, net(30))]
    #[case(3650.0, net(3650))]
    fn from_numbers(#[case] v: f64, #[case] expected: TermsValue) {
        assert_eq!(terms_from_number(v), expected);
    }

    #[rstest]
    #[case(-1.0)]
    #[case(f64::NAN)]
    #[case(f64::INFINITY)]
    #[case(46000.0)]
    #[case(1e300)]
    fn from_numbers_invalid(#[case] v: f64) {
        assert!(matches!(terms_from_number(v), TermsValue::Invalid(_)));
    }

    #[test]
    fn an_erp_key_says_why_it_is_not_read() {
        let TermsValue::Invalid(why) = parse_terms("ZB30") else { panic!("ZB30 read as terms") };
        assert!(why.contains("ERP payment-terms key"), "{why}");
        let TermsValue::Invalid(why) = parse_terms("abc") else { panic!("abc read as terms") };
        assert!(!why.contains("ERP"), "{why}");
    }

    proptest! {
        #[test]
        fn never_panics(s in ".*") {
            let _ = parse_terms(&s);
        }

        #[test]
        fn never_panics_on_terms_alphabet(s in "[0-9０-９.%天日个月年半结账期预付货到款后先Nnet /\\-一三十百]{0,16}") {
            let _ = parse_terms(&s);
        }

        #[test]
        fn number_never_panics(v in proptest::num::f64::ANY) {
            let _ = terms_from_number(v);
        }

        #[test]
        fn days_round_trip(n in 0u32..=3650) {
            for text in [
                format!("{n}天"),
                format!("net {n}"),
                format!("N{n}"),
                format!("{n}"),
                format!("D({n})"),
                format!("D{n}"),
                format!("N/{n}"),
                format!("CD{n}"),
                format!("TT{n}"),
            ] {
                prop_assert_eq!(parse_terms(&text), net(n), "{}", text);
            }
            prop_assert_eq!(parse_terms(&format!("月结{n}天")), eom(n));
        }
    }
}

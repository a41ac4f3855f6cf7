//! Date cells as people type them (pure, no I/O, no clock).
use super::text;
use chrono::{Days, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Quarter,
    Year,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DateValue {
    /// The date; for month/quarter/year precision it is the LAST day of that period.
    Date(NaiveDate, Precision),
    /// Empty, or a "not known" word: 待定 未定 不确定 tbd n/a 未知 "-" ...
    Missing,
    /// Day/month order cannot be decided, e.g. "03/04/2026": message says so and asks for
    /// yyyy-mm-dd.
    Ambiguous(String),
    /// Not a date; message in plain English.
    Invalid(String),
}

/// Excel serial day number to a date. `date1904` selects the 1904 system. Handles the 1900
/// leap-year bug (serial 60 = the fictitious 1900-02-29 → treat as 1900-02-28 or Invalid, your
/// choice, documented; serials > 60 are shifted by one). Fractions (time of day) are dropped.
/// None for serials < 1 or beyond 9999-12-31.
///
/// Decision: serial 60 (1900-02-29, a day that never existed) gives None, so the caller
/// reports the cell instead of silently moving it. In the 1904 system serial 1 is
/// 1904-01-02 (serial 0, 1904-01-01, is below 1 and so None like every other serial < 1).
///
/// ```
/// use chrono::NaiveDate;
/// use kascore::values::date::from_excel_serial;
/// assert_eq!(from_excel_serial(46096.5, false), NaiveDate::from_ymd_opt(2026, 3, 15));
/// assert_eq!(from_excel_serial(44634.0, true), NaiveDate::from_ymd_opt(2026, 3, 15));
/// assert_eq!(from_excel_serial(60.0, false), None);
/// ```
pub fn from_excel_serial(serial: f64, date1904: bool) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let day = serial.floor() as u64;
    let base = match (date1904, day) {
        (true, _) => NaiveDate::from_ymd_opt(1904, 1, 1)?,
        (false, 60) => return None,
        (false, 0..60) => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        (false, _) => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    let date = base.checked_add_days(Days::new(day))?;
    (date <= NaiveDate::from_ymd_opt(9999, 12, 31)?).then_some(date)
}

/// Parse a date typed as text. Forms: "2026-03-15", "2026/3/15", "2026.3.15", "2026年3月15日",
/// "2026年3月15号", "2026年3月" (end of month), "2026-03" / "2026/3" / "2026.03" (end of month),
/// "2026Q2", "2026 Q2", "Q2 2026", "2026年第二季度", "2026年二季度", "2026年Q2" (end of quarter),
/// "2026年" (end of year), "20260315", "2026-03-15 10:30:00" and "2026-03-15T10:30" (time
/// dropped), "15/03/2026" (day first unambiguous since 15 > 12), "3/15/2026" (month first
/// unambiguous), "03/04/2026" → Ambiguous, "1-Mar-2026", "Mar 15, 2026", "15 March 2026",
/// full-width digits. Invalid calendar dates ("2026-02-30") → Invalid. A plain number string
/// like "46000" is NOT a date here (the caller handles serial numbers in numeric cells).
///
/// Decisions where the list above is silent:
/// - Years must lie in 1900..=2199; anything else is Invalid.
/// - A two-digit year is read only before 年, as 20xx ("26年3月" = March 2026); elsewhere
///   ("03/04/26", "26-03-15") it is Invalid and the message asks for a four-digit year.
/// - "2026" alone is the year 2026 (Year precision); other plain numbers except yyyymmdd are
///   Invalid.
/// - Day and month equal ("03/03/2026") is not ambiguous.
/// - Also read: Chinese numerals ("二〇二六年三月十五日"), "2026年3月底/末/份" (Month),
///   "2026年底", "2026年度" (Year), "2026年第二季度末", "3/2026" (Month), "Mar 2026",
///   "2026-Mar-15", ordinals ("March 15th, 2026"), and the hedges 约, 大约, 预计, 前, 之前, 以前,
///   左右, 前后, which are dropped ("预计2026年6月底前" = 2026-06-30); weekdays, as in Excel's
///   long formats ("2026年3月15日星期日", "Sunday, March 15, 2026") and brackets are ignored;
///   a time may end in AM/PM.
/// - Empty, a "not known" word (待定, 未定, 不确定, 待确认, 未知, 不详, 不清楚, 暂无, tbd, n/a,
///   unknown, none), "无", or only dashes/slashes/question marks → Missing.
///
/// ```
/// use chrono::NaiveDate;
/// use kascore::values::date::{parse_date, DateValue, Precision};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(parse_date("2026年3月"), DateValue::Date(d(2026, 3, 31), Precision::Month));
/// assert_eq!(parse_date("2026Q2"), DateValue::Date(d(2026, 6, 30), Precision::Quarter));
/// assert!(matches!(parse_date("03/04/2026"), DateValue::Ambiguous(_)));
/// ```
pub fn parse_date(s: &str) -> DateValue {
    let c = text::clean(s);
    let t: &str = &c;
    if t.is_empty() || t == "无" || text::is_missing(t) {
        return DateValue::Missing;
    }
    match strip_time(t).and_then(|d| parse_tokens(t, d)) {
        Ok(v) => v,
        Err(msg) => DateValue::Invalid(msg),
    }
}

/// The date part of "2026-03-15 10:30", "2026-03-15T10:30:00Z", "2026年3月15日10:30".
fn strip_time(t: &str) -> Result<&str, String> {
    let Some(colon) = t.find(':') else {
        return Ok(t);
    };
    let head = t.get(..colon).unwrap_or("");
    let Some((i, ch)) = head.char_indices().rev().find(|&(_, c)| matches!(c, ' ' | 'T' | 't' | '日' | '号')) else {
        return Err(format!("not a date: '{t}'"));
    };
    let (date, time) = if matches!(ch, '日' | '号') {
        t.split_at_checked(i + ch.len_utf8())
    } else {
        t.split_at_checked(i).map(|(d, tm)| (d, tm.get(1..).unwrap_or("")))
    }
    .ok_or_else(|| format!("not a date: '{t}'"))?;
    let time = time.trim_end();
    let time = ["am", "pm", "上午", "下午"]
        .iter()
        .find_map(|w| {
            let n = time.len().checked_sub(w.len())?;
            time.get(n..).filter(|end| end.eq_ignore_ascii_case(w)).and_then(|_| time.get(..n))
        })
        .unwrap_or(time);
    let time_ok = time.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ' ' | '+' | '-' | 'z' | 'Z'));
    if !time_ok {
        return Err(format!("not a date and time: '{t}'"));
    }
    Ok(date.trim_end())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// Value and number of digits (characters for Chinese numerals).
    Num(u32, usize),
    Sep(char),
    Sp,
    Nian,
    Yue,
    Ri,
    Ji,
    Di,
    Q,
    End,
    Mon(u32),
}

const MAX_TOKS: usize = 12;
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const HEDGES: &[&str] = &["大约", "约", "预计", "之前", "以前", "前后", "左右", "前"];

fn tokenize(d: &str) -> Result<([Tok; MAX_TOKS], usize), String> {
    let mut toks = [Tok::Sp; MAX_TOKS];
    let mut n = 0;
    let mut i = 0;
    while let Some(rest) = d.get(i..) {
        let Some(c) = rest.chars().next() else { break };
        let mut len = c.len_utf8();
        let tok = match c {
            ' ' => Some(Tok::Sp),
            '-' | '/' | '.' | ',' => Some(Tok::Sep(c)),
            '年' => Some(Tok::Nian),
            '月' => Some(Tok::Yue),
            '日' | '号' | '號' => Some(Tok::Ri),
            '第' => Some(Tok::Di),
            '底' | '末' | '份' | '度' => Some(Tok::End),
            '季' => {
                if rest.get(len..).is_some_and(|r| r.starts_with('度')) {
                    len += '度'.len_utf8();
                }
                Some(Tok::Ji)
            }
            '0'..='9' => {
                let (v, digits) = text::leading_uint(rest).unwrap_or((0, 1));
                len = digits;
                Some(Tok::Num(v, digits))
            }
            'a'..='z' | 'A'..='Z' => {
                len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
                let word = rest.get(..len).unwrap_or("");
                let after_num = n > 0 && matches!(toks.get(n - 1), Some(Tok::Num(..)));
                if word.eq_ignore_ascii_case("q") {
                    Some(Tok::Q)
                } else if is_weekday(word) || (after_num && is_ordinal(word)) {
                    None
                } else {
                    let m = MONTHS
                        .iter()
                        .position(|name| len >= 3 && name.len() >= len && text::starts_with_ci(name, word));
                    match m {
                        Some(m) => Some(Tok::Mon(m as u32 + 1)),
                        None => return Err(format!("unexpected '{word}' in date '{d}'")),
                    }
                }
            }
            _ if text::cn_digit(c).is_some() || c == '十' => {
                len = rest.chars().take_while(|&c| text::cn_digit(c).is_some() || c == '十').map(char::len_utf8).sum();
                let run = rest.get(..len).unwrap_or("");
                let v = text::chinese_number(run)
                    .filter(|v| *v < 1e9)
                    .ok_or_else(|| format!("unexpected '{run}' in date '{d}'"))?;
                Some(Tok::Num(v as u32, run.chars().count()))
            }
            '(' | ')' => None,
            _ if weekday_len(rest) > 0 => {
                len = weekday_len(rest);
                None
            }
            _ => match HEDGES.iter().find(|h| rest.starts_with(*h)) {
                Some(h) => {
                    len = h.len();
                    None
                }
                None => return Err(format!("unexpected '{c}' in date '{d}'")),
            },
        };
        if let Some(tok) = tok {
            *toks.get_mut(n).ok_or_else(|| format!("not a date: '{d}'"))? = tok;
            n += 1;
        }
        i += len.max(1);
    }
    Ok((toks, n))
}

/// English weekday names and their usual abbreviations ("Sunday, March 15, 2026").
fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    word.len() >= 3 && DAYS.iter().any(|d| d.len() >= word.len() && text::starts_with_ci(d, word))
}

/// The "th" of "15th".
fn is_ordinal(word: &str) -> bool {
    ["st", "nd", "rd", "th"].iter().any(|o| word.eq_ignore_ascii_case(o))
}

/// Byte length of a Chinese weekday at the start of `rest` ("星期日", "周三", "礼拜天"), or 0.
fn weekday_len(rest: &str) -> usize {
    ["星期", "礼拜", "周"]
        .iter()
        .find_map(|p| {
            let after = rest.strip_prefix(p)?;
            let d = after.chars().next()?;
            "一二三四五六日天七".contains(d).then(|| p.len() + d.len_utf8())
        })
        .unwrap_or(0)
}

fn parse_tokens(t: &str, d: &str) -> Result<DateValue, String> {
    use Tok::*;
    let (toks, n) = tokenize(d)?;
    let all = toks.get(..n).unwrap_or(&[]);
    let has = |f: fn(&Tok) -> bool| all.iter().any(f);
    let words_only = has(|k| matches!(k, Nian | Mon(_) | Q));
    // Compact copy without spaces (and without separators when words carry the structure).
    let mut buf = [Sp; MAX_TOKS];
    let mut m = 0;
    for &k in all {
        if k == Sp || (words_only && matches!(k, Sep(_))) {
            continue;
        }
        if let Some(slot) = buf.get_mut(m) {
            *slot = k;
            m += 1;
        }
    }
    let f = buf.get(..m).unwrap_or(&[]);
    let not_a_date = || Err(format!("not a date: '{t}'"));
    let two_digit = || Err(format!("two-digit year in '{t}': please write the year with four digits (yyyy-mm-dd)"));
    if has(|k| matches!(k, Nian)) {
        let [Num(y, yl), Nian, rest @ ..] = f else {
            return not_a_date();
        };
        let y = match yl {
            4 => *y,
            2 => 2000 + *y,
            _ => return Err(format!("year in '{t}' must have four digits")),
        };
        return match rest {
            [] | [End] => year_end(t, y),
            [Num(m, _), Yue] | [Num(m, _), Yue, End] => month_end(t, y, *m),
            [Num(m, _), Yue, Num(d, _)] | [Num(m, _), Yue, Num(d, _), Ri] => day(t, y, *m, *d),
            [Di, Num(q, _), Ji]
            | [Num(q, _), Ji]
            | [Q, Num(q, _)]
            | [Q, Num(q, _), Ji]
            | [Di, Num(q, _), Ji, End]
            | [Num(q, _), Ji, End] => quarter_end(t, y, *q),
            _ => not_a_date(),
        };
    }
    if has(|k| matches!(k, Yue | Ri | Ji)) {
        return Err(format!("no year in '{t}'"));
    }
    if has(|k| matches!(k, Mon(_))) {
        return match f {
            [Num(d, 1..=2), Mon(m), Num(y, 4)]
            | [Mon(m), Num(d, 1..=2), Num(y, 4)]
            | [Num(y, 4), Mon(m), Num(d, 1..=2)] => day(t, *y, *m, *d),
            [Mon(m), Num(y, 4)] | [Num(y, 4), Mon(m)] => month_end(t, *y, *m),
            [.., Num(_, 2)] => two_digit(),
            _ => not_a_date(),
        };
    }
    if has(|k| matches!(k, Q)) {
        return match f {
            [Num(y, 4), Q, Num(q, 1)] | [Q, Num(q, 1), Num(y, 4)] => quarter_end(t, *y, *q),
            _ => not_a_date(),
        };
    }
    let dsep = |c: &char| matches!(c, '-' | '/' | '.');
    match f {
        [Num(v, 8)] => day(t, v / 10_000, v / 100 % 100, v % 100),
        [Num(y, 4)] => year_end(t, *y),
        [Num(..)] => Err(format!("a plain number is not a date: '{t}' (write yyyy-mm-dd)")),
        [Num(y, 4), Sep(a), Num(m, 1..=2), Sep(b), Num(d, 1..=2)] if a == b && dsep(a) => day(t, *y, *m, *d),
        [Num(y, 4), Sep(a), Num(m, 1..=2)] | [Num(m, 1..=2), Sep(a), Num(y, 4)] if dsep(a) => month_end(t, *y, *m),
        [Num(a, 1..=2), Sep(s1), Num(b, 1..=2), Sep(s2), Num(y, 4)] if s1 == s2 && dsep(s1) => day_month(t, *y, *a, *b),
        [Num(_, 1..=2), Sep(_), Num(_, 1..=2), Sep(_), Num(_, 1..=2)] => two_digit(),
        _ => not_a_date(),
    }
}

/// An ambiguous "a/b/yyyy" date (a time after it is ignored) read in the order a sheet's owner
/// declared: month first (3/4/2026 is 4 March) or day first (3 April).
///
/// ```
/// use kascore::values::date::resolve_ambiguous;
/// use chrono::NaiveDate;
/// assert_eq!(resolve_ambiguous("03/04/2026", true), NaiveDate::from_ymd_opt(2026, 3, 4));
/// assert_eq!(resolve_ambiguous("3/4/2026 0:00", false), NaiveDate::from_ymd_opt(2026, 4, 3));
/// assert_eq!(resolve_ambiguous("2026-03-04", true), None);
/// ```
pub fn resolve_ambiguous(s: &str, month_first: bool) -> Option<NaiveDate> {
    let c = text::clean(s);
    let date = c.split_whitespace().next()?;
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    let [a, b, y] = parts.as_slice() else { return None };
    if y.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    let (m, d) = if month_first { (a, b) } else { (b, a) };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// "a/b/yyyy": decided when only one order is a valid day/month, Ambiguous otherwise.
fn day_month(t: &str, y: u32, a: u32, b: u32) -> Result<DateValue, String> {
    match (a <= 12, b <= 12) {
        _ if a == b => day(t, y, a, b),
        (true, true) => Ok(DateValue::Ambiguous(format!(
            "ambiguous date '{t}': {a}/{b} could be day/month or month/day; \
             please write it as yyyy-mm-dd"
        ))),
        (false, true) => day(t, y, b, a),
        (true, false) => day(t, y, a, b),
        (false, false) => Err(format!("not a date: '{t}' (no month {a} or {b})")),
    }
}

fn check_year(t: &str, y: u32) -> Result<i32, String> {
    if (1900..=2199).contains(&y) {
        Ok(y as i32)
    } else {
        Err(format!("year {y} in '{t}' is out of range (1900-2199)"))
    }
}

fn day(t: &str, y: u32, m: u32, d: u32) -> Result<DateValue, String> {
    let y = check_year(t, y)?;
    NaiveDate::from_ymd_opt(y, m, d)
        .map(|date| DateValue::Date(date, Precision::Day))
        .ok_or_else(|| format!("no such day: '{t}'"))
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

fn month_end(t: &str, y: u32, m: u32) -> Result<DateValue, String> {
    let y = check_year(t, y)?;
    match m {
        1..=12 => last_of_month(y, m)
            .map(|date| DateValue::Date(date, Precision::Month))
            .ok_or_else(|| format!("not a date: '{t}'")),
        _ => Err(format!("no month {m} in '{t}'")),
    }
}

fn quarter_end(t: &str, y: u32, q: u32) -> Result<DateValue, String> {
    let y = check_year(t, y)?;
    match q {
        1..=4 => last_of_month(y, q * 3)
            .map(|date| DateValue::Date(date, Precision::Quarter))
            .ok_or_else(|| format!("not a date: '{t}'")),
        _ => Err(format!("no quarter {q} in '{t}'")),
    }
}

fn year_end(t: &str, y: u32) -> Result<DateValue, String> {
    let y = check_year(t, y)?;
    NaiveDate::from_ymd_opt(y, 12, 31)
        .map(|date| DateValue::Date(date, Precision::Year))
        .ok_or_else(|| format!("not a date: '{t}'"))
}

#[cfg(test)]
mod tests {
    use super::Precision::{Day, Month, Quarter, Year};
    use super::*;
    use chrono::Datelike;
    use proptest::prelude::*;
    use rstest::rstest;

    fn at(y: i32, m: u32, d: u32, p: Precision) -> DateValue {
        NaiveDate::from_ymd_opt(y, m, d).map_or(DateValue::Missing, |date| DateValue::Date(date, p))
    }

    #[rstest]
    #[case("2026-03-15", at(2026, 3, 15, Day))]
    #[case("2026/3/15", at(2026, 3, 15, Day))]
    #[case("2026.3.15", at(2026, 3, 15, Day))]
    #[case("2026/03/15", at(2026, 3, 15, Day))]
    #[case("２０２６－０３－１５", at(2026, 3, 15, Day))]
    #[case("２０２６年３月１５日", at(2026, 3, 15, Day))]
    #[case(" 2026-03-15 ", at(2026, 3, 15, Day))]
    #[case("2026年3月15日", at(2026, 3, 15, Day))]
    #[case("2026年03月15日", at(2026, 3, 15, Day))]
    #[case("2026年3月15号", at(2026, 3, 15, Day))]
    #[case("2026年3月15", at(2026, 3, 15, Day))]
    #[case("2026 年 3 月 15 日", at(2026, 3, 15, Day))]
    #[case("二〇二六年三月十五日", at(2026, 3, 15, Day))]
    #[case("26年3月15日", at(2026, 3, 15, Day))]
    #[case("20260315", at(2026, 3, 15, Day))]
    #[case("2026-03-15 10:30:00", at(2026, 3, 15, Day))]
    #[case("2026-03-15T10:30", at(2026, 3, 15, Day))]
    #[case("2026-03-15T10:30:00Z", at(2026, 3, 15, Day))]
    #[case("2026/3/15 0:00", at(2026, 3, 15, Day))]
    #[case("2026年3月15日 10:30", at(2026, 3, 15, Day))]
    #[case("2026年3月15日10:30", at(2026, 3, 15, Day))]
    #[case("2026/3/15 10:30 PM", at(2026, 3, 15, Day))]
    #[case("2026年3月15日星期日", at(2026, 3, 15, Day))]
    #[case("2026-03-15（周日）", at(2026, 3, 15, Day))]
    #[case("Sunday, March 15, 2026", at(2026, 3, 15, Day))]
    #[case("Sun 15 Mar 2026", at(2026, 3, 15, Day))]
    #[case("15/03/2026", at(2026, 3, 15, Day))]
    #[case("15.03.2026", at(2026, 3, 15, Day))]
    #[case("15-03-2026", at(2026, 3, 15, Day))]
    #[case("3/15/2026", at(2026, 3, 15, Day))]
    #[case("03/03/2026", at(2026, 3, 3, Day))]
    #[case("1-Mar-2026", at(2026, 3, 1, Day))]
    #[case("01-MAR-2026", at(2026, 3, 1, Day))]
    #[case("Mar 15, 2026", at(2026, 3, 15, Day))]
    #[case("March 15th, 2026", at(2026, 3, 15, Day))]
    #[case("15 March 2026", at(2026, 3, 15, Day))]
    #[case("15 Sept 2026", at(2026, 9, 15, Day))]
    #[case("2026-Mar-15", at(2026, 3, 15, Day))]
    #[case("2024-02-29", at(2024, 2, 29, Day))]
    // month precision: last day of the month
    #[case("2026年3月", at(2026, 3, 31, Month))]
    #[case("2026年03月", at(2026, 3, 31, Month))]
    #[case("2026年3月底", at(2026, 3, 31, Month))]
    #[case("2026年3月末", at(2026, 3, 31, Month))]
    #[case("2026年3月份", at(2026, 3, 31, Month))]
    #[case("26年3月", at(2026, 3, 31, Month))]
    #[case("2026年2月", at(2026, 2, 28, Month))]
    #[case("2024年2月", at(2024, 2, 29, Month))]
    #[case("2026年十二月", at(2026, 12, 31, Month))]
    #[case("2026-03", at(2026, 3, 31, Month))]
    #[case("2026-3", at(2026, 3, 31, Month))]
    #[case("2026/3", at(2026, 3, 31, Month))]
    #[case("2026.03", at(2026, 3, 31, Month))]
    #[case("2026-04", at(2026, 4, 30, Month))]
    #[case("3/2026", at(2026, 3, 31, Month))]
    #[case("Mar 2026", at(2026, 3, 31, Month))]
    #[case("预计2026年6月底前", at(2026, 6, 30, Month))]
    #[case("2026年6月前", at(2026, 6, 30, Month))]
    // quarter precision
    #[case("2026Q2", at(2026, 6, 30, Quarter))]
    #[case("2026q2", at(2026, 6, 30, Quarter))]
    #[case("2026 Q2", at(2026, 6, 30, Quarter))]
    #[case("2026-Q2", at(2026, 6, 30, Quarter))]
    #[case("Q2 2026", at(2026, 6, 30, Quarter))]
    #[case("Q4 2026", at(2026, 12, 31, Quarter))]
    #[case("Q1/2026", at(2026, 3, 31, Quarter))]
    #[case("2026年第二季度", at(2026, 6, 30, Quarter))]
    #[case("2026年二季度", at(2026, 6, 30, Quarter))]
    #[case("2026年2季度", at(2026, 6, 30, Quarter))]
    #[case("2026年第3季", at(2026, 9, 30, Quarter))]
    #[case("2026年Q2", at(2026, 6, 30, Quarter))]
    #[case("2026年第四季度末", at(2026, 12, 31, Quarter))]
    #[case("２０２６Ｑ３", at(2026, 9, 30, Quarter))]
    // year precision
    #[case("2026年", at(2026, 12, 31, Year))]
    #[case("2026年底", at(2026, 12, 31, Year))]
    #[case("2026年度", at(2026, 12, 31, Year))]
    #[case("2026", at(2026, 12, 31, Year))]
    // missing
    #[case("", DateValue::Missing)]
    #[case("  ", DateValue::Missing)]
    #[case("待定", DateValue::Missing)]
    #[case("未定", DateValue::Missing)]
    #[case("时间待定", DateValue::Missing)]
    #[case("不确定", DateValue::Missing)]
    #[case("未知", DateValue::Missing)]
    #[case("tbd", DateValue::Missing)]
    #[case("TBD", DateValue::Missing)]
    #[case("n/a", DateValue::Missing)]
    #[case("-", DateValue::Missing)]
    #[case("—", DateValue::Missing)]
    #[case("/", DateValue::Missing)]
    #[case("无", DateValue::Missing)]
    fn parses(#[case] input: &str, #[case] expected: DateValue) {
        assert_eq!(parse_date(input), expected, "input {input:?}");
    }

    #[rstest]
    #[case("03/04/2026")]
    #[case("3/4/2026")]
    #[case("03-04-2026")]
    #[case("03.04.2026")]
    #[case("12/11/2026")]
    fn ambiguous(#[case] input: &str) {
        let got = parse_date(input);
        let DateValue::Ambiguous(msg) = &got else {
            panic!("{input:?} gave {got:?}");
        };
        assert!(msg.contains("yyyy-mm-dd") && msg.contains(input), "{msg}");
    }

    #[rstest]
    #[case("2026-02-30")]
    #[case("2025-02-29")]
    #[case("2026-13-01")]
    #[case("2026-00-10")]
    #[case("2026年13月")]
    #[case("2026年第五季度")]
    #[case("2026Q5")]
    #[case("2026Q0")]
    #[case("46000")]
    #[case("202603")]
    #[case("20261315")]
    #[case("12")]
    #[case("03/04/26")]
    #[case("26-03-15")]
    #[case("1-Mar-26")]
    #[case("13/13/2026")]
    #[case("3月15日")]
    #[case("2026-03-15-01")]
    #[case("2026/03-15")]
    #[case("2026 03 15")]
    #[case("1899-12-31")]
    #[case("2200-01-01")]
    #[case("abc")]
    #[case("Foo 15 2026")]
    #[case("2026年上半年")]
    #[case("2026-03-15 上午")]
    #[case("2026-03-15 10:30 xm")]
    #[case("2026年3月15日星期八")]
    #[case("10:30")]
    #[case("2026-003-15")]
    #[case("2026年3月初")]
    #[case("2026-03-01~2026-03-15")]
    #[case("99999999999999999999")]
    fn invalid(#[case] input: &str) {
        let got = parse_date(input);
        assert!(matches!(got, DateValue::Invalid(_)), "{input:?} gave {got:?}");
    }

    #[test]
    fn messages() {
        assert_eq!(
            parse_date("46000"),
            DateValue::Invalid("a plain number is not a date: '46000' (write yyyy-mm-dd)".into())
        );
        assert_eq!(parse_date("2026-02-30"), DateValue::Invalid("no such day: '2026-02-30'".into()));
    }

    #[rstest]
    #[case(1.0, false, Some((1900, 1, 1)))]
    #[case(59.0, false, Some((1900, 2, 28)))]
    #[case(60.0, false, None)]
    #[case(61.0, false, Some((1900, 3, 1)))]
    #[case(46096.0, false, Some((2026, 3, 15)))]
    #[case(46096.99, false, Some((2026, 3, 15)))]
    #[case(2958465.0, false, Some((9999, 12, 31)))]
    #[case(2958466.0, false, None)]
    #[case(1.0, true, Some((1904, 1, 2)))]
    #[case(44634.0, true, Some((2026, 3, 15)))]
    #[case(2957003.0, true, Some((9999, 12, 31)))]
    #[case(2957004.0, true, None)]
    #[case(0.5, false, None)]
    #[case(0.0, true, None)]
    #[case(-5.0, false, None)]
    #[case(f64::NAN, false, None)]
    #[case(f64::INFINITY, false, None)]
    #[case(1e300, true, None)]
    fn serials(#[case] serial: f64, #[case] date1904: bool, #[case] expected: Option<(i32, u32, u32)>) {
        let expected = expected.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        assert_eq!(from_excel_serial(serial, date1904), expected);
    }

    proptest! {
        #[test]
        fn never_panics(s in ".*") {
            let _ = parse_date(&s);
        }

        #[test]
        fn never_panics_on_date_alphabet(s in "[0-9０-９年月日号季度第底Qq/.\\- :T一二三十〇万亿]{0,20}") {
            let _ = parse_date(&s);
        }

        #[test]
        fn serial_never_panics(x in proptest::num::f64::ANY, b in any::<bool>()) {
            let _ = from_excel_serial(x, b);
        }

        #[test]
        fn round_trips(days in 0u64..(300 * 366)) {
            let Some(date) = NaiveDate::from_ymd_opt(1900, 1, 1).and_then(|d| d.checked_add_days(Days::new(days))) else {
                return Ok(());
            };
            prop_assume!(date.year() <= 2199);
            for fmt in ["%Y-%m-%d", "%Y年%-m月%-d日", "%Y/%-m/%-d", "%Y%m%d"] {
                let text = date.format(fmt).to_string();
                prop_assert_eq!(parse_date(&text), DateValue::Date(date, Day), "{}", text);
            }
        }

        #[test]
        fn serial_round_trips(days in 61i64..2_958_465) {
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
            let date = from_excel_serial(days as f64, false);
            prop_assert_eq!(date.map(|d| (d - base).num_days()), Some(days));
        }
    }
}

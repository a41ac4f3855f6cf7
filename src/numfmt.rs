//! Numbers as people read them in reasons and cells: scores to two decimals as Excel shows
//! them, amounts in 万/亿 or k/M, and the rounding the report writes.
//!
//! Pure.

use crate::Lang;

/// The score as its cell shows it, and as grades compare it: the report writes scores rounded
/// to 6 decimals ([`round`]) in the number format "0.00", which Excel shows rounded half away
/// from zero from the decimal value written. So: to 6 decimals, then half away from zero to 2
/// on that decimal value (18.125 and 18.124999999 → 18.13; 14.997927 → 15.00).
///
/// Grading on this value keeps the cell, the reason and the grade in agreement: a score whose
/// cell reads 15.00 passes a pass line of 15.
///
/// ```
/// use kascore::numfmt::shown;
/// assert_eq!(shown(18.125), 18.13);
/// assert_eq!(shown(18.124999999), 18.13);
/// assert_eq!(shown(14.997927), 15.0);
/// assert_eq!(shown(1.005), 1.01);
/// ```
pub fn shown(v: f64) -> f64 {
    hundredths(v).map_or(v, |h| h as f64 / 100.0)
}

/// A score in a reason, as its cell shows it (two decimals, half away from zero, see [`shown`]):
/// "18.13", "15.00", "20.00".
///
/// ```
/// assert_eq!(kascore::numfmt::score_text(18.125), "18.13");
/// assert_eq!(kascore::numfmt::score_text(14.997927), "15.00");
/// ```
pub fn score_text(v: f64) -> String {
    match hundredths(v) {
        Some(h) => format!("{}{}.{:02}", if h < 0 { "-" } else { "" }, h.abs() / 100, h.abs() % 100),
        None => format!("{v:.2}"),
    }
}

/// [`shown`] in hundredths, worked out on integers so that no binary fraction decides a tie;
/// None when not finite or too large for exact integers.
fn hundredths(v: f64) -> Option<i64> {
    // The millionths the report writes: an exact integer below 2^53.
    let micro = (v * 1e6).round();
    if !micro.is_finite() || micro.abs() >= 9.0e15 {
        return None;
    }
    let micro = micro as i64;
    let h = (micro.abs() + 5_000) / 10_000;
    Some(if micro < 0 { -h } else { h })
}

/// A score for display: "17.5", "15", "18.75".
pub fn num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// An amount for reasons: "120万" in Chinese, "1.2M" in English.
pub fn wan(v: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh if v.abs() >= 1e8 => format!("{}亿", num(v / 1e8)),
        Lang::Zh if v.abs() >= 1e4 => format!("{}万", num(v / 1e4)),
        Lang::En if v.abs() >= 1e6 => format!("{}M", num(v / 1e6)),
        Lang::En if v.abs() >= 1e3 => format!("{}k", num(v / 1e3)),
        _ => num(v),
    }
}

/// `v` rounded to `places` decimals (unchanged when scaling would overflow). Sums of fractions
/// carry float noise (14.999999999) and the grade lines compare exactly, so scores are rounded
/// to 6; the report rounds numbers far below what their formats show ("0.0609676" is cheaper
/// to write, compress and read back than "0.06096764939330175").
pub fn round(v: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    // + 0.0 turns a rounded −0.0 into 0.0 (a score of "-0.0" in the JSON).
    let r = (v * scale).round() / scale + 0.0;
    if r.is_finite() {
        r
    } else {
        v
    }
}

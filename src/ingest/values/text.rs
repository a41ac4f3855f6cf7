//! Text normalisation shared by every parser.
use std::borrow::Cow;

/// Full-width ASCII variants (U+FF01..=U+FF5E) to ASCII, ideographic space U+3000 to ' ',
/// and a few CJK punctuation marks that stand for ASCII ones in numbers and dates:
/// '。' is NOT touched (sentence end), but '．' (FF0E) → '.', '，' (FF0C) → ','.
/// Borrowed when nothing changes.
pub fn to_half_width(s: &str) -> Cow<'_, str> {
    todo!()
}

/// `to_half_width`, trimmed, runs of whitespace collapsed to one ' '.
pub fn clean(s: &str) -> Cow<'_, str> {
    todo!()
}

/// Chinese numerals to a number: "五十" 50, "一百二十" 120, "两千五百" 2500, "十二" 12,
/// "三点五" 3.5, "零"/"〇", financial forms 壹贰叁肆伍陆柒捌玖拾佰仟, and the multipliers
/// 万 (1e4) and 亿 (1e8) inside the numeral: "一百二十万" 1_200_000, "一亿五千万" 150_000_000.
/// Mixed forms "1.5万" are NOT this function's job (money handles them). None if `s` is not
/// entirely a Chinese numeral.
pub fn chinese_number(s: &str) -> Option<f64> {
    todo!()
}

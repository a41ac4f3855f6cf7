//! Yes/no cells.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YesNo {
    Yes,
    No,
    Unknown,
    Missing,
    Invalid,
}

/// 是/否, 有/无/没有, Y/N, yes/no, true/false, √/×, ✓/✗/✔/✘, 1/0, 对/错, 已/未 (e.g. "已达成"
/// yes, "未达成" no), 明确/不明确, 已确认/未确认, 达成/未达成; 未知/不清楚/待定/? → Unknown;
/// empty → Missing; anything else → Invalid. Case-insensitive, full-width tolerant.
pub fn parse_yesno(s: &str) -> YesNo {
    todo!()
}

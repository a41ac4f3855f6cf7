//! Credit ratings. Mapping to a score lives in the model; this only recognises the grade.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditValue {
    /// Letters only, upper case, +/- and suffixes removed: "AAA", "AA+" → "AA", "aa-" → "AA",
    /// "BBB", "Baa"? (no: Moody's not supported → Invalid), "A", "B", "C", "D", "CCC",
    /// "3A" → "AAA", "2A" → "AA", "A级" → "A", "AAA级" → "AAA", "A类" → "A".
    Letters(String),
    /// 优 / 良 / 中 / 差, also 优秀→优, 良好→良, 一般/中等→中, 较差/很差→差.
    Word(CreditWord),
    Missing,
    Invalid(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditWord {
    Excellent,
    Good,
    Fair,
    Poor,
}

pub fn parse_credit(s: &str) -> CreditValue {
    todo!()
}

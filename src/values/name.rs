//! Account names as join keys (SPEC §1b, §1c): width, case, spaces and punctuation folded,
//! Traditional folded to Simplified, and legal-form suffixes removed from the end, repeatedly.
//!
//! Pure. CJK suffixes are cut from the end of the string (华东精密制造有限公司 → 华东精密制造),
//! Latin ones only as whole words ("HINDUSTAN ZINC" keeps ZINC; "Acme Co., Ltd." → acme).
//! Brackets count: "(中国)" is a suffix, a bare 中国 at the end is a place and stays.

use std::sync::OnceLock;

use super::text::clean;

/// The legal-form suffixes, each as its tokens.
#[derive(Debug, Clone, Default)]
pub struct Suffixes {
    list: Vec<Vec<String>>,
}

/// The suffixes of the default model (`[join] legal_suffixes` in templates/default.toml).
const DEFAULT: &[&str] = &[
    "（禁用）",
    "（停用）",
    "（作废）",
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "股份公司",
    "公司",
    "（中国）",
    "co.",
    "ltd.",
    "limited",
    "pvt",
    "private",
    "inc.",
    "incorporated",
    "llc",
    "corp.",
    "corporation",
    "company",
    "gmbh",
    "s.a.",
    "plc",
    "pte",
];

impl Suffixes {
    pub fn new<S: AsRef<str>>(words: &[S]) -> Suffixes {
        let mut list: Vec<Vec<String>> = words
            .iter()
            .map(|w| {
                let folded = clean(w.as_ref()).to_lowercase();
                tokens(&folded).into_iter().map(str::to_string).collect::<Vec<_>>()
            })
            .filter(|t| !t.is_empty())
            .collect();
        // The longest first: 有限责任公司 before 公司.
        list.sort_by_key(|t| std::cmp::Reverse(t.len()));
        list.dedup();
        Suffixes { list }
    }

    /// The default model's suffixes.
    pub fn builtin() -> &'static Suffixes {
        static S: OnceLock<Suffixes> = OnceLock::new();
        S.get_or_init(|| Suffixes::new(DEFAULT))
    }
}

/// The tokens of a folded, lower-cased name: runs of ASCII letters and digits, each other
/// letter or digit (a CJK character) alone, and brackets; the rest separates.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_ascii_alphanumeric() {
            word.get_or_insert(i);
            continue;
        }
        if let Some(start) = word.take() {
            out.push(&s[start..i]);
        }
        if c.is_alphanumeric() || c == '(' || c == ')' {
            out.push(&s[i..i + c.len_utf8()]);
        }
    }
    if let Some(start) = word {
        out.push(&s[start..]);
    }
    out
}

/// The key two names of one account share.
///
/// ```
/// use kascore::values::name::{join_key, Suffixes};
/// let s = Suffixes::builtin();
/// assert_eq!(join_key("华东精密制造有限公司", s), "华东精密制造");
/// assert_eq!(join_key("華東精密製造股份有限公司", s), "华东精密制造");
/// assert_eq!(join_key("华为技术（中国）有限公司", s), "华为技术");
/// assert_eq!(join_key("Acme Co., Ltd.", s), "acme");
/// assert_eq!(join_key("HINDUSTAN ZINC", s), "hindustanzinc");
/// // Nothing is left of a name that is only a suffix: it is kept whole.
/// assert_eq!(join_key("公司", s), "公司");
/// ```
pub fn join_key(name: &str, suffixes: &Suffixes) -> String {
    let folded = clean(name).to_lowercase();
    let toks = tokens(&folded);
    let mut end = toks.len();
    'strip: loop {
        for suf in &suffixes.list {
            if suf.len() < end && toks[end - suf.len()..end].iter().zip(suf).all(|(a, b)| *a == b) {
                end -= suf.len();
                continue 'strip;
            }
        }
        break;
    }
    toks[..end].iter().filter(|t| !matches!(**t, "(" | ")")).copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("华东精密制造有限公司", "华东精密制造")]
    #[case("华东精密制造", "华东精密制造")]
    #[case("華東精密製造有限公司", "华东精密制造")]
    #[case("华东精密制造 有限责任公司", "华东精密制造")]
    #[case("ＡＣＭＥ　有限公司", "acme")]
    #[case("西门子（中国）有限公司", "西门子")]
    #[case("西门子(中国)", "西门子")]
    #[case("中粮集团有限公司", "中粮集团")]
    #[case("上海中国", "上海中国")]
    #[case("Apple Inc.", "apple")]
    #[case("Bosch GmbH", "bosch")]
    #[case("Tata Consultancy Services Pvt. Ltd.", "tataconsultancyservices")]
    #[case("Grupo Bimbo, S.A.", "grupobimbo")]
    #[case("DBS Bank Pte Ltd", "dbsbank")]
    #[case("Vodafone Group PLC", "vodafonegroup")]
    #[case("General Motors Company", "generalmotors")]
    #[case("Incorporated Research", "incorporatedresearch")]
    #[case("Hindustan Zinc", "hindustanzinc")]
    #[case("Ltd", "ltd")]
    fn names_and_their_keys(#[case] name: &str, #[case] key: &str) {
        assert_eq!(join_key(name, Suffixes::builtin()), key, "{name}");
    }

    #[test]
    fn the_builtin_list_is_the_default_models() {
        let model = crate::model::Model::default_model().unwrap();
        let from_model = Suffixes::new(&model.join.legal_suffixes);
        assert_eq!(from_model.list, Suffixes::builtin().list);
    }
}

//! Header detection on arbitrary rows (lines of tab-separated cells): no panic, and a header it
//! finds names the account and each field once.
#![no_main]
use std::sync::OnceLock;

use kascore::field::Field;
use kascore::ingest::header::{detect, Aliases, TextRow};
use kascore::model::Model;
use libfuzzer_sys::fuzz_target;

fn aliases() -> &'static Aliases {
    static A: OnceLock<Aliases> = OnceLock::new();
    A.get_or_init(|| Aliases::new(&Model::default_model().expect("default model")))
}

fuzz_target!(|s: &str| {
    let rows: Vec<TextRow> = s
        .lines()
        .take(40)
        .enumerate()
        .map(|(r, line)| (r as u32, line.split('\t').enumerate().map(|(c, t)| (c as u32, t.to_string())).collect()))
        .collect();
    if let Ok(h) = detect(&rows, aliases(), 2) {
        assert!(h.first_row <= h.last_row);
        assert!(h.columns.iter().any(|c| c.field == Field::AccountName));
        let mut fields: Vec<Field> = h.columns.iter().map(|c| c.field).collect();
        fields.sort();
        fields.dedup();
        assert_eq!(fields.len(), h.columns.len());
    }
});

//! One-row ingestion: a fixed header of every canonical column, and one row of arbitrary cells
//! (tab-separated text; a cell starting with '#' is a formula error, one that parses as a
//! number is a number). No panic; a row is accepted exactly when it has a name.
#![no_main]
use std::sync::{Arc, OnceLock};

use kascore::field::Field;
use kascore::ingest::header::{detect, Aliases, Header};
use kascore::ingest::row::{ingest_row, Outcome, SheetPlan, Vocab};
use kascore::ingest::{Cell, RawRow, RawSheet};
use kascore::model::Model;
use kascore::provenance::SheetRef;
use kascore::Lang;
use libfuzzer_sys::fuzz_target;

fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::default_model().expect("default model"))
}

fn sheet_header() -> &'static Header {
    static H: OnceLock<Header> = OnceLock::new();
    H.get_or_init(|| {
        let cells = Field::account_fields().enumerate().map(|(c, f)| (c as u32, f.header(Lang::Zh))).collect();
        detect(&[(0, cells)], &Aliases::new(model()), 2).expect("template header")
    })
}

fuzz_target!(|s: &str| {
    let cells: Vec<(u32, Cell)> = s
        .split('\t')
        .take(Field::ALL.len())
        .enumerate()
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(c, t)| {
            let cell = if let Some(e) = t.strip_prefix('#') {
                Cell::Error(e.into())
            } else if let Ok(n) = t.parse::<f64>() {
                Cell::Number(n)
            } else {
                Cell::Text(t.into())
            };
            (c as u32, cell)
        })
        .collect();
    let has_name = cells.iter().any(|(c, cell)| {
        *c == 1
            && match cell {
                Cell::Text(t) => !kascore::values::text::clean(t).is_empty(),
                Cell::Number(_) => true,
                _ => false,
            }
    });
    let sheet = RawSheet {
        at: SheetRef { file: Arc::from("fuzz.xlsx"), sheet: Arc::from("S") },
        index: 0,
        header: sheet_header().clone(),
        date1904: false,
        rows: Vec::new(),
        total_lines: 0,
        empty_lines: 0,
        size_hint: 0,
    };
    let plan = SheetPlan::new(&sheet);
    let vocab = Vocab::new(model());
    let (outcome, _issues) = ingest_row(&RawRow { row: 1, cells }, &plan, &vocab);
    match &outcome {
        Outcome::Accepted(r) => assert!(has_name && !r.account.name.is_empty(), "accepted without a name: {s:?}"),
        Outcome::Rejected => assert!(!has_name, "a row with a name was rejected: {s:?}"),
        // A placeholder name (无, 调整, 小计 …): a name, but not an account.
        Outcome::Skipped => assert!(has_name, "a row without a name was skipped as a placeholder: {s:?}"),
        // The fuzzed sheet is an account list: a row is never a line item here.
        Outcome::Line(_) => panic!("an account list's row read as a line item: {s:?}"),
    }
});

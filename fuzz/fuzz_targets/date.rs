//! The date parser on arbitrary text: no panic, and a date lies in the years it accepts.
#![no_main]
use chrono::Datelike;
use kascore::values::date::{parse_date, DateValue};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    if let DateValue::Date(d, _) = parse_date(s) {
        assert!((1900..=2199).contains(&d.year()), "{s:?} → {d}");
    }
});

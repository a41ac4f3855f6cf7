//! The money parser on arbitrary text: no panic, and an amount is finite with low ≤ high.
#![no_main]
use kascore::values::money::{parse_money, MoneyValue, MoneyWords, DEFAULT_RED_FLAG, DEFAULT_VAGUE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let words = MoneyWords { vague: DEFAULT_VAGUE, red_flag: DEFAULT_RED_FLAG };
    if let MoneyValue::Amount(a) = parse_money(s, &words) {
        assert!(a.low.is_finite() && a.high.is_finite(), "{s:?} → {a:?}");
        assert!(a.low <= a.high, "{s:?} → {a:?}");
    }
});

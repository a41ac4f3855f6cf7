//! Dedup: the same account more than once (by id, else normalised name) → the newest row wins.
//!
//! Pure. "Newest" is decided by a rank the caller supplies: the file's modified time, then the
//! file name, then (within one file) the sheet and row order. The others are superseded.

use std::collections::HashMap;

use crate::ingest::{AccountKey, Record};

/// A row that lost to a newer row of the same account.
#[derive(Debug, Clone, PartialEq)]
pub struct Superseded {
    pub record: Record,
    /// Where the winning row is ("file!sheet!row").
    pub by: String,
}

/// Winners in input order (file, sheet, row), and the superseded rows. Works in place: the
/// winners stay in the vector they came in (no second copy of a million records).
pub fn dedup<K: Ord>(mut records: Vec<Record>, rank: impl Fn(&Record) -> K) -> (Vec<Record>, Vec<Superseded>) {
    let mut best: HashMap<&AccountKey, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        let key = &r.account.key;
        match best.get(key) {
            Some(&j) if rank(&records[j]) >= rank(r) => {}
            _ => {
                best.insert(key, i);
            }
        }
    }
    let loser: Vec<Option<usize>> =
        records.iter().enumerate().map(|(i, r)| best.get(&r.account.key).copied().filter(|&w| w != i)).collect();
    if loser.iter().all(Option::is_none) {
        return (records, Vec::new());
    }
    let by: HashMap<usize, String> = loser.iter().flatten().map(|&w| (w, records[w].source.display())).collect();
    let mut index = 0;
    let losers: Vec<Superseded> = records
        .extract_if(.., |_| {
            let l = loser[index];
            index += 1;
            l.is_some()
        })
        .zip(loser.iter().flatten())
        .map(|(record, w)| Superseded { record, by: by.get(w).cloned().unwrap_or_default() })
        .collect();
    (records, losers)
}

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

/// Winners in input order (file, sheet, row), and the superseded rows.
pub fn dedup<K: Ord>(records: Vec<Record>, rank: impl Fn(&Record) -> K) -> (Vec<Record>, Vec<Superseded>) {
    let mut best: HashMap<AccountKey, usize> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        let Some(key) = &r.account.key else { continue };
        match best.get(key) {
            Some(&j) if rank(&records[j]) >= rank(r) => {}
            _ => {
                best.insert(key.clone(), i);
            }
        }
    }
    let mut winners = Vec::with_capacity(best.len());
    let mut losers = Vec::new();
    let winner_of: Vec<Option<usize>> =
        records.iter().map(|r| r.account.key.as_ref().and_then(|k| best.get(k).copied())).collect();
    let by: HashMap<usize, String> = best.values().map(|&i| (i, records[i].source.display())).collect();
    for (i, (r, w)) in records.into_iter().zip(winner_of).enumerate() {
        match w {
            Some(w) if w != i => losers.push(Superseded { record: r, by: by.get(&w).cloned().unwrap_or_default() }),
            _ => winners.push(r),
        }
    }
    (winners, losers)
}

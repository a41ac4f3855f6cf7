//! Join (SPEC §1b, §1c): the rows of one account brought together — accounts rows merged field
//! by field, line items joined to their account (or making one), and the account's fields
//! derived from its line items where its rows do not state them.
//!
//! Pure. The key is the normalised name with legal-form suffixes removed; equal account IDs
//! join rows whose names differ (a renamed company). Two rows of one sheet with the same name and
//! different IDs stay two accounts. Names that differ only slightly are reported, never merged.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::field::Field;
use crate::ingest::rollup::{Rollup, Rollups};
use crate::ingest::{Account, AccountKey, FieldSet, More, Record, Source, Stage, Value};
use crate::issue::{Issue, IssueKind, Location, Severity};
use crate::values::name::{join_key, Suffixes};

/// A row merged into a newer row of the same account.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub record: Record,
    /// Where the row it was merged into is ("file!sheet!row").
    pub by: String,
    /// The account it was merged into: its index in [`Joined::accounts`].
    pub into: usize,
}

/// Accounts, brought together.
#[derive(Debug, Default)]
pub struct Joined {
    /// One per account: accounts rows first (input order of their newest row), then accounts
    /// from line items alone (by key).
    pub accounts: Vec<Record>,
    pub merged: Vec<Merged>,
    pub issues: Vec<Issue>,
    /// Accounts rows that became an account.
    pub account_rows: u64,
    /// Accounts that exist only through line items.
    pub from_line_items: u64,
}

/// Disjoint sets over record indices.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    /// Join two sets; the smaller index stays the root (input order decides nothing else).
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (lo, hi) = (a.min(b), a.max(b));
            self.0[hi] = lo;
        }
    }
}

fn id_of(r: &Record) -> Option<&str> {
    match &r.account.key {
        AccountKey::Id(id) => Some(id),
        AccountKey::Name(_) => None,
    }
}

/// The name key of a record (its key when it has no ID).
fn name_key(r: &Record, suffixes: &Suffixes) -> Box<str> {
    match &r.account.key {
        AccountKey::Name(k) => k.clone(),
        AccountKey::Id(_) => join_key(&r.account.name, suffixes).into_boxed_str(),
    }
}

/// Bring every account's rows together. `rank` orders rows of one account, newest last (file
/// modified time, then file name, then sheet and row order). `has_orders`: the run has an
/// orders source (an account absent from it then has unknown 12-month sales, with a note).
pub fn join<K: Ord>(
    records: Vec<Record>,
    rollups: Rollups,
    rank: impl Fn(&Record) -> K,
    suffixes: &Suffixes,
    has_orders: bool,
) -> Joined {
    let mut out = Joined::default();
    let (mut accounts, merged) = merge_rows(records, &rank, suffixes, &mut out.issues);
    out.account_rows = accounts.len() as u64;
    out.merged = merged;
    let from_lines = attach(&mut accounts, rollups, suffixes, &mut out.issues);
    out.from_line_items = from_lines as u64;
    for r in &mut accounts {
        derive(r, has_orders, &mut out.issues);
    }
    possibly_same(&accounts, out.account_rows as usize, suffixes, &mut out.issues);
    out.accounts = accounts;
    out
}

/// Accounts rows of one account merged field by field; the others listed as merged.
fn merge_rows<K: Ord>(
    mut records: Vec<Record>,
    rank: &impl Fn(&Record) -> K,
    suffixes: &Suffixes,
    issues: &mut Vec<Issue>,
) -> (Vec<Record>, Vec<Merged>) {
    let n = records.len();
    let mut sets = Sets((0..n).collect());
    // Candidates first, by a 64-bit hash of the name key: a million distinct accounts cost a
    // map of numbers, not of strings (the keys of an ID-keyed row are worked out, hashed and
    // dropped). Only a hash seen twice is a group, whose keys are then compared for real.
    fn key_of<'r>(r: &'r Record, suffixes: &Suffixes) -> std::borrow::Cow<'r, str> {
        match &r.account.key {
            AccountKey::Name(k) => std::borrow::Cow::Borrowed(&**k),
            AccountKey::Id(_) => std::borrow::Cow::Owned(join_key(&r.account.name, suffixes)),
        }
    }
    let hash = |s: &str| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        s.hash(&mut h);
        h.finish()
    };
    // (hash, record) sorted: runs of one hash are the candidates. 16 bytes an account, sorted in
    // place, where a map would take twice that and more while it grows.
    let mut hashed: Vec<(u64, u32)> =
        records.iter().enumerate().map(|(i, r)| (hash(&key_of(r, suffixes)), i as u32)).collect();
    hashed.sort_unstable();
    let mut candidates: Vec<Vec<usize>> = Vec::new();
    for run in hashed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        candidates.push(run.iter().map(|(_, i)| *i as usize).collect());
    }
    // The groups: records of one hash split by their real key.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for members in candidates {
        let mut by_key: Vec<(std::borrow::Cow<'_, str>, Vec<usize>)> = Vec::new();
        for i in members {
            let k = key_of(&records[i], suffixes);
            match by_key.iter_mut().find(|(kk, _)| *kk == k) {
                Some((_, g)) => g.push(i),
                None => by_key.push((k, vec![i])),
            }
        }
        groups.extend(by_key.into_iter().map(|(_, g)| g).filter(|g| g.len() > 1));
    }
    groups.sort_by_key(|g| g[0]);
    let mut any = false;
    // Same-name rows of other IDs are listed up to MAX_NEAR_MISSES, the rest counted in one note.
    let mut clashes = 0usize;
    let mut last_clash = None;
    for group in &groups {
        for (pos, &i) in group.iter().enumerate() {
            let clash = |j: usize| {
                Arc::ptr_eq(&records[i].source.sheet, &records[j].source.sheet)
                    && matches!((id_of(&records[i]), id_of(&records[j])), (Some(a), Some(b)) if a != b)
            };
            match group[..pos].iter().find(|&&j| !clash(j)) {
                Some(&j) => {
                    sets.union(i, j);
                    any = true;
                }
                None if pos > 0 => {
                    clashes += 1;
                    if clashes > MAX_NEAR_MISSES {
                        last_clash = Some(i);
                        continue;
                    }
                    issues.push(
                        Issue::new(
                            Severity::Warning,
                            Location::row(&records[i].source.sheet.at, records[i].source.row),
                            IssueKind::SameNameOtherId { other: records[group[0]].source.display() },
                        )
                        .with_field(Field::AccountName, records[i].account.name.to_string()),
                    )
                }
                None => {}
            }
        }
    }
    if let Some(i) = last_clash {
        issues.push(Issue::new(
            Severity::Note,
            Location::row(&records[i].source.sheet.at, records[i].source.row),
            IssueKind::MoreSameNames { more: (clashes - MAX_NEAR_MISSES) as u64 },
        ));
    }
    drop(groups);
    // Equal IDs join (a renamed company): the same sorted runs, of the IDs' hashes, checked for
    // real.
    hashed.clear();
    hashed.extend(records.iter().enumerate().filter_map(|(i, r)| Some((hash(id_of(r)?), i as u32))));
    hashed.sort_unstable();
    for run in hashed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        for (k, &(_, i)) in run.iter().enumerate() {
            let i = i as usize;
            if let Some(&(_, j)) = run[..k].iter().find(|(_, j)| id_of(&records[*j as usize]) == id_of(&records[i])) {
                sets.union(i, j as usize);
                any = true;
            }
        }
    }
    let by_id = hashed;
    drop(by_id);
    if !any {
        return (records, Vec::new());
    }
    // Members of each set of two or more, in input order (the root is a set's smallest index,
    // so it comes first): only the accounts that merge, not a map of every account.
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let root = sets.find(i);
        if root != i {
            members.entry(root).or_insert_with(|| vec![root]).push(i);
        }
    }
    let mut winner_of: Vec<usize> = (0..n).collect();
    let mut plans: Vec<(usize, Vec<usize>)> = Vec::new();
    for (_, mut group) in members.into_iter().filter(|(_, g)| g.len() > 1) {
        group.sort_by(|&a, &b| rank(&records[a]).cmp(&rank(&records[b])).then(a.cmp(&b)));
        let Some(&winner) = group.last() else { continue };
        for &m in &group {
            winner_of[m] = winner;
        }
        plans.push((winner, group));
    }
    for (winner, group) in &plans {
        let merged = merged_account(&records, *winner, group);
        let r = &mut records[*winner];
        r.account = merged.0;
        if !merged.1.is_empty() {
            r.more.get_or_insert_with(Box::default).merged = merged.1;
        }
    }
    let by: HashMap<usize, String> = plans.iter().map(|(w, _)| (*w, records[*w].source.display())).collect();
    // Where each winner ends up once the merged rows are taken out.
    let mut before = vec![0usize; n + 1];
    for i in 0..n {
        before[i + 1] = before[i] + usize::from(winner_of[i] != i);
    }
    let mut index = 0;
    let losers: Vec<Merged> = records
        .extract_if(.., |_| {
            let lost = winner_of[index] != index;
            index += 1;
            lost
        })
        .zip((0..n).filter(|&i| winner_of[i] != i))
        .map(|(record, i)| {
            let w = winner_of[i];
            Merged { record, by: by.get(&w).cloned().unwrap_or_default(), into: w - before[w] }
        })
        .collect();
    (records, losers)
}

/// The winner's account with each field from the newest row whose sheet has the field as a
/// column (blank or not), and where each field taken from another row came from.
fn merged_account(records: &[Record], winner: usize, group: &[usize]) -> (Account, Vec<(FieldSet, Source)>) {
    let mut account = records[winner].account.clone();
    let mut from: Vec<(FieldSet, Source)> = Vec::new();
    let fields = Field::ALL.iter().copied().filter(|f| f.is_account_field() && *f != Field::AccountName);
    for f in fields {
        let Some(&m) = group.iter().rev().find(|&&m| records[m].source.sheet.col(f).is_some()) else { continue };
        if m == winner || f == Field::AccountId {
            continue;
        }
        account.copy_field(&records[m].account, f);
        let src = &records[m].source;
        match from.iter_mut().find(|(_, s)| Arc::ptr_eq(&s.sheet, &src.sheet) && s.row == src.row) {
            Some((set, _)) => set.insert(f),
            None => {
                let mut set = FieldSet::default();
                set.insert(f);
                from.push((set, src.clone()));
            }
        }
    }
    // A blank ID never clears a known one: the newest row's ID.
    if id_of(&records[winner]).is_none() {
        if let Some(id) = group.iter().rev().find_map(|&m| id_of(&records[m])) {
            account.key = AccountKey::Id(id.into());
        }
    }
    (account, from)
}

/// Line items joined to their accounts — by an equal ID, else by the name key — and accounts
/// made for the others. Returns how many accounts were made.
fn attach(accounts: &mut Vec<Record>, rollups: Rollups, suffixes: &Suffixes, issues: &mut Vec<Issue>) -> usize {
    if rollups.by_key.is_empty() {
        return 0;
    }
    let mut by_id: HashMap<Box<str>, usize> = HashMap::new();
    let mut by_name: HashMap<Box<str>, usize> = HashMap::new();
    for (i, r) in accounts.iter().enumerate() {
        if let Some(id) = id_of(r) {
            by_id.entry(id.into()).or_insert(i);
        }
        by_name.entry(name_key(r, suffixes)).or_insert(i);
    }
    // In key order (the order of the accounts made), taken out of the map one by one: never two
    // copies of every roll-up.
    let mut by_key = rollups.by_key;
    let mut keys: Vec<Box<str>> = by_key.keys().cloned().collect();
    keys.sort_unstable();
    let before = accounts.len();
    for key in keys {
        let Some(rollup) = by_key.remove(&key) else { continue };
        let target = rollup.ids.iter().find_map(|id| by_id.get(id)).or_else(|| by_name.get(&key)).copied();
        let i = match target {
            Some(i) => i,
            None => {
                let r = new_account(&key, &rollup);
                accounts.push(r);
                let i = accounts.len() - 1;
                by_name.insert(key.clone(), i);
                for id in &rollup.ids {
                    by_id.entry(id.clone()).or_insert(i);
                }
                i
            }
        };
        if rollup.ids.len() > 1 {
            let mut ids: Vec<&str> = rollup.ids.iter().map(|s| &**s).collect();
            ids.sort_unstable();
            let at = accounts[i].source.clone();
            issues.push(
                Issue::new(
                    Severity::Note,
                    Location::row(&at.sheet.at, at.row),
                    IssueKind::SeveralIds { ids: ids.join(", ") },
                )
                .with_field(Field::AccountId, ids.join(", ")),
            );
        }
        let more = accounts[i].more.get_or_insert_with(Box::default);
        match &mut more.rollup {
            Some(mine) => mine.merge(rollup),
            None => more.rollup = Some(rollup),
        }
    }
    accounts.len() - before
}

/// An account known only from its line items: its most frequent spelling and owner, its ID,
/// and its first line item as its row.
fn new_account(key: &str, rollup: &Rollup) -> Record {
    let mut account = Account::default();
    account.set(Field::AccountName, Value::Text(rollup.name().unwrap_or(key).to_string()));
    account.key = AccountKey::Name(key.into());
    let mut ids: Vec<&str> = rollup.ids.iter().map(|s| &**s).collect();
    ids.sort_unstable();
    if let Some(id) = ids.first() {
        account.key = AccountKey::Id((*id).into());
    }
    if let Some(owner) = rollup.owner() {
        account.set(Field::Owner, Value::Text(owner.to_string()));
    }
    // The first sheet (in kind order, then by name) and row that gave it a line item.
    let first = rollup.from.iter().min_by(|a, b| {
        (a.kind, &a.at.at.file, &a.at.at.sheet, a.first_row).cmp(&(b.kind, &b.at.at.file, &b.at.at.sheet, b.first_row))
    });
    let source = match first {
        Some(c) => Source { sheet: Arc::clone(&c.at), row: c.first_row },
        None => Source {
            sheet: Arc::new(crate::ingest::SheetSource::new(
                crate::provenance::SheetRef { file: "".into(), sheet: "".into() },
                0,
                [],
            )),
            row: 0,
        },
    };
    Record { account, source, more: Some(Box::new(More { line_items_only: true, ..More::default() })) }
}

/// The fields an account's line items give it where its rows state nothing (a stated value
/// wins; when both exist and differ, a note names both).
fn derive(r: &mut Record, has_orders: bool, issues: &mut Vec<Issue>) {
    let Some(more) = r.more.as_deref() else {
        if has_orders && !r.account.has(Field::OurSales12m) {
            issues.push(no_orders(r));
        }
        return;
    };
    let Some(roll) = more.rollup.as_ref() else {
        if has_orders && !r.account.has(Field::OurSales12m) {
            issues.push(no_orders(r));
        }
        return;
    };
    let mut values: Vec<(Field, Value, crate::source::SourceKind)> = Vec::new();
    use crate::ingest::Money;
    use crate::source::SourceKind as K;
    if let Some(d) = &roll.deals {
        if d.open > 0 {
            if d.open_priced > 0 {
                values.push((
                    Field::DealValue,
                    Value::Money(Money::amount(d.open_value, d.open_value)),
                    K::Opportunities,
                ));
            }
            if let Some(c) = d.earliest_close {
                values.push((Field::ExpectedClose, Value::Date(c), K::Opportunities));
            }
            if let Some(s) = d.stage {
                values.push((Field::Stage, Value::Stage(s), K::Opportunities));
            }
            if let Some(c) = d.first_created {
                values.push((Field::FirstContact, Value::Date(c), K::Opportunities));
            }
        }
    }
    if let Some(l) = roll.ledger.as_ref().filter(|l| l.priced > 0) {
        values.push((Field::ArBalance, Value::Money(Money::amount(l.balance, l.balance)), K::Receivables));
        values.push((Field::OverdueAmount, Value::Money(Money::amount(l.overdue, l.overdue)), K::Receivables));
        values.push((Field::OverdueDays, Value::Days(l.max_days), K::Receivables));
        if let Some(t) = l.common_terms() {
            values.push((Field::PaymentTerms, Value::Terms(t), K::Receivables));
        }
        if let Some(c) = l.credit_limit {
            values.push((Field::CreditLimit, Value::Money(Money::amount(c, c)), K::Receivables));
        }
    }
    match roll.orders.as_ref().filter(|o| o.priced > 0) {
        Some(o) => values.push((Field::OurSales12m, Value::Money(Money::amount(o.sales_12m, o.sales_12m)), K::Orders)),
        None if has_orders && !r.account.has(Field::OurSales12m) => issues.push(no_orders(r)),
        None => {}
    }
    // The last payment: of the payments log, or the latest invoice the ledger shows settled.
    let paid = roll.payments.as_ref().and_then(|p| p.last);
    let settled = roll.ledger.as_ref().and_then(|l| l.last_settled);
    if let Some(last) = paid.max(settled) {
        let kind = if paid >= settled { K::Payments } else { K::Receivables };
        values.push((Field::LastPaymentDate, Value::Date(last), kind));
    }
    let lang = crate::Lang::Zh;
    let mut rolled = FieldSet::default();
    for (f, v, kind) in values {
        if r.account.has(f) {
            let mut probe = Account::default();
            probe.set(f, v);
            if let Some((stated, got)) = differs(&r.account, &probe, f) {
                let col = r.col(f);
                let src = r.source_of(f);
                let at = match col {
                    Some(c) => Location::cell(&src.sheet.at, crate::provenance::Pos::new(src.row, c)),
                    None => Location::row(&src.sheet.at, src.row),
                };
                issues.push(
                    Issue::new(
                        Severity::Note,
                        at,
                        IssueKind::StatedOverRolled {
                            stated: stated.clone(),
                            rolled: got,
                            from: roll.provenance(kind, lang),
                        },
                    )
                    .with_field(f, stated),
                );
            }
            continue;
        }
        r.account.set(f, v);
        rolled.insert(f);
    }
    if r.account.owner.is_none() {
        if let Some(o) = roll.owner() {
            r.account.set(Field::Owner, Value::Text(o.to_string()));
        }
    }
    if let Some(m) = r.more.as_deref_mut() {
        m.rolled = rolled;
    }
}

fn no_orders(r: &Record) -> Issue {
    Issue::new(Severity::Note, Location::row(&r.source.sheet.at, r.source.row), IssueKind::NoOrders)
        .with_field(Field::OurSales12m, String::new())
}

/// The stated and rolled-up values as text, when they differ.
fn differs(stated: &Account, rolled: &Account, f: Field) -> Option<(String, String)> {
    let money = |a: &Account| match f {
        Field::DealValue => a.deal_value().and_then(|m| m.mid()),
        Field::ArBalance => a.ar_balance().and_then(|m| m.mid()),
        Field::OverdueAmount => a.overdue_amount().and_then(|m| m.mid()),
        Field::OurSales12m => a.our_sales_12m().and_then(|m| m.mid()),
        Field::CreditLimit => a.credit_limit(),
        _ => None,
    };
    let date = |a: &Account| match f {
        Field::ExpectedClose => a.expected_close(),
        Field::FirstContact => a.first_contact(),
        Field::LastPaymentDate => a.last_payment_date(),
        _ => None,
    };
    if let (Some(x), Some(y)) = (money(stated), money(rolled)) {
        return ((x - y).abs() >= 0.005).then(|| (crate::numfmt::num(x), crate::numfmt::num(y)));
    }
    if let (Some(x), Some(y)) = (date(stated), date(rolled)) {
        return (x != y).then(|| (x.to_string(), y.to_string()));
    }
    if f == Field::OverdueDays {
        let (x, y) = (stated.overdue_days()?, rolled.overdue_days()?);
        return (x != y).then(|| (x.to_string(), y.to_string()));
    }
    if f == Field::Stage {
        let (x, y) = (stated.stage()?, rolled.stage()?);
        return (x != y && !matches!(x, Stage::Won | Stage::Lost)).then(|| (x.key().to_string(), y.key().to_string()));
    }
    None
}

/// The most pairs of names compared for "possibly the same account" (beyond it, the check is
/// skipped: a million accounts would take hours).
const MAX_PAIRS: usize = 20_000_000;

/// The most "possibly the same account" warnings listed one by one; the rest are counted in a
/// last one.
const MAX_NEAR_MISSES: usize = 100;

/// A name key without its digits: names that differ only there (a buyer "mrsoft1783" and
/// "mrsoft1780", 一分厂 and 二分厂 written 1分厂 and 2分厂) are told apart by them, not near misses.
fn without_digits(k: &str) -> String {
    k.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// Accounts made from line items whose names are close to another account's — one contains
/// the other (the shorter of four characters or more), or an edit distance of 1 (2 on names of
/// eight characters or more) — reported as possibly the same account, never merged. Two
/// accounts with different IDs are two accounts whatever their names; names that differ only in
/// their digits are not close. At most [`MAX_NEAR_MISSES`] are listed.
fn possibly_same(accounts: &[Record], first_made: usize, suffixes: &Suffixes, issues: &mut Vec<Issue>) {
    let made = accounts.len() - first_made;
    if made == 0 || made.saturating_mul(accounts.len()) > MAX_PAIRS {
        return;
    }
    let keys: Vec<Box<str>> = accounts.iter().map(|r| name_key(r, suffixes)).collect();
    let lens: Vec<usize> = keys.iter().map(|k| k.chars().count()).collect();
    let mut found = 0usize;
    let mut last = None;
    for i in first_made..accounts.len() {
        for j in 0..accounts.len() {
            if j == i || (j >= first_made && j > i) {
                continue;
            }
            let (a, b) = (&keys[i], &keys[j]);
            let (short, long) = (lens[i].min(lens[j]), lens[i].max(lens[j]));
            if a == b || short < 2 {
                continue;
            }
            if matches!((id_of(&accounts[i]), id_of(&accounts[j])), (Some(x), Some(y)) if x != y) {
                continue;
            }
            if a.chars().any(|c| c.is_ascii_digit()) && without_digits(a) == without_digits(b) {
                continue;
            }
            let contained = short >= 4 && (a.contains(&**b) || b.contains(&**a));
            let limit = if short >= 8 { 2 } else { 1 };
            let close = short >= 4 && long - short <= limit && crate::values::text::edit_distance(a, b) <= limit;
            if !(contained || close) {
                continue;
            }
            found += 1;
            if found > MAX_NEAR_MISSES {
                last = Some(i);
                continue;
            }
            let r = &accounts[i];
            let other = format!("{}（{}）", accounts[j].account.name, accounts[j].source.display());
            issues.push(
                Issue::new(
                    Severity::Warning,
                    Location::row(&r.source.sheet.at, r.source.row),
                    IssueKind::PossiblySame { other },
                )
                .with_field(Field::AccountName, r.account.name.to_string()),
            );
        }
    }
    if let Some(i) = last {
        let r = &accounts[i];
        issues.push(Issue::new(
            Severity::Note,
            Location::row(&r.source.sheet.at, r.source.row),
            IssueKind::MoreNearMisses { more: (found - MAX_NEAR_MISSES) as u64 },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::rollup::Rollups;
    use crate::ingest::{Credit, LineItem, Money, SheetSource, Value};
    use crate::provenance::SheetRef;
    use crate::source::SourceKind;

    fn sheet(file: &str, fields: &[Field]) -> Arc<SheetSource> {
        let at = SheetRef { file: file.into(), sheet: "S".into() };
        Arc::new(SheetSource::new(at, 0, fields.iter().enumerate().map(|(c, f)| (*f, c as u32))))
    }

    fn rec(sheet: &Arc<SheetSource>, row: u32, account: Account) -> Record {
        Record::new(account, Source { sheet: Arc::clone(sheet), row })
    }

    /// Newest last, by file name (the tests' files have no modified time).
    fn run(records: Vec<Record>, rollups: Rollups) -> Joined {
        join(records, rollups, |r| (r.source.sheet.at.file.clone(), r.source.row), Suffixes::builtin(), false)
    }

    #[test]
    fn rows_of_one_account_merge_field_by_field_and_a_cleared_cell_stays_cleared() {
        // 1-old.xlsx states a credit rating and registered capital; 2-new.xlsx has a credit
        // rating column, blank for this account, and no registered-capital column.
        let old = sheet("1-old.xlsx", &[Field::AccountName, Field::CreditRating, Field::RegisteredCapital]);
        let new = sheet("2-new.xlsx", &[Field::AccountName, Field::CreditRating, Field::Budget]);
        let a = Account::named("华东精密制造有限公司")
            .with(Field::CreditRating, Value::Credit(Credit::letters("D")))
            .with(Field::RegisteredCapital, Value::Money(Money::amount(5e6, 5e6)));
        let b = Account::named("华东精密制造").with(Field::Budget, Value::Money(Money::amount(1e6, 1e6)));
        let out = run(vec![rec(&old, 1, a), rec(&new, 4, b)], Rollups::default());
        assert_eq!(out.accounts.len(), 1);
        assert_eq!(out.merged.len(), 1);
        assert_eq!((out.account_rows, out.merged[0].into), (1, 0));
        let r = &out.accounts[0];
        assert_eq!(&*r.account.name, "华东精密制造", "the newest row's name");
        assert_eq!(r.account.credit_rating(), None, "cleared in the newer sheet");
        assert_eq!(r.account.registered_capital().and_then(|m| m.mid()), Some(5e6), "only the older sheet has it");
        assert_eq!(r.account.budget().and_then(|m| m.mid()), Some(1e6));
        // Each field keeps its source cell: the capital from the old row, column C.
        assert_eq!(r.source_of(Field::RegisteredCapital).sheet.at.file.as_ref(), "1-old.xlsx");
        assert_eq!(r.col(Field::RegisteredCapital), Some(2));
        assert_eq!(r.source_of(Field::Budget).sheet.at.file.as_ref(), "2-new.xlsx");
    }

    #[test]
    fn ids_join_renamed_companies_and_two_ids_in_one_sheet_stay_two_accounts() {
        let s1 = sheet("1.xlsx", &[Field::AccountId, Field::AccountName]);
        let s2 = sheet("2.xlsx", &[Field::AccountId, Field::AccountName]);
        let id = |name: &str, id: &str| Account::named(name).with(Field::AccountId, Value::Text(id.into()));
        let out = run(
            vec![
                rec(&s1, 1, id("旧名科技", "K-1")),
                rec(&s2, 1, id("新名科技", "K-1")), // renamed: the same ID
                rec(&s2, 2, id("同名公司", "K-2")),
                rec(&s2, 3, id("同名公司", "K-3")), // same name, another ID, same sheet
            ],
            Rollups::default(),
        );
        let names: Vec<&str> = out.accounts.iter().map(|r| &*r.account.name).collect();
        assert_eq!(names, ["新名科技", "同名公司", "同名公司"]);
        assert!(out.issues.iter().any(|i| matches!(i.kind, IssueKind::SameNameOtherId { .. })), "{:?}", out.issues);
    }

    #[test]
    fn line_items_join_by_id_else_by_name_and_make_accounts_of_their_own() {
        let list = sheet("客户清单.xlsx", &[Field::AccountId, Field::AccountName]);
        let ledger = sheet("应收明细.xlsx", &[Field::AccountId, Field::AccountName, Field::ArBalance]);
        let accounts = vec![
            rec(&list, 1, Account::named("甲科技有限公司").with(Field::AccountId, Value::Text("K-1".into()))),
            rec(&list, 2, Account::named("华东精密制造有限公司")),
        ];
        let mut rollups = Rollups::default();
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let line = |name: &str, id: Option<&str>, v: f64| LineItem {
            name: name.into(),
            id: id.map(Into::into),
            owner: Some("王".into()),
            values: vec![(Field::ArBalance, Value::Money(Money::amount(v, v)))],
            row: 1,
        };
        for l in [
            line("甲科技（改名后）", Some("K-1"), 100.0), // another name, the same ID
            line("華東精密製造", None, 50.0),             // Traditional, no suffix
            line("华东精密制造厂", None, 20.0),           // close, but another account
            line("华东精密制造厂", None, 5.0),
        ] {
            rollups.fold(&l, SourceKind::Receivables, &ledger, as_of);
        }
        let rollups = rollups.rekey(|n| join_key(n, Suffixes::builtin()));
        let out = run(accounts, rollups);
        assert_eq!((out.account_rows, out.from_line_items), (2, 1));
        let balance = |i: usize| out.accounts[i].account.ar_balance().and_then(|m| m.mid());
        assert_eq!(balance(0), Some(100.0));
        assert_eq!(balance(1), Some(50.0));
        let made = &out.accounts[2];
        assert_eq!((&*made.account.name, balance(2)), ("华东精密制造厂", Some(25.0)));
        assert_eq!(made.account.owner.as_deref(), Some("王"));
        assert!(made.rolled(Field::ArBalance) && made.col(Field::ArBalance).is_none());
        // Close names are reported, never merged.
        assert!(
            out.issues.iter().any(
                |i| matches!(&i.kind, IssueKind::PossiblySame { other } if other.contains("华东精密制造有限公司"))
            ),
            "{:?}",
            out.issues
        );
    }
}

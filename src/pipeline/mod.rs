//! The pipeline both `score` and `check` run: find the inputs, read, ingest and deduplicate
//! them (`load`), then score and count (`assess`). Below the commands, above the stages.
//!
//! I/O. `load` runs discover → read → ingest → dedup with rayon (files in parallel, then the
//! rows of each sheet), then puts everything back in input order so the output never depends
//! on thread timing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::discover::{discover, Discovered, InputFile};
use crate::error::{Fatal, IoProblem};
use crate::ingest::rollup::Rollups;
use crate::ingest::row::{ingest_row, Outcome, SheetPlan, Vocab};
use crate::ingest::{RawRow, RawSheet, Record};
use crate::issue::{Issue, IssueKind, Location, Severity};
use crate::join::{join, Merged};
use crate::model::Model;
use crate::read::{read_file_with, ReadOpts, SheetInfo};
use crate::source::SourceKind;

/// A model and where it came from.
pub struct ModelFile {
    pub model: Model,
    /// "default" or the file's path.
    pub source: String,
    /// Fingerprint of the model text (see the report's Model tab).
    pub hash: String,
    /// Which of the capacity's hours, people and money the file sets.
    pub sets_capacity: [bool; 3],
}

/// The default model, or the team's model file.
pub fn load_model(path: Option<&Path>) -> Result<ModelFile, Fatal> {
    let Some(path) = path else {
        let model = Model::default_model()
            .map_err(|problems| Fatal::ModelInvalid { path: "(embedded default)".into(), problems })?;
        return Ok(ModelFile {
            model,
            source: "default".into(),
            hash: crate::model::fingerprint(crate::model::DEFAULT_MODEL),
            sets_capacity: [false; 3],
        });
    };
    let bytes = std::fs::read(path)
        .map_err(|e| Fatal::ModelUnreadable { path: path.to_path_buf(), problem: IoProblem::from_io(&e) })?;
    let text = crate::model::model_text(&bytes)
        .map_err(|problem| Fatal::ModelInvalid { path: path.to_path_buf(), problems: vec![problem] })?;
    let model =
        Model::from_toml(&text).map_err(|problems| Fatal::ModelInvalid { path: path.to_path_buf(), problems })?;
    Ok(ModelFile {
        model,
        source: path.display().to_string(),
        hash: crate::model::fingerprint(&text),
        sets_capacity: crate::model::sets_capacity(&text),
    })
}

/// The as-of date: the one given, else today.
pub fn as_of_or_today(given: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    given.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// One input file and what its sheets held.
#[derive(Debug, Clone)]
pub struct InputSummary {
    pub file: InputFile,
    pub sheets: Vec<SheetInfo>,
    pub own_report: bool,
}

/// Everything read, validated and deduplicated: the input to scoring.
#[derive(Debug, Default)]
pub struct Loaded {
    pub inputs: Vec<InputSummary>,
    /// One per account: accounts rows merged, in input order, then accounts from line items.
    pub accounts: Vec<Record>,
    /// Accounts rows merged into a newer row of the same account.
    pub merged: Vec<Merged>,
    pub rejected: u64,
    pub skipped: u64,
    pub rows_read: u64,
    /// Line-item rows folded into an account.
    pub rolled_up: u64,
    /// Accounts rows that became an account.
    pub account_rows: u64,
    /// Accounts that exist only through line items.
    pub from_line_items: u64,
    /// Every issue, sorted by place.
    pub issues: Vec<Issue>,
}

impl Loaded {
    /// The row counts of reading, for the reconciliation.
    pub fn counts(&self) -> crate::evaluate::ReadCounts {
        crate::evaluate::ReadCounts {
            rows_read: self.rows_read,
            account_rows: self.account_rows,
            merged: self.merged.len() as u64,
            rolled_up: self.rolled_up,
            rejected: self.rejected,
            skipped: self.skipped,
            from_line_items: self.from_line_items,
        }
    }

    /// Error-level issues.
    pub fn errors(&self) -> usize {
        self.issues.iter().filter(|i| i.severity == Severity::Error).count()
    }
}

/// One file read and ingested.
struct FileDone {
    info: InputSummary,
    /// The file's records, in sheet and row order.
    records: Vec<Record>,
    /// The file's line items, rolled up per account.
    rollups: Rollups,
    issues: Vec<Issue>,
    rows_read: u64,
    rejected: u64,
    skipped: u64,
}

/// discover → read → ingest → join.
pub fn load(paths: &[PathBuf], model: &Model, as_of: chrono::NaiveDate, progress: &indicatif::ProgressBar) -> Loaded {
    load_found(discover(paths), model, ReadOpts::new(model), as_of, progress)
}

/// read → ingest → join, for files already found. Line items are rolled up as of `as_of`
/// (aging, the 12-month window).
pub fn load_found(
    found: Discovered,
    model: &Model,
    opts: ReadOpts,
    as_of: chrono::NaiveDate,
    progress: &indicatif::ProgressBar,
) -> Loaded {
    progress.set_length(found.files.len() as u64);
    let vocab = Vocab::new(model);
    let files: Vec<FileDone> = found
        .files
        .par_iter()
        .map(|input| {
            let done = load_file(input, &opts, &vocab, as_of);
            progress.inc(1);
            done
        })
        .collect();
    let suffixes = crate::values::name::Suffixes::new(&model.join.legal_suffixes);
    gather(files, found.issues, &suffixes)
}

/// Ingest a chunk of rows: on the rayon pool when it has more than two threads, else — for
/// line items — on this thread. With two cores the reader thread already keeps one busy: two
/// pool threads beside it would take turns with the reader, which is the run's critical path
/// for line items, light rows (1M invoice lines: 5.1 s on the pool, 4.6 s on this thread).
fn ingest_chunk(rows: &[RawRow], plan: &SheetPlan, vocab: &Vocab) -> Vec<(Outcome, Vec<Issue>)> {
    // An account row (thirty fields) takes longer to parse than to read, so it is parsed on
    // the pool whatever its size (1M account rows: 14.5 s on the pool, 16.8 s on this thread).
    if rayon::current_num_threads() > 2 || plan.kind == SourceKind::Accounts {
        rows.par_iter().map(|row| ingest_row(row, plan, vocab)).collect()
    } else {
        rows.iter().map(|row| ingest_row(row, plan, vocab)).collect()
    }
}

/// The share of rows of a first chunk whose account already appeared in it, above which an
/// accounts sheet that holds line-item fields is read as line items (SPEC §1b).
const REPEAT_SHARE: f64 = 0.10;

/// And the fewest such rows: a short list with a duplicate or two is an accounts list whose
/// duplicates merge, not a ledger.
const MIN_REPEATS: u64 = 5;

/// For an accounts sheet's first chunk: the line-item kind to read it as instead, with how many
/// rows repeat an account — when more than 10% (and at least 5) do, the sheet holds a field of a
/// line-item kind,
/// and it holds none of the team's judgement (ratings, decision maker: then it is an accounts
/// sheet with duplicates, merged as such).
fn repeated_kind(plan: &SheetPlan, outcomes: &[(Outcome, Vec<Issue>)]) -> Option<(SourceKind, u64, u64)> {
    let fields = plan.fields();
    let judgement = fields.iter().any(|f| {
        crate::ingest::RATING_FIELDS.contains(f)
            || matches!(f, crate::field::Field::DecisionMaker | crate::field::Field::NeedConsensus)
    });
    if judgement {
        return None;
    }
    let kind = crate::source::repeated_kind(|f| fields.contains(&f))?;
    let keys: Vec<&crate::ingest::AccountKey> = outcomes
        .iter()
        .filter_map(|(o, _)| match o {
            Outcome::Accepted(r) => Some(&r.account.key),
            _ => None,
        })
        .collect();
    let rows = keys.len() as u64;
    let distinct = keys.iter().collect::<std::collections::HashSet<_>>().len() as u64;
    let repeated = rows - distinct;
    (repeated >= MIN_REPEATS && repeated as f64 > REPEAT_SHARE * rows as f64).then_some((kind, repeated, rows))
}

/// Read and ingest one file.
///
/// A reader thread streams each sheet's rows here a chunk at a time, and they are ingested (on
/// the rayon pool) while the reader parses the next chunk, so a sheet's raw rows never all sit
/// in memory and reading overlaps parsing. Each sheet's records are contiguous, for
/// finalize_ratings. The file's records go into one vector, reserved from the sheet's declared
/// size when it is known: a vector of records that grows holds two copies while it
/// reallocates.
fn load_file(input: &InputFile, opts: &ReadOpts, vocab: &Vocab, as_of: chrono::NaiveDate) -> FileDone {
    let mut records: Vec<Record> = Vec::new();
    let mut rollups = Rollups::default();
    // Sheets read as line items because their accounts repeat: (sheet index, plan, kind).
    let mut switched: Vec<(usize, Arc<SheetPlan>)> = Vec::new();
    let mut issues: Vec<Issue> = Vec::new();
    let mut rejected = 0u64;
    let mut placeholders = 0u64; // rows skipped for a placeholder name
    let mut sheets: Vec<usize> = Vec::new(); // the first record of each sheet
    let read = std::thread::scope(|scope| {
        // One chunk in flight while the next is read: two chunks of raw rows at most.
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, u32, Arc<SheetPlan>, Vec<RawRow>)>(1);
        let reader = scope.spawn(|| {
            let tx = tx;
            let mut plan: Option<(usize, Arc<SheetPlan>)> = None;
            let mut sink = |sheet: &RawSheet, rows: Vec<RawRow>| {
                let p = match &plan {
                    Some((i, p)) if *i == sheet.index => Arc::clone(p),
                    _ => {
                        let p = Arc::new(SheetPlan::new(sheet));
                        plan = Some((sheet.index, Arc::clone(&p)));
                        p
                    }
                };
                // The receiver lives until the reader is joined, so this cannot fail.
                let _ = tx.send((sheet.index, sheet.size_hint, p, rows));
            };
            read_file_with(input, opts, Some(&mut sink))
        });
        let mut current = None;
        let mut owners = std::collections::HashSet::new();
        for (index, size_hint, plan, rows) in rx {
            let first_chunk = current != Some(index);
            let plan = switched.iter().find(|(i, _)| *i == index).map_or(plan, |(_, p)| Arc::clone(p));
            if first_chunk {
                current = Some(index);
                sheets.push(records.len());
                // Only a sheet that fills a whole chunk is worth reserving for (and a
                // wrong declared size then costs address space, not memory).
                if rows.len() >= crate::read::CHUNK {
                    // An Excel sheet's size is believed up to Excel's limit.
                    records.reserve(size_hint.min(crate::provenance::EXCEL_ROWS) as usize);
                }
            }
            let mut outcomes = ingest_chunk(&rows, &plan, vocab);
            let mut plan = plan;
            if first_chunk && plan.kind == SourceKind::Accounts {
                if let Some((kind, repeated, n)) = repeated_kind(&plan, &outcomes) {
                    plan = Arc::new(plan.read_as(kind));
                    switched.push((index, Arc::clone(&plan)));
                    outcomes = ingest_chunk(&rows, &plan, vocab);
                    issues.push(Issue::new(
                        Severity::Note,
                        Location::sheet(&plan.source().at),
                        IssueKind::KindFromRepeats { kind, repeated, rows: n },
                    ));
                }
            }
            drop(rows);
            for (outcome, mut found) in outcomes {
                issues.append(&mut found);
                match outcome {
                    Outcome::Accepted(mut r) => {
                        r.account.share_owner(&mut owners);
                        records.push(r);
                    }
                    Outcome::Line(item) => rollups.fold(&item, plan.kind, plan.source(), as_of),
                    Outcome::Rejected => rejected += 1,
                    Outcome::Skipped => placeholders += 1,
                }
            }
        }
        // The reader catches the readers' panics itself; one here is a bug in kascore.
        reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    let mut read = read;
    for (index, plan) in &switched {
        let name = &plan.source().at.sheet;
        if let Some(info) = read.infos.iter_mut().find(|i| i.name == *name) {
            info.kind = plan.kind;
        }
        let _ = index;
    }
    if read.lost {
        // The file failed part-way: none of its rows count, so none of them is kept.
        records = Vec::new();
        rollups.clear();
        issues.clear();
        rejected = 0;
        placeholders = 0;
        sheets.clear();
    }
    sheets.push(records.len());
    for w in sheets.windows(2) {
        crate::ingest::row::finalize_ratings(&mut records[w[0]..w[1]], &mut issues);
    }
    issues.extend(read.issues);
    FileDone {
        rows_read: read.infos.iter().map(|s| s.rows).sum(),
        info: InputSummary { file: input.clone(), sheets: read.infos, own_report: read.own_report },
        records,
        rollups,
        issues,
        rejected,
        skipped: placeholders + read.sheets.iter().map(|s| s.total_lines + s.empty_lines).sum::<u64>(),
    }
}

/// Every file's records, roll-ups and counts in input order, then joined: accounts rows of one
/// account merged field by field (the newest file wins per field), line items attached.
fn gather(files: Vec<FileDone>, found_issues: Vec<Issue>, suffixes: &crate::values::name::Suffixes) -> Loaded {
    let mut loaded = Loaded { issues: found_issues, ..Loaded::default() };
    // One file (the usual case) is moved, not copied; several are appended to one vector
    // reserved for them all.
    let single = files.len() == 1;
    let mut records = Vec::with_capacity(if single { 0 } else { files.iter().map(|f| f.records.len()).sum() });
    let mut rollups = Rollups::default();
    let mut mtimes = std::collections::HashMap::new();
    for mut f in files {
        loaded.rows_read += f.rows_read;
        loaded.rejected += f.rejected;
        loaded.skipped += f.skipped;
        loaded.issues.append(&mut f.issues);
        mtimes.insert(f.info.file.display.clone(), f.info.file.modified);
        if single {
            records = std::mem::take(&mut f.records);
        } else {
            records.append(&mut f.records); // each file's vector is freed as it is moved
        }
        rollups.merge(std::mem::take(&mut f.rollups));
        loaded.inputs.push(f.info);
    }
    let rollups = rollups.rekey(|name| crate::values::name::join_key(name, suffixes));
    loaded.rolled_up = rollups.rows;
    let has_orders = loaded.inputs.iter().any(|i| i.sheets.iter().any(|s| s.kind == SourceKind::Orders && s.rows > 0));
    // Newest file wins: modified time, then file name, then sheet and row order.
    let joined = join(
        records,
        rollups,
        |r| {
            (
                mtimes.get(&r.source.sheet.at.file).copied().flatten(),
                r.source.sheet.at.file.clone(),
                r.source.sheet.index,
                r.source.row,
            )
        },
        suffixes,
        has_orders,
    );
    for m in &joined.merged {
        loaded.issues.push(Issue::new(
            Severity::Note,
            Location::row(&m.record.source.sheet.at, m.record.source.row),
            IssueKind::Merged { by: m.by.clone() },
        ));
    }
    loaded.issues.extend(joined.issues);
    count_accounts(&mut loaded.inputs, &joined.accounts, &joined.merged);
    loaded.accounts = joined.accounts;
    loaded.merged = joined.merged;
    loaded.account_rows = joined.account_rows;
    loaded.from_line_items = joined.from_line_items;
    loaded.issues.sort_by(|a, b| a.at.cmp(&b.at));
    loaded
}

/// Per sheet, how many accounts its rows went to: "772 rows → 36 accounts" (SPEC §1b). Each
/// account counts once per sheet: its sheets are collected and deduplicated per account, so no
/// set of a million account numbers is kept per sheet.
fn count_accounts(inputs: &mut [InputSummary], accounts: &[Record], merged: &[Merged]) {
    use std::collections::HashMap;
    // Merged rows, by the account they went to.
    let mut extra: HashMap<usize, Vec<&crate::provenance::SheetRef>> = HashMap::new();
    for m in merged {
        extra.entry(m.into).or_default().push(&m.record.source.sheet.at);
    }
    let mut per: HashMap<(&str, &str), u64> = HashMap::new();
    let mut sheets: Vec<&crate::provenance::SheetRef> = Vec::new();
    for (i, r) in accounts.iter().enumerate() {
        sheets.clear();
        if !r.more.as_ref().is_some_and(|m| m.line_items_only) {
            sheets.push(&r.source.sheet.at);
        }
        if let Some(m) = &r.more {
            sheets.extend(m.merged.iter().map(|(_, s)| &s.sheet.at));
            sheets.extend(m.rollup.iter().flat_map(|x| &x.from).map(|c| &c.at.at));
        }
        if let Some(more) = extra.get(&i) {
            sheets.extend(more.iter().copied());
        }
        sheets.sort_by(|a, b| (&*a.file, &*a.sheet).cmp(&(&*b.file, &*b.sheet)));
        sheets.dedup_by(|a, b| a.file == b.file && a.sheet == b.sheet);
        for s in &sheets {
            *per.entry((&*s.file, &*s.sheet)).or_default() += 1;
        }
    }
    let counts: HashMap<(String, String), u64> =
        per.into_iter().map(|((f, s), n)| ((f.to_string(), s.to_string()), n)).collect();
    for input in inputs.iter_mut() {
        for s in &mut input.sheets {
            s.accounts = counts.get(&(input.file.display.to_string(), s.name.to_string())).copied().unwrap_or(0);
        }
    }
}

/// load, then score and count: the part of a run both `score` and `check` do.
///
/// # Errors
/// [`Fatal::NothingToScore`] when no input holds a sheet kascore recognises;
/// [`Fatal::Reconciliation`] when the row accounting does not add up.
pub fn assess(
    found: Discovered,
    model: &Model,
    as_of: chrono::NaiveDate,
    capacity: crate::model::Capacity,
    printer: crate::terminal::Printer,
) -> Result<(Loaded, crate::evaluate::Evaluation), Fatal> {
    let bar = printer.bar(0, "reading");
    let read = crate::timing::Phase::start("read");
    let mut loaded = load_found(found, model, ReadOpts::new(model), as_of, &bar);
    drop(read);
    bar.finish_and_clear();
    nothing_to_score(&loaded)?;
    let scoring = crate::timing::Phase::start("score");
    let spinner = printer.spinner("scoring");
    let counts = loaded.counts();
    let mut eval = crate::evaluate::evaluate(&loaded.accounts, counts, model, as_of, capacity);
    loaded.issues.append(&mut eval.issues);
    loaded.issues.sort_by(|a, b| a.at.cmp(&b.at));
    loaded.issues = crate::issue::group(std::mem::take(&mut loaded.issues));
    spinner.finish_and_clear();
    drop(scoring);
    if !eval.reconciliation.holds() {
        return Err(Fatal::Reconciliation(eval.reconciliation.equation(crate::Lang::En)));
    }
    Ok((loaded, eval))
}

/// A run with no sheet kascore recognises in any input fails, listing each file and sheet
/// with why it gave nothing: the file- and sheet-level issues.
fn nothing_to_score(loaded: &Loaded) -> Result<(), Fatal> {
    let recognised = loaded.inputs.iter().any(|i| i.sheets.iter().any(|s| s.header_row.is_some()));
    if recognised {
        return Ok(());
    }
    let mut why: Vec<Issue> = loaded.issues.iter().filter(|i| i.at.row.is_none()).cloned().collect();
    // A file read without a word (no sheets at all) still gets a line.
    for input in &loaded.inputs {
        if !why.iter().any(|i| i.at.file == input.file.display) {
            why.push(Issue::new(
                Severity::Warning,
                Location::file(&input.file.display),
                IssueKind::Unreadable(crate::issue::FileProblem::Empty),
            ));
        }
    }
    why.sort_by(|a, b| a.at.cmp(&b.at));
    Err(Fatal::NothingToScore(why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::FileProblem;

    /// A reader that panics part-way through a file (as calamine has on hostile files), after
    /// more than one chunk of rows was handed on and ingested: the file gives up every row, the
    /// other file is scored, and the row accounting still holds.
    #[test]
    fn a_reader_panic_part_way_gives_up_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut big = String::from("客户名称,预算\n");
        for i in 0..20_000 {
            big.push_str(&format!("公司{i},{i}\n"));
        }
        std::fs::write(dir.path().join("big.csv"), big).unwrap();
        std::fs::write(dir.path().join("small.csv"), "客户名称,预算\n甲公司,100\n乙公司,200\n").unwrap();
        let model = Model::default_model().unwrap();
        let mut opts = ReadOpts::new(&model);
        opts.fail_after_rows = Some(17_000);
        let found = discover(&[dir.path().to_path_buf()]);
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let loaded = load_found(found, &model, opts, as_of, &indicatif::ProgressBar::hidden());
        assert_eq!(loaded.rows_read, 2, "only small.csv's rows count");
        let names: Vec<&str> = loaded.accounts.iter().map(|r| &*r.account.name).collect();
        assert_eq!(names, ["甲公司", "乙公司"]);
        let lost: Vec<&Issue> = loaded.issues.iter().filter(|i| i.at.file.ends_with("big.csv")).collect();
        assert_eq!(lost.len(), 1, "{lost:?}");
        match &lost[0].kind {
            IssueKind::Unreadable(FileProblem::LostPartWay { rows, detail }) => {
                // The rows handed on for scoring before the panic (one chunk); the 616 still in
                // the reader's buffer went with it.
                assert_eq!(*rows, 16_384, "rows read before the failure");
                assert!(detail.contains("injected"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(lost[0].severity, Severity::Error);
        let big = loaded.inputs.iter().find(|i| i.file.display.ends_with("big.csv")).unwrap();
        assert!(big.sheets.iter().all(|s| s.rows == 0));
        // The accounting of the run: 2 read, 2 accounts.
        let counts = loaded.counts();
        let eval = crate::evaluate::evaluate(&loaded.accounts, counts, &model, as_of, model.allocation.capacity);
        assert!(eval.reconciliation.holds());
    }
}

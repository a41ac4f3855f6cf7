//! Header detection: which row names the columns, which field each column is, and the units
//! stated in the header ("预算(万元)") or in a title row ("单位：万元").
//!
//! Pure. The reader hands in the textual cells of the first rows of a sheet; the answer says
//! where the data starts.

use std::collections::HashMap;

use crate::field::Field;
use crate::model::Model;
use crate::source::SourceKind;

pub use crate::values::header::{normalize_header, parse_unit, title_unit, NormHeader, Unit};

/// Normalised alias → field, built once from the model.
#[derive(Debug, Clone)]
pub struct Aliases {
    map: HashMap<String, Field>,
    /// Each alias's place in its field's list (the model lists the most specific first: 客户名称
    /// before 公司简称); a `[sources.columns]` header is 0, before every alias.
    rank: HashMap<String, u16>,
}

impl Aliases {
    pub fn new(model: &Model) -> Aliases {
        Aliases::from_lists(&model.columns)
    }

    /// Aliases from a field → names table.
    pub fn from_lists(lists: &std::collections::BTreeMap<Field, Vec<String>>) -> Aliases {
        let mut map = HashMap::new();
        let mut rank = HashMap::new();
        for (field, names) in lists {
            for (i, name) in names.iter().enumerate() {
                let key = normalize_header(name).text;
                if let std::collections::hash_map::Entry::Vacant(e) = map.entry(key.clone()) {
                    e.insert(*field);
                    rank.insert(key, u16::try_from(i + 1).unwrap_or(u16::MAX));
                }
            }
        }
        Aliases { map, rank }
    }

    /// How specific a header is for its field: lower is more specific (see `rank`).
    pub fn rank(&self, header: &str) -> u16 {
        self.rank.get(&normalize_header(header).text).copied().unwrap_or(u16::MAX)
    }

    /// The model's per-kind aliases (`[kind_columns.*]`), by kind.
    pub fn per_kind(model: &Model) -> HashMap<SourceKind, Aliases> {
        model
            .kind_columns
            .iter()
            .filter_map(|(key, lists)| Some((SourceKind::from_key(key)?, Aliases::from_lists(lists))))
            .collect()
    }

    /// These aliases and the `[[sources]]` columns of the model that apply to this file and sheet,
    /// which win over the model's aliases.
    pub fn for_sheet(&self, rules: &[crate::model::SourceRule], file: &str, sheet: &str) -> Option<Aliases> {
        let applying: Vec<&crate::model::SourceRule> =
            rules.iter().filter(|r| !r.columns.is_empty() && r.applies(file, sheet)).collect();
        if applying.is_empty() {
            return None;
        }
        let mut out = self.clone();
        for rule in applying {
            for (header, field) in &rule.columns {
                let key = normalize_header(header).text;
                out.rank.insert(key.clone(), 0);
                out.map.insert(key, *field);
            }
        }
        Some(out)
    }

    /// For a header no alias matches, the field it most likely means: an alias that contains
    /// it or is contained in it (two characters at least, the shorter 60% of the longer), or one
    /// within an edit distance of 1 (2 for headers of six characters or more). None when nothing
    /// is close.
    pub fn nearest(&self, header: &str) -> Option<Field> {
        let t = normalize_header(header).text;
        let n = t.chars().count();
        // A row number is never a field, so never a hint either.
        if n < 2 || self.map.contains_key(&t) || is_row_number_header(header) {
            return None;
        }
        // An edit away is a hint only on longer headers: State is not Stage, 汇率 not 赢率.
        let limit = match n {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        let mut best: Option<(usize, &str, Field)> = None;
        for (alias, field) in &self.map {
            let m = alias.chars().count();
            // Containment counts only when the shorter is most of the longer: 客户名 and 客户名称,
            // not 金额 in 理财金额.
            let close = m >= 2 && 10 * n.min(m) >= 6 * n.max(m);
            let d = if close && (alias.contains(t.as_str()) || t.contains(alias.as_str())) {
                n.abs_diff(m).min(limit)
            } else {
                let d = crate::values::text::edit_distance(&t, alias);
                if d > limit {
                    continue;
                }
                d
            };
            // The closest; on a tie the shorter alias, then the alphabetically first (stable).
            if best.is_none_or(|(bd, ba, _)| (d, m, alias.as_str()) < (bd, ba.chars().count(), ba)) {
                best = Some((d, alias, *field));
            }
        }
        best.map(|(_, _, f)| f)
    }

    /// The field a header cell names, and its bracketed unit.
    pub fn lookup(&self, header: &str) -> Option<(Field, Option<Unit>)> {
        let norm = normalize_header(header);
        self.map.get(&norm.text).map(|f| (*f, norm.unit))
    }
}

/// One recognised column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub col: u32,
    pub field: Field,
    /// The unit stated in this column's header, else the title row's unit for money columns.
    pub unit: Option<Unit>,
}

/// A detected header.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The first header row (0-based, absolute); equals `last_row` for a one-row header.
    pub first_row: u32,
    /// The last header row; data starts below it.
    pub last_row: u32,
    pub columns: Vec<Column>,
    /// A column that names a field already taken: (col, field, the first column).
    pub duplicates: Vec<(u32, Field, u32)>,
    /// Every non-empty header cell: (column, its text; for a two-row header the lower row's
    /// text, else the upper's), whether or not it names a field.
    pub texts: Vec<(u32, String)>,
    /// What one row of the sheet is (see [`Header::settle_kind`]).
    pub kind: SourceKind,
}

impl Header {
    /// Whether a column holds this field.
    pub fn has(&self, f: Field) -> bool {
        self.columns.iter().any(|c| c.field == f)
    }

    /// Decide what one row of the sheet is — the kind `forced` by the model, else the one its
    /// document fields say ([`crate::source::detect`]) — and read the header as that kind reads
    /// it: a field that means another in this kind is renamed ([`SourceKind::remap`]), and a
    /// header no alias matched is looked up among the kind's own words (`kind_columns`: a
    /// generic 金额 is a ledger's open amount), for fields no column holds yet.
    pub fn settle_kind(&mut self, forced: Option<SourceKind>, per_kind: &HashMap<SourceKind, Aliases>) {
        let kind = forced.unwrap_or_else(|| crate::source::detect(|f| self.has(f)));
        self.kind = kind;
        let mut columns: Vec<Column> = Vec::with_capacity(self.columns.len());
        // The columns this kind reads as they are first, then those it reads as another field:
        // an order line's 销售额 is its sales, and a "deal size" column beside it (a category
        // there) is left unused, not reported as a second sales column.
        let (same, renamed): (Vec<Column>, Vec<Column>) =
            std::mem::take(&mut self.columns).into_iter().partition(|c| kind.remap(c.field) == c.field);
        for c in same {
            match columns.iter().find(|k| k.field == c.field) {
                Some(first) => self.duplicates.push((c.col, c.field, first.col)),
                None => columns.push(c),
            }
        }
        for mut c in renamed {
            c.field = kind.remap(c.field);
            if !columns.iter().any(|k| k.field == c.field) {
                columns.push(c);
            }
        }
        if let Some(aliases) = per_kind.get(&kind) {
            for (col, text) in &self.texts {
                if columns.iter().any(|c| c.col == *col) || self.duplicates.iter().any(|d| d.0 == *col) {
                    continue;
                }
                if let Some((field, unit)) = aliases.lookup(text) {
                    if !columns.iter().any(|c| c.field == field) {
                        columns.push(Column { col: *col, field, unit });
                    }
                }
            }
        }
        columns.sort_by_key(|c| c.col);
        self.columns = columns;
    }
}

/// Header texts that number the rows (序号, No., #): such a column is never a field.
pub fn is_row_number_header(text: &str) -> bool {
    // "#" and "№" normalise to nothing (punctuation is dropped), so they are matched as written.
    matches!(text.trim(), "#" | "№")
        || matches!(
            normalize_header(text).text.as_str(),
            "序号" | "序" | "行号" | "no" | "nr" | "sn" | "sno" | "rowno" | "row"
        )
}

/// A pre-filled template's reference column ("参考·预计金额"): never a field, never reported.
pub fn is_reference_header(text: &str) -> bool {
    let t = text.trim();
    crate::markers::REFERENCE_PREFIXES.iter().any(|p| t.starts_with(p))
}

/// Why no header was taken.
#[derive(Debug, Clone, PartialEq)]
pub enum NoHeader {
    /// The best row matched this many aliases, fewer than needed (or without the name).
    TooFew { best: u32 },
    /// Enough aliases matched but none is the account name.
    NoName,
}

/// The textual cells of one row: (0-based absolute row, [(0-based absolute column, text)]).
pub type TextRow = (u32, Vec<(u32, String)>);

/// Find the header among the first rows of a sheet.
///
/// The row that matches the most distinct aliases wins (the earliest on a tie). Two adjacent
/// rows are taken together (a two-row header, e.g. merged group labels above field names, or
/// "账龄" above "0-30天 …") when together they match more fields than either alone; per column
/// the lower row's match wins. A qualifying header matches at least `min_matches` fields, one
/// of them the account name.
///
/// A title cell is never half of a two-row header: two rows are taken together only when each
/// has at least two non-empty cells. A row-number column (序号, No., #) is never a field. A row
/// with the account name and at least one other non-empty cell qualifies whatever else it
/// matches: a sheet whose only recognised column is the account name is an account list.
pub fn detect(rows: &[TextRow], aliases: &Aliases, min_matches: u32) -> Result<Header, NoHeader> {
    let matched: Vec<Vec<(u32, Field, Option<Unit>)>> = rows
        .iter()
        .map(|(_, cells)| {
            cells
                .iter()
                .filter(|(_, text)| !is_row_number_header(text) && !is_reference_header(text))
                .filter_map(|(col, text)| aliases.lookup(text).map(|(f, u)| (*col, f, u)))
                .collect()
        })
        .collect();
    // Cells that read like column labels: not empty, short, no sentence punctuation (an
    // instructions sheet's "客户名称 | 必填，填写全称" is no header).
    let nonempty = |i: usize| rows[i].1.iter().filter(|(_, t)| header_like(t)).count();
    // (distinct fields, names the account, first index, last index): the most fields win; on a
    // tie a row that names the account (a deal list's lone "Customer" beats a title row's lone
    // "Region"); then the earliest.
    let names = |cells: &[(u32, Field, Option<Unit>)]| cells.iter().any(|c| c.1 == Field::AccountName);
    let mut best: Option<(usize, bool, usize, usize)> = None;
    let better = |count: usize, name: bool, best: &Option<(usize, bool, usize, usize)>| {
        best.is_none_or(|b| (count, name) > (b.0, b.1))
    };
    for i in 0..rows.len() {
        let single = distinct(&matched[i]);
        if better(single, names(&matched[i]), &best) {
            best = Some((single, names(&matched[i]), i, i));
        }
        let adjacent = rows.get(i + 1).is_some_and(|next| next.0 == rows[i].0 + 1);
        if adjacent {
            let pair = distinct(&combine(&matched[i], &matched[i + 1]));
            let next = distinct(&matched[i + 1]);
            // The lower row must be a header on its own (two fields at least), enriched by the
            // labels above it: two lone matches on top of each other are a field list, not a
            // header (an instructions sheet listing "客户名称 | 说明").
            // A lone cell above (a title) is not the upper half of a header.
            let pair_names = names(&combine(&matched[i], &matched[i + 1]));
            if next >= 2 && nonempty(i) >= 2 && pair > single.max(next) && better(pair, pair_names, &best) {
                best = Some((pair, pair_names, i, i + 1));
            }
        }
    }
    let Some((count, _, first, last)) = best else {
        return Err(NoHeader::TooFew { best: 0 });
    };
    let cells = if first == last { matched[first].clone() } else { combine(&matched[first], &matched[last]) };
    let has_name = cells.iter().any(|c| c.1 == Field::AccountName);
    // The name and one more column, named or not: an account list.
    let list = has_name && nonempty(last) >= 2;
    if (count as u32) < min_matches.max(1) && !list {
        return Err(NoHeader::TooFew { best: count as u32 });
    }
    // Line items may name their account by ID alone (customerID, 客户编号): a ledger of an
    // ERP that keeps names in its customer master. The ID then keys, and names, the account.
    let keyed_by_id = !has_name
        && cells.iter().any(|c| c.1 == Field::AccountId)
        && crate::source::detect(|f| cells.iter().any(|c| c.1 == f)) != SourceKind::Accounts;
    if !has_name && !keyed_by_id {
        return Err(NoHeader::NoName);
    }
    let mut texts: Vec<(u32, String)> = rows[last]
        .1
        .iter()
        .filter(|(_, t)| !t.trim().is_empty() && !is_reference_header(t))
        .map(|(c, t)| (*c, t.trim().to_string()))
        .collect();
    if first != last {
        for (c, t) in &rows[first].1 {
            if !t.trim().is_empty() && !texts.iter().any(|(tc, _)| tc == c) {
                texts.push((*c, t.trim().to_string()));
            }
        }
        texts.sort_by_key(|(c, _)| *c);
    }
    // Title rows above the header may state a unit for money columns.
    let title = rows[..first].iter().flat_map(|(_, cells)| cells.iter()).find_map(|(_, text)| title_unit(text));
    let mut columns: Vec<Column> = Vec::new();
    let mut duplicates = Vec::new();
    // Two columns of one field: the more specific header wins (客户名称 over 公司简称; a header
    // the model's [sources.columns] names over any alias), else the first.
    let text_at = |col: u32| texts.iter().find(|(c, _)| *c == col).map_or("", |(_, t)| t.as_str());
    for (col, field, unit) in cells {
        if let Some(pos) = columns.iter().position(|c| c.field == field) {
            let held = columns[pos].col;
            if aliases.rank(text_at(col)) < aliases.rank(text_at(held)) {
                duplicates.push((held, field, col));
                let unit = unit.or(if field.kind() == crate::field::Kind::Money { title } else { None });
                columns[pos] = Column { col, field, unit };
            } else {
                duplicates.push((col, field, held));
            }
            continue;
        }
        let unit = unit.or(if field.kind() == crate::field::Kind::Money { title } else { None });
        columns.push(Column { col, field, unit });
    }
    Ok(Header {
        first_row: rows[first].0,
        last_row: rows[last].0,
        columns,
        duplicates,
        texts,
        kind: SourceKind::Accounts,
    })
}

/// Whether a cell reads like a column label: not empty, at most 24 characters, and no sentence
/// punctuation.
fn header_like(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().count() <= 24 && !t.contains(['，', '。', '；', ',', ';', '！', '？'])
}

fn distinct(cells: &[(u32, Field, Option<Unit>)]) -> usize {
    let mut fields: Vec<Field> = cells.iter().map(|c| c.1).collect();
    fields.sort();
    fields.dedup();
    fields.len()
}

/// Two header rows taken together: per column the lower row's match wins.
fn combine(
    upper: &[(u32, Field, Option<Unit>)],
    lower: &[(u32, Field, Option<Unit>)],
) -> Vec<(u32, Field, Option<Unit>)> {
    let mut out: Vec<_> = lower.to_vec();
    for cell in upper {
        if !lower.iter().any(|l| l.0 == cell.0) {
            out.push(*cell);
        }
    }
    out.sort_by_key(|c| c.0);
    out
}

#[cfg(test)]
mod tests;

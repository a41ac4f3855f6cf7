//! One raw row → one [`Account`] and its data issues.
//!
//! Pure. A bad value makes its field unknown and the row goes on; a row without an account
//! name is rejected; a row whose name is a placeholder (无, 调整, 本月小计, "-") is skipped with a
//! note.

use chrono::NaiveDate;

use super::header::{Column, Unit};
use super::{
    Account, Answer, Attitude, Cell, Credit, DecisionMaker, LineItem, Money, RawRow, RawSheet, Record, SheetSource,
    Source, Value, RATING_FIELDS,
};
use crate::field::{Field, Kind};
use crate::issue::{Issue, IssueKind, Location, Severity};
use crate::model::Model;
use crate::provenance::Pos;
use crate::values::credit::{parse_credit, CreditValue};
use crate::values::date::{from_excel_serial, parse_date, DateValue};
use crate::values::money::{parse_money, Currency, MoneyValue, MoneyWords};
use crate::values::percent::{parse_percent, percent_from_number, PercentValue};
use crate::values::rating::{column_scale, parse_rating, to_five, RatingValue, Scale};
use crate::values::terms::{parse_terms, terms_from_number, TermsValue};
use crate::values::text::{clean, excel_cut};
use crate::values::yesno::{parse_yesno, YesNo};

pub use super::words::parse_stage;

/// What the model lends to every row: word lists and currency rates.
pub struct Vocab<'a> {
    vague: Vec<&'a str>,
    /// `input.no_object_words` in the model's order: a notes claim is kept as an index into it.
    red_flag: Vec<&'a str>,
    rates: &'a std::collections::BTreeMap<String, f64>,
    /// Stage and status words.
    pub words: super::words::StageWords,
    /// The model's legal-form suffixes, when they are not the default's.
    suffixes: Option<crate::values::name::Suffixes>,
    /// How a date like 03/04/2026 is read.
    date_order: crate::model::DateOrder,
}

impl<'a> Vocab<'a> {
    pub fn new(model: &'a Model) -> Vocab<'a> {
        Vocab {
            vague: model.input.vague_words.iter().map(String::as_str).collect(),
            red_flag: model.input.no_object_words.iter().map(String::as_str).collect(),
            rates: &model.input.currency_rates,
            words: super::words::StageWords::new(model),
            date_order: model.input.date_order,
            suffixes: {
                let default = Model::default_model().map(|m| m.join.legal_suffixes).unwrap_or_default();
                (model.join.legal_suffixes != default)
                    .then(|| crate::values::name::Suffixes::new(&model.join.legal_suffixes))
            },
        }
    }

    /// CNY per unit of a currency named in a currency column: an ISO code (USD, eur) with a rate
    /// in the model, or its Chinese name (美元, 港币 …); CNY, RMB and 人民币 are 1.
    pub fn code_rate(&self, text: &str) -> Option<f64> {
        let t = clean(text).to_uppercase();
        let code = match t.as_str() {
            "CNY" | "RMB" | "人民币" | "元" | "本币" | "本位币" => return Some(1.0),
            "美元" | "美金" => "USD",
            "欧元" => "EUR",
            "港币" | "港元" => "HKD",
            "英镑" => "GBP",
            "日元" => "JPY",
            "新台币" | "台币" => "TWD",
            "澳元" => "AUD",
            "加元" => "CAD",
            "新加坡元" => "SGD",
            other => other,
        };
        self.rates.get(code).copied()
    }

    /// The join key of a name under the model's suffixes.
    pub fn key(&self, name: &str) -> String {
        crate::values::name::join_key(name, self.suffixes.as_ref().unwrap_or(crate::values::name::Suffixes::builtin()))
    }

    fn words(&self) -> MoneyWords<'_> {
        MoneyWords { vague: &self.vague, red_flag: &self.red_flag }
    }

    /// CNY per unit of a currency; None when the model has no rate.
    fn rate(&self, currency: Currency) -> Option<f64> {
        let code = match currency {
            Currency::Cny => return Some(1.0),
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Hkd => "HKD",
            Currency::Gbp => "GBP",
            Currency::Jpy => "JPY",
            Currency::Twd => "TWD",
        };
        self.rates.get(code).copied()
    }
}

/// What a sheet lends to every row: its columns by position, and its provenance.
#[derive(Clone)]
pub struct SheetPlan {
    source: std::sync::Arc<SheetSource>,
    date1904: bool,
    /// Indexed by column (vectors, not maps: this is looked up for every cell).
    columns: Vec<Option<Column>>,
    name_col: Option<u32>,
    /// The sheet has an account-ID column (a name of digits only is then probably an ID).
    has_id: bool,
    /// What one row is.
    pub kind: crate::source::SourceKind,
    /// The column of the rows' currency (币种), if any.
    currency_col: Option<u32>,
}

impl SheetPlan {
    /// What every row of the sheet needs, from its header. The plan owns it, so the sheet's rows
    /// can be consumed (or streamed) while it is in use.
    pub fn new(sheet: &RawSheet) -> SheetPlan {
        let width = sheet.header.columns.iter().map(|c| c.col as usize + 1).max().unwrap_or(0);
        let mut columns: Vec<Option<Column>> = vec![None; width];
        for c in &sheet.header.columns {
            columns[c.col as usize] = Some(c.clone());
        }
        let index = u32::try_from(sheet.index).unwrap_or(u32::MAX);
        let fields = sheet.header.columns.iter().map(|c| (c.field, c.col));
        SheetPlan {
            source: std::sync::Arc::new(SheetSource::new(sheet.at.clone(), index, fields)),
            date1904: sheet.date1904,
            columns,
            name_col: sheet.header.columns.iter().find(|c| c.field == Field::AccountName).map(|c| c.col),
            has_id: sheet.header.columns.iter().any(|c| c.field == Field::AccountId),
            kind: sheet.header.kind,
            currency_col: sheet.header.columns.iter().find(|c| c.field == Field::Currency).map(|c| c.col),
        }
    }
}

impl SheetPlan {
    /// The sheet's provenance, shared by its rows.
    pub fn source(&self) -> &std::sync::Arc<SheetSource> {
        &self.source
    }

    /// The fields the sheet's columns hold.
    pub fn fields(&self) -> Vec<Field> {
        self.columns.iter().flatten().map(|c| c.field).collect()
    }

    /// The same sheet read as another kind: each column's field as that kind reads it.
    pub fn read_as(&self, kind: crate::source::SourceKind) -> SheetPlan {
        let mut plan = self.clone();
        plan.kind = kind;
        for c in plan.columns.iter_mut().flatten() {
            c.field = kind.remap(c.field);
        }
        let fields = plan.columns.iter().flatten().map(|c| (c.field, c.col));
        plan.source = std::sync::Arc::new(SheetSource::new(
            self.source.at.clone(),
            self.source.index,
            fields.collect::<Vec<_>>(),
        ));
        plan
    }
}

/// Put a sheet's plain-number ratings on the 1–5 scale, now that every row is in: a rating
/// column whose numbers go above 5 is on a 0–10 scale, above 10 on a 0–100 scale. A number
/// outside its column's scale becomes unknown, with a warning at its cell.
pub fn finalize_ratings(records: &mut [Record], issues: &mut Vec<Issue>) {
    for (i, field) in RATING_FIELDS.iter().enumerate() {
        let max = records
            .iter()
            .filter_map(|r| r.account.plain_rating(i))
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
        let Some(max) = max else { continue };
        let scale = column_scale(max).unwrap_or(Scale::OneToFive);
        for r in records.iter_mut() {
            let Some(raw) = r.account.plain_rating(i) else { continue };
            match to_five(raw, scale) {
                Some(v) => r.account.set(*field, Value::Rating { value: v, plain: false }),
                None => {
                    // The column is the sheet's, known while the field is still present.
                    let col = r.col(*field).unwrap_or(0);
                    r.account.clear(*field);
                    let at = Location::cell(&r.source.sheet.at, Pos::new(r.source.row, col));
                    let detail = format!("{} is outside the column's scale", crate::numfmt::num(raw));
                    let raw_text = crate::numfmt::num(raw);
                    issues.push(
                        Issue::new(Severity::Warning, at, IssueKind::BadValue { kind: Kind::Rating, detail })
                            .with_field(*field, raw_text),
                    );
                }
            }
        }
    }
}

/// The outcome of one row.
// Accepted is the common case: boxing it would cost an allocation per row for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Accepted(Record),
    /// No account name: listed with its issues, not scored.
    Rejected,
    /// A placeholder name (无, 调整, 抵消, 本月小计, "-", N/A …): not an account; skipped and
    /// counted as skipped, with a note.
    Skipped,
    /// A row of a line-item sheet, to be rolled up into its account.
    Line(LineItem),
}

/// Parse one row: each cell by its field's kind ([`parse_cell`]), stored by [`Account::set`].
///
/// A row of a line-item sheet (the plan's kind) becomes a [`LineItem`] instead: its key, name,
/// ID and owner, and its other cells parsed the same way.
pub fn ingest_row(row: &RawRow, plan: &SheetPlan, vocab: &Vocab) -> (Outcome, Vec<Issue>) {
    let mut acc = Account::default();
    let mut line = plan.kind.is_line_item().then(|| LineItem {
        name: Box::default(),
        id: None,
        owner: None,
        values: Vec::with_capacity(row.cells.len()),
        row: row.row,
    });
    let mut issues = Vec::new();
    let row_rate =
        plan.currency_col.and_then(|c| row.cells.iter().find(|(col, _)| *col == c)).and_then(|(col, cell)| {
            let code = cell_text(cell)?;
            let rate = vocab.code_rate(&code).ok_or(());
            if rate.is_err() {
                let at = Location::cell(&plan.source.at, Pos::new(row.row, *col));
                issues.push(
                    Issue::new(Severity::Warning, at, IssueKind::UnknownCurrency(code.to_uppercase()))
                        .with_field(Field::Currency, code),
                );
            }
            Some(rate)
        });
    for (col, cell) in &row.cells {
        let Some(column) = plan.columns.get(*col as usize).and_then(Option::as_ref) else {
            continue;
        };
        let field = column.field;
        let mut ctx = CellCtx {
            field,
            sheet: &plan.source.at,
            pos: Pos::new(row.row, *col),
            issues: &mut issues,
            row_rate,
            date_order: vocab.date_order,
        };
        if let Some(value) = parse_cell(&mut ctx, cell, column.unit, vocab, plan.date1904) {
            match (&mut line, field, value) {
                (Some(_), Field::AccountName, Value::Text(t)) => acc.name = t.into_boxed_str(),
                (Some(l), Field::AccountId, Value::Text(t)) => {
                    let id = clean(&t).to_uppercase();
                    l.id = (!id.is_empty()).then(|| id.into_boxed_str());
                    // A sheet without a name column names its accounts by their ID.
                    if plan.name_col.is_none() {
                        acc.name = t.into_boxed_str();
                    }
                }
                (Some(l), Field::Owner, Value::Text(t)) => l.owner = Some(t.into_boxed_str()),
                (Some(l), field, value) => l.values.push((field, value)),
                (None, field, value) => acc.set(field, value),
            }
        }
    }
    if acc.name.is_empty() {
        let at = match plan.name_col {
            Some(col) => Location::cell(&plan.source.at, Pos::new(row.row, col)),
            None => Location::row(&plan.source.at, row.row),
        };
        let mut issue = Issue::new(Severity::Error, at, IssueKind::MissingName);
        issue.field = Some(Field::AccountName);
        issues.push(issue);
        return (Outcome::Rejected, issues);
    }
    if let Some(verdict) = name_check(&acc.name, plan.has_id) {
        let at = match plan.name_col {
            Some(col) => Location::cell(&plan.source.at, Pos::new(row.row, col)),
            None => Location::row(&plan.source.at, row.row),
        };
        let name = acc.name.to_string();
        if verdict == NameCheck::Placeholder {
            // The row is not an account: what its other cells hold is not read, nor reported.
            let note = Issue::new(Severity::Note, at, IssueKind::PlaceholderName).with_field(Field::AccountName, name);
            return (Outcome::Skipped, vec![note]);
        }
        issues.push(Issue::new(Severity::Warning, at, IssueKind::NameLooksLikeId).with_field(Field::AccountName, name));
    }
    if let Some(mut l) = line {
        l.name = acc.name;
        return (Outcome::Line(l), issues);
    }
    if vocab.suffixes.is_some() {
        acc.rekey(vocab.suffixes.as_ref().unwrap_or(crate::values::name::Suffixes::builtin()));
    }
    let source = Source { sheet: std::sync::Arc::clone(&plan.source), row: row.row };
    (Outcome::Accepted(Record::new(acc, source)), issues)
}

/// One cell of a field, parsed by the field's kind: the value to store, or None when the cell
/// is empty or unusable (then an issue says why).
fn parse_cell(ctx: &mut CellCtx, cell: &Cell, unit: Option<Unit>, vocab: &Vocab, date1904: bool) -> Option<Value> {
    let field = ctx.field;
    if let Cell::Error(code) = cell {
        let severity = if field.used_by_model() { Severity::Error } else { Severity::Warning };
        ctx.issue(severity, IssueKind::FormulaError(code.to_string()), code.to_string());
        return None;
    }
    // A value cell is a few dozen characters; a long one is not a value, and parsing a 30 MB
    // cell would cost time for nothing.
    if let Cell::Text(t) = cell {
        if field.kind() != Kind::Text && t.len() > MAX_VALUE_BYTES {
            let detail = format!("{} characters is too long for a value", t.chars().count());
            ctx.bad(field.kind(), cell, &detail);
            return None;
        }
    }
    match field.kind() {
        Kind::Text => text_value(ctx, cell, vocab),
        Kind::Money => {
            let v = ctx.money(cell, unit, vocab)?;
            if Field::AGING.contains(&field) && v.mid().is_none() {
                ctx.bad(Kind::Money, cell, "an aging bucket needs an amount");
                return None;
            }
            Some(Value::Money(v))
        }
        Kind::Percent => percent_value(ctx, cell),
        Kind::Rating => rating_value(ctx, cell),
        Kind::YesNo => answer_value(ctx, cell),
        Kind::Date => ctx.date(cell, date1904).map(Value::Date),
        Kind::Days => match days(cell) {
            Ok(d) => d.map(Value::Days),
            Err(why) => {
                ctx.bad(Kind::Days, cell, why);
                None
            }
        },
        Kind::Credit => credit_value(ctx, cell),
        Kind::Terms => terms_value(ctx, cell),
        Kind::Stage => match vocab.words.stage(&word_text(cell)?) {
            Some(stage) => Some(Value::Stage(stage)),
            None => {
                ctx.bad(
                    Kind::Stage,
                    cell,
                    "use 确定开发对象, 信息收集, 价值评估, 关系建立, 促成合作, 已成交 or 已流失",
                );
                None
            }
        },
        Kind::DealStatus => match vocab.words.deal_status(&word_text(cell)?) {
            Some(s) => Some(Value::DealStatus(s)),
            None => {
                ctx.bad(Kind::DealStatus, cell, "use 进行中, 赢单 or 输单 (Open, Won, Lost)");
                None
            }
        },
        Kind::PromiseStatus => match vocab.words.promise_status(&word_text(cell)?) {
            Some(s) => Some(Value::PromiseStatus(s)),
            None => {
                ctx.bad(Kind::PromiseStatus, cell, "use 已兑现, 未兑现 or 进行中 (Kept, Not kept, Open)");
                None
            }
        },
        Kind::ItemStatus => match vocab.words.item_status(&word_text(cell)?) {
            Some(s) => Some(Value::ItemStatus(s)),
            None => {
                ctx.bad(
                    Kind::ItemStatus,
                    cell,
                    "use 未收/已收/已取消 (open, paid, cancelled), or add the word under [item_status]",
                );
                None
            }
        },
        Kind::Attitude => match parse_attitude(&word_text(cell)?) {
            Some(a) => Some(Value::Attitude(a)),
            None => {
                ctx.bad(Kind::Attitude, cell, "use 支持, 中立, 反对 or 未知");
                None
            }
        },
    }
}

/// A text field: notes are only searched for a "money is no object" claim, a decision-maker
/// cell says whether someone is named, other text is kept (cut to Excel's cell limit).
fn text_value(ctx: &mut CellCtx, cell: &Cell, vocab: &Vocab) -> Option<Value> {
    let field = ctx.field;
    let mut text = cell_text(cell)?;
    // Notes are read for a "money is no object" claim, and only that is kept: a notes column
    // can hold paragraphs, a run a million rows.
    if field == Field::Notes {
        let word = vocab.red_flag.iter().position(|w| text.contains(*w))?;
        return Some(Value::NoObjectNote(u16::try_from(word).unwrap_or(u16::MAX)));
    }
    if let Some(cut) = excel_cut(&text) {
        ctx.issue(Severity::Warning, IssueKind::TooLong, text[..cut].chars().take(40).collect());
        text.truncate(cut);
    }
    if field == Field::DecisionMaker {
        return Some(Value::DecisionMaker(decision_maker(&text)));
    }
    Some(Value::Text(text))
}

fn percent_value(ctx: &mut CellCtx, cell: &Cell) -> Option<Value> {
    let parsed = match cell {
        Cell::Number(v) => percent_from_number(*v),
        Cell::Text(t) => parse_percent(t),
        _ => PercentValue::Invalid("not a percentage".into()),
    };
    match parsed {
        PercentValue::Fraction(f) if (0.0..=1.0).contains(&f) => Some(Value::Fraction(f)),
        PercentValue::Fraction(f) => {
            ctx.bad(Kind::Percent, cell, &format!("{:.0}% is more than 100%", f * 100.0));
            None
        }
        PercentValue::Missing => None,
        PercentValue::Invalid(why) => {
            ctx.bad(Kind::Percent, cell, &why);
            None
        }
    }
}

/// A rating; a plain number waits for its column's scale (0–10 and 0–100 columns are known
/// only once the whole sheet is read): see `finalize_ratings`.
fn rating_value(ctx: &mut CellCtx, cell: &Cell) -> Option<Value> {
    let value = match cell {
        Cell::Number(v) if v.is_finite() => Ok((*v, true)),
        Cell::Text(t) => match parse_rating(t) {
            RatingValue::Number(v) => Ok((v, true)),
            RatingValue::Scaled(v) => Ok((v, false)),
            RatingValue::Missing => return None,
            RatingValue::Invalid(why) => Err(why),
        },
        _ => Err("not a rating".into()),
    };
    match value {
        Ok((value, plain)) => Some(Value::Rating { value, plain }),
        Err(why) => {
            ctx.bad(Kind::Rating, cell, &why);
            None
        }
    }
}

fn answer_value(ctx: &mut CellCtx, cell: &Cell) -> Option<Value> {
    let answer = match cell {
        Cell::Bool(b) => Some(if *b { Answer::Yes } else { Answer::No }),
        Cell::Number(v) if *v == 1.0 => Some(Answer::Yes),
        Cell::Number(v) if *v == 0.0 => Some(Answer::No),
        Cell::Text(t) => match parse_yesno(t) {
            YesNo::Yes => Some(Answer::Yes),
            YesNo::No => Some(Answer::No),
            YesNo::Unknown => Some(Answer::Unknown),
            YesNo::Missing => return None,
            YesNo::Invalid => None,
        },
        _ => None,
    };
    if answer.is_none() {
        ctx.bad(Kind::YesNo, cell, "use 是/否, 有/无, Y/N or √/×");
    }
    answer.map(Value::Answer)
}

fn credit_value(ctx: &mut CellCtx, cell: &Cell) -> Option<Value> {
    let Cell::Text(t) = cell else {
        ctx.bad(Kind::Credit, cell, "use AAA…D, A/B/C/D or 优/良/中/差");
        return None;
    };
    match parse_credit(t) {
        CreditValue::Missing => None,
        CreditValue::Invalid(why) => {
            ctx.bad(Kind::Credit, cell, &why);
            None
        }
        CreditValue::Letters(l) => Some(Value::Credit(Credit::letters(&l))),
        CreditValue::Word(w) => Some(Value::Credit(Credit::Word(w))),
    }
}

fn terms_value(ctx: &mut CellCtx, cell: &Cell) -> Option<Value> {
    let parsed = match cell {
        Cell::Number(v) => terms_from_number(*v),
        Cell::Text(t) => parse_terms(t),
        _ => TermsValue::Invalid("not a payment term".into()),
    };
    match parsed {
        TermsValue::Terms(t) => Some(Value::Terms(t)),
        TermsValue::Missing => None,
        TermsValue::Invalid(why) => {
            ctx.bad(Kind::Terms, cell, &why);
            None
        }
    }
}

/// What is wrong with an account name, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameCheck {
    /// Not an account: the row is skipped.
    Placeholder,
    /// Digits only in a sheet with an ID column: kept, with a warning.
    LooksLikeId,
}

/// Whole names that hold a place instead of naming an account, compared as [`normalize_name`]
/// makes them (a name of punctuation only — "-", "—", "/", "…" — normalises to "").
const PLACEHOLDER_NAMES: &[&str] = &[
    "",
    "无",
    "空",
    "暂无",
    "没有",
    "无名",
    "未知",
    "不详",
    "待定",
    "na",
    "none",
    "null",
    "nil",
    "unknown",
    "tbd",
    "total",
    "subtotal",
    "grandtotal",
    "sum",
    "adjustment",
    "adjustments",
    "elimination",
    "eliminations",
];

/// Words that make a name a placeholder wherever they occur in it: adjustment and elimination
/// lines (调整, 抵消, "配件默认对外实现抵消") and totals ("本月小计", "华东区合计"), Traditional
/// spellings included.
const PLACEHOLDER_WORDS: &[&str] =
    &["调整", "調整", "抵消", "抵销", "冲销", "沖销", "合计", "小计", "总计", "汇总", "彙总", "匯总"];

/// Endings of an organisation's name: a name with one is an account even when a placeholder word
/// is inside it (合肥合计科技有限公司).
const ORGANISATION_ENDINGS: &[&str] = &[
    "公司",
    "集团",
    "集團",
    "厂",
    "廠",
    "商行",
    "店",
    "中心",
    "医院",
    "醫院",
    "学校",
    "學校",
    "大学",
    "大學",
    "学院",
    "學院",
    "研究院",
    "研究所",
    "事务所",
    "事務所",
    "合作社",
    "银行",
    "銀行",
];

/// Whether `name` names no account (a placeholder, SPEC §2), or looks like an ID in a sheet
/// that has an ID column. Placeholders: the whole names of [`PLACEHOLDER_NAMES`] (无, 空, "-",
/// "—", "/", N/A, Total …), and names holding a word of [`PLACEHOLDER_WORDS`] unless they end like
/// an organisation's name ([`ORGANISATION_ENDINGS`]).
fn name_check(name: &str, has_id: bool) -> Option<NameCheck> {
    let folded = normalize_name(name);
    if PLACEHOLDER_NAMES.contains(&folded.as_str())
        || (PLACEHOLDER_WORDS.iter().any(|w| folded.contains(w))
            && !ORGANISATION_ENDINGS.iter().any(|e| folded.ends_with(e)))
    {
        return Some(NameCheck::Placeholder);
    }
    (has_id && folded.bytes().all(|b| b.is_ascii_digit())).then_some(NameCheck::LooksLikeId)
}

/// A company name for matching: half width, lower case, no spaces or punctuation.
///
/// ```
/// use kascore::ingest::row::normalize_name;
/// assert_eq!(normalize_name(" 杭州云栖（数据）科技 有限公司 "), normalize_name("杭州云栖(数据)科技有限公司"));
/// assert_eq!(normalize_name("ACME Ltd."), "acmeltd");
/// ```
pub fn normalize_name(name: &str) -> String {
    clean(name).chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

struct CellCtx<'i> {
    field: Field,
    /// Where the cell is; a Location (two shared-string clones) is made only for an issue.
    sheet: &'i crate::provenance::SheetRef,
    pos: Pos,
    issues: &'i mut Vec<Issue>,
    /// CNY per unit of the row's currency column (币种 USD …), for amounts that state none;
    /// `Err` when the row's currency has no rate in the model (its amounts are then unknown).
    row_rate: Option<Result<f64, ()>>,
    /// How the model reads a date like 03/04/2026.
    date_order: crate::model::DateOrder,
}

/// An ambiguous date in the model's declared order; None when it asks.
fn vocab_order(order: crate::model::DateOrder, t: &str) -> Option<NaiveDate> {
    match order {
        crate::model::DateOrder::Ask => None,
        crate::model::DateOrder::MonthFirst => crate::values::date::resolve_ambiguous(t, true),
        crate::model::DateOrder::DayFirst => crate::values::date::resolve_ambiguous(t, false),
    }
}

impl CellCtx<'_> {
    fn issue(&mut self, severity: Severity, kind: IssueKind, raw: String) {
        let at = Location::cell(self.sheet, self.pos);
        self.issues.push(Issue::new(severity, at, kind).with_field(self.field, raw));
    }

    fn bad(&mut self, kind: Kind, cell: &Cell, detail: &str) {
        self.issue(Severity::Warning, IssueKind::BadValue { kind, detail: detail.to_string() }, raw_text(cell));
    }

    fn money(&mut self, cell: &Cell, unit: Option<Unit>, vocab: &Vocab) -> Option<Money> {
        let (scale, unit_currency) = unit.map_or((1.0, Currency::Cny), |u| (u.scale, u.currency));
        let (low, high, currency) = match cell {
            Cell::Number(v) if v.is_finite() => (v * scale, v * scale, unit_currency),
            Cell::Text(t) => match parse_money(t, &vocab.words()) {
                MoneyValue::Amount(a) => {
                    let (s, c) = if a.unit_stated {
                        (1.0, a.currency)
                    } else if a.currency == Currency::Cny {
                        (scale, unit_currency)
                    } else {
                        (scale, a.currency)
                    };
                    (a.low * s, a.high * s, c)
                }
                MoneyValue::Vague { red_flag } => return Some(Money::vague(red_flag)),
                MoneyValue::Empty => return None,
                MoneyValue::Invalid(why) => {
                    self.bad(Kind::Money, cell, &why);
                    return None;
                }
            },
            _ => {
                self.bad(Kind::Money, cell, "not an amount");
                return None;
            }
        };
        // An amount that states no currency of its own is in the row's currency, if the row says.
        let rate = match (currency, self.row_rate) {
            (Currency::Cny, Some(Ok(r))) => Some(r),
            (Currency::Cny, Some(Err(()))) => return None,
            _ => vocab.rate(currency),
        };
        let Some(rate) = rate else {
            self.issue(
                Severity::Warning,
                IssueKind::UnknownCurrency(format!("{currency:?}").to_uppercase()),
                raw_text(cell),
            );
            return None;
        };
        // Whether the amount was approximate (约, 左右) is not kept: nothing in the model reads it.
        Some(Money::amount(low * rate, high * rate))
    }

    /// A date cell; a date before 1950 is no date of a sales record (a month or day number, 1–31,
    /// read as an Excel serial is in January 1900) and is reported.
    fn date(&mut self, cell: &Cell, date1904: bool) -> Option<NaiveDate> {
        let d = self.any_date(cell, date1904)?;
        if d < EARLIEST_DATE {
            self.bad(Kind::Date, cell, "a date before 1950: is it a month or day number?");
            return None;
        }
        Some(d)
    }

    fn any_date(&mut self, cell: &Cell, date1904: bool) -> Option<NaiveDate> {
        match cell {
            Cell::Date(dt) => Some(dt.date()),
            Cell::Number(v) => {
                let d = from_excel_serial(*v, date1904);
                if d.is_none() {
                    self.bad(Kind::Date, cell, "not a date serial number");
                }
                d
            }
            Cell::Text(t) => match parse_date(t) {
                DateValue::Date(d, _) => Some(d),
                DateValue::Missing => None,
                DateValue::Ambiguous(why) => match vocab_order(self.date_order, t) {
                    Some(d) => Some(d),
                    None => {
                        self.issue(Severity::Error, IssueKind::AmbiguousDate(why), t.to_string());
                        None
                    }
                },
                DateValue::Invalid(why) => {
                    self.bad(Kind::Date, cell, &why);
                    None
                }
            },
            _ => {
                self.bad(Kind::Date, cell, "not a date");
                None
            }
        }
    }
}

/// The earliest date a sales record holds.
const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1950, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The longest text parsed as a value (money, date, rating …); longer cells are reported.
const MAX_VALUE_BYTES: usize = 512;

/// A cell's text for a text field; None when empty.
fn cell_text(cell: &Cell) -> Option<String> {
    // Tidied, not folded: a name is shown in the script it was written in (陳怡君 stays
    // 陳怡君); matching folds it (the account key, the vocabularies).
    let s = match cell {
        Cell::Text(t) => crate::values::text::tidy(t).into_owned(),
        other => raw_text(other),
    };
    (!s.is_empty()).then_some(s)
}

/// A cell as the user would read it, for issues.
/// A cell read as a word of a vocabulary (a stage, an attitude): its text as it is (the word
/// parsers clean it themselves), no copy for a text cell; None when empty.
fn word_text(cell: &Cell) -> Option<std::borrow::Cow<'_, str>> {
    let s = match cell {
        Cell::Text(t) => std::borrow::Cow::Borrowed(&**t),
        other => std::borrow::Cow::Owned(raw_text(other)),
    };
    (!s.trim().is_empty()).then_some(s)
}

fn raw_text(cell: &Cell) -> String {
    match cell {
        Cell::Number(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{v:.0}"),
        Cell::Number(v) => v.to_string(),
        Cell::Text(t) => t.to_string(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Cell::Date(d) => d.date().to_string(),
        Cell::Error(e) => e.to_string(),
    }
}

/// Overdue days: a whole number of days, "45天", "45 days".
///
/// A negative number means "not yet due" (receivables exports count the days to the due date
/// as negative overdue days): 0 days overdue, not an error. Its text forms are read too: "-15",
/// "－15", "−15", "-15天", "-15 days", SAP's trailing minus "15-" and accounting brackets
/// "(15)"; so are 未到期, 未逾期, "not due" (0). Beyond ±36,500 days (a hundred years; often a
/// date serial in the wrong column) is an error either way.
fn days(cell: &Cell) -> Result<Option<u32>, &'static str> {
    let v = match cell {
        Cell::Number(v) => *v,
        Cell::Text(t) => {
            let s = clean(t);
            let s = s.trim_end_matches(['天', '日']).trim_end_matches("days").trim_end_matches("day").trim();
            if s.is_empty() || s == "-" || s == "无" {
                return Ok(None);
            }
            if ["未到期", "未逾期", "not due", "not yet due"].iter().any(|w| s.eq_ignore_ascii_case(w)) {
                return Ok(Some(0));
            }
            signed_number(s).ok_or("not a number of days")?
        }
        _ => return Err("not a number of days"),
    };
    if !v.is_finite() || v.abs() > MAX_DAYS {
        Err("days must be between -36,500 and 36,500")
    } else if v < 0.0 {
        Ok(Some(0))
    } else {
        Ok(Some(v.round() as u32))
    }
}

/// The most days, either way, an overdue-days cell may say.
const MAX_DAYS: f64 = 36_500.0;

/// "15", "+15", "-15", "- 15", "15-" (SAP), "(15)" (accounting); None for anything else.
fn signed_number(s: &str) -> Option<f64> {
    let (sign, m) = if let Some(m) = s.strip_prefix('-') {
        (-1.0, m)
    } else if let Some(m) = s.strip_suffix('-') {
        (-1.0, m)
    } else if let Some(m) = s.strip_prefix('(').and_then(|m| m.strip_suffix(')')) {
        (-1.0, m)
    } else {
        (1.0, s.strip_prefix('+').unwrap_or(s))
    };
    let m = m.trim();
    // The magnitude is a plain decimal: "--15", "inf" and "1e5" are not days.
    if !m.starts_with(|c: char| c.is_ascii_digit() || c == '.') || !m.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    m.parse::<f64>().ok().map(|v| sign * v)
}

/// The decision maker's attitude.
///
/// Negated words take the meaning the table gives them: 不反对 → neutral, 不认可 → against.
/// Whole words that begin with a negation (不支持, 不清楚, 未知, 不详) keep their own meaning.
///
/// ```
/// use kascore::ingest::{row::parse_attitude, Attitude};
/// assert_eq!(parse_attitude("不反对"), Some(Attitude::Neutral));
/// assert_eq!(parse_attitude("不支持"), Some(Attitude::Against));
/// assert_eq!(parse_attitude("未知"), Some(Attitude::Unknown));
/// ```
pub fn parse_attitude(s: &str) -> Option<Attitude> {
    let t = clean(s).to_lowercase();
    // Words, their attitude, and what the word means negated.
    const TABLE: &[(&[&str], Attitude, Option<Attitude>)] = &[
        (
            &["不支持", "反对", "反對", "抵触", "against", "oppose", "negative"],
            Attitude::Against,
            Some(Attitude::Neutral),
        ),
        (&["支持", "认可", "認可", "support", "positive", "champion"], Attitude::Support, Some(Attitude::Against)),
        (&["中立", "观望", "觀望", "neutral"], Attitude::Neutral, None),
        (&["未知", "不清楚", "不详", "待定", "unknown", "?", "？", "tbd"], Attitude::Unknown, None),
    ];
    lookup(&t, TABLE)
}

/// Look a cleaned, lowercased cell up in a vocabulary table of (words, meaning, meaning when
/// negated).
///
/// Every occurrence of every word is found; an occurrence inside a longer one is dropped, so a
/// whole word that starts with a negation (不支持, 不清楚, 未知) is read as itself, not as a
/// negated shorter word. An occurrence right after a negation (see [`negated`]) takes the
/// table's negated meaning; one whose negated meaning is None counts for nothing, and the
/// other words of the cell still count. Among what is left, the first entry of the table wins.
pub(super) fn lookup<T: Copy, W: AsRef<str>, L: AsRef<[W]>>(t: &str, table: &[(L, T, Option<T>)]) -> Option<T> {
    // (start, end, entry) of every occurrence.
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    for (entry, (words, _, _)) in table.iter().enumerate() {
        for word in words.as_ref() {
            // Table words fold as cells do (已簽約 → 已簽约), so Traditional spellings match.
            let word = clean(word.as_ref());
            hits.extend(t.match_indices(word.as_ref()).map(|(at, w)| (at, at + w.len(), entry)));
        }
    }
    let inside = |h: &(usize, usize, usize)| hits.iter().any(|o| o.0 <= h.0 && h.1 <= o.1 && o.1 - o.0 > h.1 - h.0);
    hits.iter()
        .filter(|h| !inside(h))
        .filter_map(|&(at, _, entry)| {
            let (_, means, negated_means) = &table[entry];
            let meaning = if negated(&t[..at]) { *negated_means } else { Some(*means) };
            meaning.map(|m| (entry, m))
        })
        .min_by_key(|(entry, _)| *entry)
        .map(|(_, m)| m)
}

/// Whether the text before a vocabulary word negates it: 未, 不, 没/沒, 无/無, 非 (or 没有, 不太 …)
/// right before it, spaces allowed; or English "not", "no", "non", "never" as a word of its own
/// followed by a space or a hyphen ("not won", "non-won").
fn negated(before: &str) -> bool {
    const CJK: &[&str] =
        &["没有", "沒有", "不太", "不大", "不怎么", "不是很", "未", "不", "没", "沒", "无", "無", "非"];
    const EN: &[&str] = &["not", "no", "non", "never"];
    let p = before.trim_end();
    if CJK.iter().any(|n| p.ends_with(n)) {
        return true;
    }
    let (p, apart) = match p.strip_suffix('-') {
        Some(q) => (q.trim_end(), true),
        None => (p, p.len() < before.len()),
    };
    apart
        && EN
            .iter()
            .any(|n| p.strip_suffix(n).is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric)))
}

/// A decision-maker cell: a name, 明确 (named elsewhere), or unclear.
fn decision_maker(text: &str) -> DecisionMaker {
    let t = text.to_lowercase();
    const UNCLEAR: &[&str] = &[
        "不明确",
        "不明確",
        "未明确",
        "不清楚",
        "未知",
        "无",
        "無",
        "待定",
        "待确认",
        "不详",
        "unknown",
        "unclear",
        "tbd",
        "n/a",
        "none",
        "-",
        "?",
        "？",
    ];
    if UNCLEAR.iter().any(|w| t == *w || (w.chars().count() > 1 && t.contains(w))) {
        DecisionMaker::Unclear
    } else {
        DecisionMaker::Named
    }
}

impl Field {
    /// Whether the model reads this field (a formula error there is an error, not a warning).
    pub fn used_by_model(self) -> bool {
        !matches!(self, Field::Owner | Field::Region | Field::Industry)
    }
}

#[cfg(test)]
mod tests;

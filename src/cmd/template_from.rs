//! `kascore template --from PATH...`: the fill-in template pre-filled with every account of the
//! team's exports (SPEC §1b, "closing the loop with the team's judgement").
//!
//! I/O. One sheet per owner, accounts sorted by deal value (the biggest unknowns first). Each
//! row carries the account's ID, name and owner, then the judgement columns — the 1–5 ratings,
//! the intent checks, budget, capability — to fill in, with the template's dropdowns, prefilled
//! where an accounts sheet already stated them; then, greyed and locked, what the exports say
//! (stage, deal value, close date, receivables …) in 参考· columns that kascore never reads back,
//! so next month's exports, not this month's copy, give those figures. Passed beside the
//! exports next time, the filled sheets are accounts rows and merge with the exports by key.

use std::collections::BTreeMap;

use rust_xlsxwriter::{Color, DocProperties, Format, Note, Workbook, XlsxError};

use crate::field::{Field, Kind};
use crate::ingest::{Answer, Attitude, DecisionMaker, Record};
use crate::markers::{REFERENCE_PREFIXES, TEMPLATE_MARKER};
use crate::pipeline::Loaded;
use crate::Lang;

/// The columns the team fills in: what exports rarely carry and the model needs.
pub const JUDGEMENT: [Field; 19] = [
    Field::Fit,
    Field::FinancialStrength,
    Field::Integrity,
    Field::Relationship,
    Field::Competitive,
    Field::Timing,
    Field::AddedValue,
    Field::NeedConsensus,
    Field::DecisionMaker,
    Field::DecisionAttitude,
    Field::Insider,
    Field::Budget,
    Field::AnnualPurchase,
    Field::CreditRating,
    Field::RegisteredCapital,
    Field::Funding,
    Field::Advertising,
    Field::Hiring,
    Field::ReferenceCustomer,
];

/// What the exports already give, shown for reference.
const REFERENCE: [Field; 9] = [
    Field::Stage,
    Field::DealValue,
    Field::ExpectedClose,
    Field::ArBalance,
    Field::OverdueAmount,
    Field::OverdueDays,
    Field::OurSales12m,
    Field::CreditLimit,
    Field::LastPaymentDate,
];

/// Rows of each sheet that carry validation beyond the accounts (for accounts added by hand).
const SPARE_ROWS: u32 = 200;

/// A cell's value.
enum Value {
    Text(String),
    Number(f64),
    Date(chrono::NaiveDate),
}

/// What an account row says of a judgement field, written as the template's dropdowns ask.
fn stated(r: &Record, f: Field, zh: bool) -> Option<Value> {
    let a = &r.account;
    if r.rolled(f) {
        return None;
    }
    let answer = |x: Answer| {
        Value::Text(
            match (x, zh) {
                (Answer::Yes, true) => "是",
                (Answer::No, true) => "否",
                (Answer::Unknown, true) => "未知",
                (Answer::Yes, false) => "Yes",
                (Answer::No, false) => "No",
                (Answer::Unknown, false) => "Unknown",
            }
            .to_string(),
        )
    };
    let money = |m: Option<crate::ingest::Money>| m.and_then(|m| m.mid()).map(Value::Number);
    match f {
        Field::Fit
        | Field::FinancialStrength
        | Field::Integrity
        | Field::Relationship
        | Field::Competitive
        | Field::Timing
        | Field::AddedValue => {
            let i = crate::ingest::RATING_FIELDS.iter().position(|g| *g == f)?;
            a.rating(i).map(|v| Value::Number(v.round()))
        }
        Field::NeedConsensus => a.need_consensus().map(answer),
        Field::Insider => a.insider().map(answer),
        Field::Funding => a.funding().map(answer),
        Field::Advertising => a.advertising().map(answer),
        Field::Hiring => a.hiring().map(answer),
        Field::ReferenceCustomer => a.reference_customer().map(answer),
        Field::DecisionMaker => a.decision_maker().map(|d| {
            Value::Text(
                match (d, zh) {
                    (DecisionMaker::Named, true) => "明确",
                    (DecisionMaker::Unclear, true) => "不明确",
                    (DecisionMaker::Named, false) => "named",
                    (DecisionMaker::Unclear, false) => "unclear",
                }
                .to_string(),
            )
        }),
        Field::DecisionAttitude => a.decision_attitude().map(|x| {
            Value::Text(
                match (x, zh) {
                    (Attitude::Support, true) => "支持",
                    (Attitude::Neutral, true) => "中立",
                    (Attitude::Against, true) => "反对",
                    (Attitude::Unknown, true) => "未知",
                    (Attitude::Support, false) => "Support",
                    (Attitude::Neutral, false) => "Neutral",
                    (Attitude::Against, false) => "Against",
                    (Attitude::Unknown, false) => "Unknown",
                }
                .to_string(),
            )
        }),
        Field::Budget => money(a.budget()),
        Field::AnnualPurchase => money(a.annual_purchase()),
        Field::RegisteredCapital => money(a.registered_capital()),
        Field::CreditRating => a.credit_rating().map(|c| Value::Text(crate::score::flags::rating_text(&c))),
        _ => None,
    }
}

/// What the exports say of a reference field.
fn known(r: &Record, f: Field, lang: Lang) -> Option<Value> {
    let a = &r.account;
    let money = |m: Option<crate::ingest::Money>| m.and_then(|m| m.mid()).map(Value::Number);
    match f {
        Field::Stage => a.stage().map(|s| Value::Text(stage_label(s, lang).to_string())),
        Field::DealValue => money(a.deal_value()),
        Field::ExpectedClose => a.expected_close().map(Value::Date),
        Field::ArBalance => money(a.ar_balance()),
        Field::OverdueAmount => money(a.overdue_amount()),
        Field::OverdueDays => a.overdue_days().map(|d| Value::Number(f64::from(d))),
        Field::OurSales12m => money(a.our_sales_12m()),
        Field::CreditLimit => a.credit_limit().map(Value::Number),
        Field::LastPaymentDate => a.last_payment_date().map(Value::Date),
        _ => None,
    }
}

fn stage_label(s: crate::ingest::Stage, lang: Lang) -> &'static str {
    use crate::ingest::Stage::*;
    let zh = lang == Lang::Zh;
    match s {
        Targeting => {
            if zh {
                "确定开发对象"
            } else {
                "Prospect"
            }
        }
        InfoGathering => {
            if zh {
                "信息收集"
            } else {
                "Information"
            }
        }
        ValueAssessment => {
            if zh {
                "价值评估"
            } else {
                "Evaluation"
            }
        }
        Relationship => {
            if zh {
                "关系建立"
            } else {
                "Relationship"
            }
        }
        Closing => {
            if zh {
                "促成合作"
            } else {
                "Closing"
            }
        }
        Won => {
            if zh {
                "已成交"
            } else {
                "Won"
            }
        }
        Lost => {
            if zh {
                "已流失"
            } else {
                "Lost"
            }
        }
    }
}

/// A sheet name from an owner: Excel's forbidden characters replaced, at most 31 characters,
/// unique in the workbook.
fn sheet_name(owner: &str, taken: &mut Vec<String>) -> String {
    let clean: String =
        owner.chars().map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '_' } else { c }).collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    let base: String = if clean.is_empty() { "_".into() } else { clean.chars().take(28).collect() };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        name = format!("{base}({n})");
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The pre-filled workbook.
pub fn build(loaded: &Loaded, lang: Lang) -> Result<Workbook, XlsxError> {
    let zh = lang == Lang::Zh;
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_text_wrap().set_background_color(Color::RGB(0xDDEBF7));
    let ref_head = Format::new().set_bold().set_text_wrap().set_background_color(Color::RGB(0xD9D9D9));
    let grey = Format::new().set_background_color(Color::RGB(0xF2F2F2)).set_font_color(Color::RGB(0x595959));
    let grey_money = grey.clone().set_num_format("#,##0");
    let grey_date = grey.clone().set_num_format("yyyy-mm-dd");
    let open = Format::new().set_unlocked();
    let open_money = open.clone().set_num_format("#,##0");
    let unassigned = if zh { "未分配" } else { "Unassigned" };
    // Owner → accounts, the owners in name order.
    let mut by_owner: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    for r in &loaded.accounts {
        by_owner.entry(r.account.owner.as_deref().unwrap_or(unassigned)).or_default().push(r);
    }
    let mut taken = vec![
        if zh { "填写说明".to_string() } else { "How to fill in".to_string() },
        if zh { "承诺台账".to_string() } else { "Promises".to_string() },
    ];
    let headers: Vec<(String, bool)> = [Field::AccountId, Field::AccountName, Field::Owner]
        .iter()
        .chain(&JUDGEMENT)
        .map(|f| (f.header(lang), false))
        .chain(REFERENCE.iter().map(|f| (format!("{}{}", REFERENCE_PREFIXES[usize::from(!zh)], f.label(lang)), true)))
        .collect();
    for (owner, mut rows) in by_owner {
        // The biggest deals first: their unknowns cost most.
        rows.sort_by(|a, b| {
            b.account
                .deal()
                .unwrap_or(0.0)
                .total_cmp(&a.account.deal().unwrap_or(0.0))
                .then(a.account.name.cmp(&b.account.name))
        });
        let ws = wb.add_worksheet().set_name(sheet_name(owner, &mut taken))?;
        ws.set_freeze_panes(1, 2)?;
        ws.set_row_height(0, 32)?;
        for (c, (text, reference)) in headers.iter().enumerate() {
            let c = c as u16;
            ws.write_string_with_format(0, c, text, if *reference { &ref_head } else { &head })?;
            ws.set_column_width(c, if c == 1 { 30 } else { 13 })?;
        }
        let last = rows.len() as u32 + SPARE_ROWS;
        for (i, f) in JUDGEMENT.iter().enumerate() {
            let c = (3 + i) as u16;
            ws.insert_note(0, c, &Note::new(super::template::help(*f, zh)).set_author("kascore").set_width(300))?;
            if let Some(v) = super::template::validation(*f, zh)? {
                ws.add_data_validation(1, c, last, c, &v)?;
            }
        }
        ws.insert_note(
            0,
            (3 + JUDGEMENT.len()) as u16,
            &Note::new(if zh {
                "参考·列：导出明细中的数字（灰色、锁定），kascore 不会读回；下次以新的导出为准。"
            } else {
                "Ref· columns: what the exports say (grey, locked); kascore never reads them back — next time's exports give them."
            })
            .set_author("kascore")
            .set_width(300),
        )?;
        for (n, r) in rows.iter().enumerate() {
            let row = n as u32 + 1;
            let id = match &r.account.key {
                crate::ingest::AccountKey::Id(id) => id.to_string(),
                crate::ingest::AccountKey::Name(_) => String::new(),
            };
            ws.write_string_with_format(row, 0, &id, &grey)?;
            ws.write_string_with_format(row, 1, &*r.account.name, &grey)?;
            ws.write_string_with_format(row, 2, r.account.owner.as_deref().unwrap_or(""), &open)?;
            for (i, f) in JUDGEMENT.iter().enumerate() {
                let c = (3 + i) as u16;
                let money = f.kind() == Kind::Money;
                match stated(r, *f, zh) {
                    Some(Value::Text(t)) => ws.write_string_with_format(row, c, &t, &open)?,
                    Some(Value::Number(v)) => {
                        ws.write_number_with_format(row, c, v, if money { &open_money } else { &open })?
                    }
                    Some(Value::Date(d)) => ws.write_date_with_format(row, c, d, &open)?,
                    None => ws.write_blank(row, c, if money { &open_money } else { &open })?,
                };
            }
            for (i, f) in REFERENCE.iter().enumerate() {
                let c = (3 + JUDGEMENT.len() + i) as u16;
                match known(r, *f, lang) {
                    Some(Value::Text(t)) => ws.write_string_with_format(row, c, &t, &grey)?,
                    Some(Value::Number(v)) => ws.write_number_with_format(row, c, v, &grey_money)?,
                    Some(Value::Date(d)) => ws.write_date_with_format(row, c, d, &grey_date)?,
                    None => ws.write_blank(row, c, &grey)?,
                };
            }
        }
        // Rows for accounts added by hand: open to fill in.
        for row in rows.len() as u32 + 1..=last {
            for c in 0..(3 + JUDGEMENT.len()) as u16 {
                ws.write_blank(row, c, &open)?;
            }
        }
        ws.protect();
    }
    // The promises log to keep beside the sheets (seed 003), as in the blank template.
    let date = Format::new().set_num_format("yyyy-mm-dd");
    super::template::promises_sheet(wb.add_worksheet(), zh, &head, &date)?;
    super::template::instructions(wb.add_worksheet().set_name(&taken[0])?, zh)?;
    wb.set_properties(&DocProperties::new().set_custom_property(TEMPLATE_MARKER, crate::VERSION));
    Ok(wb)
}

//! `kascore template`: a blank input workbook for the team — every canonical column, a note on
//! each header saying what it feeds in the model, dropdowns for stages, yes/no, attitudes, 1–5
//! ratings and credit ratings, date and number validation, and an instructions sheet that
//! explains the method. A filled-in template scores without a data issue.

use std::path::PathBuf;

use chrono::NaiveDate;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, Format, Note, Workbook, Worksheet, XlsxError,
};

use super::ExitStatus;
use crate::cli::TemplateArgs;
use crate::error::Fatal;
use crate::field::{Field, Kind};
use crate::Lang;

pub use crate::markers::TEMPLATE_MARKER;

/// Rows that carry validation (a team's book rarely exceeds this).
const ROWS: u32 = 5_000;

pub fn run(args: TemplateArgs) -> Result<ExitStatus, Fatal> {
    let lang = args.lang;
    let path = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(if lang == Lang::Zh { "kascore-大客户模板.xlsx" } else { "kascore-template.xlsx" })
    });
    if !args.from.is_empty() {
        return run_from(args, path);
    }
    crate::output::check(&[crate::output::Request { flag: "-o", path: &path, xlsx: true }], &[], args.force)?;
    let mut wb = build(lang).map_err(|e| Fatal::CannotWrite { path: path.clone(), detail: e.to_string() })?;
    crate::output::write_file(&path, |f| wb.save_to_writer(f).map_err(|e| std::io::Error::other(e.to_string())))?;
    if !args.quiet {
        crate::terminal::print(&format!("{}\n", path.display()))?;
    }
    Ok(ExitStatus::Success)
}

/// `template --from`: read the exports like `score` does, then write the pre-filled template.
fn run_from(args: TemplateArgs, path: PathBuf) -> Result<ExitStatus, Fatal> {
    let mf = crate::pipeline::load_model(args.model.as_deref())?;
    let model = &mf.model;
    let as_of = crate::pipeline::as_of_or_today(args.as_of);
    let found = crate::discover::discover(&args.from);
    let inputs: Vec<PathBuf> = found.files.iter().map(|f| f.path.clone()).collect();
    crate::output::check(&[crate::output::Request { flag: "-o", path: &path, xlsx: true }], &inputs, args.force)?;
    let printer = crate::terminal::Printer::new(args.quiet);
    let (loaded, _) = crate::pipeline::assess(found, model, as_of, model.allocation.capacity, printer)?;
    let mut wb = super::template_from::build(&loaded, args.lang)
        .map_err(|e| Fatal::CannotWrite { path: path.clone(), detail: e.to_string() })?;
    crate::output::write_file(&path, |f| wb.save_to_writer(f).map_err(|e| std::io::Error::other(e.to_string())))?;
    if !args.quiet {
        let owners: std::collections::BTreeSet<Option<&str>> =
            loaded.accounts.iter().map(|r| r.account.owner.as_deref()).collect();
        let (n, o) = (loaded.accounts.len(), owners.len());
        crate::terminal::print(&match args.lang {
            Lang::Zh => format!("{}：{n} 个客户，{o} 个客户经理各一张表；填写后与下次的导出一起传入\n", path.display()),
            Lang::En => format!(
                "{}: {n} accounts, one sheet for each of {o} owners; fill it in and pass it beside the next exports\n",
                path.display()
            ),
        })?;
    }
    Ok(ExitStatus::Success)
}

/// Build the template workbook.
pub fn build(lang: Lang) -> Result<Workbook, XlsxError> {
    let zh = lang == Lang::Zh;
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_text_wrap().set_background_color(rust_xlsxwriter::Color::RGB(0xDDEBF7));
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0");
    let pct = Format::new().set_num_format("0%");
    let ws = wb.add_worksheet().set_name(if zh { "客户评估" } else { "Accounts" })?;
    ws.set_freeze_panes(1, 2)?;
    ws.set_row_height(0, 32)?;
    for (c, field) in Field::account_fields().collect::<Vec<_>>().iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, field.header(lang), &head)?;
        ws.insert_note(0, c, &Note::new(help(*field, zh)).set_author("kascore").set_width(300).set_height(120))?;
        ws.set_column_width(c, if *field == Field::AccountName || *field == Field::Notes { 28 } else { 13 })?;
        match field.kind() {
            Kind::Date => {
                ws.set_column_format(c, &date)?;
            }
            Kind::Money => {
                ws.set_column_format(c, &money)?;
            }
            Kind::Percent => {
                ws.set_column_format(c, &pct)?;
            }
            _ => {}
        }
        if let Some(v) = validation(*field, zh)? {
            ws.add_data_validation(1, c, ROWS, c, &v)?;
        }
    }
    promises_sheet(wb.add_worksheet(), zh, &head, &date)?;
    instructions(wb.add_worksheet().set_name(if zh { "填写说明" } else { "How to fill in" })?, zh)?;
    wb.set_properties(&DocProperties::new().set_custom_property(TEMPLATE_MARKER, crate::VERSION));
    Ok(wb)
}

/// The promises log (seed 003): what was promised to whom, when it is due, and whether it was
/// kept — read as a promises source (承诺事项 decides the kind).
pub(super) fn promises_sheet(ws: &mut Worksheet, zh: bool, head: &Format, date: &Format) -> Result<(), XlsxError> {
    ws.set_name(if zh { "承诺台账" } else { "Promises" })?;
    let headers: [&str; 5] = if zh {
        ["客户名称", "承诺事项", "承诺日期", "状态", "兑现日期"]
    } else {
        ["Account", "Commitment", "Due date", "Status", "Kept date"]
    };
    let notes: [&str; 5] = if zh {
        [
            "客户全称，与客户表一致。",
            "对客户做出的承诺：交付、服务、培训、回访……",
            "承诺兑现的截止日期。过期未兑现记为失信，关系紧密度扣分（模型 [score.relationship]）。",
            "已兑现 / 未兑现 / 进行中。逾期兑现也算兑现。",
            "实际兑现的日期。",
        ]
    } else {
        [
            "The account's full name, as in the accounts sheet.",
            "What was promised: a delivery, a service, training, a follow-up …",
            "When it is due. Past due and not kept is a broken promise: it lowers a derived relationship factor.",
            "Kept / Not kept / Open. Kept late is kept.",
            "The date it was kept.",
        ]
    };
    ws.set_freeze_panes(1, 1)?;
    for (c, (h, n)) in headers.iter().zip(notes).enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *h, head)?;
        ws.insert_note(0, c, &Note::new(n).set_author("kascore").set_width(280))?;
        ws.set_column_width(c, if c == 1 { 36 } else { 16 })?;
    }
    ws.set_column_format(2, date)?;
    ws.set_column_format(4, date)?;
    let status: &[&str] = if zh { &["已兑现", "未兑现", "进行中"] } else { &["Kept", "Not kept", "Open"] };
    ws.add_data_validation(1, 3, ROWS, 3, &list(status, zh)?)?;
    let dates = date_validation(zh)?;
    ws.add_data_validation(1, 2, ROWS, 2, &dates)?;
    ws.add_data_validation(1, 4, ROWS, 4, &dates)?;
    Ok(())
}

/// A date from 2000 to 2100.
fn date_validation(zh: bool) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_date(DataValidationRule::Between(
            NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or_default(),
        ))
        .set_error_message(if zh { "请填写日期，如 2026-03-15" } else { "Enter a date such as 2026-03-15" })
}

fn list(items: &[&str], zh: bool) -> Result<DataValidation, XlsxError> {
    DataValidation::new().allow_list_strings(items)?.set_error_message(if zh {
        "请从下拉列表中选择"
    } else {
        "Choose from the list"
    })
}

/// The dropdown or range check of a field.
pub(super) fn validation(field: Field, zh: bool) -> Result<Option<DataValidation>, XlsxError> {
    let yes_no: &[&str] = if zh { &["是", "否", "未知"] } else { &["Yes", "No", "Unknown"] };
    Ok(Some(match field.kind() {
        Kind::YesNo => list(yes_no, zh)?,
        Kind::Stage => list(
            if zh {
                &["确定开发对象", "信息收集", "价值评估", "关系建立", "促成合作", "已成交", "已流失"]
            } else {
                &["Prospect", "Information", "Evaluation", "Relationship", "Closing", "Won", "Lost"]
            },
            zh,
        )?,
        Kind::Attitude => list(
            if zh { &["支持", "中立", "反对", "未知"] } else { &["Support", "Neutral", "Against", "Unknown"] },
            zh,
        )?,
        Kind::Rating => list(&["1", "2", "3", "4", "5"], zh)?,
        Kind::Credit => list(&["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C", "D"], zh)?,
        Kind::Date => date_validation(zh)?,
        Kind::Money => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_error_message(if zh {
                "请填写金额（元），不要写“万”等文字"
            } else {
                "Enter an amount in CNY"
            })?,
        Kind::Percent => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(0.0, 1.0))
            .set_error_message(if zh { "请填写 0% 到 100%" } else { "Enter 0% to 100%" })?,
        Kind::Days => DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(0, 36_500))
            .set_error_message(if zh { "请填写天数" } else { "Enter a number of days" })?,
        Kind::Text | Kind::Terms | Kind::DealStatus | Kind::PromiseStatus | Kind::ItemStatus => return Ok(None),
    }))
}

/// What each column feeds in the model (the header's note).
pub(super) fn help(field: Field, zh: bool) -> String {
    let (z, e) = match field {
        Field::AccountId => (
            "客户编号：有编号时用于识别同一客户（跨文件、跨月）；没有时用客户名称。",
            "Account ID: identifies the account across files and months; without it the name is used.",
        ),
        Field::AccountName => (
            "必填。客户全称；没有名称的行不评估。",
            "Required. The account's full name; rows without one are rejected.",
        ),
        Field::Owner => ("客户经理。", "The account manager."),
        Field::Region | Field::Industry => ("用于筛选。", "For filtering."),
        Field::Stage => (
            "开发阶段（《大客户开发流程》的五个阶段，见 docs/METHOD.md），以及已成交/已流失。",
            "Development stage (the five stages of the account-development process, docs/METHOD.md), or won/lost.",
        ),
        Field::Budget => (
            "客户预算（元）。因素1“需求与预算”：预算 ≥ 预计金额得满分；不知道就留空，不要写“不差钱”。",
            "The customer's budget. Factor 1 (need & budget): full marks when budget ≥ deal value.",
        ),
        Field::DealValue => (
            "本次商机的预计金额（元），与预算、注册资本比较。",
            "The deal's expected value, compared with budget and registered capital.",
        ),
        Field::AnnualPurchase => (
            "客户每年在本品类的采购总额：攻守象限的“采购能力”。",
            "The customer's yearly spend in our category: the quadrant's purchasing capability.",
        ),
        Field::OurSales12m => (
            "近12个月我方对该客户的销售额；填 0 表示新客户（进攻）。",
            "Our sales to the account in the last 12 months; 0 means a new account (attack).",
        ),
        Field::Share => (
            "我方份额；不填时按 近12月销售额 ÷ 年采购额 计算。≥50% 为高份额。",
            "Our share of wallet; when blank, 12-month sales ÷ annual purchase. 50% or more is high.",
        ),
        Field::RegisteredCapital => (
            "注册资本（元）。因素3“资金状况”：与预计金额比较。",
            "Registered capital. Factor 3 (financial strength): compared with the deal value.",
        ),
        Field::Funding | Field::Advertising | Field::Hiring => (
            "是/否：有融资、广告投放、招聘说明客户有钱（“靠谱”客户的判断），资金状况各加分。",
            "Yes/no: funding, advertising and hiring are signs of money (the 靠谱 checks); each adds to financial strength.",
        ),
        Field::CreditRating => (
            "信用等级 AAA…D。因素2“诚信与信誉”；B 及以下标记为信用弱。",
            "Credit rating AAA…D. Factor 2 (integrity & credit); B or below flags weak credit.",
        ),
        Field::PaymentTerms => (
            "账期，如“月结60天”“预付”“货到付款”。超过 90 天或“先提货后付款”为信用弱。",
            "Payment terms, e.g. 'net 60', 'prepaid'. Over 90 days or goods-before-payment flags weak credit.",
        ),
        Field::CreditLimit => (
            "信用额度（元）：应收加在谈金额超过额度标记“超信用额度”。",
            "Credit limit: receivables plus open deals above it flags 'over credit limit'.",
        ),
        Field::DealName
        | Field::DealId
        | Field::Probability
        | Field::DealStatus
        | Field::LostReason
        | Field::CreatedDate
        | Field::InvoiceNo
        | Field::InvoiceDate
        | Field::DueDate
        | Field::OrderNo
        | Field::OrderDate
        | Field::Sales
        | Field::Cost
        | Field::Profit
        | Field::PaidDate
        | Field::PaidAmount
        | Field::Promise
        | Field::PromiseStatus
        | Field::KeptDate
        | Field::Currency
        | Field::ItemStatus
        | Field::SettledDate => (
            "明细字段（商机、应收、订单、回款、承诺），从导出的明细表汇总到客户。",
            "A line-item field (deals, invoices, orders, payments, promises), rolled up per account.",
        ),
        Field::ArBalance => {
            ("应收账款余额（元）：财务视图与诚信因素。", "Receivables balance: the finance view and the credit factor.")
        }
        Field::OverdueAmount => (
            "逾期金额（元）：逾期占应收超过 30% 为信用弱。",
            "Overdue amount: more than 30% of receivables flags weak credit.",
        ),
        Field::OverdueDays => {
            ("最长逾期天数：超过 90 天为信用弱。", "Longest overdue days: over 90 flags weak credit.")
        }
        Field::Aging0To30 | Field::Aging31To60 | Field::Aging61To90 | Field::Aging91To180 | Field::AgingOver180 => {
            ("账龄分段金额（元），用于应收账款账龄。", "Receivables in this aging bucket, for the aging view.")
        }
        Field::LastPaymentDate => ("最近一次回款日期。", "Date of the last payment received."),
        Field::FirstContact => (
            "首次接触日期。因素7“进入时机”：距预计成交越久越好。",
            "First contact. Factor 7 (timing): the longer before the close, the better.",
        ),
        Field::ExpectedClose => (
            "预计成交（签约）日期。90 天内才可能是 A；已过期按未知处理。",
            "Expected signing date. Only within 90 days can an account be A; a past date counts as unknown.",
        ),
        Field::ImplementationDate | Field::PaymentDate => (
            "实施/回款时间：模型可要求填写（时间明确检查）。",
            "Implementation/payment date: the model may require them for the timeline check.",
        ),
        Field::NeedConsensus => {
            ("是否已与客户达成需求共识（意向检查之一）。", "Is there an agreed need? (one of the intent checks)")
        }
        Field::DecisionMaker => {
            ("关键决策人姓名；不知道写“不明确”。", "The key decision maker's name; 'unclear' if unknown.")
        }
        Field::DecisionAttitude => (
            "决策人态度；“未知”时决策人检查不通过。",
            "The decision maker's attitude; 'unknown' fails the decision-maker check.",
        ),
        Field::Insider => (
            "是否有内线/信息员（《大客户开发流程》）：关系紧密度加分。",
            "Is there an insider/coach (the account-development process)? Adds to relationship.",
        ),
        Field::Fit => (
            "1–5 分：产品/技术/服务满足客户需求的程度（因素4）。",
            "1–5: how well our product, technology and service fit (factor 4).",
        ),
        Field::FinancialStrength => (
            "1–5 分：客户资金状况（因素3，填写后优先于注册资本推算）。",
            "1–5: the customer's financial strength (factor 3; wins over the capital estimate).",
        ),
        Field::Integrity => (
            "1–5 分：诚信与信誉（因素2，填写后优先于信用等级推算）；≤2 为信用弱。",
            "1–5: integrity (factor 2; wins over the credit-rating estimate); 2 or less flags weak credit.",
        ),
        Field::Relationship => (
            "1–5 分：相对竞争对手与客户关系的紧密程度（因素5）。",
            "1–5: our relationship compared with competitors (factor 5).",
        ),
        Field::Competitive => (
            "1–5 分：产品、价格、服务相对竞争对手的优势（因素6）。",
            "1–5: product, price and service against competitors (factor 6).",
        ),
        Field::Timing => (
            "1–5 分：进入项目的时机（因素7，填写后优先于日期推算）。",
            "1–5: timing of entry (factor 7; wins over the date estimate).",
        ),
        Field::AddedValue => {
            ("1–5 分：附加价值与其他机会（因素8）。", "1–5: added value and other opportunities (factor 8).")
        }
        Field::ReferenceCustomer => {
            ("是否标杆/样板客户：是则附加价值满分。", "A reference customer? Yes gives full marks for added value.")
        }
        Field::Notes => {
            ("备注；出现“不差钱”等说法会标记预算模糊。", "Notes; claims like 'money is no object' flag a vague budget.")
        }
    };
    if zh { z } else { e }.to_string()
}

/// The instructions sheet: the method in brief.
pub(super) fn instructions(ws: &mut Worksheet, zh: bool) -> Result<(), XlsxError> {
    ws.set_column_width(0, 110)?;
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap();
    let lines: &[&str] = if zh {
        &[
            "如何填写大客户评估表",
            "每行一个客户；“客户名称”必填。金额填元（不要写“万”），日期写 2026-03-15，评分 1–5，下拉列表中选择是/否、阶段和态度。",
            "不知道的格子留空：kascore 会把它当作未知并在“待补充”中告诉你缺什么，而不是猜。",
            "一、风险评估表（20 分）：需求与预算、诚信与信誉、资金状况、产品/技术/服务满足度、关系紧密度、竞争优劣势、进入时机、附加价值，各 2.5 分。15 分合格，17 分以上才可能是 A。",
            "二、意向检查（是否靠谱）：需求共识、预算与需求明确、决策人明确（姓名与态度）、时间明确（预计成交日期）。A 级需要四项全部通过。",
            "三、评级：A 全力以赴（≥17 分，90 天内成交，检查全过，信用不弱）；B 控制投入（≥15 分，180 天内）；C 关注变化；D 暂缓观察（<15 分）；未知因素超过 2 项为“待补充”。",
            "四、攻守象限：新客户（近12月销售额为 0）进攻；采购能力高且份额高防守；能力高份额低维持；能力低份额低放弃。资源比例（时间/人力/资金，满分 10）：进攻 7/6/6，防守 2/2/2，维持 1/2/2，放弃 0/0/0。",
            "五、风险标记：信用弱（评级 B 及以下、账期超过 90 天、先货后款、逾期超过 30% 或 90 天）、预算模糊、需求未确认、决策人不明、时间不明确、超预算、成交日已过。",
            "每月导出本表，运行：kascore score 本月文件夹/ --previous 上月报告.xlsx",
        ]
    } else {
        &[
            "How to fill in the key-account sheet",
            "One account per row; the account name is required. Amounts in CNY, dates as 2026-03-15, ratings 1–5; choose yes/no, stages and attitudes from the lists.",
            "Leave unknown cells blank: kascore treats them as unknown and lists what is missing under 'Needs information' instead of guessing.",
            "1. Risk table (20 points): need & budget, integrity & credit, financial strength, fit, relationship, competitive position, timing of entry, added value — 2.5 points each. 15 passes; A needs 17 or more.",
            "2. Intent checks: agreed need, clear budget, a named decision maker with a known attitude, an expected close date. A needs all four.",
            "3. Grades: A go all in (≥17, closing within 90 days, all checks, no weak credit); B limit time (≥15, within 180 days); C watch; D hold (<15); more than 2 unknown factors: needs information.",
            "4. Quadrants: new accounts (12-month sales 0) attack; high capability and high share defend; high capability, low share maintain; low and low abandon. Ratios of time/people/money out of 10: attack 7/6/6, defend 2/2/2, maintain 1/2/2, abandon 0/0/0.",
            "5. Flags: weak credit (rating B or below, terms over 90 days, goods before payment, over 30% or 90 days overdue), vague budget, need unconfirmed, decision maker unclear, no timeline, over budget, close date passed.",
            "Every month export this sheet and run: kascore score this-month/ --previous last-report.xlsx",
        ]
    };
    for (i, line) in lines.iter().enumerate() {
        ws.write_string_with_format(i as u32 * 2, 0, *line, if i == 0 { &title } else { &wrap })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::header::Aliases;
    use crate::model::Model;

    #[test]
    fn every_template_header_names_its_field_in_both_languages() {
        let aliases = Aliases::new(&Model::default_model().unwrap());
        for lang in [Lang::Zh, Lang::En] {
            for f in Field::ALL {
                let h = f.header(lang);
                assert_eq!(aliases.lookup(&h).map(|x| x.0), Some(*f), "{h}");
            }
        }
    }
}

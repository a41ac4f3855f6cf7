//! 应收账款 Receivables (SPEC §3.6 v2), for the finance analyst who ties it out.
//!
//! On top, the rules in two lines, the risk levels and the concentration; then a provision-rate
//! row and a total row whose cells sit above the list's own columns (SUBTOTAL formulas, so they
//! follow the autofilter), then the list: one row per account with receivables data or a credit
//! limit, the largest exposure first, so the ten largest exposures are the first ten rows. Per
//! account: the balance in six buckets that add up to it, overdue, expected collections,
//! provision, credit limit and its use, exposure, and the risk level with the rule that set it.
//! The total row and the list header are frozen.

use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

use super::table::{col, write_cell, Column};
use super::view::{self, View};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::labels;
use crate::receivables::{Level, Position};

/// The bucket headers after 未到期 (days past due).
const PAST_DUE: [&str; 5] = ["1-30", "31-60", "61-90", "91-180", ">180"];

/// A listed account: its view, its position and its exposure rank (1 = largest).
type Row<'a> = (View<'a>, Position, usize);

/// The list's columns. The rate and total rows above the header use the same columns, so their
/// indices are named here.
const BALANCE_COL: u16 = 6;
const FIRST_BUCKET_COL: u16 = 7;

fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, Row<'a>>> {
    let lang = ctx.lang;
    let me = |r: &Row<'a>| r.0;
    let days = ctx.l(labels::DAYS_SUFFIX);
    let mut cols = vec![
        col(ctx.l(labels::EXPOSURE_RANK), 8.0, |(_, _, rank): &Row| Out::Int(Some(*rank as i64))),
        col(ctx.l(labels::RISK), risk_width(ctx), move |(_, p, _): &Row| {
            let text = p.level.label(lang).to_string();
            if p.level == Level::High {
                Out::Flagged(text)
            } else {
                Out::Text(text)
            }
        }),
        col(ctx.l(labels::RISK_RULE), rule_width(ctx), move |(_, p, _): &Row| Out::Text(p.rule.get(lang).to_string())),
        view::id(ctx, me),
        view::name(ctx, me),
        view::owner(ctx, me),
        col(ctx.l(labels::BALANCE), 14.0, |(_, p, _): &Row| Out::Money(Some(p.balance))),
        col(ctx.l(labels::CURRENT_NOT_DUE), 13.0, |(_, p, _): &Row| Out::Money(Some(p.buckets[0]))),
    ];
    for (i, label) in PAST_DUE.iter().enumerate() {
        // An empty bucket stays blank: most accounts owe nothing overdue.
        cols.push(col(format!("{label}{days}"), 12.0, move |(_, p, _): &Row| {
            Out::Money(Some(p.buckets[i + 1]).filter(|v| *v != 0.0))
        }));
    }
    cols.extend([
        col(ctx.l(labels::TOTAL_OVERDUE), 13.0, |(_, p, _): &Row| Out::Money(Some(p.overdue))),
        col(ctx.l(labels::OVERDUE_SHARE), 9.0, |(_, p, _): &Row| {
            Out::Pct((p.balance > 0.0).then(|| p.overdue / p.balance))
        }),
        col(ctx.l(labels::MAX_DAYS_OVERDUE), 9.0, |(_, p, _): &Row| Out::Int(Some(i64::from(p.overdue_days)))),
    ]);
    for (i, within) in [30, 60, 90].into_iter().enumerate() {
        let header = match lang {
            crate::Lang::Zh => format!("{within} 天内到期"),
            crate::Lang::En => format!("Due in {within} days"),
        };
        cols.push(col(header, 12.0, move |(_, p, _): &Row| Out::Money(Some(p.due[i]).filter(|v| *v != 0.0))));
    }
    cols.extend([
        col(ctx.l(labels::PROVISION), 12.0, |(_, p, _): &Row| Out::Money(Some(p.provision))),
        col(ctx.l(labels::CREDIT_LIMIT), 13.0, |(_, p, _): &Row| Out::Money(p.credit_limit)),
        col(ctx.l(labels::UTILISATION), 9.0, |(_, p, _): &Row| {
            Out::Pct(p.credit_limit.filter(|l| *l > 0.0).map(|l| p.exposure / l))
        }),
        col(ctx.l(labels::EXPOSURE), 14.0, |(_, p, _): &Row| Out::Money(Some(p.exposure))),
        col(ctx.l(labels::TERMS_DAYS), 8.0, |(v, _, _): &Row| Out::Int(v.scored.terms_days.map(i64::from))),
        col("DSO", 7.0, |(v, p, _): &Row| Out::Num(crate::receivables::dso(&v.record.account, p.balance))),
        col(ctx.l(labels::DAYS_SINCE_PAYMENT), 9.0, move |(v, _, _): &Row| {
            Out::Int(v.record.account.last_payment_date().map(|d| (ctx.eval.as_of - d).num_days()))
        }),
        col(ctx.l(labels::CREDIT_RATING), 8.0, |(v, _, _): &Row| {
            let credit = v.record.account.credit_rating().map(|c| crate::score::flags::rating_text(&c));
            Out::Text(credit.unwrap_or_default())
        }),
    ]);
    // With --previous: the month-over-month change of each account's figures.
    if let Some(changes) = ctx.changes {
        let by_key: std::collections::HashMap<&str, &crate::changes::Change> =
            changes.iter().filter(|c| c.to.is_some()).map(|c| (c.key.as_str(), c)).collect();
        let by_key = std::rc::Rc::new(by_key);
        let delta = |label: crate::labels::Text, pick: fn(&crate::changes::Change) -> Option<f64>| {
            let by_key = std::rc::Rc::clone(&by_key);
            col(ctx.l(label), 13.0, move |(v, _, _): &Row| Out::Money(by_key.get(v.id()).and_then(|c| pick(c))))
        };
        cols.push(delta(labels::RECEIVABLES_CHANGE, |c| c.receivables_delta));
        cols.push(delta(labels::OVERDUE_CHANGE, |c| c.overdue_delta));
        cols.push(delta(labels::PROVISION_CHANGE, |c| c.provision_delta));
    }
    cols.push(view::source(ctx, me));
    cols
}

/// With `--previous`: "较上月（2026-10-31）：应收余额 1,000 → 1,200（+200）；…", from the totals of
/// last month's report; None when it predates these figures.
fn month_over_month(ctx: &Context) -> Option<String> {
    let prev = ctx.previous?;
    let details: Vec<&crate::previous::Details> = prev.accounts.iter().filter_map(|a| a.details.as_ref()).collect();
    if details.is_empty() {
        return None;
    }
    let then = |f: fn(&crate::previous::Details) -> Option<f64>| details.iter().filter_map(|d| f(d)).sum::<f64>();
    let rv = &ctx.eval.receivables;
    let parts = [
        (labels::BALANCE, then(|d| d.receivables), rv.balance),
        (labels::TOTAL_OVERDUE, then(|d| d.overdue), rv.overdue),
        (labels::PROVISION, then(|d| d.provision), rv.provision),
    ];
    let text: Vec<String> = parts
        .iter()
        .map(|(label, a, b)| {
            let d = (b - a).round();
            let sign = if d > 0.0 { "+" } else { "" };
            format!(
                "{} {} → {}（{sign}{}）",
                ctx.l(*label),
                super::summary::n(a.round()),
                super::summary::n(b.round()),
                super::summary::n(d)
            )
        })
        .collect();
    let when = prev.as_of.map(|d| d.to_string()).unwrap_or_default();
    Some(match ctx.lang {
        crate::Lang::Zh => format!("较上月（{when}）：{}", text.join("；")),
        crate::Lang::En => format!("Since last month ({when}): {}", text.join("; ")),
    })
}

/// The risk column: as wide as its longest level word in the report's language.
fn risk_width(ctx: &Context) -> f64 {
    use crate::receivables::Level;
    let levels = [Level::High, Level::Medium, Level::Low, Level::None];
    super::table::fit_width(ctx.l(labels::RISK), 6.0, levels.map(|l| l.label(ctx.lang)))
}

/// The risk-rule column: as wide as its longest rule.
fn rule_width(ctx: &Context) -> f64 {
    use labels as l;
    let rules = [
        l::RULE_NOTHING_OWED,
        l::RULE_OVERDUE_DAYS,
        l::RULE_OVERDUE_SHARE,
        l::RULE_OVER_LIMIT,
        l::RULE_WEAK_RATING,
        l::RULE_OVERDUE,
        l::RULE_DSO,
        l::RULE_UTILISATION,
        l::RULE_WEAK_WORDING,
        l::RULE_LOW,
    ];
    super::table::fit_width(ctx.l(l::RISK_RULE), 12.0, rules.iter().map(|r| r.get(ctx.lang)))
}

/// The documented risk rule, with the model's lines.
fn rule_line(ctx: &Context) -> String {
    let f = &ctx.model.flags;
    let (days, share) = (f.weak_overdue_days, f.weak_overdue_share * 100.0);
    match ctx.lang {
        crate::Lang::Zh => format!(
            "风险：高 = 有敞口，且逾期超过 {days} 天、逾期占应收超过 {share}%、敞口超过信用额度或信用等级弱且有应收；\
             中 = 有敞口，且有逾期、DSO 超过账期 30 天以上、额度使用超过 80% 或账期/付款方式显示信用弱；\
             低 = 其他有敞口的客户；无 = 无敞口（信用弱只作关注，不算风险）。每行的“风险依据”写明是哪一条。"
        ),
        crate::Lang::En => format!(
            "Risk: high = exposure, and overdue more than {days} days, more than {share}% overdue, exposure over the \
             credit limit, or a weak credit rating with receivables; medium = exposure, and anything overdue, DSO more \
             than 30 days past terms, more than 80% of the limit used, or terms/wording that show weak credit; low = \
             any other exposure; none = no exposure (weak credit is then a watch note, not a risk). Each row's risk \
             rule says which one applied."
        ),
    }
}

/// "高 5 户，敞口 1,234,567；中 …".
fn levels_line(ctx: &Context) -> String {
    let rv = &ctx.eval.receivables;
    let parts: Vec<String> = Level::ALL
        .iter()
        .zip(rv.by_level)
        .map(|(l, (n, exposure))| match ctx.lang {
            crate::Lang::Zh => format!("{} {n} 户，敞口 {}", l.label(ctx.lang), super::summary::n(exposure.round())),
            crate::Lang::En => format!("{} {n} (exposure {})", l.label(ctx.lang), super::summary::n(exposure.round())),
        })
        .collect();
    format!("{}：{}", ctx.l(labels::RISK_LEVELS), parts.join(ctx.l(labels::CLAUSE_SEP)))
}

/// "前 20%（8 个客户）占应收 62.3%：甲、乙、…".
fn concentration_line(ctx: &Context) -> Option<String> {
    let rv = &ctx.eval.receivables;
    let share = rv.concentration?;
    let n = rv.concentrated.len();
    let mut names: Vec<&str> = rv.concentrated.iter().take(10).map(|&i| ctx.view(i).name()).collect();
    if n > 10 {
        names.push("…");
    }
    let names = names.join(ctx.l(labels::LIST_SEP));
    let pct = share * 100.0;
    Some(match ctx.lang {
        crate::Lang::Zh => format!("集中度：应收最多的前 20%（{n} 个客户）占应收余额 {pct:.1}%：{names}"),
        crate::Lang::En => format!("Concentration: the top 20% by receivables ({n} accounts) hold {pct:.1}%: {names}"),
    })
}

/// The rows above the list: title, rules, levels, concentration, then the provision rates and
/// the totals in the list's columns. Returns the header row.
fn prelude(ws: &mut Worksheet, ctx: &Context, fmt: &Fmt, rows: usize) -> Result<u32, XlsxError> {
    let rv = &ctx.eval.receivables;
    ws.write_string_with_format(0, 0, ctx.l(labels::RECEIVABLES_FINANCE_VIEW), &fmt.title)?;
    ws.write_string_with_format(1, 0, ctx.l(labels::RECEIVABLES_NOTE), &fmt.note)?;
    ws.write_string_with_format(2, 0, rule_line(ctx), &fmt.note)?;
    ws.write_string(3, 0, levels_line(ctx))?;
    if let Some(line) = concentration_line(ctx) {
        ws.write_string(4, 0, line)?;
    }
    if let Some(line) = month_over_month(ctx) {
        ws.write_string(5, 0, line)?;
    }
    // The provision rate above each bucket.
    let (rates, totals, header) = (6, 7, 8);
    ws.write_string_with_format(rates, 4, ctx.l(labels::PROVISION_RATE), &fmt.bold)?;
    for (i, rate) in ctx.model.receivables.provision_rates.iter().enumerate() {
        write_cell(ws, rates, FIRST_BUCKET_COL + i as u16, &Out::Pct(Some(*rate)), fmt)?;
    }
    // The totals: SUBTOTAL over the list, so a filtered view totals what it shows; the cached
    // result is the whole run's, for readers that do not recalculate.
    let label = match ctx.lang {
        crate::Lang::Zh => format!("{}（{} 户）", ctx.l(labels::TOTAL_ROW), rv.rows.len()),
        crate::Lang::En => format!("{} ({} accounts)", ctx.l(labels::TOTAL_ROW), rv.rows.len()),
    };
    ws.write_string_with_format(totals, 4, label, &fmt.bold)?;
    let mut sums: Vec<(u16, f64)> = vec![(BALANCE_COL, rv.balance)];
    sums.extend(rv.buckets.iter().enumerate().map(|(i, v)| (FIRST_BUCKET_COL + i as u16, *v)));
    let after = FIRST_BUCKET_COL + rv.buckets.len() as u16; // 逾期合计
    sums.push((after, rv.overdue));
    sums.extend(rv.due.iter().enumerate().map(|(i, v)| (after + 3 + i as u16, *v)));
    sums.push((after + 6, rv.provision));
    let (first, last) = (header + 1, header + rows.max(1) as u32);
    let fits = (last as usize) < crate::provenance::EXCEL_ROWS as usize;
    for (c, total) in sums {
        let total = crate::numfmt::round(total, 2);
        if fits {
            let range = rust_xlsxwriter::utility::cell_range(first, c, last, c);
            let formula = Formula::new(format!("=SUBTOTAL(9,{range})")).set_result(total.to_string());
            ws.write_formula_with_format(totals, c, formula, &fmt.money_bold)?;
        } else {
            ws.write_number_with_format(totals, c, total, &fmt.money_bold)?;
        }
    }
    Ok(header)
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let rv = &ctx.eval.receivables;
    let cols = columns(ctx);
    let mut prelude = |ws: &mut Worksheet| prelude(ws, ctx, fmt, rv.rows.len());
    let mut t = Table::of_with_prelude(wb, tab_name(Tab::Receivables, ctx.lang), &cols, fmt, &mut prelude)?
        .frozen_below_header();
    // The largest exposure first (ties in input order): the top ten are the first ten rows.
    let mut order: Vec<usize> = (0..rv.rows.len()).collect();
    order.sort_by(|&a, &b| rv.rows[b].exposure.total_cmp(&rv.rows[a].exposure).then(a.cmp(&b)));
    for (rank, i) in order.into_iter().enumerate() {
        let v = ctx.view(rv.rows[i].index);
        let Some(p) = crate::receivables::position(v.record, v.scored, ctx.model) else { continue };
        t.item(wb, fmt, &cols, &(v, p, rank + 1))?;
    }
    t.finish()
}

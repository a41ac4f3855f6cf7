//! 资源分配 Allocation (SPEC §3.4): per quadrant the accounts, deal value, ratios, hours,
//! people and money, with seed 002's balanced-scorecard focus; then per account its share of
//! its quadrant's hours and money.

use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, write_cells, write_headers, Column};
use super::view::{self, View};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::allocate::{AccountShare, QuadrantShare};
use crate::score::{Grade, Quadrant};

/// The balanced-scorecard focus of seed 002 §1.3 for a quadrant.
pub fn focus(q: Quadrant, zh: bool) -> &'static str {
    match (q, zh) {
        (Quadrant::Attack, true) => "财务：销售收入增长；客户：新客户获取；人员：销售团队发展",
        (Quadrant::Attack, false) => "Finance: revenue growth; customers: new accounts won; people: team development",
        (Quadrant::Defend, true) => "财务：毛利增长、控制销售费用、控制应收账款平均回收期；客户：客户流失、满意度；人员：员工满意度",
        (Quadrant::Defend, false) => "Finance: gross-margin growth, selling cost, receivables collection period; customers: churn, satisfaction; people: staff satisfaction",
        (Quadrant::Maintain, true) => "持续筛选：关注采购份额变化，择机转为进攻或防守",
        (Quadrant::Maintain, false) => "Keep screening: watch the share of wallet, move to attack or defend when it changes",
        (Quadrant::Abandon, true) => "不投入资源，以免占用开发和维护其他客户的时间",
        (Quadrant::Abandon, false) => "No resources, so these accounts do not take time from the others",
        (Quadrant::Unclassified, true) => "补充年采购额与份额后再分类",
        (Quadrant::Unclassified, false) => "Fill in annual purchase and share, then classify",
    }
}

/// "本期团队能力：1,600 工时，10 人，500,000 元".
fn capacity_line(ctx: &Context) -> String {
    let cap = ctx.eval.allocation.capacity;
    let (h, p, m) = (super::summary::n(cap.hours), super::summary::n(cap.people), super::summary::n(cap.money));
    match ctx.lang {
        crate::Lang::Zh => format!("本期团队能力：{h} 工时，{p} 人，{m} 元"),
        crate::Lang::En => format!("Team capacity this period: {h} hours, {p} people, {m} CNY"),
    }
}

/// Whether a quadrant gets anything: a quadrant whose ratios are all 0 (abandon, by default)
/// does not, and its accounts are counted in the quadrant table, not listed one by one.
fn gets(q: &QuadrantShare) -> bool {
    q.shares.iter().any(|s| *s > 0.0)
}

/// The quadrant table from row `r`; returns the next free row.
fn quadrant_table(ws: &mut Worksheet, r: u32, ctx: &Context, fmt: &Fmt) -> Result<u32, XlsxError> {
    let lang = ctx.lang;
    let head = [
        ctx.l(labels::QUADRANT_SHORT),
        ctx.l(labels::ACCOUNTS),
        ctx.l(labels::DEAL_VALUE_TOTAL),
        ctx.l(labels::TIME_RATIO),
        ctx.l(labels::PEOPLE_RATIO),
        ctx.l(labels::MONEY_RATIO),
        ctx.l(labels::HOURS),
        ctx.l(labels::PEOPLE_FTE),
        ctx.l(labels::MONEY),
        ctx.l(labels::BALANCED_SCORECARD_FOCUS),
    ];
    write_headers(ws, r, &head, fmt)?;
    let ratio = |q: &QuadrantShare, i: usize| {
        Out::Text(format!("{}/10 → {:.1}%", super::summary::n(q.ratios[i]), q.shares[i] * 100.0))
    };
    let mut r = r + 1;
    for q in &ctx.eval.allocation.quadrants {
        let cells = [
            Out::Text(q.quadrant.label(lang).to_string()),
            Out::Int(Some(q.accounts as i64)),
            Out::Money(Some(q.deal_value)),
            ratio(q, 0),
            ratio(q, 1),
            ratio(q, 2),
            Out::Num(Some(q.hours)),
            Out::Num(Some(q.people)),
            Out::Money(Some(q.money)),
            Out::Text(focus(q.quadrant, lang == crate::Lang::Zh).to_string()),
        ];
        write_cells(ws, r, &cells, fmt)?;
        r += 1;
    }
    Ok(r)
}

/// The notes under the quadrant table: what was redistributed, what is not listed, and how
/// accounts share their quadrant's resources.
fn notes(ctx: &Context) -> Vec<String> {
    let lang = ctx.lang;
    let zh = lang == crate::Lang::Zh;
    let alloc = &ctx.eval.allocation;
    let mut notes = Vec::new();
    if !alloc.redistributed.is_empty() {
        let names: Vec<&str> = alloc.redistributed.iter().map(|q| q.label(lang)).collect();
        notes.push(if zh {
            format!("说明：{}象限没有客户，其资源份额已按比例分给其他象限。", names.join("、"))
        } else {
            format!("Note: no accounts in {}; their share went to the other quadrants in proportion.", names.join(", "))
        });
    }
    if alloc.nothing_allocated {
        notes.push(ctx.l(labels::NOTE_EVERY_QUADRANT_WITH_ACCOUNTS_HAS_A_RATIO_OF_0_NOTHING_WAS_ALLOCATED).to_string());
    }
    let unlisted: usize = alloc.quadrants.iter().filter(|q| !gets(q)).map(|q| q.accounts).sum();
    if unlisted > 0 {
        let names: Vec<&str> = alloc.quadrants.iter().filter(|q| !gets(q)).map(|q| q.quadrant.label(lang)).collect();
        notes.push(if zh {
            format!(
                "说明：{}象限比例为 0，其 {unlisted} 个客户不分配资源，不在下表逐一列出（各客户的象限见评级表）。",
                names.join("、")
            )
        } else {
            format!(
                "Note: {} has a ratio of 0; its {unlisted} accounts get no resources and are not listed below (each account's quadrant is on its grade tab).",
                names.join(", ")
            )
        });
    }
    let unclassified =
        ctx.eval.scored.iter().filter(|s| s.grade != Grade::NeedsInfo && s.quadrant == Quadrant::Unclassified).count();
    if unclassified > 0 {
        notes.push(if zh {
            format!("说明：{unclassified} 个已评级客户缺少年采购额或份额，未参与分配（见“数据问题”）。")
        } else {
            format!(
                "Note: {unclassified} graded accounts lack annual purchase or share and are not allocated (see Data issues)."
            )
        });
    }
    notes.push(ctx.l(labels::EACH_ACCOUNT_GETS_A_SHARE_OF_ITS_QUADRANT_S_HOURS_AND_MONEY_IN_PROPORTION_TO_ITS_SCORE_ACCOUNTS_THAT_NEED_INFORMATION_ARE_NOT_ALLOCATED).to_string());
    notes
}

/// One listed account and its share of its quadrant.
type Row<'a> = (View<'a>, AccountShare);

/// The per-account list's columns; wide enough for the quadrant table above too
/// ("7/10 → 70.0%").
fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, Row<'a>>> {
    let lang = ctx.lang;
    let me = |r: &Row<'a>| r.0;
    let mut name = view::name(ctx, me);
    name.width = 30.0;
    vec![
        col(ctx.l(labels::QUADRANT_SHORT), 12.0, move |(v, _): &Row| {
            Out::Text(v.scored.quadrant.label(lang).to_string())
        }),
        view::id(ctx, me),
        name,
        col(ctx.l(labels::GRADE), 14.0, move |(v, _): &Row| Out::Text(v.scored.grade.label(lang).to_string())),
        col(ctx.l(labels::SCORE), 14.0, |(v, _): &Row| Out::Score(Some(v.scored.score))),
        col(ctx.l(labels::SHARE_OF_QUADRANT), 14.0, |(_, s): &Row| Out::Pct(Some(s.fraction))),
        col(ctx.l(labels::HOURS), 12.0, |(_, s): &Row| Out::Num(Some(s.hours))),
        col(ctx.l(labels::MONEY), 12.0, |(_, s): &Row| Out::Money(Some(s.money))),
        col(ctx.l(labels::DEAL_VALUE), 14.0, |(v, _): &Row| Out::Money(v.deal())),
        view::source(ctx, me),
    ]
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let alloc = &ctx.eval.allocation;
    let mut prelude = |ws: &mut Worksheet| -> Result<u32, XlsxError> {
        ws.write_string_with_format(0, 0, ctx.l(labels::RESOURCE_ALLOCATION_ATTACK_DEFEND_MODEL), &fmt.title)?;
        ws.write_string(1, 0, capacity_line(ctx))?;
        let mut r = quadrant_table(ws, 3, ctx, fmt)? + 1;
        for note in notes(ctx) {
            ws.write_string_with_format(r, 0, &note, &fmt.note)?;
            r += 1;
        }
        Ok(r + 1)
    };
    let cols = columns(ctx);
    let mut t = Table::of_with_prelude(wb, tab_name(Tab::Allocation, ctx.lang), &cols, fmt, &mut prelude)?;
    let member = |v: &View| crate::evaluate::member(v.record, v.scored);
    let listed = |quadrant: Quadrant| alloc.quadrants.iter().find(|q| q.quadrant == quadrant).is_some_and(gets);
    // Unclassified and needs-information accounts have no quadrant here, so are not listed.
    let mut rows: Vec<View> = ctx.views().filter(|v| listed(member(v).quadrant)).collect();
    // By quadrant, then best score first.
    let order = |q: Quadrant| crate::allocate::QUADRANTS.iter().position(|x| *x == q).unwrap_or(4);
    rows.sort_by(|a, b| {
        order(a.scored.quadrant).cmp(&order(b.scored.quadrant)).then(b.scored.score.total_cmp(&a.scored.score))
    });
    for v in rows {
        let Some(share) = alloc.share(&member(&v)) else { continue };
        t.item(wb, fmt, &cols, &(v, share))?;
    }
    t.finish()
}

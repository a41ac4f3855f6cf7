//! 资源分配 Allocation (SPEC §3.4): per quadrant the accounts, deal value, ratios, hours,
//! people and money, with seed 002's balanced-scorecard focus; then per account its share of
//! its quadrant's hours and money.

use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::grades::id_name;
use super::table::{write_cells, write_headers};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
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

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let lang = ctx.lang;
    let zh = lang == crate::Lang::Zh;
    let alloc = &ctx.eval.allocation;
    let member = |i: usize| crate::evaluate::member(&ctx.loaded.accounts[i], &ctx.eval.scored[i]);
    // A quadrant whose ratios are all 0 (abandon, by default) gets nothing: its accounts are
    // counted in the table above, not listed one by one with zero hours and money.
    let gets = |q: &crate::allocate::QuadrantShare| q.shares.iter().any(|s| *s > 0.0);
    let listed = |quadrant: Quadrant| alloc.quadrants.iter().find(|q| q.quadrant == quadrant).is_some_and(gets);
    let unlisted: usize = alloc.quadrants.iter().filter(|q| !gets(q)).map(|q| q.accounts).sum();
    let mut prelude = |ws: &mut Worksheet| -> Result<u32, XlsxError> {
        ws.write_string_with_format(0, 0, ctx.l(labels::RESOURCE_ALLOCATION_ATTACK_DEFEND_MODEL), &fmt.title)?;
        let cap = alloc.capacity;
        let capacity = if zh {
            format!(
                "本期团队能力：{} 工时，{} 人，{} 元",
                super::summary::n(cap.hours),
                super::summary::n(cap.people),
                super::summary::n(cap.money)
            )
        } else {
            format!(
                "Team capacity this period: {} hours, {} people, {} CNY",
                super::summary::n(cap.hours),
                super::summary::n(cap.people),
                super::summary::n(cap.money)
            )
        };
        ws.write_string(1, 0, &capacity)?;
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
        write_headers(ws, 3, &head, fmt)?;
        let mut r = 4;
        for q in &alloc.quadrants {
            let cells = [
                Out::Text(q.quadrant.label(lang).to_string()),
                Out::Int(Some(q.accounts as i64)),
                Out::Money(Some(q.deal_value)),
                Out::Text(format!("{}/10 → {:.1}%", super::summary::n(q.ratios[0]), q.shares[0] * 100.0)),
                Out::Text(format!("{}/10 → {:.1}%", super::summary::n(q.ratios[1]), q.shares[1] * 100.0)),
                Out::Text(format!("{}/10 → {:.1}%", super::summary::n(q.ratios[2]), q.shares[2] * 100.0)),
                Out::Num(Some(q.hours)),
                Out::Num(Some(q.people)),
                Out::Money(Some(q.money)),
                Out::Text(focus(q.quadrant, zh).to_string()),
            ];
            write_cells(ws, r, &cells, fmt)?;
            r += 1;
        }
        let unclassified = ctx
            .eval
            .scored
            .iter()
            .filter(|s| s.grade != Grade::NeedsInfo && s.quadrant == Quadrant::Unclassified)
            .count();
        let mut notes = Vec::new();
        if !alloc.redistributed.is_empty() {
            let names: Vec<&str> = alloc.redistributed.iter().map(|q| q.label(lang)).collect();
            notes.push(if zh {
                format!("说明：{}象限没有客户，其资源份额已按比例分给其他象限。", names.join("、"))
            } else {
                format!(
                    "Note: no accounts in {}; their share went to the other quadrants in proportion.",
                    names.join(", ")
                )
            });
        }
        if alloc.nothing_allocated {
            notes.push(
                ctx.l(labels::NOTE_EVERY_QUADRANT_WITH_ACCOUNTS_HAS_A_RATIO_OF_0_NOTHING_WAS_ALLOCATED).to_string(),
            );
        }
        if unlisted > 0 {
            let names: Vec<&str> =
                alloc.quadrants.iter().filter(|q| !gets(q)).map(|q| q.quadrant.label(lang)).collect();
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
        if unclassified > 0 {
            notes.push(if zh {
                format!("说明：{unclassified} 个已评级客户缺少年采购额或份额，未参与分配（见“数据问题”）。")
            } else {
                format!("Note: {unclassified} graded accounts lack annual purchase or share and are not allocated (see Data issues).")
            });
        }
        notes.push(ctx.l(labels::EACH_ACCOUNT_GETS_A_SHARE_OF_ITS_QUADRANT_S_HOURS_AND_MONEY_IN_PROPORTION_TO_ITS_SCORE_ACCOUNTS_THAT_NEED_INFORMATION_ARE_NOT_ALLOCATED).to_string());
        r += 1;
        for note in notes {
            ws.write_string_with_format(r, 0, &note, &fmt.note)?;
            r += 1;
        }
        Ok(r + 1)
    };
    let headers = [
        ctx.l(labels::QUADRANT_SHORT),
        ctx.l(labels::ACCOUNT_ID),
        ctx.l(labels::ACCOUNT),
        ctx.l(labels::GRADE),
        ctx.l(labels::SCORE),
        ctx.l(labels::SHARE_OF_QUADRANT),
        ctx.l(labels::HOURS),
        ctx.l(labels::MONEY),
        ctx.l(labels::DEAL_VALUE),
        ctx.l(labels::SOURCE),
    ];
    // Wide enough for the quadrant table above too ("7/10 → 70.0%").
    let widths = [12.0, 12.0, 30.0, 14.0, 14.0, 14.0, 12.0, 12.0, 14.0, 36.0];
    let mut t = Table::with_prelude(wb, tab_name(Tab::Allocation, lang), &headers, &widths, fmt, &mut prelude)?;
    // Unclassified and needs-information accounts have no quadrant here, so are not listed.
    let mut rows: Vec<usize> = (0..ctx.loaded.accounts.len()).filter(|&i| listed(member(i).quadrant)).collect();
    // By quadrant, then best score first.
    let order = |q: Quadrant| crate::allocate::QUADRANTS.iter().position(|x| *x == q).unwrap_or(4);
    rows.sort_by(|&a, &b| {
        let (sa, sb) = (&ctx.eval.scored[a], &ctx.eval.scored[b]);
        order(sa.quadrant).cmp(&order(sb.quadrant)).then(sb.score.total_cmp(&sa.score))
    });
    for i in rows {
        let (r, s) = (&ctx.loaded.accounts[i], &ctx.eval.scored[i]);
        let Some(share) = alloc.share(&member(i)) else { continue };
        let mut cells = vec![Out::Text(s.quadrant.label(lang).to_string())];
        cells.extend(id_name(r));
        cells.extend([
            Out::Text(s.grade.label(lang).to_string()),
            Out::Score(Some(s.score)),
            Out::Pct(Some(share.fraction)),
            Out::Num(Some(share.hours)),
            Out::Money(Some(share.money)),
            Out::Money(r.account.deal_value().and_then(|d| d.mid())),
            Out::Text(r.source.display()),
        ]);
        t.row(wb, fmt, &cells)?;
    }
    t.finish()
}

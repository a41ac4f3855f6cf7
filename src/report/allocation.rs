//! 资源分配 Allocation (SPEC §3.4): per quadrant the accounts, deal value, ratios, hours,
//! people and money, with seed 002's balanced-scorecard focus; then per account its share of
//! its quadrant's hours and money.

use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, write_cell, write_cells, write_headers, Column};
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

/// "本期团队能力：1,600 工时，10 人，500,000 元", and where those figures came from.
fn capacity_lines(ctx: &Context) -> (String, Option<String>) {
    use crate::model::CapacitySource;
    let cap = ctx.eval.allocation.capacity;
    let (h, p, m) = (super::summary::n(cap.hours), super::summary::n(cap.people), super::summary::n(cap.money));
    let line = match ctx.lang {
        crate::Lang::Zh => format!("本期团队能力：{h} 工时，{p} 人，{m} 元"),
        crate::Lang::En => format!("Team capacity this period: {h} hours, {p} people, {m} CNY"),
    };
    let src = ctx.eval.capacity_source;
    let names = [ctx.l(labels::HOURS), ctx.l(labels::PEOPLE_FTE), ctx.l(labels::MONEY)];
    let of = |which: CapacitySource| -> Vec<&str> {
        names.iter().zip(src).filter(|(_, s)| *s == which).map(|(n, _)| *n).collect()
    };
    let sep = ctx.l(labels::LIST_SEP);
    let mut said = Vec::new();
    for (which, label) in [
        (CapacitySource::CommandLine, labels::CAPACITY_COMMAND_LINE),
        (CapacitySource::ModelFile, labels::CAPACITY_MODEL_FILE),
    ] {
        let n = of(which);
        if !n.is_empty() {
            said.push(format!("{} {}", n.join(sep), label.get(ctx.lang)));
        }
    }
    let line = if said.is_empty() { line } else { format!("{line}（{}）", said.join(ctx.l(labels::CLAUSE_SEP))) };
    let default = of(CapacitySource::Default);
    let warning =
        (!default.is_empty()).then(|| format!("{}（{}）", ctx.l(labels::CAPACITY_DEFAULT), default.join(sep)));
    (line, warning)
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
    ];
    write_headers(ws, r, &head, fmt)?;
    // The model's ratio; the share of capacity it comes to is in the hours, people and money.
    let ratio = |q: &QuadrantShare, i: usize| Out::Text(format!("{}/10", super::summary::n(q.ratios[i])));
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
        ];
        write_cells(ws, r, &cells, fmt)?;
        r += 1;
    }
    // Seed 002's balanced-scorecard focus, one line a quadrant (too long for a cell of the
    // table).
    ws.write_string_with_format(r, 0, ctx.l(labels::BALANCED_SCORECARD_FOCUS), &fmt.bold)?;
    r += 1;
    for q in &ctx.eval.allocation.quadrants {
        let line = format!("{}：{}", q.quadrant.label(lang), focus(q.quadrant, lang == crate::Lang::Zh));
        ws.write_string(r, 0, line)?;
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
        ctx.eval.scored.iter().filter(|s| s.grade != Grade::Lost && s.quadrant == Quadrant::Unclassified).count();
    if unclassified > 0 {
        notes.push(if zh {
            format!("说明：{unclassified} 个客户缺少年采购额或份额，无法分象限，未参与分配（见“数据问题”）。")
        } else {
            format!(
                "Note: {unclassified} accounts lack annual purchase or share, have no quadrant and are not allocated (see Data issues)."
            )
        });
    }
    if !alloc.weightless.is_empty() {
        let names: Vec<&str> = alloc.weightless.iter().map(|q| q.label(lang)).collect();
        notes.push(if zh {
            format!("说明：{}象限的客户权重均为 0（如全部为 D 级），其资源份额已按比例分给其他象限。", names.join("、"))
        } else {
            format!(
                "Note: every account in {} weighs 0 (all D, say); their share went to the other quadrants in proportion.",
                names.join(", ")
            )
        });
    }
    notes.push(ctx.l(labels::EACH_ACCOUNT_GETS_A_SHARE_BY_GRADE_WEIGHT_AND_SCORE).to_string());
    notes.push(ctx.l(labels::WHAT_THE_WEIGHTS_MEAN).to_string());
    notes
}

/// The table by owner from row `r`; returns the next free row.
fn owners_table(ws: &mut Worksheet, r: u32, ctx: &Context, fmt: &Fmt) -> Result<u32, XlsxError> {
    let owners = &ctx.eval.owners;
    if owners.is_empty() {
        return Ok(r);
    }
    ws.write_string_with_format(r, 0, ctx.l(labels::BY_OWNER), &fmt.bold)?;
    // Figures first, then the grade mix: the wide name column of the list below holds the
    // deal value.
    let mut head: Vec<&str> = vec![
        ctx.l(labels::OWNER),
        ctx.l(labels::ACCOUNTS),
        ctx.l(labels::DEAL_VALUE_TOTAL),
        ctx.l(labels::HOURS),
        ctx.l(labels::PEOPLE_FTE),
        ctx.l(labels::MONEY),
        ctx.l(labels::LOAD_VS_EVEN_SHARE),
    ];
    head.extend(Grade::ALL.iter().map(|g| g.label(ctx.lang)));
    // The figures' headers right-aligned over them: the last grade's count sits at the right
    // of the list's wide source column.
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(r + 1, c as u16, *h, if c == 0 { &fmt.header } else { &fmt.header_number })?;
    }
    // Three lines: "负荷（平均=1）" ("Load (even share = 1)") wraps in the list's narrow score
    // column below it.
    ws.set_row_height(r + 1, 45)?;
    let load_fmt = rust_xlsxwriter::Format::new().set_num_format("0.00");
    let over_fmt = fmt.flagged.clone().set_num_format("0.00");
    let mut r = r + 2;
    for o in owners {
        let owner = if o.owner.is_empty() { ctx.l(labels::NO_OWNER).to_string() } else { o.owner.clone() };
        let cells = [
            Out::Text(owner),
            Out::Int(Some(o.accounts as i64)),
            Out::Money(Some(o.deal_value)),
            Out::Num(Some(o.hours)),
            Out::Score(Some(o.fte)),
            Out::Money(Some(o.money)),
        ];
        write_cells(ws, r, &cells, fmt)?;
        if let Some(load) = o.load {
            let f = if o.overloaded() { &over_fmt } else { &load_fmt };
            ws.write_number_with_format(r, 6, crate::numfmt::round(load, 2), f)?;
        }
        for (c, n) in o.by_grade.iter().enumerate() {
            write_cell(ws, r, 7 + c as u16, &Out::Int(Some(*n as i64)), fmt)?;
        }
        r += 1;
    }
    if owners.iter().any(crate::allocate::OwnerLoad::overloaded) {
        ws.write_string_with_format(r, 0, ctx.l(labels::OVERLOAD_NOTE), &fmt.note)?;
        r += 1;
    }
    Ok(r + 1)
}

/// What an account's hours are for, by its grade.
fn purpose(g: Grade) -> crate::labels::Text {
    match g {
        Grade::A => labels::PURPOSE_A,
        Grade::B => labels::PURPOSE_B,
        Grade::C => labels::PURPOSE_C,
        Grade::D => labels::PURPOSE_D,
        Grade::NeedsInfo => labels::PURPOSE_NEEDS_INFO,
        Grade::Won => labels::PURPOSE_WON,
        Grade::Lost => labels::PURPOSE_LOST,
    }
}

/// One listed account and its share of its quadrant.
type Row<'a> = (View<'a>, AccountShare);

/// The per-account list's columns.
fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, Row<'a>>> {
    let lang = ctx.lang;
    let me = |r: &Row<'a>| r.0;
    let weights = &ctx.model.allocation.grade_weights;
    // Label columns as wide as their longest label (names never cut).
    // The first column also holds the owners of the table above the list.
    let mut quadrants: Vec<&str> = Quadrant::ALL.iter().map(|q| q.label(lang)).collect();
    quadrants.extend(ctx.eval.owners.iter().map(|o| o.owner.as_str()));
    quadrants.push(ctx.l(labels::NO_OWNER));
    let grades: Vec<&str> = Grade::ALL.iter().map(|g| g.label(lang)).collect();
    let purposes: Vec<&str> = Grade::ALL.iter().map(|g| purpose(*g).get(lang)).collect();
    let fit = |header: crate::labels::Text, values: &[&str]| {
        super::table::fit_width(ctx.l(header), 8.0, values.iter().copied())
    };
    vec![
        col(ctx.l(labels::QUADRANT_SHORT), fit(labels::QUADRANT_SHORT, &quadrants), move |(v, _): &Row| {
            Out::Text(v.scored.quadrant.label(lang).to_string())
        }),
        view::id(ctx, me),
        view::name(ctx, me),
        view::owner(ctx, me),
        col(ctx.l(labels::GRADE), fit(labels::GRADE, &grades), move |(v, _): &Row| {
            Out::Text(v.scored.grade.label(lang).to_string())
        }),
        col(ctx.l(labels::PURPOSE), fit(labels::PURPOSE, &purposes), move |(v, _): &Row| {
            Out::Text(purpose(v.scored.grade).get(lang).to_string())
        }),
        col(ctx.l(labels::SCORE), 10.0, |(v, _): &Row| Out::Score(Some(v.scored.score))),
        col(ctx.l(labels::WEIGHT), 10.0, move |(v, _): &Row| {
            Out::Score(Some(crate::allocate::weight(v.scored.grade, v.scored.score, weights)))
        }),
        col(ctx.l(labels::SHARE_OF_QUADRANT), 12.0, |(_, s): &Row| Out::Pct(Some(s.fraction))),
        col(ctx.l(labels::HOURS), 10.0, |(_, s): &Row| Out::Num(Some(s.hours))),
        col(ctx.l(labels::PEOPLE_FTE), 10.0, |(_, s): &Row| Out::Score(Some(s.fte))),
        col(ctx.l(labels::MONEY), 12.0, |(_, s): &Row| Out::Money(Some(s.money))),
        col(ctx.l(labels::DEAL_VALUE), 14.0, |(v, _): &Row| Out::Money(v.deal())),
        view::source(ctx, me),
    ]
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let alloc = &ctx.eval.allocation;
    let mut prelude = |ws: &mut Worksheet| -> Result<u32, XlsxError> {
        ws.write_string_with_format(0, 0, ctx.l(labels::RESOURCE_ALLOCATION_ATTACK_DEFEND_MODEL), &fmt.title)?;
        let (line, warning) = capacity_lines(ctx);
        ws.write_string(1, 0, line)?;
        let mut r = 2;
        if let Some(w) = warning {
            ws.write_string_with_format(r, 0, w, &fmt.flagged)?;
            r += 1;
        }
        let mut r = quadrant_table(ws, r + 1, ctx, fmt)? + 1;
        for note in notes(ctx) {
            ws.write_string_with_format(r, 0, &note, &fmt.note)?;
            r += 1;
        }
        owners_table(ws, r + 1, ctx, fmt)
    };
    let cols = columns(ctx);
    let mut t = Table::of_with_prelude(wb, tab_name(Tab::Allocation, ctx.lang), &cols, fmt, &mut prelude)?;
    let member = |v: &View| crate::evaluate::member(v.record, v.scored, &ctx.model.allocation.grade_weights);
    let listed = |quadrant: Quadrant| alloc.quadrants.iter().find(|q| q.quadrant == quadrant).is_some_and(gets);
    // Every account of a quadrant that gets resources, D ones with their 0 hours; lost and
    // unclassified accounts have no quadrant here, so are not listed. Sorted as (index, hours),
    // 16 bytes an account, its share worked out again as it is written: a million accounts'
    // views and shares held for the sort took 56 bytes each.
    let mut rows: Vec<(usize, f64)> = ctx
        .views()
        .filter_map(|v| {
            let m = member(&v);
            if !listed(m.quadrant) {
                return None;
            }
            Some((v.index, alloc.share(&m)?.hours))
        })
        .collect();
    // By quadrant, then the most hours first, then the best score.
    let order = |q: Quadrant| crate::allocate::QUADRANTS.iter().position(|x| *x == q).unwrap_or(4);
    let scored = &ctx.eval.scored;
    rows.sort_by(|&(a, ha), &(b, hb)| {
        order(scored[a].quadrant)
            .cmp(&order(scored[b].quadrant))
            .then(hb.total_cmp(&ha))
            .then(scored[b].score.total_cmp(&scored[a].score))
    });
    for (index, _) in rows {
        let v = ctx.view(index);
        let Some(share) = alloc.share(&member(&v)) else { continue };
        t.item(wb, fmt, &cols, &(v, share))?;
    }
    t.finish()
}

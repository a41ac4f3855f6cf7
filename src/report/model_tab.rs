//! 模型 Model: the weights, lines, ratios and capacity used, the as-of date, the tool version,
//! the model's fingerprint and the input files with their sizes and modified times — enough
//! to audit any number in the report.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::write_cell;
use super::{tab_name, Context, Fmt, Out, Tab};
use crate::model::CapabilityLine;
use crate::score::Factor;

pub fn build(ctx: &Context, fmt: &Fmt) -> Result<Worksheet, XlsxError> {
    let lang = ctx.lang;
    let m = ctx.model;
    let mut ws = Worksheet::new();
    ws.set_name(tab_name(Tab::Model, lang))?;
    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 22)?;
    ws.set_column_width(2, 22)?;
    ws.set_column_width(3, 22)?;
    ws.set_column_width(4, 24)?;
    let mut r = 0u32;
    let mut line = |ws: &mut Worksheet, label: &str, value: Out| -> Result<(), XlsxError> {
        ws.write_string_with_format(r, 0, label, &fmt.bold)?;
        write_cell(ws, r, 1, &value, fmt)?;
        r += 1;
        Ok(())
    };
    line(&mut ws, ctx.t("评估基准日", "As-of date"), Out::Date(Some(ctx.eval.as_of)))?;
    line(&mut ws, ctx.t("工具版本", "Tool version"), Out::Text(format!("kascore {}", crate::VERSION)))?;
    line(&mut ws, ctx.t("模型来源", "Model"), Out::Text(ctx.model_source.clone()))?;
    line(&mut ws, ctx.t("模型指纹", "Model fingerprint"), Out::Text(ctx.model_hash.clone()))?;
    r += 1;
    ws.write_string_with_format(
        r,
        0,
        ctx.t(
            "风险评估表（出自《拿下大客户：大客户销售的48个秘诀》）",
            "Risk assessment table (from the book 拿下大客户：大客户销售的48个秘诀)",
        ),
        &fmt.header,
    )?;
    ws.write_string_with_format(r, 1, ctx.t("权重", "Weight"), &fmt.header)?;
    ws.write_string_with_format(r, 2, ctx.t("满分", "Points"), &fmt.header)?;
    r += 1;
    let weights = m.weights();
    let total: f64 = weights.iter().sum();
    for (f, w) in Factor::ALL.iter().zip(weights) {
        ws.write_string(r, 0, f.label(lang))?;
        ws.write_number(r, 1, w)?;
        ws.write_number_with_format(r, 2, w / total * m.score.total_points, &fmt.score)?;
        r += 1;
    }
    r += 1;
    let g = &m.grades;
    let capability = match m.quadrant.capability_line {
        CapabilityLine::Fixed(v) => Out::Money(Some(v)),
        CapabilityLine::Named(_) => Out::Text(match ctx.eval.capability_line {
            Some(v) => format!("{} {}", ctx.t("中位数", "median"), super::summary::n(v)),
            None => ctx.t("中位数（无年采购额数据）", "median (no annual purchase data)").to_string(),
        }),
    };
    let mut line = |ws: &mut Worksheet, label: &str, value: Out| -> Result<(), XlsxError> {
        ws.write_string_with_format(r, 0, label, &fmt.bold)?;
        write_cell(ws, r, 1, &value, fmt)?;
        r += 1;
        Ok(())
    };
    line(&mut ws, ctx.t("总分", "Total points"), Out::Num(Some(m.score.total_points)))?;
    line(&mut ws, ctx.t("合格线（低于为 D）", "Pass line (below: D)"), Out::Score(Some(g.pass_line)))?;
    line(&mut ws, ctx.t("A 级线", "A line"), Out::Score(Some(g.a_line)))?;
    line(&mut ws, ctx.t("A 级成交期限（天）", "A horizon (days)"), Out::Int(Some(i64::from(g.a_horizon_days))))?;
    line(&mut ws, ctx.t("B 级成交期限（天）", "B horizon (days)"), Out::Int(Some(i64::from(g.b_horizon_days))))?;
    line(
        &mut ws,
        ctx.t("未知因素上限（超过为待补充）", "Unknown factors allowed"),
        Out::Int(Some(i64::from(m.score.max_unknown_factors))),
    )?;
    line(
        &mut ws,
        ctx.t("预算区间最大宽度（高/低）", "Widest clear budget range (high/low)"),
        Out::Num(Some(m.intent.max_budget_range_ratio)),
    )?;
    line(&mut ws, ctx.t("高采购能力线", "High capability line"), capability)?;
    line(&mut ws, ctx.t("高份额线", "High share line"), Out::Pct(Some(m.quadrant.high_share)))?;
    line(
        &mut ws,
        ctx.t("信用评级标尺", "Credit scale"),
        Out::Text(format!("{:?}", m.score.credit.credit_scale).to_lowercase()),
    )?;
    line(
        &mut ws,
        ctx.t("信用弱：账期超过（天）", "Weak credit: terms over (days)"),
        Out::Int(Some(i64::from(m.flags.weak_terms_days))),
    )?;
    line(
        &mut ws,
        ctx.t("信用弱：逾期占比超过", "Weak credit: overdue share over"),
        Out::Pct(Some(m.flags.weak_overdue_share)),
    )?;
    line(
        &mut ws,
        ctx.t("信用弱：逾期天数超过", "Weak credit: overdue days over"),
        Out::Int(Some(i64::from(m.flags.weak_overdue_days))),
    )?;
    r += 1;
    for (c, h) in [ctx.t("象限", "Quadrant"), ctx.t("时间", "Time"), ctx.t("人力", "People"), ctx.t("资金", "Money")]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &fmt.header)?;
    }
    r += 1;
    let ratios = &m.allocation.ratios;
    for (q, v) in crate::allocate::QUADRANTS.iter().zip([ratios.attack, ratios.defend, ratios.maintain, ratios.abandon])
    {
        ws.write_string(r, 0, q.label(lang))?;
        for (c, x) in v.iter().enumerate() {
            ws.write_number(r, 1 + c as u16, *x)?;
        }
        r += 1;
    }
    let cap = ctx.eval.allocation.capacity;
    ws.write_string(r, 0, ctx.t("本期能力", "Capacity"))?;
    ws.write_number_with_format(r, 1, cap.hours, &fmt.num)?;
    ws.write_number_with_format(r, 2, cap.people, &fmt.num)?;
    ws.write_number_with_format(r, 3, cap.money, &fmt.money)?;
    r += 2;
    for (c, h) in [
        ctx.t("输入文件", "Input file"),
        ctx.t("大小（字节）", "Size (bytes)"),
        ctx.t("修改时间", "Modified"),
        ctx.t("客户表", "Account sheets"),
        ctx.t("数据行", "Rows"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &fmt.header)?;
    }
    r += 1;
    for input in &ctx.loaded.inputs {
        ws.write_string(r, 0, &*input.file.display)?;
        ws.write_number_with_format(r, 1, input.file.size as f64, &fmt.int)?;
        if let Some(t) = input.file.modified {
            let t: chrono::DateTime<chrono::Local> = t.into();
            ws.write_string(r, 2, t.format("%Y-%m-%d %H:%M:%S").to_string())?;
        }
        let sheets: Vec<String> =
            input.sheets.iter().filter(|s| s.header_row.is_some()).map(|s| s.name.to_string()).collect();
        ws.write_string(r, 3, sheets.join(", "))?;
        ws.write_number_with_format(r, 4, input.sheets.iter().map(|s| s.rows).sum::<u64>() as f64, &fmt.int)?;
        r += 1;
    }
    Ok(ws)
}

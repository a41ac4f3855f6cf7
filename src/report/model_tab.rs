//! 模型 Model: the weights, lines, ratios and capacity used, the as-of date, the tool version,
//! the model's fingerprint and the input files with their sizes and modified times — enough
//! to audit any number in the report.

use crate::labels;
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
    line(&mut ws, ctx.l(labels::AS_OF_DATE), Out::Date(Some(ctx.eval.as_of)))?;
    line(&mut ws, ctx.l(labels::TOOL_VERSION), Out::Text(format!("kascore {}", crate::VERSION)))?;
    line(&mut ws, ctx.l(labels::MODEL_SOURCE), Out::Text(ctx.model_source.clone()))?;
    line(&mut ws, ctx.l(labels::MODEL_FINGERPRINT), Out::Text(ctx.model_hash.clone()))?;
    r += 1;
    ws.write_string_with_format(r, 0, ctx.l(labels::RISK_ASSESSMENT_TABLE_FROM_THE_BOOK_48), &fmt.header)?;
    ws.write_string_with_format(r, 1, ctx.l(labels::WEIGHT), &fmt.header)?;
    ws.write_string_with_format(r, 2, ctx.l(labels::FULL_POINTS), &fmt.header)?;
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
            Some(v) => format!("{} {}", ctx.l(labels::MEDIAN), super::summary::n(v)),
            None => ctx.l(labels::MEDIAN_NO_ANNUAL_PURCHASE_DATA).to_string(),
        }),
    };
    let mut line = |ws: &mut Worksheet, label: &str, value: Out| -> Result<(), XlsxError> {
        ws.write_string_with_format(r, 0, label, &fmt.bold)?;
        write_cell(ws, r, 1, &value, fmt)?;
        r += 1;
        Ok(())
    };
    line(&mut ws, ctx.l(labels::TOTAL_POINTS), Out::Num(Some(m.score.total_points)))?;
    line(&mut ws, ctx.l(labels::PASS_LINE_BELOW_D), Out::Score(Some(g.pass_line)))?;
    line(&mut ws, ctx.l(labels::A_LINE), Out::Score(Some(g.a_line)))?;
    line(&mut ws, ctx.l(labels::A_HORIZON_DAYS), Out::Int(Some(i64::from(g.a_horizon_days))))?;
    line(&mut ws, ctx.l(labels::B_HORIZON_DAYS), Out::Int(Some(i64::from(g.b_horizon_days))))?;
    line(&mut ws, ctx.l(labels::UNKNOWN_FACTORS_ALLOWED), Out::Int(Some(i64::from(m.score.max_unknown_factors))))?;
    line(&mut ws, ctx.l(labels::WIDEST_CLEAR_BUDGET_RANGE_HIGH_LOW), Out::Num(Some(m.intent.max_budget_range_ratio)))?;
    line(&mut ws, ctx.l(labels::HIGH_CAPABILITY_LINE), capability)?;
    line(&mut ws, ctx.l(labels::HIGH_SHARE_LINE), Out::Pct(Some(m.quadrant.high_share)))?;
    line(&mut ws, ctx.l(labels::CREDIT_SCALE), Out::Text(format!("{:?}", m.score.credit.credit_scale).to_lowercase()))?;
    line(&mut ws, ctx.l(labels::WEAK_CREDIT_TERMS_OVER_DAYS), Out::Int(Some(i64::from(m.flags.weak_terms_days))))?;
    line(&mut ws, ctx.l(labels::WEAK_CREDIT_OVERDUE_SHARE_OVER), Out::Pct(Some(m.flags.weak_overdue_share)))?;
    line(&mut ws, ctx.l(labels::WEAK_CREDIT_OVERDUE_DAYS_OVER), Out::Int(Some(i64::from(m.flags.weak_overdue_days))))?;
    r += 1;
    for (c, h) in [ctx.l(labels::QUADRANT_SHORT), ctx.l(labels::TIME), ctx.l(labels::PEOPLE), ctx.l(labels::MONEY)]
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
    ws.write_string(r, 0, ctx.l(labels::CAPACITY))?;
    ws.write_number_with_format(r, 1, cap.hours, &fmt.num)?;
    ws.write_number_with_format(r, 2, cap.people, &fmt.num)?;
    ws.write_number_with_format(r, 3, cap.money, &fmt.money)?;
    r += 2;
    for (c, h) in [
        ctx.l(labels::INPUT_FILE),
        ctx.l(labels::SIZE_BYTES),
        ctx.l(labels::MODIFIED),
        ctx.l(labels::ACCOUNT_SHEETS),
        ctx.l(labels::ROWS),
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

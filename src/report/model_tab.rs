//! 模型 Model: the weights, lines, ratios and capacity used, the as-of date, the tool version,
//! the model's fingerprint and the input files with their sizes and modified times — enough
//! to audit any number in the report.

use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{write_cell, write_headers};
use super::{tab_name, Context, Fmt, Out, Tab};
use crate::model::CapabilityLine;
use crate::score::{Factor, Grade};

pub fn build(ctx: &Context, fmt: &Fmt) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(tab_name(Tab::Model, ctx.lang))?;
    for (c, w) in [44.0, 22.0, 22.0, 22.0, 24.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    // Printed or exported to PDF: one page wide.
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    let r = audit(&mut ws, 0, ctx, fmt)?;
    let r = factor_table(&mut ws, r + 1, ctx, fmt)?;
    let r = lines(&mut ws, r + 1, ctx, fmt)?;
    let r = ratio_table(&mut ws, r + 1, ctx, fmt)?;
    let r = inputs(&mut ws, r + 1, ctx, fmt)?;
    sheets(&mut ws, r + 1, ctx, fmt)?;
    Ok(ws)
}

/// Label-and-value lines from row `r`; returns the next free row.
fn write_lines(ws: &mut Worksheet, r: u32, lines: &[(&str, Out)], fmt: &Fmt) -> Result<u32, XlsxError> {
    for (i, (label, value)) in lines.iter().enumerate() {
        let row = r + i as u32;
        ws.write_string_with_format(row, 0, *label, &fmt.bold)?;
        write_cell(ws, row, 1, value, fmt)?;
    }
    Ok(r + lines.len() as u32)
}

/// As-of date, tool version, model source and fingerprint.
fn audit(ws: &mut Worksheet, r: u32, ctx: &Context, fmt: &Fmt) -> Result<u32, XlsxError> {
    let lines = [
        (ctx.l(labels::AS_OF_DATE), Out::Date(Some(ctx.eval.as_of))),
        (ctx.l(labels::TOOL_VERSION), Out::Text(format!("kascore {}", crate::VERSION))),
        (ctx.l(labels::MODEL_SOURCE), Out::Text(ctx.model_source.clone())),
        (ctx.l(labels::MODEL_FINGERPRINT), Out::Text(ctx.model_hash.clone())),
    ];
    write_lines(ws, r, &lines, fmt)
}

/// Each factor's weight and its points out of the total.
fn factor_table(ws: &mut Worksheet, r: u32, ctx: &Context, fmt: &Fmt) -> Result<u32, XlsxError> {
    let m = ctx.model;
    ws.write_string_with_format(r, 0, ctx.l(labels::RISK_ASSESSMENT_TABLE_FROM_THE_BOOK_48), &fmt.header)?;
    ws.write_string_with_format(r, 1, ctx.l(labels::WEIGHT), &fmt.header)?;
    ws.write_string_with_format(r, 2, ctx.l(labels::FULL_POINTS), &fmt.header)?;
    let weights = m.weights();
    let total: f64 = weights.iter().sum();
    let mut r = r + 1;
    for (f, w) in Factor::ALL.iter().zip(weights) {
        ws.write_string(r, 0, f.label(ctx.lang))?;
        ws.write_number(r, 1, w)?;
        ws.write_number_with_format(r, 2, w / total * m.score.total_points, &fmt.score)?;
        r += 1;
    }
    Ok(r)
}

/// The grade lines, horizons, quadrant lines and flag thresholds.
fn lines(ws: &mut Worksheet, r: u32, ctx: &Context, fmt: &Fmt) -> Result<u32, XlsxError> {
    let m = ctx.model;
    let g = &m.grades;
    let capability = match m.quadrant.capability_line {
        CapabilityLine::Fixed(v) => Out::Money(Some(v)),
        CapabilityLine::Named(_) => Out::Text(match ctx.eval.capability_line {
            Some(v) => format!("{} {}", ctx.l(labels::MEDIAN), super::summary::n(v)),
            None => ctx.l(labels::MEDIAN_NO_ANNUAL_PURCHASE_DATA).to_string(),
        }),
    };
    let days = |d: u32| Out::Int(Some(i64::from(d)));
    let lines = [
        (ctx.l(labels::TOTAL_POINTS), Out::Num(Some(m.score.total_points))),
        (ctx.l(labels::PASS_LINE_BELOW_D), Out::Score(Some(g.pass_line))),
        (ctx.l(labels::A_LINE), Out::Score(Some(g.a_line))),
        (ctx.l(labels::A_HORIZON_DAYS), days(g.a_horizon_days)),
        (ctx.l(labels::B_HORIZON_DAYS), days(g.b_horizon_days)),
        (ctx.l(labels::UNKNOWN_FACTORS_ALLOWED), Out::Int(Some(i64::from(m.score.max_unknown_factors)))),
        (ctx.l(labels::WIDEST_CLEAR_BUDGET_RANGE_HIGH_LOW), Out::Num(Some(m.intent.max_budget_range_ratio))),
        (ctx.l(labels::HIGH_CAPABILITY_LINE), capability),
        (ctx.l(labels::HIGH_SHARE_LINE), Out::Pct(Some(m.quadrant.high_share))),
        (ctx.l(labels::CREDIT_SCALE), Out::Text(format!("{:?}", m.score.credit.credit_scale).to_lowercase())),
        (ctx.l(labels::WEAK_CREDIT_TERMS_OVER_DAYS), days(m.flags.weak_terms_days)),
        (ctx.l(labels::WEAK_CREDIT_OVERDUE_SHARE_OVER), Out::Pct(Some(m.flags.weak_overdue_share))),
        (ctx.l(labels::WEAK_CREDIT_OVERDUE_DAYS_OVER), days(m.flags.weak_overdue_days)),
        (ctx.l(labels::RFM_RULE), Out::Text(ctx.l(labels::VALUE_FROM_ORDERS).to_string())),
        (ctx.l(labels::EXPECTED_YEARS), Out::Num(Some(m.value.expected_years))),
        (
            ctx.l(labels::PROMISE_RELATIONSHIP),
            Out::Text(format!(
                "{} − {} × n ≤ {}",
                m.score.relationship.promise_base,
                m.score.relationship.broken_deduction,
                m.score.relationship.max_deduction
            )),
        ),
        (
            ctx.l(labels::PROVISION_RATES),
            Out::Text(
                m.receivables.provision_rates.iter().map(|r| format!("{}%", r * 100.0)).collect::<Vec<_>>().join(" / "),
            ),
        ),
    ];
    write_lines(ws, r, &lines, fmt)
}

/// The resource ratios per quadrant and the period's capacity.
fn ratio_table(ws: &mut Worksheet, r: u32, ctx: &Context, fmt: &Fmt) -> Result<u32, XlsxError> {
    let heads = [ctx.l(labels::QUADRANT_SHORT), ctx.l(labels::TIME), ctx.l(labels::PEOPLE), ctx.l(labels::MONEY)];
    write_headers(ws, r, &heads, fmt)?;
    let mut r = r + 1;
    let ratios = &ctx.model.allocation.ratios;
    for (q, v) in crate::allocate::QUADRANTS.iter().zip([ratios.attack, ratios.defend, ratios.maintain, ratios.abandon])
    {
        ws.write_string(r, 0, q.label(ctx.lang))?;
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
    // Where each figure came from: this team's (command line, model file) or the default.
    let from: Vec<&str> = ctx
        .eval
        .capacity_source
        .iter()
        .map(|s| match s {
            crate::model::CapacitySource::CommandLine => ctx.l(labels::CAPACITY_COMMAND_LINE),
            crate::model::CapacitySource::ModelFile => ctx.l(labels::CAPACITY_MODEL_FILE),
            crate::model::CapacitySource::Default => ctx.l(labels::DEFAULT_SETTING),
        })
        .collect();
    ws.write_string_with_format(r, 4, from.join(" / "), &fmt.note)?;
    let mut r = r + 2;
    // The grade weights within a quadrant.
    let w = &ctx.model.allocation.grade_weights;
    ws.write_string_with_format(r, 0, ctx.l(labels::GRADE_WEIGHTS), &fmt.bold)?;
    let pairs = [
        (Grade::A, w.a),
        (Grade::B, w.b),
        (Grade::C, w.c),
        (Grade::D, w.d),
        (Grade::NeedsInfo, w.needs_info),
        (Grade::Won, w.won),
        (Grade::Lost, w.lost),
    ];
    for (c, (g, _)) in pairs.iter().enumerate() {
        ws.write_string_with_format(r, 1 + c as u16, g.label(ctx.lang), &fmt.header)?;
    }
    r += 1;
    for (c, (_, x)) in pairs.iter().enumerate() {
        ws.write_number(r, 1 + c as u16, *x)?;
    }
    Ok(r + 1)
}

/// The input files: size, modified time, account sheets and rows.
fn inputs(ws: &mut Worksheet, r: u32, ctx: &Context, fmt: &Fmt) -> Result<u32, XlsxError> {
    let heads = [
        ctx.l(labels::INPUT_FILE),
        ctx.l(labels::SIZE_BYTES),
        ctx.l(labels::MODIFIED),
        ctx.l(labels::ACCOUNT_SHEETS),
        ctx.l(labels::ROWS),
    ];
    write_headers(ws, r, &heads, fmt)?;
    let mut r = r + 1;
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
    Ok(r)
}

/// Every sheet read: each column with the field it was read as, then the columns not used (the
/// first [`UNUSED_LISTED`] of a sheet, and how many more).
fn sheets(ws: &mut Worksheet, r: u32, ctx: &Context, fmt: &Fmt) -> Result<u32, XlsxError> {
    let heads = [ctx.l(labels::SHEET), ctx.l(labels::COLUMN), ctx.l(labels::HEADER), ctx.l(labels::READ_AS)];
    write_headers(ws, r, &heads, fmt)?;
    let col = crate::provenance::column_letters;
    let mut r = r + 1;
    for input in &ctx.loaded.inputs {
        for sheet in input.sheets.iter().filter(|s| s.header_row.is_some()) {
            let name = format!("{}!{}", crate::provenance::file_name(&input.file.display), sheet.name);
            let read = sheet.columns.iter().map(|(c, t, f)| (*c, t, f.label(ctx.lang)));
            let unused = sheet.unused.iter().take(UNUSED_LISTED).map(|(c, t)| (*c, t, ctx.l(labels::NOT_USED)));
            for (c, header, field) in read.chain(unused) {
                ws.write_string(r, 0, &name)?;
                ws.write_string(r, 1, col(c))?;
                ws.write_string(r, 2, super::table::excel_text(header))?;
                ws.write_string(r, 3, field)?;
                r += 1;
            }
            if sheet.unused.len() > UNUSED_LISTED {
                let more = sheet.unused.len() - UNUSED_LISTED;
                let text = match ctx.lang {
                    crate::Lang::Zh => format!("另有 {more} 列未使用"),
                    crate::Lang::En => format!("{more} more columns not used"),
                };
                ws.write_string(r, 0, &name)?;
                ws.write_string_with_format(r, 2, text, &fmt.note)?;
                r += 1;
            }
        }
    }
    Ok(r)
}

/// Unused columns listed per sheet on the Model tab.
const UNUSED_LISTED: usize = 50;

//! 客户价值 Customer value (SPEC §3.7): per account with order history its recency, frequency,
//! 12-month sales and margin, RFM code and segment, lifetime value, and whether it is in the top
//! 20% that make the 20/80 line — largest sales first, the line itself above the list.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, Column};
use super::view::{self, View};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::labels;
use crate::value::CustomerValue;

type Row<'a> = (View<'a>, CustomerValue, bool);

fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, Row<'a>>> {
    let lang = ctx.lang;
    let me = |r: &Row<'a>| r.0;
    let years = ctx.model.value.expected_years;
    vec![
        view::id(ctx, me),
        view::name(ctx, me),
        view::owner(ctx, me),
        col(ctx.l(labels::GRADE), 8.0, move |r: &Row| Out::Text(r.0.scored.grade.label(lang).to_string())),
        col(ctx.l(labels::RECENCY_DAYS), 10.0, |r: &Row| Out::Int(Some(r.1.recency_days))),
        col(ctx.l(labels::FREQUENCY_12M), 10.0, |r: &Row| Out::Int(Some(i64::from(r.1.frequency)))),
        col(ctx.l(labels::SALES_12M), 14.0, |r: &Row| Out::Money(Some(r.1.monetary))),
        col(ctx.l(labels::MARGIN_12M), 14.0, |r: &Row| Out::Money(r.1.margin)),
        col("RFM", 7.0, |r: &Row| Out::Text(r.1.rfm())),
        col(ctx.l(labels::SEGMENT), 10.0, move |r: &Row| Out::Text(r.1.segment.label(lang).to_string())),
        col(ctx.l(labels::LIFETIME_VALUE), 14.0, move |r: &Row| Out::Money(crate::value::lifetime(&r.1, years))),
        col(ctx.l(labels::TOP_20), 8.0, move |r: &Row| {
            Out::Text(if r.2 { ctx.l(labels::YES).into() } else { String::new() })
        }),
        view::source(ctx, me),
    ]
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let cols = columns(ctx);
    let pareto = ctx.eval.pareto.as_ref();
    let line = match (pareto, ctx.lang) {
        (Some(p), crate::Lang::Zh) => format!(
            "20/80：销售额前 20% 的 {} 个客户（共 {} 个有订单的客户）贡献近12月销售额的 {:.1}%。生命周期价值 = 近12月毛利 × {} 年（模型 [value] expected_years）。",
            p.top.len(),
            p.of,
            p.share * 100.0,
            ctx.model.value.expected_years
        ),
        (Some(p), crate::Lang::En) => format!(
            "20/80: the top 20% by sales, {} of {} accounts with orders, made {:.1}% of the 12-month sales. Lifetime value = 12-month gross margin × {} years (model [value] expected_years).",
            p.top.len(),
            p.of,
            p.share * 100.0,
            ctx.model.value.expected_years
        ),
        (None, _) => ctx.l(labels::NO_SALES_12M).to_string(),
    };
    let basis = match ctx.eval.value_basis {
        Some(crate::value::Basis::WonDeals) => ctx.l(labels::VALUE_FROM_WON_DEALS),
        _ => ctx.l(labels::VALUE_FROM_ORDERS),
    };
    let mut prelude = |ws: &mut Worksheet| -> Result<u32, XlsxError> {
        ws.write_string_with_format(0, 0, ctx.l(labels::TAB_VALUE), &fmt.title)?;
        ws.write_string(1, 0, &line)?;
        ws.write_string(2, 0, basis)?;
        Ok(4)
    };
    let mut t = Table::of_with_prelude(wb, tab_name(Tab::Value, ctx.lang), &cols, fmt, &mut prelude)?;
    let top: std::collections::HashSet<usize> = pareto.map(|p| p.top.iter().copied().collect()).unwrap_or_default();
    let mut rows: Vec<Row> =
        ctx.views().filter_map(|v| Some((v, ctx.eval.value(v.index)?, top.contains(&v.index)))).collect();
    rows.sort_by(|a, b| b.1.monetary.total_cmp(&a.1.monetary).then(a.0.index.cmp(&b.0.index)));
    for r in &rows {
        t.item(wb, fmt, &cols, r)?;
    }
    t.finish()
}

//! 概览 Summary: what management reads first (SPEC §4 v2). A headline block (with `--previous`,
//! each figure's change since last month), the inputs and the row accounting, counts and deal
//! value per grade and quadrant, flags, receivables and their aging, the pipeline by close
//! month, the grade mix by owner, the top accounts and (with `--previous`) the top movers, links
//! to every tab, and native Excel charts sized 16:9 for a slide, each titled with its unit.
//! Amounts here are in 万元 in Chinese and in thousands in English (元 in the detail tabs).

use crate::labels;
use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartMarker,
    ChartMarkerType, ChartPoint, ChartSolidFill, ChartType, Worksheet, XlsxError,
};

use super::table::{write_cell, write_cells, write_headers};
use super::view::View;
use super::{tab_name, Context, Fmt, Out, Tab};
use crate::score::{FlagKind, Grade, Quadrant};

/// A number for prose: "1,600", "2.5".
pub fn n(v: f64) -> String {
    let s = crate::numfmt::num(v);
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
    let neg = int.starts_with('-');
    let digits = int.trim_start_matches('-');
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{}{out}{}{frac}", if neg { "-" } else { "" }, if frac.is_empty() { "" } else { "." })
}

/// Slide-sized charts: 16:9.
const CHART_W: u32 = 640;
const CHART_H: u32 = 360;

/// Where the next block of the summary goes: blocks are laid out one below the other, each
/// taking the rows it needs, so a block that grows moves the ones below it.
struct Cursor {
    row: u32,
}

impl Cursor {
    /// The first row of a block of `rows` rows, and the cursor moved below it.
    fn take(&mut self, rows: u32) -> u32 {
        let at = self.row;
        self.row += rows;
        at
    }

    /// Leave `rows` blank rows.
    fn gap(&mut self, rows: u32) {
        self.row += rows;
    }
}

/// The rows of a block's data (first, last), for a chart's ranges.
type Rows = (u32, u32);

/// Writes a link to a tab when the report has it, else the plain text.
struct Links<'t> {
    tabs: &'t [String],
}

impl Links<'_> {
    fn write(&self, ws: &mut Worksheet, r: u32, c: u16, tab: &str, text: &str, fmt: &Fmt) -> Result<(), XlsxError> {
        if self.tabs.iter().any(|t| t == tab) {
            let url = rust_xlsxwriter::Url::new(format!("internal:'{tab}'!A1")).set_text(text);
            ws.write_url_with_format(r, c, url, &fmt.link)?;
        } else {
            ws.write_string(r, c, text)?;
        }
        Ok(())
    }
}

/// A table's header row, tall enough for a header that wraps in its column.
fn headers<S: AsRef<str>>(ws: &mut Worksheet, r: u32, heads: &[S], fmt: &Fmt) -> Result<(), XlsxError> {
    write_headers(ws, r, heads, fmt)?;
    ws.set_row_height(r, 30)?;
    Ok(())
}

/// Amounts on the summary: 万元 in Chinese, thousands in English.
#[derive(Clone, Copy)]
struct Unit {
    divisor: f64,
    lang: crate::Lang,
}

impl Unit {
    fn of(lang: crate::Lang) -> Unit {
        Unit { divisor: if lang == crate::Lang::Zh { 10_000.0 } else { 1_000.0 }, lang }
    }

    fn v(self, amount: f64) -> f64 {
        amount / self.divisor
    }

    /// "预计金额（万元）", "Deal value (CNY k)".
    fn head(self, label: &str) -> String {
        match self.lang {
            crate::Lang::Zh => format!("{label}（万元）"),
            crate::Lang::En => format!("{label} (CNY k)"),
        }
    }
}

/// Where the charts go: one column of charts right of the tables, each 16:9.
const CHART_COL: u16 = 9;
const CHART_ROWS: u32 = 19;
/// Where the quadrant matrix's points are written: right of the charts, outside the print area.
const MATRIX_COL: u16 = 21;
/// At most this many points per quadrant in the matrix (the largest deal values).
const MATRIX_POINTS: usize = 100;

pub fn build(ctx: &Context, fmt: &Fmt, tabs: &[String]) -> Result<Worksheet, XlsxError> {
    let name = tab_name(Tab::Summary, ctx.lang);
    let unit = Unit::of(ctx.lang);
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    // Column A holds names (top accounts, owners, sources): wide enough for the longest.
    ws.set_column_width(0, first_column_width(ctx))?;
    for c in 1..=5 {
        ws.set_column_width(c, 14)?;
    }
    // The grade mix by owner runs to column H (已流失).
    for c in 6..=7 {
        ws.set_column_width(c, 10)?;
    }
    let links = Links { tabs };
    let mut at = Cursor { row: 0 };
    ws.write_string_with_format(at.take(1), 0, ctx.l(labels::KEY_ACCOUNT_REPORT), &fmt.title)?;
    headline(&mut ws, &mut at, ctx, fmt, unit)?;
    at.gap(1);
    heading(&mut ws, &mut at, ctx, fmt)?;
    at.gap(1);
    let grade_rows = grades(&mut ws, &mut at, ctx, fmt, &links, unit)?;
    at.gap(1);
    let quadrant_rows = quadrants(&mut ws, &mut at, ctx, fmt, &links, unit)?;
    at.gap(1);
    flags(&mut ws, &mut at, ctx, fmt, &links)?;
    at.gap(1);
    let aging_rows = aging(&mut ws, &mut at, ctx, fmt, &links, unit)?;
    at.gap(1);
    let month_rows = pipeline_by_month(&mut ws, &mut at, ctx, fmt, unit)?;
    at.gap(1);
    let owner_rows = grade_mix_by_owner(&mut ws, &mut at, ctx, fmt)?;
    at.gap(1);
    let stage_rows = stage_funnel(&mut ws, &mut at, ctx, fmt, unit)?;
    for (field, label) in [(Breakdown::Region, labels::REGION), (Breakdown::Industry, labels::INDUSTRY)] {
        at.gap(1);
        breakdown(&mut ws, &mut at, ctx, fmt, unit, field, label)?;
    }
    let segment_rows = if ctx.eval.values.iter().any(Option::is_some) {
        at.gap(1);
        Some(segments(&mut ws, &mut at, ctx, fmt)?)
    } else {
        None
    };
    at.gap(1);
    top_accounts(&mut ws, &mut at, ctx, fmt, unit)?;
    if ctx.changes.is_some() {
        at.gap(1);
        top_movers(&mut ws, &mut at, ctx, fmt)?;
    }
    at.gap(1);
    sources(&mut ws, &mut at, ctx, fmt)?;
    let last_row = at.row;
    let matrix = matrix_points(&mut ws, ctx, fmt, unit)?;
    let mut slot = 0u32;
    let mut place = |ws: &mut Worksheet, chart: &Chart| -> Result<(), XlsxError> {
        ws.insert_chart(1 + slot * CHART_ROWS, CHART_COL, chart)?;
        slot += 1;
        Ok(())
    };
    place(&mut ws, &grade_chart(name, ctx, grade_rows, unit))?;
    place(&mut ws, &matrix_chart(name, ctx, &matrix, unit))?;
    place(&mut ws, &allocation_chart(name, ctx, quadrant_rows))?;
    place(&mut ws, &aging_chart(name, ctx, aging_rows, unit))?;
    place(&mut ws, &month_chart(name, ctx, month_rows, unit))?;
    place(&mut ws, &owner_chart(name, ctx, owner_rows))?;
    place(&mut ws, &stage_chart(name, ctx, stage_rows))?;
    if let Some(rows) = segment_rows {
        place(&mut ws, &segment_chart(name, ctx, rows, unit))?;
    }
    // Printed or exported to PDF: A4 landscape at 75% with narrow side margins, so text prints at
    // about 8 pt (fitting tables and charts side by side on one page width shrank it to 5 pt). The
    // tables print first, on pages of their own (columns A to I, about 1,270 px in LibreOffice's
    // default font, 9.9 in at 75%), then the charts two a page, none cut by a break; the matrix's
    // points to the right are not printed.
    let charts_end = CHART_COL + 10;
    ws.set_print_area(0, 0, last_row.max(1 + slot * CHART_ROWS), charts_end)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_scale(75);
    ws.set_margins(0.4, 0.4, 0.75, 0.75, 0.3, 0.3);
    ws.set_vertical_page_breaks(&[u32::from(CHART_COL)])?;
    let pages = last_row.div_ceil(2 * CHART_ROWS).max(slot.div_ceil(2));
    let breaks: Vec<u32> = (1..pages).map(|p| 1 + p * 2 * CHART_ROWS).collect();
    ws.set_page_breaks(&breaks)?;
    let title = ctx.l(labels::KEY_ACCOUNT_REPORT);
    let as_of = ctx.eval.as_of.format("%Y-%m-%d");
    let (header, footer) = match ctx.lang {
        crate::Lang::Zh => (format!("&L{title}&R评估基准日 {as_of}"), "&C第 &P 页，共 &N 页".to_string()),
        crate::Lang::En => (format!("&L{title}&RAs of {as_of}"), "&CPage &P of &N".to_string()),
    };
    ws.set_header(header);
    ws.set_footer(footer);
    Ok(ws)
}

/// Column A's width: the longest name it shows (top accounts, owners), 24 to 40.
fn first_column_width(ctx: &Context) -> f64 {
    let mut longest = 24usize;
    let mut best: Vec<View> = top_views(ctx);
    best.truncate(10);
    for v in best {
        longest = longest.max(super::table::text_width(v.name()));
    }
    for o in ctx.eval.owners.iter().take(OWNERS_SHOWN) {
        longest = longest.max(super::table::text_width(&o.owner));
    }
    // Source sheets wrap instead: a long path would push the charts off the page.
    (longest + 2).min(40) as f64
}

/// The headline: the figures a manager quotes, and with `--previous` each one's change.
fn headline(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt, unit: Unit) -> Result<(), XlsxError> {
    let rv = &ctx.eval.receivables;
    let weights = &ctx.model.allocation.grade_weights;
    let (mut open, mut weighted) = (0.0, 0.0);
    for v in ctx.views().filter(|v| crate::score::has_open_deal(v.record)) {
        let deal = v.deal().unwrap_or(0.0);
        open += deal;
        // Deals with a probability count by it; the rest by the grade's allocation weight.
        let by_probability = v.record.rollup().and_then(|r| r.deals.as_deref()).map_or(0.0, |d| d.weighted);
        weighted += if by_probability > 0.0 {
            by_probability
        } else {
            deal * crate::allocate::weight(v.scored.grade, 1.0, weights)
        };
    }
    let (a_count, a_value) = count_and_deal(ctx, |v| v.scored.grade == Grade::A);
    let share = (rv.balance > 0.0).then(|| rv.overdue / rv.balance);
    // Last month's figures, where the previous report has them.
    let prev = ctx.previous;
    let prev_accounts = prev.map(|p| p.accounts.len() as f64);
    let prev_a = prev.map(|p| p.accounts.iter().filter(|a| a.grade == Grade::A).count() as f64);
    let prev_money = |f: fn(&crate::previous::Details) -> Option<f64>| {
        prev.and_then(|p| {
            let known: Vec<f64> = p.accounts.iter().filter_map(|a| a.details.as_ref().and_then(f)).collect();
            (!known.is_empty()).then(|| known.iter().sum::<f64>())
        })
    };
    let prev_balance = prev_money(|d| d.receivables);
    let prev_overdue = prev_money(|d| d.overdue);
    let prev_share = prev_balance.zip(prev_overdue).and_then(|(b, o)| (b > 0.0).then(|| o / b));
    let prev_provision = prev_money(|d| d.provision);
    let mut head = vec![ctx.l(labels::HEADLINE), ctx.l(labels::FIGURE)];
    if prev.is_some() {
        head.push(ctx.l(labels::SINCE_LAST_MONTH));
    }
    headers(ws, at.take(1), &head, fmt)?;
    type Line = (String, Out, Option<Out>);
    let delta = |now: f64, then: Option<f64>| then.map(|t| now - t);
    let lines: Vec<Line> = vec![
        (
            ctx.l(labels::AS_OF).to_string(),
            Out::Date(Some(ctx.eval.as_of)),
            prev.and_then(|p| p.as_of).map(|d| Out::Date(Some(d))),
        ),
        (
            ctx.l(labels::ACCOUNTS).to_string(),
            Out::Int(Some(ctx.views().count() as i64)),
            delta(ctx.views().count() as f64, prev_accounts).map(|d| Out::Int(Some(d as i64))),
        ),
        (unit.head(ctx.l(labels::OPEN_PIPELINE)), Out::Num(Some(unit.v(open))), None),
        (unit.head(ctx.l(labels::WEIGHTED_PIPELINE)), Out::Num(Some(unit.v(weighted))), None),
        (
            ctx.l(labels::A_ACCOUNTS).to_string(),
            Out::Int(Some(a_count as i64)),
            delta(a_count as f64, prev_a).map(|d| Out::Int(Some(d as i64))),
        ),
        (unit.head(ctx.l(labels::A_DEAL_VALUE)), Out::Num(Some(unit.v(a_value))), None),
        (
            unit.head(ctx.l(labels::RECEIVABLES_TOTAL)),
            Out::Num(Some(unit.v(rv.balance))),
            delta(rv.balance, prev_balance).map(|d| Out::Num(Some(unit.v(d)))),
        ),
        (
            ctx.l(labels::OVERDUE_SHARE).to_string(),
            Out::Pct(share),
            share.zip(prev_share).map(|(a, b)| Out::Pct(Some(a - b))),
        ),
        (
            unit.head(ctx.l(labels::PROVISION)),
            Out::Num(Some(unit.v(rv.provision))),
            delta(rv.provision, prev_provision).map(|d| Out::Num(Some(unit.v(d)))),
        ),
        (ctx.l(labels::TOP_20_CONCENTRATION).to_string(), Out::Pct(rv.concentration), None),
    ];
    for (label, value, change) in &lines {
        let r = at.take(1);
        ws.write_string_with_format(r, 0, label, &fmt.bold)?;
        write_cell(ws, r, 1, value, fmt)?;
        if let Some(c) = change {
            write_cell(ws, r, 2, c, fmt)?;
        }
    }
    let r = at.take(1);
    ws.write_string_with_format(r, 0, ctx.l(labels::WEIGHTED_PIPELINE_NOTE), &fmt.note)?;
    Ok(())
}

/// As of, inputs, the row accounting and the issue counts.
fn heading(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt) -> Result<(), XlsxError> {
    let files = ctx.loaded.inputs.iter().filter(|i| !i.own_report).count();
    let sheets: usize =
        ctx.loaded.inputs.iter().map(|i| i.sheets.iter().filter(|s| s.header_row.is_some()).count()).sum();
    let rec = ctx.eval.reconciliation;
    let rows = n(rec.rows_read as f64);
    let inputs = match ctx.lang {
        crate::Lang::Zh => format!("{files} 个文件，{sheets} 张表，{rows} 行数据"),
        crate::Lang::En => format!("{files} files, {sheets} sheets, {rows} data rows"),
    };
    let lines = [
        (ctx.l(labels::INPUTS), Out::Text(inputs)),
        (ctx.l(labels::ROW_ACCOUNTING), Out::Text(rec.equation(ctx.lang))),
        (ctx.l(labels::ACCOUNT_ACCOUNTING), Out::Text(rec.accounts_equation(ctx.lang))),
        (ctx.l(labels::DATA_ISSUES), Out::Text(issue_line(ctx))),
    ];
    for (label, value) in &lines {
        let r = at.take(1);
        ws.write_string_with_format(r, 0, *label, &fmt.bold)?;
        write_cell(ws, r, 1, value, fmt)?;
    }
    Ok(())
}

/// How many accounts `which` selects, and their deal value, in one pass.
fn count_and_deal(ctx: &Context, which: impl Fn(&View) -> bool) -> (usize, f64) {
    ctx.views().filter(|v| which(v)).fold((0, 0.0), |(n, deal), v| (n + 1, deal + v.deal().unwrap_or(0.0)))
}

/// One colour per grade, in [`Grade::ALL`] order: A green … D grey.
const GRADE_COLOURS: [u32; 7] = [0x2E7D32, 0x1E88E5, 0xF9A825, 0x9E9E9E, 0xFB8C00, 0x00695C, 0xC62828];
/// One colour per quadrant, in [`crate::allocate::QUADRANTS`] order.
const QUADRANT_COLOURS: [u32; 4] = [0xE53935, 0x1E88E5, 0xFDD835, 0x9E9E9E];

/// Accounts and deal value per grade, with the action.
fn grades(
    ws: &mut Worksheet,
    at: &mut Cursor,
    ctx: &Context,
    fmt: &Fmt,
    links: &Links,
    unit: Unit,
) -> Result<Rows, XlsxError> {
    let lang = ctx.lang;
    // The action of each grade is on its tab, above the list.
    let heads =
        [ctx.l(labels::GRADE).to_string(), ctx.l(labels::ACCOUNTS).to_string(), unit.head(ctx.l(labels::DEAL_VALUE))];
    headers(ws, at.take(1), &heads, fmt)?;
    let first = at.row;
    for g in Grade::ALL {
        let r = at.take(1);
        let tab = tab_name(
            match g {
                Grade::NeedsInfo => Tab::NeedsInfo,
                Grade::Won | Grade::Lost => Tab::WonLost,
                g => Tab::Grade(g),
            },
            lang,
        );
        links.write(ws, r, 0, tab, g.label(lang), fmt)?;
        let (count, deal) = count_and_deal(ctx, |v| v.scored.grade == g);
        ws.write_number_with_format(r, 1, count as f64, &fmt.int)?;
        ws.write_number_with_format(r, 2, unit.v(deal), &fmt.num)?;
    }
    Ok((first, at.row - 1))
}

/// Accounts, deal value, hours, people and money per quadrant (the unclassified last, with
/// no resources); the rows of the four quadrants that share the resources.
fn quadrants(
    ws: &mut Worksheet,
    at: &mut Cursor,
    ctx: &Context,
    fmt: &Fmt,
    links: &Links,
    unit: Unit,
) -> Result<Rows, XlsxError> {
    let lang = ctx.lang;
    let heads = [
        ctx.l(labels::QUADRANT).to_string(),
        ctx.l(labels::ACCOUNTS).to_string(),
        unit.head(ctx.l(labels::DEAL_VALUE)),
        ctx.l(labels::HOURS).to_string(),
        ctx.l(labels::PEOPLE_FTE).to_string(),
        unit.head(ctx.l(labels::MONEY)),
    ];
    headers(ws, at.take(1), &heads, fmt)?;
    let first = at.row;
    for q in Quadrant::ALL {
        let r = at.take(1);
        links.write(ws, r, 0, tab_name(Tab::Allocation, lang), q.label(lang), fmt)?;
        let (count, deal) = count_and_deal(ctx, |v| v.scored.quadrant == q);
        ws.write_number_with_format(r, 1, count as f64, &fmt.int)?;
        ws.write_number_with_format(r, 2, unit.v(deal), &fmt.num)?;
        let share = ctx.eval.allocation.quadrants.iter().find(|x| x.quadrant == q);
        let (hours, people, money) = share.map_or((0.0, 0.0, 0.0), |s| (s.hours, s.people, s.money));
        ws.write_number_with_format(r, 3, hours, &fmt.num)?;
        ws.write_number_with_format(r, 4, people, &fmt.num)?;
        ws.write_number_with_format(r, 5, unit.v(money), &fmt.num)?;
    }
    Ok((first, first + 3))
}

/// Accounts per flag, and beside them (with `--previous`) the movement since last month.
fn flags(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt, links: &Links) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let top = at.take(1);
    ws.set_row_height(top, 30)?;
    ws.write_string_with_format(top, 0, ctx.l(labels::FLAGS), &fmt.header)?;
    ws.write_string_with_format(top, 1, ctx.l(labels::ACCOUNTS), &fmt.header)?;
    for k in FlagKind::ALL {
        let r = at.take(1);
        links.write(ws, r, 0, tab_name(Tab::Flags, lang), k.label(lang), fmt)?;
        ws.write_number_with_format(r, 1, ctx.eval.scored.iter().filter(|s| s.has(k)).count() as f64, &fmt.int)?;
    }
    let Some(changes) = ctx.changes else { return Ok(()) };
    ws.write_string_with_format(top, 3, ctx.l(labels::SINCE_LAST_MONTH), &fmt.header)?;
    ws.write_string_with_format(top, 4, ctx.l(labels::ACCOUNTS), &fmt.header)?;
    let mut r = top + 1;
    for m in crate::changes::Movement::ALL {
        links.write(ws, r, 3, tab_name(Tab::Changes, lang), m.label(lang), fmt)?;
        ws.write_number_with_format(r, 4, changes.iter().filter(|c| c.movement == m).count() as f64, &fmt.int)?;
        r += 1;
    }
    let slipped = changes.iter().filter(|c| c.close_shift_days.is_some_and(|d| d > 0)).count();
    ws.write_string(r, 3, ctx.l(labels::CLOSE_DATE_SLIPPED))?;
    ws.write_number_with_format(r, 4, slipped as f64, &fmt.int)?;
    Ok(())
}

/// The aging buckets, current first, adding up to the receivables total; then overdue,
/// provision and expected collections.
fn aging(
    ws: &mut Worksheet,
    at: &mut Cursor,
    ctx: &Context,
    fmt: &Fmt,
    links: &Links,
    unit: Unit,
) -> Result<Rows, XlsxError> {
    let rv = &ctx.eval.receivables;
    let top = at.take(1);
    links.write(ws, top, 0, tab_name(Tab::Receivables, ctx.lang), ctx.l(labels::AGING_DAYS), fmt)?;
    ws.set_row_height(top, 30)?;
    ws.write_string_with_format(top, 1, unit.head(ctx.l(labels::RECEIVABLES)), &fmt.header)?;
    ws.write_string_with_format(top, 2, unit.head(ctx.l(labels::PROVISION)), &fmt.header)?;
    let first = at.row;
    let buckets = [ctx.l(labels::CURRENT_NOT_DUE), "1-30", "31-60", "61-90", "91-180", ">180"];
    for ((b, v), p) in buckets.iter().zip(rv.buckets).zip(rv.provision_buckets) {
        let r = at.take(1);
        ws.write_string(r, 0, *b)?;
        ws.write_number_with_format(r, 1, unit.v(v), &fmt.num)?;
        ws.write_number_with_format(r, 2, unit.v(p), &fmt.num)?;
    }
    let last = at.row - 1;
    let r = at.take(1);
    ws.write_string_with_format(r, 0, ctx.l(labels::RECEIVABLES_TOTAL), &fmt.bold)?;
    ws.write_number_with_format(r, 1, unit.v(rv.balance), &fmt.num)?;
    ws.write_number_with_format(r, 2, unit.v(rv.provision), &fmt.num)?;
    let r = at.take(1);
    ws.write_string_with_format(r, 0, ctx.l(labels::OVERDUE_TOTAL), &fmt.bold)?;
    ws.write_number_with_format(r, 1, unit.v(rv.overdue), &fmt.num)?;
    for (within, v) in [30, 60, 90].into_iter().zip(rv.due) {
        let r = at.take(1);
        let label = match ctx.lang {
            crate::Lang::Zh => format!("{within} 天内到期"),
            crate::Lang::En => format!("Due in {within} days"),
        };
        ws.write_string(r, 0, label)?;
        ws.write_number_with_format(r, 1, unit.v(v), &fmt.num)?;
    }
    Ok((first, last))
}

/// Open deal value by expected close month: passed, the next twelve months, later, unknown.
/// Every open deal is in exactly one row, so the rows add up to the open pipeline.
fn pipeline_by_month(
    ws: &mut Worksheet,
    at: &mut Cursor,
    ctx: &Context,
    fmt: &Fmt,
    unit: Unit,
) -> Result<Rows, XlsxError> {
    use chrono::Datelike;
    let as_of = ctx.eval.as_of;
    let month0 = as_of.year() * 12 + as_of.month0() as i32;
    // 0: passed; 1..=12: this month and the eleven after; 13: later; 14: unknown.
    let mut sums = [(0usize, 0.0f64); 15];
    for v in ctx.views().filter(|v| crate::score::has_open_deal(v.record)) {
        let slot = match v.record.account.expected_close() {
            None => 14,
            Some(d) if d < as_of => 0,
            Some(d) => {
                let k = (d.year() * 12 + d.month0() as i32) - month0;
                if k < 12 {
                    1 + k as usize
                } else {
                    13
                }
            }
        };
        sums[slot].0 += 1;
        sums[slot].1 += v.deal().unwrap_or(0.0);
    }
    let heads = [
        ctx.l(labels::EXPECTED_CLOSE_MONTH).to_string(),
        ctx.l(labels::ACCOUNTS).to_string(),
        unit.head(ctx.l(labels::DEAL_VALUE)),
    ];
    headers(ws, at.take(1), &heads, fmt)?;
    let first = at.row;
    for (slot, (n, value)) in sums.iter().enumerate() {
        let label = match slot {
            0 => ctx.l(labels::CLOSE_PASSED).to_string(),
            13 => ctx.l(labels::LATER).to_string(),
            14 => ctx.l(labels::CLOSE_UNKNOWN).to_string(),
            k => {
                let m = month0 + k as i32 - 1;
                format!("{}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
            }
        };
        let r = at.take(1);
        ws.write_string(r, 0, label)?;
        ws.write_number_with_format(r, 1, *n as f64, &fmt.int)?;
        ws.write_number_with_format(r, 2, unit.v(*value), &fmt.num)?;
    }
    Ok((first, at.row - 1))
}

/// Accounts and deal value per stage, seed 004's order: the open stages, then won and lost,
/// then the prospects whose stage is not given. Every account is in one row.
fn stage_funnel(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt, unit: Unit) -> Result<Rows, XlsxError> {
    use crate::ingest::Stage;
    // The stages in seed 004's order (`Stage::ALL`), then not given.
    let mut sums = [(0usize, 0.0f64); Stage::ALL.len() + 1];
    for v in ctx.views() {
        let slot = v.stage().map_or(Stage::ALL.len(), |s| s as usize);
        sums[slot].0 += 1;
        sums[slot].1 += v.deal().unwrap_or(0.0);
    }
    let heads =
        [ctx.l(labels::STAGE).to_string(), ctx.l(labels::ACCOUNTS).to_string(), unit.head(ctx.l(labels::DEAL_VALUE))];
    headers(ws, at.take(1), &heads, fmt)?;
    let first = at.row;
    for (i, (n, value)) in sums.iter().enumerate() {
        let label = Stage::ALL.get(i).map_or(ctx.l(labels::STAGE_UNKNOWN), |s| s.label(ctx.lang));
        let r = at.take(1);
        ws.write_string(r, 0, label)?;
        ws.write_number_with_format(r, 1, *n as f64, &fmt.int)?;
        ws.write_number_with_format(r, 2, unit.v(*value), &fmt.num)?;
    }
    Ok((first, at.row - 1))
}

/// What a breakdown is by.
#[derive(Clone, Copy)]
enum Breakdown {
    Region,
    Industry,
}

/// Rows shown one by one in a breakdown (the largest deal values); the rest are one row.
const BREAKDOWN_ROWS: usize = 8;

/// Accounts, A and B accounts, deal value and receivables per region (or industry), the
/// largest deal value first; the rest and the accounts without one are a row each. Nothing is
/// written when no account has one.
fn breakdown(
    ws: &mut Worksheet,
    at: &mut Cursor,
    ctx: &Context,
    fmt: &Fmt,
    unit: Unit,
    by: Breakdown,
    label: crate::labels::Text,
) -> Result<(), XlsxError> {
    // (accounts, A or B, deal value, receivables) per region or industry number (0: not
    // given), each account counted by the number its record keeps: no text looked up or hashed
    // per account.
    let mut sums: std::collections::HashMap<u16, (usize, usize, f64, f64)> = std::collections::HashMap::new();
    for v in ctx.views() {
        let a = &v.record.account;
        let id = match by {
            Breakdown::Region => a.region_id(),
            Breakdown::Industry => a.industry_id(),
        };
        let e = sums.entry(id).or_default();
        e.0 += 1;
        e.1 += usize::from(matches!(v.scored.grade, Grade::A | Grade::B));
        e.2 += v.deal().unwrap_or(0.0);
        e.3 += v.receivables().unwrap_or(0.0);
    }
    let missing = sums.remove(&0);
    if sums.is_empty() {
        return Ok(());
    }
    let mut rows: Vec<(String, (usize, usize, f64, f64))> =
        sums.into_iter().map(|(id, v)| (crate::ingest::tags::name(id).unwrap_or_default().to_string(), v)).collect();
    rows.sort_by(|a, b| b.1 .2.total_cmp(&a.1 .2).then_with(|| a.0.cmp(&b.0)));
    if rows.len() > BREAKDOWN_ROWS {
        let rest = rows.split_off(BREAKDOWN_ROWS);
        let n = rest.len();
        let sum = rest.into_iter().fold((0, 0, 0.0, 0.0), |t, (_, v)| (t.0 + v.0, t.1 + v.1, t.2 + v.2, t.3 + v.3));
        let label = match ctx.lang {
            crate::Lang::Zh => format!("其他 {n} 个"),
            crate::Lang::En => format!("{n} others"),
        };
        rows.push((label, sum));
    }
    if let Some(m) = missing {
        rows.push((ctx.l(labels::NOT_GIVEN).to_string(), m));
    }
    let heads = [
        ctx.l(label).to_string(),
        ctx.l(labels::ACCOUNTS).to_string(),
        ctx.l(labels::A_AND_B).to_string(),
        unit.head(ctx.l(labels::DEAL_VALUE)),
        unit.head(ctx.l(labels::RECEIVABLES)),
    ];
    headers(ws, at.take(1), &heads, fmt)?;
    for (name, (n, ab, deal, owed)) in rows {
        let r = at.take(1);
        ws.write_string(r, 0, &name)?;
        ws.write_number_with_format(r, 1, n as f64, &fmt.int)?;
        ws.write_number_with_format(r, 2, ab as f64, &fmt.int)?;
        ws.write_number_with_format(r, 3, unit.v(deal), &fmt.num)?;
        ws.write_number_with_format(r, 4, unit.v(owed), &fmt.num)?;
    }
    Ok(())
}

/// Owners shown one by one in the grade mix; the rest are one row.
const OWNERS_SHOWN: usize = 12;

/// Accounts per grade for each owner (the most hours first), the rest as one row. Returns the
/// data rows; the columns are the grades from B.
fn grade_mix_by_owner(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt) -> Result<Rows, XlsxError> {
    let mut heads = vec![ctx.l(labels::OWNER).to_string()];
    heads.extend(Grade::ALL.iter().map(|g| g.label(ctx.lang).to_string()));
    headers(ws, at.take(1), &heads, fmt)?;
    let first = at.row;
    let owners = &ctx.eval.owners;
    let mut rows: Vec<(String, [usize; 7])> = owners
        .iter()
        .take(OWNERS_SHOWN)
        .map(|o| {
            let name = if o.owner.is_empty() { ctx.l(labels::NO_OWNER).to_string() } else { o.owner.clone() };
            (name, o.by_grade)
        })
        .collect();
    if owners.len() > OWNERS_SHOWN {
        let mut rest = [0usize; 7];
        for o in &owners[OWNERS_SHOWN..] {
            for (t, n) in rest.iter_mut().zip(o.by_grade) {
                *t += n;
            }
        }
        let label = match ctx.lang {
            crate::Lang::Zh => format!("其他 {} 人", owners.len() - OWNERS_SHOWN),
            crate::Lang::En => format!("{} others", owners.len() - OWNERS_SHOWN),
        };
        rows.push((label, rest));
    }
    for (name, counts) in &rows {
        let r = at.take(1);
        ws.write_string(r, 0, name)?;
        for (c, n) in counts.iter().enumerate() {
            ws.write_number_with_format(r, 1 + c as u16, *n as f64, &fmt.int)?;
        }
    }
    Ok((first, at.row.saturating_sub(1).max(first)))
}

/// A and B accounts by grade, then score: the ones to talk about.
fn top_views<'c>(ctx: &'c Context) -> Vec<View<'c>> {
    let mut best: Vec<View> = ctx.views().filter(|v| matches!(v.scored.grade, Grade::A | Grade::B)).collect();
    best.sort_by(|a, b| a.scored.grade.cmp(&b.scored.grade).then(b.scored.score.total_cmp(&a.scored.score)));
    best
}

/// The ten top accounts: A, then B by score, with owner, deal value and close date.
fn top_accounts(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt, unit: Unit) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let heads = [
        ctx.l(labels::TOP_ACCOUNTS).to_string(),
        ctx.l(labels::GRADE).to_string(),
        ctx.l(labels::OWNER).to_string(),
        unit.head(ctx.l(labels::DEAL_VALUE)),
        ctx.l(labels::EXPECTED_CLOSE_SHORT).to_string(),
    ];
    headers(ws, at.take(1), &heads, fmt)?;
    for v in top_views(ctx).into_iter().take(10) {
        let cells = [
            Out::Text(v.name().to_string()),
            Out::Text(format!("{} {}", v.scored.grade.label(lang), crate::numfmt::score_text(v.scored.score))),
            Out::Text(v.owner().to_string()),
            Out::Num(v.deal().map(|d| unit.v(d))),
            Out::Date(v.record.account.expected_close()),
        ];
        write_cells(ws, at.take(1), &cells, fmt)?;
    }
    Ok(())
}

/// With `--previous`: the accounts that moved most — grade changes first (the most grades),
/// then the largest score changes, then the longest slipped close dates.
fn top_movers(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt) -> Result<(), XlsxError> {
    let Some(changes) = ctx.changes else { return Ok(()) };
    let lang = ctx.lang;
    let heads = [
        ctx.l(labels::TOP_MOVERS),
        ctx.l(labels::GRADE_THEN_NOW),
        ctx.l(labels::SCORE_CHANGE),
        ctx.l(labels::CLOSE_SHIFT_DAYS),
        ctx.l(labels::OWNER),
    ];
    headers(ws, at.take(1), &heads, fmt)?;
    let steps = |c: &crate::changes::Change| match (c.from, c.to) {
        (Some(a), Some(b)) => crate::changes::rank(a).abs_diff(crate::changes::rank(b)),
        _ => 0,
    };
    let mut movers: Vec<&crate::changes::Change> = changes
        .iter()
        .filter(|c| {
            steps(c) > 0
                || c.score_delta().is_some_and(|d| d.abs() >= 0.005)
                || c.close_shift_days.is_some_and(|d| d > 0)
        })
        .collect();
    movers.sort_by(|a, b| {
        steps(b)
            .cmp(&steps(a))
            .then(b.score_delta().unwrap_or(0.0).abs().total_cmp(&a.score_delta().unwrap_or(0.0).abs()))
            .then(b.close_shift_days.unwrap_or(0).cmp(&a.close_shift_days.unwrap_or(0)))
    });
    for c in movers.into_iter().take(10) {
        let grade = |g: Option<Grade>| g.map_or("—", |g| g.label(lang));
        let cells = [
            Out::Text(c.name.clone()),
            Out::Text(format!("{} → {}", grade(c.from), grade(c.to))),
            Out::Score(c.score_delta()),
            Out::Int(c.close_shift_days),
            Out::Text(c.owner.clone().unwrap_or_default()),
        ];
        write_cells(ws, at.take(1), &cells, fmt)?;
    }
    Ok(())
}

/// Per source sheet, what it is and how many rows it gave to how many accounts (SPEC §1b).
fn sources(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt) -> Result<(), XlsxError> {
    let lang = ctx.lang;
    let width = first_column_width(ctx);
    let heads = [ctx.l(labels::SOURCE_SHEET), ctx.l(labels::SOURCE_KIND), ctx.l(labels::ROWS), ctx.l(labels::ACCOUNTS)];
    headers(ws, at.take(1), &heads, fmt)?;
    for input in ctx.loaded.inputs.iter().filter(|i| !i.own_report) {
        for s in input.sheets.iter().filter(|s| s.header_row.is_some()) {
            let r = at.take(1);
            let cells = [
                Out::Text(String::new()),
                Out::Text(s.kind.label(lang).to_string()),
                Out::Int(Some(s.rows as i64)),
                Out::Int(Some(s.accounts as i64)),
            ];
            write_cells(ws, r, &cells, fmt)?;
            // The sheet's name wraps in column A, the row as tall as its lines.
            let text = format!("{}!{}", input.file.display, s.name);
            let lines = super::table::text_width(&text).div_ceil(width.max(1.0) as usize).max(1);
            ws.write_string_with_format(r, 0, &text, &fmt.wrap)?;
            if lines > 1 {
                ws.set_row_height(r, 15.0 * lines as f64)?;
            }
        }
    }
    Ok(())
}

/// Accounts and 12-month sales per value segment (SPEC §3.7), the eight in their order.
fn segments(ws: &mut Worksheet, at: &mut Cursor, ctx: &Context, fmt: &Fmt) -> Result<Rows, XlsxError> {
    use crate::value::Segment;
    let unit = Unit::of(ctx.lang);
    let heads =
        [ctx.l(labels::SEGMENT).to_string(), ctx.l(labels::ACCOUNTS).to_string(), unit.head(ctx.l(labels::SALES_12M))];
    headers(ws, at.take(1), &heads, fmt)?;
    let first = at.row;
    for seg in Segment::ALL {
        let (n, sales) = ctx
            .eval
            .values
            .iter()
            .flatten()
            .filter(|v| v.segment == seg)
            .fold((0i64, 0.0), |(n, s), v| (n + 1, s + v.monetary));
        let cells = [Out::Text(seg.label(ctx.lang).to_string()), Out::Int(Some(n)), Out::Num(Some(unit.v(sales)))];
        write_cells(ws, at.take(1), &cells, fmt)?;
    }
    Ok((first, at.row - 1))
}

/// A chart of the summary's size (16:9), titled, the legend at the bottom.
fn slide_chart(kind: ChartType, title: &str) -> Chart {
    let mut chart = Chart::new(kind);
    chart.title().set_name(title);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(CHART_W).set_height(CHART_H);
    chart
}

fn solid(colour: u32) -> ChartFormat {
    let mut f = ChartFormat::new();
    f.set_solid_fill(ChartSolidFill::new().set_color(colour));
    f
}

/// Accounts per grade, one colour per grade; deal value on the right axis.
fn grade_chart(name: &str, ctx: &Context, rows: Rows, unit: Unit) -> Chart {
    let mut chart = slide_chart(ChartType::Column, &unit.head(ctx.l(labels::ACCOUNTS_AND_DEAL_VALUE_PER_GRADE)));
    let points: Vec<ChartPoint> = GRADE_COLOURS.iter().map(|c| ChartPoint::new().set_format(&mut solid(*c))).collect();
    chart
        .add_series()
        .set_name(ctx.l(labels::ACCOUNTS))
        .set_categories((name, rows.0, 0, rows.1, 0))
        .set_values((name, rows.0, 1, rows.1, 1))
        .set_points(&points)
        .set_data_label(ChartDataLabel::new().show_value());
    let mut deal = Chart::new(ChartType::Line);
    deal.add_series()
        .set_name(unit.head(ctx.l(labels::DEAL_VALUE)).as_str())
        .set_categories((name, rows.0, 0, rows.1, 0))
        .set_values((name, rows.0, 2, rows.1, 2))
        .set_secondary_axis(true);
    chart.combine(&deal);
    chart.y2_axis().set_num_format("#,##0");
    chart
}

/// The quadrant matrix's points: per quadrant, capability (x, in the unit) and share (y) of
/// its accounts with the largest deal values, written right of the charts. Returns per
/// quadrant its rows, plus the rows of the two lines.
struct Matrix {
    series: Vec<(Quadrant, Rows)>,
    capability_line: Option<Rows>,
    share_line: Rows,
    /// Classified accounts left out (more than the points a quadrant shows), and unclassified.
    left_out: usize,
    unclassified: usize,
    /// The log x axis's first power of ten, and the points of no purchasing drawn on it.
    x_min: f64,
    at_left_edge: usize,
}

fn matrix_points(ws: &mut Worksheet, ctx: &Context, fmt: &Fmt, unit: Unit) -> Result<Matrix, XlsxError> {
    use crate::score::quadrant::{capability, share};
    let (x, y) = (MATRIX_COL, MATRIX_COL + 1);
    ws.write_string_with_format(0, x, unit.head(ctx.l(labels::ANNUAL_PURCHASE)), &fmt.header)?;
    ws.write_string_with_format(0, y, ctx.l(labels::OUR_SHARE), &fmt.header)?;
    let mut r = 1u32;
    let mut quadrants = Vec::new();
    let mut left_out = 0usize;
    for q in crate::allocate::QUADRANTS {
        let mut points: Vec<(f64, f64, f64)> = ctx
            .views()
            .filter(|v| v.scored.quadrant == q)
            .filter_map(|v| {
                let a = &v.record.account;
                Some((unit.v(capability(a)?), share(a)?.clamp(0.0, 1.0), v.deal().unwrap_or(0.0)))
            })
            .collect();
        if points.is_empty() {
            continue;
        }
        points.sort_by(|a, b| b.2.total_cmp(&a.2));
        left_out += points.len().saturating_sub(MATRIX_POINTS);
        points.truncate(MATRIX_POINTS);
        quadrants.push((q, points));
    }
    let line = ctx.eval.capability_line.map(|l| unit.v(l));
    // Purchasing runs from tens to tens of thousands of 万元 and most accounts are small: on a
    // log axis they spread out instead of crowding at 0. The axis starts at the power of ten
    // below the smallest positive figure; an account of no purchasing is drawn on that edge
    // and counted in the title.
    let xs = || quadrants.iter().flat_map(|(_, p)| p.iter().map(|p| p.0)).chain(line);
    let smallest = xs().filter(|x| *x > 0.0).fold(f64::INFINITY, f64::min);
    let x_min = if smallest.is_finite() { 10f64.powf(smallest.log10().floor()) } else { 1.0 };
    let max_x = xs().fold(x_min, f64::max);
    let mut at_left_edge = 0;
    let mut series = Vec::new();
    for (q, points) in &quadrants {
        let first = r;
        for (cap, sh, _) in points {
            if *cap < x_min {
                at_left_edge += 1;
            }
            ws.write_number(r, x, crate::numfmt::round(cap.max(x_min), 2))?;
            ws.write_number(r, y, crate::numfmt::round(*sh, 4))?;
            r += 1;
        }
        series.push((*q, (first, r - 1)));
    }
    // The lines: capability at the line from share 0 to 1; the high share across the x range.
    let capability_line = match line {
        Some(line) => {
            let first = r;
            for sh in [0.0, 1.0] {
                ws.write_number(r, x, crate::numfmt::round(line.max(x_min), 2))?;
                ws.write_number(r, y, sh)?;
                r += 1;
            }
            Some((first, r - 1))
        }
        None => None,
    };
    let first = r;
    for px in [x_min, max_x] {
        ws.write_number(r, x, crate::numfmt::round(px, 2))?;
        ws.write_number(r, y, ctx.model.quadrant.high_share)?;
        r += 1;
    }
    let unclassified = ctx.views().filter(|v| v.scored.quadrant == Quadrant::Unclassified).count();
    Ok(Matrix { series, capability_line, share_line: (first, r - 1), left_out, unclassified, x_min, at_left_edge })
}

/// The quadrant matrix: purchasing capability × our share, one series per quadrant, with the
/// capability line and the high-share line drawn.
fn matrix_chart(name: &str, ctx: &Context, m: &Matrix, unit: Unit) -> Chart {
    let (x, y) = (MATRIX_COL, MATRIX_COL + 1);
    let mut chart = slide_chart(ChartType::Scatter, ctx.l(labels::QUADRANT_MATRIX));
    for (q, rows) in &m.series {
        let colour = crate::allocate::QUADRANTS.iter().position(|x| x == q).map_or(0x9E9E9E, |i| QUADRANT_COLOURS[i]);
        chart
            .add_series()
            .set_name(q.label(ctx.lang))
            .set_categories((name, rows.0, x, rows.1, x))
            .set_values((name, rows.0, y, rows.1, y))
            .set_marker(
                ChartMarker::new().set_type(ChartMarkerType::Circle).set_size(7).set_format(&mut solid(colour)),
            );
    }
    let line = |label: String, rows: Rows, chart: &mut Chart| {
        chart
            .add_series()
            .set_name(label.as_str())
            .set_categories((name, rows.0, x, rows.1, x))
            .set_values((name, rows.0, y, rows.1, y))
            .set_marker(ChartMarker::new().set_none())
            .set_format(
                ChartFormat::new()
                    .set_line(ChartLine::new().set_color(0x424242).set_dash_type(ChartLineDashType::Dash)),
            );
    };
    if let Some(rows) = m.capability_line {
        line(ctx.l(labels::CAPABILITY_LINE).to_string(), rows, &mut chart);
    }
    let share =
        format!("{} {}%", ctx.l(labels::HIGH_SHARE_LINE), crate::numfmt::num(ctx.model.quadrant.high_share * 100.0));
    line(share, m.share_line, &mut chart);
    chart
        .x_axis()
        .set_name(unit.head(ctx.l(labels::ANNUAL_PURCHASE)).as_str())
        .set_num_format("#,##0")
        .set_log_base(10)
        .set_min(m.x_min);
    chart.y_axis().set_name(ctx.l(labels::OUR_SHARE)).set_num_format("0%").set_min(0.0).set_max(1.0);
    // No category dropped silently: what the chart leaves out is said under its title.
    let mut notes = Vec::new();
    if m.unclassified > 0 {
        notes.push(match ctx.lang {
            crate::Lang::Zh => format!("未分类 {} 个客户不在图中", m.unclassified),
            crate::Lang::En => format!("{} unclassified accounts not shown", m.unclassified),
        });
    }
    if m.at_left_edge > 0 {
        notes.push(match ctx.lang {
            crate::Lang::Zh => format!("{} 个客户年采购额为 0，画在最左", m.at_left_edge),
            crate::Lang::En => format!("{} accounts of no purchasing drawn at the left edge", m.at_left_edge),
        });
    }
    if m.left_out > 0 {
        notes.push(match ctx.lang {
            crate::Lang::Zh => format!("每象限只画预计金额最大的 {MATRIX_POINTS} 个，另有 {} 个未画", m.left_out),
            crate::Lang::En => format!("the {MATRIX_POINTS} largest deals per quadrant; {} more not drawn", m.left_out),
        });
    }
    if !notes.is_empty() {
        let title = format!("{}\n（{}）", ctx.l(labels::QUADRANT_MATRIX), notes.join(ctx.l(labels::CLAUSE_SEP)));
        chart.title().set_name(&title);
    }
    chart
}

/// The allocation: each resource split across the quadrants (100% stacked), one series per
/// quadrant with its colour.
fn allocation_chart(name: &str, ctx: &Context, rows: Rows) -> Chart {
    let mut chart = slide_chart(ChartType::BarPercentStacked, ctx.l(labels::ALLOCATION_CHART));
    for (i, colour) in QUADRANT_COLOURS.iter().enumerate() {
        let r = rows.0 + i as u32;
        chart
            .add_series()
            .set_name((name, r, 0))
            .set_categories((name, rows.0 - 1, 3, rows.0 - 1, 5))
            .set_values((name, r, 3, r, 5))
            .set_format(&mut solid(*colour));
    }
    chart.x_axis().set_num_format("0%");
    chart
}

/// Receivables per aging bucket, current first: the columns add up to the total.
fn aging_chart(name: &str, ctx: &Context, rows: Rows, unit: Unit) -> Chart {
    let mut chart = slide_chart(ChartType::Column, &unit.head(ctx.l(labels::RECEIVABLES_AGING)));
    chart
        .add_series()
        .set_name(unit.head(ctx.l(labels::RECEIVABLES)).as_str())
        .set_categories((name, rows.0, 0, rows.1, 0))
        .set_values((name, rows.0, 1, rows.1, 1))
        .set_format(&mut solid(0x1F4E79))
        .set_data_label(ChartDataLabel::new().show_value().set_num_format("#,##0"));
    chart.legend().set_hidden();
    chart.y_axis().set_num_format("#,##0");
    chart.x_axis().set_name(ctx.l(labels::DAYS_OVERDUE));
    chart
}

/// Open deal value by expected close month.
fn month_chart(name: &str, ctx: &Context, rows: Rows, unit: Unit) -> Chart {
    let mut chart = slide_chart(ChartType::Column, &unit.head(ctx.l(labels::PIPELINE_BY_MONTH)));
    chart
        .add_series()
        .set_name(unit.head(ctx.l(labels::DEAL_VALUE)).as_str())
        .set_categories((name, rows.0, 0, rows.1, 0))
        .set_values((name, rows.0, 2, rows.1, 2))
        .set_format(&mut solid(0x2E7D32));
    chart.legend().set_hidden();
    chart.y_axis().set_num_format("#,##0");
    chart
}

/// The grade mix by owner: stacked columns, one series per grade in its colour.
fn owner_chart(name: &str, ctx: &Context, rows: Rows) -> Chart {
    let mut chart = slide_chart(ChartType::ColumnStacked, ctx.l(labels::GRADE_MIX_BY_OWNER));
    for (i, g) in Grade::ALL.iter().enumerate() {
        let c = 1 + i as u16;
        chart
            .add_series()
            .set_name(g.label(ctx.lang))
            .set_categories((name, rows.0, 0, rows.1, 0))
            .set_values((name, rows.0, c, rows.1, c))
            .set_format(&mut solid(GRADE_COLOURS[i]));
    }
    chart
}

/// The stage funnel: accounts per stage as horizontal bars, the first stage on top; deal value
/// in the table beside it.
fn stage_chart(name: &str, ctx: &Context, rows: Rows) -> Chart {
    let mut chart = slide_chart(ChartType::Bar, ctx.l(labels::STAGE_FUNNEL));
    chart
        .add_series()
        .set_name(ctx.l(labels::ACCOUNTS))
        .set_categories((name, rows.0, 0, rows.1, 0))
        .set_values((name, rows.0, 1, rows.1, 1))
        .set_format(&mut solid(0x1F4E79))
        .set_data_label(ChartDataLabel::new().show_value());
    // In a bar chart the y axis holds the categories: reversed, the funnel reads top-down, first
    // stage first.
    chart.y_axis().set_reverse();
    chart.legend().set_hidden();
    chart
}

/// Accounts (columns) and 12-month sales (a line on the right axis) per segment.
fn segment_chart(name: &str, ctx: &Context, rows: Rows, unit: Unit) -> Chart {
    let mut chart = slide_chart(ChartType::Column, &unit.head(ctx.l(labels::VALUE_SEGMENTS_CHART)));
    chart
        .add_series()
        .set_name(ctx.l(labels::ACCOUNTS))
        .set_categories((name, rows.0, 0, rows.1, 0))
        .set_values((name, rows.0, 1, rows.1, 1))
        .set_data_label(ChartDataLabel::new().show_value());
    let mut sales = Chart::new(ChartType::Line);
    sales
        .add_series()
        .set_name(unit.head(ctx.l(labels::SALES_12M)).as_str())
        .set_categories((name, rows.0, 0, rows.1, 0))
        .set_values((name, rows.0, 2, rows.1, 2))
        .set_secondary_axis(true);
    chart.combine(&sales);
    chart.y2_axis().set_num_format("#,##0");
    chart
}

fn issue_line(ctx: &Context) -> String {
    use crate::issue::Severity;
    let count = |s: Severity| ctx.loaded.issues.iter().filter(|i| i.severity == s).count();
    if ctx.lang == crate::Lang::Zh {
        format!(
            "{} 个错误，{} 个警告，{} 条提示",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Note)
        )
    } else {
        format!(
            "{} errors, {} warnings, {} notes",
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Note)
        )
    }
}

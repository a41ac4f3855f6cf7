//! 数据问题 Data issues: every issue of the run with its file, sheet and cell — rejected and
//! superseded rows included — so a user can fix the source sheets.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::table::{col, Column};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::issue::{Issue, Severity};
use crate::labels;

fn columns<'a>(ctx: &'a Context) -> Vec<Column<'a, &'a Issue>> {
    let lang = ctx.lang;
    vec![
        col(ctx.l(labels::SEVERITY), 8.0, move |i: &&Issue| {
            let label = match i.severity {
                Severity::Error => labels::SEVERITY_ERROR,
                Severity::Warning => labels::SEVERITY_WARNING,
                Severity::Note => labels::SEVERITY_NOTE,
            };
            let text = label.get(lang).to_string();
            if i.severity == Severity::Error {
                Out::Flagged(text)
            } else {
                Out::Text(text)
            }
        }),
        col(ctx.l(labels::FILE), 30.0, |i: &&Issue| Out::Text(i.at.file.to_string())),
        col(ctx.l(labels::SHEET), 16.0, |i: &&Issue| Out::Text(i.at.sheet.as_deref().unwrap_or("").to_string())),
        col(ctx.l(labels::CELL), 14.0, move |i: &&Issue| Out::Text(i.cells_text(lang))),
        col(ctx.l(labels::FIELD), 14.0, move |i: &&Issue| {
            Out::Text(i.field.map(|f| f.label(lang).to_string()).unwrap_or_default())
        }),
        col(ctx.l(labels::VALUE), 20.0, |i: &&Issue| Out::Text(i.raw.clone())),
        col(ctx.l(labels::MESSAGE), 70.0, move |i: &&Issue| Out::Text(i.message(lang))),
    ]
}

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let cols = columns(ctx);
    let mut t = Table::of(wb, tab_name(Tab::Issues, ctx.lang), &cols, fmt)?;
    for i in &ctx.loaded.issues {
        t.item(wb, fmt, &cols, &i)?;
    }
    t.finish()
}

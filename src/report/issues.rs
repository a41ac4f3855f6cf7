//! 数据问题 Data issues: every issue of the run with its file, sheet and cell — rejected and
//! superseded rows included — so a user can fix the source sheets.

use crate::labels;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::issue::Severity;

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let lang = ctx.lang;
    let headers = [
        ctx.l(labels::SEVERITY),
        ctx.l(labels::FILE),
        ctx.l(labels::SHEET),
        ctx.l(labels::CELL),
        ctx.l(labels::FIELD),
        ctx.l(labels::VALUE),
        ctx.l(labels::MESSAGE),
    ];
    let mut t = Table::new(wb, tab_name(Tab::Issues, lang), &headers, &[8.0, 30.0, 16.0, 9.0, 14.0, 20.0, 70.0], fmt)?;
    for i in &ctx.loaded.issues {
        let severity = match i.severity {
            Severity::Error => ctx.l(labels::SEVERITY_ERROR),
            Severity::Warning => ctx.l(labels::SEVERITY_WARNING),
            Severity::Note => ctx.l(labels::SEVERITY_NOTE),
        };
        let sev = if i.severity == Severity::Error {
            Out::Flagged(severity.to_string())
        } else {
            Out::Text(severity.to_string())
        };
        t.row(
            wb,
            fmt,
            &[
                sev,
                Out::Text(i.at.file.to_string()),
                Out::Text(i.at.sheet.as_deref().unwrap_or("").to_string()),
                Out::Text(i.at.cell_ref()),
                Out::Text(i.field.map(|f| f.label(lang).to_string()).unwrap_or_default()),
                Out::Text(i.raw.clone()),
                Out::Text(i.message(lang)),
            ],
        )?;
    }
    t.finish()
}

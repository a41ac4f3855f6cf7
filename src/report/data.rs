//! The report's machine-readable copy of every account, in a very hidden tab, so next month's
//! `--previous` can read it back whatever users do to the visible tabs (sort, filter, hide
//! columns, rename tabs).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{Context, Factory, Fmt, Out, Table};

pub use crate::markers::{DATA_HEADER, DATA_TAB};

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let mut t = Table::new(wb, DATA_TAB, &DATA_HEADER, &[16.0, 30.0, 10.0, 8.0, 12.0, 30.0], fmt)?;
    for (r, s) in ctx.loaded.accounts.iter().zip(&ctx.eval.scored) {
        let a = &r.account;
        let flags: Vec<&str> = s.flags.iter().map(|f| f.kind.key()).collect();
        t.row(
            wb,
            fmt,
            &[
                Out::Text(a.key.as_str().to_string()),
                Out::Text(a.name.to_string()),
                Out::Text(s.grade.key().to_string()),
                Out::Score(Some(s.score)),
                Out::Text(a.expected_close().map(|c| c.to_string()).unwrap_or_default()),
                Out::Text(flags.join(",")),
            ],
        )?;
    }
    let mut sheets = t.finish()?;
    for ws in &mut sheets {
        ws.set_very_hidden(true);
    }
    Ok(sheets)
}

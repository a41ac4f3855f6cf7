//! Reconcile: every data row read is counted in exactly one place.
//!
//! Pure. `rows_read = graded + needs_info + rejected + superseded + skipped`; a run whose
//! numbers do not add up fails loudly (exit 1) rather than write a report that lost rows.

use serde::Serialize;

/// The row accounting of a run (SPEC §2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Reconciliation {
    /// Non-blank rows below the header of every recognised sheet.
    pub rows_read: u64,
    pub graded: u64,
    pub needs_info: u64,
    /// Rows without an account name.
    pub rejected: u64,
    /// Older rows of an account that appears again.
    pub superseded: u64,
    /// Subtotal/total lines and rows with content only in unrecognised columns.
    pub skipped: u64,
}

impl Reconciliation {
    /// Whether every row is accounted for exactly once.
    pub fn holds(&self) -> bool {
        self.rows_read == self.graded + self.needs_info + self.rejected + self.superseded + self.skipped
    }

    /// "120 = 80 + 10 + 5 + 20 + 5", with labels in the report language.
    pub fn equation(&self, lang: crate::Lang) -> String {
        let (read, graded, needs, rejected, superseded, skipped) = match lang {
            crate::Lang::Zh => ("读取", "已评级", "待补充", "拒收", "重复被替代", "跳过"),
            crate::Lang::En => ("read", "graded", "needs info", "rejected", "superseded", "skipped"),
        };
        let sign = if self.holds() { "=" } else { "≠" };
        format!(
            "{read} {} {sign} {graded} {} + {needs} {} + {rejected} {} + {superseded} {} + {skipped} {}",
            self.rows_read, self.graded, self.needs_info, self.rejected, self.superseded, self.skipped
        )
    }
}

//! Reconcile: every data row read is counted in exactly one place, and every account too.
//!
//! Pure. Two equations (SPEC §1c), both checked every run:
//! `rows_read = account_rows + merged + rolled_up + rejected + skipped` (rows), and
//! `accounts = account_rows + from_line_items = graded + needs_info + won + lost` (accounts).
//! A run whose numbers do not add up fails loudly (exit 1) rather than write a report that lost
//! rows.

use serde::Serialize;

/// The row and account accounting of a run (SPEC §2, §1c), with the JSON's keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Reconciliation {
    /// Non-blank rows below the header of every recognised sheet.
    pub rows_read: u64,
    /// Accounts-sheet rows that became an account.
    pub account_rows: u64,
    /// Accounts rows merged into a newer row of the same account.
    pub merged: u64,
    /// Line-item rows folded into an account.
    pub rolled_up: u64,
    /// Rows without an account name.
    pub rejected: u64,
    /// Subtotal/total lines, placeholder names and rows with content only in unrecognised
    /// columns.
    pub skipped: u64,
    pub accounts: u64,
    /// Accounts that exist only through line items.
    pub from_line_items: u64,
    pub graded: u64,
    pub needs_info: u64,
    pub won: u64,
    pub lost: u64,
}

impl Reconciliation {
    /// Whether the rows add up.
    pub fn rows_hold(&self) -> bool {
        self.rows_read == self.account_rows + self.merged + self.rolled_up + self.rejected + self.skipped
    }

    /// Whether the accounts add up.
    pub fn accounts_hold(&self) -> bool {
        self.accounts == self.account_rows + self.from_line_items
            && self.accounts == self.graded + self.needs_info + self.won + self.lost
    }

    /// Whether every row and every account is accounted for exactly once.
    pub fn holds(&self) -> bool {
        self.rows_hold() && self.accounts_hold()
    }

    /// The rows equation: "读取 120 = 客户行 80 + 合并 10 + 明细汇总 20 + 拒收 5 + 跳过 5".
    pub fn equation(&self, lang: crate::Lang) -> String {
        let [read, rows, merged, rolled, rejected, skipped] = match lang {
            crate::Lang::Zh => ["读取", "客户行", "合并", "明细汇总", "拒收", "跳过"],
            crate::Lang::En => ["read", "account rows", "merged", "rolled up", "rejected", "skipped"],
        };
        let sign = if self.rows_hold() { "=" } else { "≠" };
        format!(
            "{read} {} {sign} {rows} {} + {merged} {} + {rolled} {} + {rejected} {} + {skipped} {}",
            self.rows_read, self.account_rows, self.merged, self.rolled_up, self.rejected, self.skipped
        )
    }

    /// The accounts equation: "客户 74 = 客户行 70 + 仅明细 4 = 已评级 60 + 待补充 9 + 已成交 3 + 已流失 2".
    pub fn accounts_equation(&self, lang: crate::Lang) -> String {
        let [accounts, rows, lines, graded, needs, won, lost] = match lang {
            crate::Lang::Zh => ["客户", "客户行", "仅明细", "已评级", "待补充", "已成交", "已流失"],
            crate::Lang::En => ["accounts", "account rows", "from line items", "graded", "needs info", "won", "lost"],
        };
        let first = if self.accounts == self.account_rows + self.from_line_items { "=" } else { "≠" };
        let second = if self.accounts == self.graded + self.needs_info + self.won + self.lost { "=" } else { "≠" };
        format!(
            "{accounts} {} {first} {rows} {} + {lines} {} {second} {graded} {} + {needs} {} + {won} {} + {lost} {}",
            self.accounts, self.account_rows, self.from_line_items, self.graded, self.needs_info, self.won, self.lost
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_equations_are_checked_and_shown() {
        let mut r = Reconciliation {
            rows_read: 120,
            account_rows: 70,
            merged: 10,
            rolled_up: 30,
            rejected: 5,
            skipped: 5,
            accounts: 74,
            from_line_items: 4,
            graded: 60,
            needs_info: 9,
            won: 3,
            lost: 2,
        };
        assert!(r.holds());
        assert_eq!(r.equation(crate::Lang::Zh), "读取 120 = 客户行 70 + 合并 10 + 明细汇总 30 + 拒收 5 + 跳过 5");
        assert_eq!(
            r.accounts_equation(crate::Lang::En),
            "accounts 74 = account rows 70 + from line items 4 = graded 60 + needs info 9 + won 3 + lost 2"
        );
        r.lost = 3;
        assert!(r.rows_hold() && !r.accounts_hold());
        assert!(r.accounts_equation(crate::Lang::Zh).contains("≠ 已评级"));
        r.lost = 2;
        r.rolled_up = 29;
        assert!(!r.holds());
        assert!(r.equation(crate::Lang::Zh).contains("≠"));
    }
}

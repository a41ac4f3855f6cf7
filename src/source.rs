//! Source kinds (SPEC §1b): what one row of a sheet is — an account, or a line item (a deal, an
//! invoice, an order line, a payment, a promise) of which an account has many.
//!
//! Pure. A sheet's kind is decided from its header: each line-item kind has *document fields*
//! (an invoice number, a deal name …); the kind with the most of them wins, and a sheet with
//! none is an accounts sheet. A stage, a balance or an amount alone decide nothing: accounts
//! sheets carry them too.

use serde::Serialize;

use crate::field::Field;
use crate::Lang;

/// The canonical stage keys, in order (SPEC §1c): seed 004's five stages, then won and lost.
pub const STAGE_KEYS: [&str; 7] =
    ["identify", "collect_info", "value_assessment", "relationship", "close", "won", "lost"];

/// What one row of a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// One row per account (客户档案, the kascore template).
    #[default]
    Accounts,
    /// One row per deal (商机, CRM pipeline).
    Opportunities,
    /// One row per invoice or open item (应收明细, AR aging).
    Receivables,
    /// One row per order or order line (销售明细).
    Orders,
    /// One row per payment received (回款记录).
    Payments,
    /// One row per promise to the account (承诺台账, seed 003).
    Promises,
}

impl SourceKind {
    pub const ALL: [SourceKind; 6] = [
        SourceKind::Accounts,
        SourceKind::Opportunities,
        SourceKind::Receivables,
        SourceKind::Orders,
        SourceKind::Payments,
        SourceKind::Promises,
    ];

    /// The line-item kinds in tie-break order (SPEC §1c): promises, payments, orders,
    /// receivables, opportunities.
    pub const LINE_ITEMS: [SourceKind; 5] = [
        SourceKind::Promises,
        SourceKind::Payments,
        SourceKind::Orders,
        SourceKind::Receivables,
        SourceKind::Opportunities,
    ];

    /// The key in the model file and the JSON.
    pub fn key(self) -> &'static str {
        match self {
            SourceKind::Accounts => "accounts",
            SourceKind::Opportunities => "opportunities",
            SourceKind::Receivables => "receivables",
            SourceKind::Orders => "orders",
            SourceKind::Payments => "payments",
            SourceKind::Promises => "promises",
        }
    }

    pub fn from_key(key: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The kind's name in the report language.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SourceKind::Accounts, Lang::Zh) => "客户清单",
            (SourceKind::Opportunities, Lang::Zh) => "商机",
            (SourceKind::Receivables, Lang::Zh) => "应收明细",
            (SourceKind::Orders, Lang::Zh) => "销售订单",
            (SourceKind::Payments, Lang::Zh) => "回款记录",
            (SourceKind::Promises, Lang::Zh) => "承诺台账",
            (SourceKind::Accounts, Lang::En) => "accounts",
            (SourceKind::Opportunities, Lang::En) => "opportunities",
            (SourceKind::Receivables, Lang::En) => "receivables",
            (SourceKind::Orders, Lang::En) => "orders",
            (SourceKind::Payments, Lang::En) => "payments",
            (SourceKind::Promises, Lang::En) => "promises",
        }
    }

    /// What one row is, in the report language ("张发票" style counting words).
    pub fn row_word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SourceKind::Accounts, Lang::Zh) => "个客户行",
            (SourceKind::Opportunities, Lang::Zh) => "个商机",
            (SourceKind::Receivables, Lang::Zh) => "笔应收",
            (SourceKind::Orders, Lang::Zh) => "笔订单",
            (SourceKind::Payments, Lang::Zh) => "笔回款",
            (SourceKind::Promises, Lang::Zh) => "项承诺",
            (SourceKind::Accounts, Lang::En) => "account rows",
            (SourceKind::Opportunities, Lang::En) => "deals",
            (SourceKind::Receivables, Lang::En) => "open items",
            (SourceKind::Orders, Lang::En) => "order lines",
            (SourceKind::Payments, Lang::En) => "payments",
            (SourceKind::Promises, Lang::En) => "promises",
        }
    }

    pub fn is_line_item(self) -> bool {
        self != SourceKind::Accounts
    }

    /// How many of this kind's document fields a header holds.
    ///
    /// Payments count only as a pair (a payment date with a payment amount); the promise text
    /// alone decides a promises log, so it outweighs anything else.
    pub fn document_matches(self, has: impl Fn(Field) -> bool) -> u32 {
        let count = |fields: &[Field]| fields.iter().filter(|f| has(**f)).count() as u32;
        match self {
            SourceKind::Accounts => 0,
            SourceKind::Opportunities => count(&[Field::DealName, Field::DealId]),
            SourceKind::Receivables => count(&[Field::InvoiceNo, Field::InvoiceDate, Field::DueDate]),
            SourceKind::Orders => count(&[Field::OrderNo, Field::OrderDate]),
            SourceKind::Payments => {
                if has(Field::PaidAmount) && (has(Field::PaidDate) || has(Field::PaymentDate)) {
                    2
                } else {
                    0
                }
            }
            SourceKind::Promises => {
                if has(Field::Promise) {
                    100
                } else {
                    0
                }
            }
        }
    }

    /// The fields a row of this kind contributes to its account (besides its key, name and
    /// owner): the fields whose presence in an accounts sheet with repeated accounts makes it
    /// this kind instead.
    pub fn fields(self) -> &'static [Field] {
        match self {
            SourceKind::Accounts => &[],
            SourceKind::Opportunities => &[
                Field::DealName,
                Field::DealId,
                Field::DealValue,
                Field::Stage,
                Field::ExpectedClose,
                Field::Probability,
                Field::DealStatus,
                Field::LostReason,
                Field::CreatedDate,
            ],
            SourceKind::Receivables => &[
                Field::InvoiceNo,
                Field::InvoiceDate,
                Field::DueDate,
                Field::ArBalance,
                Field::OverdueAmount,
                Field::OverdueDays,
                Field::Aging0To30,
                Field::Aging31To60,
                Field::Aging61To90,
                Field::Aging91To180,
                Field::AgingOver180,
            ],
            SourceKind::Orders => &[Field::OrderNo, Field::OrderDate, Field::Sales, Field::Cost, Field::Profit],
            SourceKind::Payments => &[Field::PaidDate, Field::PaidAmount],
            SourceKind::Promises => &[Field::Promise, Field::PromiseStatus, Field::KeptDate],
        }
    }

    /// The field a column named for `f` holds in a sheet of this kind: a payments sheet's
    /// 回款日期 is when a payment came in, an accounts sheet's the expected payment timeline; an
    /// orders sheet's 订单金额 is sales, not a deal value.
    pub fn remap(self, f: Field) -> Field {
        match (self, f) {
            (SourceKind::Accounts, Field::PaidDate) => Field::PaymentDate,
            (SourceKind::Payments, Field::PaymentDate | Field::LastPaymentDate) => Field::PaidDate,
            (SourceKind::Orders, Field::DealValue | Field::OurSales12m) => Field::Sales,
            (SourceKind::Promises, Field::ExpectedClose) => Field::DueDate,
            _ => f,
        }
    }
}

/// The kind of a sheet from the fields its header holds: the line-item kind with the most
/// document fields (ties in [`SourceKind::LINE_ITEMS`] order), else accounts.
///
/// ```
/// use kascore::{field::Field, source::{detect, SourceKind}};
/// let ledger = [Field::AccountName, Field::InvoiceNo, Field::DueDate, Field::ArBalance];
/// assert_eq!(detect(|f| ledger.contains(&f)), SourceKind::Receivables);
/// // A stage and an amount alone are an accounts sheet's too.
/// let list = [Field::AccountName, Field::Stage, Field::DealValue];
/// assert_eq!(detect(|f| list.contains(&f)), SourceKind::Accounts);
/// ```
pub fn detect(has: impl Fn(Field) -> bool) -> SourceKind {
    let mut best = (0, SourceKind::Accounts);
    for kind in SourceKind::LINE_ITEMS {
        let n = kind.document_matches(&has);
        if n > best.0 {
            best = (n, kind);
        }
    }
    best.1
}

/// The line-item kind an accounts sheet with repeated accounts holds fields of: the kind with
/// the most of its [`SourceKind::fields`] present (ties in tie-break order); None when it holds
/// none.
pub fn repeated_kind(has: impl Fn(Field) -> bool) -> Option<SourceKind> {
    let mut best: Option<(usize, SourceKind)> = None;
    for kind in SourceKind::LINE_ITEMS {
        let n = kind.fields().iter().filter(|f| has(**f)).count();
        if n > 0 && best.is_none_or(|(b, _)| n > b) {
            best = Some((n, kind));
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(fields: &[Field]) -> SourceKind {
        detect(|f| fields.contains(&f))
    }

    #[test]
    fn document_fields_decide_the_kind() {
        use Field::*;
        assert_eq!(kind_of(&[AccountName, DealName, Stage, DealValue]), SourceKind::Opportunities);
        assert_eq!(kind_of(&[AccountName, InvoiceDate, DueDate, ArBalance]), SourceKind::Receivables);
        assert_eq!(kind_of(&[AccountName, OrderNo, OrderDate, Sales]), SourceKind::Orders);
        assert_eq!(kind_of(&[AccountName, PaymentDate, PaidAmount]), SourceKind::Payments);
        // A payment amount without its date is no payments log.
        assert_eq!(kind_of(&[AccountName, PaidAmount]), SourceKind::Accounts);
        // The promise text alone decides, whatever else the sheet holds (承诺事项 + 到期日).
        assert_eq!(kind_of(&[AccountName, Promise, DueDate, InvoiceNo]), SourceKind::Promises);
        assert_eq!(kind_of(&[AccountName, Stage, DealValue, ArBalance, OverdueDays]), SourceKind::Accounts);
        // A tie: orders before receivables (an order line with its invoice date).
        assert_eq!(kind_of(&[AccountName, OrderNo, InvoiceNo]), SourceKind::Orders);
    }

    #[test]
    fn a_repeated_accounts_sheet_takes_the_kind_it_holds_most_fields_of() {
        use Field::*;
        let has = |fs: &'static [Field]| move |f| fs.contains(&f);
        assert_eq!(repeated_kind(has(&[AccountName, Stage, DealValue])), Some(SourceKind::Opportunities));
        assert_eq!(repeated_kind(has(&[AccountName, ArBalance, OverdueDays])), Some(SourceKind::Receivables));
        assert_eq!(repeated_kind(has(&[AccountName, Owner, Region])), None);
    }

    #[test]
    fn keys_round_trip() {
        for k in SourceKind::ALL {
            assert_eq!(SourceKind::from_key(k.key()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.key());
        }
    }
}

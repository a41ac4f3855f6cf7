//! Payment terms.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermsKind {
    /// 预付, 预付款, 款到发货, 先款后货, 全款预付, prepaid, CIA → 0 days.
    Prepay,
    /// 货到付款, 现款现货, 现结, 现金, COD, cash on delivery → 0 days.
    CashOnDelivery,
    /// A number of days of credit: "60天", "账期60天", "月结60天", "N30", "net 60", "60 days",
    /// "T/T 30 days", "30日", "3个月" (=90), "半年" (=180), "一年"/"1年" (=365), "月结" alone (=30,
    /// month_end), "季结" (=90).
    Net,
    /// 先提货后付款, 货到后付款, 赊销, 先货后款, 欠款, "半年后付款", "一年后付款": credit sale
    /// (weak-credit signal). `days` set when a period is stated ("半年后付款" → 180).
    CreditSale,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    pub kind: TermsKind,
    /// Days of credit; None when the kind states none (CreditSale without a period).
    pub days: Option<u32>,
    /// "月结…" (end-of-month basis): the model may add the rest of the month on top.
    pub month_end: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TermsValue {
    Terms(Terms),
    Missing,
    Invalid(String),
}

/// Also accept a bare number string "60" as Net 60 days. Never panics.
pub fn parse_terms(s: &str) -> TermsValue {
    todo!()
}

/// A numeric cell in a terms column: days. Negative/NaN → Invalid.
pub fn terms_from_number(v: f64) -> TermsValue {
    todo!()
}

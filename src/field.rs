//! The canonical fields of an account sheet (SPEC §1), and how each is read.
//!
//! Pure: no I/O.

use serde::{Deserialize, Serialize};

/// How the cells of a field are parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Money,
    Percent,
    Rating,
    YesNo,
    Date,
    Days,
    Credit,
    Terms,
    Stage,
    Attitude,
    /// A deal's status: open, won, lost (opportunities).
    DealStatus,
    /// A promise's status: kept, not kept, open (promises).
    PromiseStatus,
    /// An invoice's or order line's status: open, settled (paid), cancelled.
    ItemStatus,
}

macro_rules! fields {
    ($( $variant:ident => $key:literal, $kind:ident, $zh:literal, $en:literal; )*) => {
        /// A canonical field. The serde name is the key used in the model's `[columns]` table
        /// and in the JSON summary.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field { $( $variant, )* }

        impl Field {
            /// Every field, in the order of SPEC §1's table.
            pub const ALL: &'static [Field] = &[ $( Field::$variant, )* ];

            /// The key in the model file and the JSON summary.
            pub fn key(self) -> &'static str {
                match self { $( Field::$variant => $key, )* }
            }

            /// How the field's cells are parsed.
            pub fn kind(self) -> Kind {
                match self { $( Field::$variant => Kind::$kind, )* }
            }

            /// The field's label in the report language.
            pub fn label(self, lang: crate::Lang) -> &'static str {
                match (self, lang) {
                    $( (Field::$variant, crate::Lang::Zh) => $zh,
                       (Field::$variant, crate::Lang::En) => $en, )*
                }
            }

            /// The field for a model key.
            pub fn from_key(key: &str) -> Option<Field> {
                match key { $( $key => Some(Field::$variant), )* _ => None }
            }
        }
    };
}

fields! {
    AccountId => "account_id", Text, "客户编号", "Account ID";
    AccountName => "account_name", Text, "客户名称", "Account";
    Owner => "owner", Text, "客户经理", "Owner";
    Region => "region", Text, "区域", "Region";
    Industry => "industry", Text, "行业", "Industry";
    Stage => "stage", Stage, "阶段", "Stage";
    Budget => "budget", Money, "预算", "Budget";
    DealValue => "deal_value", Money, "预计金额", "Deal value";
    AnnualPurchase => "annual_purchase", Money, "年采购额", "Annual purchase";
    OurSales12m => "our_sales_12m", Money, "近12月销售额", "Our sales (12 months)";
    Share => "share", Percent, "我方份额", "Share of wallet";
    RegisteredCapital => "registered_capital", Money, "注册资本", "Registered capital";
    Funding => "funding", YesNo, "融资", "Funding";
    Advertising => "advertising", YesNo, "广告投放", "Advertising";
    Hiring => "hiring", YesNo, "招聘", "Hiring";
    CreditRating => "credit_rating", Credit, "信用等级", "Credit rating";
    PaymentTerms => "payment_terms", Terms, "账期", "Payment terms";
    ArBalance => "ar_balance", Money, "应收账款", "AR balance";
    OverdueAmount => "overdue_amount", Money, "逾期金额", "Overdue amount";
    OverdueDays => "overdue_days", Days, "最长逾期天数", "Overdue days";
    Aging0To30 => "aging_0_30", Money, "0-30天", "0-30 days";
    Aging31To60 => "aging_31_60", Money, "31-60天", "31-60 days";
    Aging61To90 => "aging_61_90", Money, "61-90天", "61-90 days";
    Aging91To180 => "aging_91_180", Money, "91-180天", "91-180 days";
    AgingOver180 => "aging_over_180", Money, "180天以上", "Over 180 days";
    LastPaymentDate => "last_payment_date", Date, "最近回款日期", "Last payment date";
    FirstContact => "first_contact", Date, "首次接触日期", "First contact";
    ExpectedClose => "expected_close", Date, "预计成交日期", "Expected close";
    ImplementationDate => "implementation_date", Date, "实施时间", "Implementation date";
    PaymentDate => "payment_date", Date, "回款时间", "Payment date";
    NeedConsensus => "need_consensus", YesNo, "需求共识", "Need consensus";
    DecisionMaker => "decision_maker", Text, "决策人", "Decision maker";
    DecisionAttitude => "decision_attitude", Attitude, "决策人态度", "Decision attitude";
    Insider => "insider", YesNo, "内线", "Insider";
    Fit => "fit", Rating, "业务匹配度", "Fit";
    FinancialStrength => "financial_strength", Rating, "资金状况", "Financial strength";
    Integrity => "integrity", Rating, "诚信度", "Integrity";
    Relationship => "relationship", Rating, "关系紧密度", "Relationship";
    Competitive => "competitive", Rating, "竞争优势", "Competitive position";
    Timing => "timing", Rating, "进入时机", "Timing";
    AddedValue => "added_value", Rating, "附加价值", "Added value";
    ReferenceCustomer => "reference_customer", YesNo, "标杆客户", "Reference customer";
    Notes => "notes", Text, "备注", "Notes";
    // Line-item fields (SPEC §1b): read from opportunities, receivables, orders, payments and
    // promises sheets and rolled up per account.
    DealName => "deal_name", Text, "商机名称", "Opportunity";
    DealId => "deal_id", Text, "商机编号", "Opportunity ID";
    Probability => "probability", Percent, "赢率", "Probability";
    DealStatus => "deal_status", DealStatus, "商机状态", "Deal status";
    LostReason => "lost_reason", Text, "丢单原因", "Lost reason";
    CreatedDate => "created_date", Date, "创建日期", "Created date";
    InvoiceNo => "invoice_no", Text, "单据号", "Document no.";
    InvoiceDate => "invoice_date", Date, "开票日期", "Invoice date";
    DueDate => "due_date", Date, "到期日", "Due date";
    CreditLimit => "credit_limit", Money, "信用额度", "Credit limit";
    OrderNo => "order_no", Text, "订单号", "Order ID";
    OrderDate => "order_date", Date, "订单日期", "Order date";
    Sales => "sales", Money, "销售额", "Sales";
    Cost => "cost", Money, "成本", "Cost";
    Profit => "profit", Money, "毛利", "Profit";
    PaidDate => "paid_date", Date, "回款日期", "Payment received date";
    PaidAmount => "paid_amount", Money, "回款金额", "Amount received";
    Promise => "promise", Text, "承诺事项", "Commitment";
    PromiseStatus => "promise_status", PromiseStatus, "兑现状态", "Promise status";
    KeptDate => "kept_date", Date, "兑现日期", "Kept date";
    Currency => "currency", Text, "币种", "Currency";
    ItemStatus => "item_status", ItemStatus, "单据状态", "Item status";
    SettledDate => "settled_date", Date, "核销日期", "Settled date";
}

impl Field {
    /// The five aging buckets, youngest first.
    pub const AGING: [Field; 5] =
        [Field::Aging0To30, Field::Aging31To60, Field::Aging61To90, Field::Aging91To180, Field::AgingOver180];

    /// Whether the field belongs on an accounts sheet (the template's columns): every field
    /// but the line-item ones.
    pub fn is_account_field(self) -> bool {
        self.index() <= Field::Notes.index() || self == Field::CreditLimit
    }

    /// The columns of an accounts sheet in the template's order: the credit limit beside the
    /// payment terms.
    pub fn account_fields() -> impl Iterator<Item = Field> {
        Field::ALL.iter().copied().filter(|f| f.index() <= Field::Notes.index()).flat_map(|f| {
            let more = (f == Field::PaymentTerms).then_some(Field::CreditLimit);
            std::iter::once(f).chain(more)
        })
    }

    /// Dense index, for per-field arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The number of fields.
    pub const COUNT: usize = Field::ALL.len();

    /// The header kascore writes for this field (the template, synthetic samples): its label,
    /// with the unit for money ("预算(元)", "Budget (CNY)").
    pub fn header(self, lang: crate::Lang) -> String {
        match (self.kind(), lang) {
            (Kind::Money, crate::Lang::Zh) => format!("{}(元)", self.label(lang)),
            (Kind::Money, crate::Lang::En) => format!("{} (CNY)", self.label(lang)),
            _ => self.label(lang).to_string(),
        }
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Field, D::Error> {
        let key = String::deserialize(d)?;
        Field::from_key(&key).ok_or_else(|| serde::de::Error::custom(format!("unknown field `{key}`")))
    }
}

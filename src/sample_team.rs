//! Synthetic line-item exports for demos, tests and benchmarks: one team's whole export set
//! (`kascore sample --team DIR`) or one big line-item file (`kascore sample --kind KIND`),
//! SPEC §1b.
//!
//! Pure: no I/O, no clock. `cmd/sample.rs` writes what this module yields.
//!
//! **One account, many files.** Account `a` (0-based; its customer number is `K-{a + 1}`) is
//! drawn from the seed and `a` alone ([`Rng`] streams, as in [`crate::sample`]), and so is each
//! of its lines: line `j` of kind `k` of account `a` is the same whichever file or mode asks for
//! it. A team set therefore joins across its files the way real exports do — by customer number
//! where the export has one, else by the name, spelled as each system spells it: the accounts
//! list says 苏州恒远精密机械有限公司, the ledger 苏州恒远精密机械 or 蘇州恆遠精密機械有限公司 for some
//! customers, the pipeline 苏州恒远精密机械（中国）有限公司 or …股份有限公司.
//!
//! **Stories.** Each account plays one of twenty [`STORIES`], chosen by its *slot* (a seeded
//! permutation of the accounts), so any twenty accounts in a row cover every story: customers
//! whose deals were all won, a few all lost (with 丢单原因) whose orders are older than 12
//! months, prospects with open deals only and no row in the accounts list, customers missing from
//! the accounts list, invoices not yet due and overdue in every aging bucket, credit notes,
//! customers over their credit limit, and promises kept, kept late, open, due today and broken.
//! Scored with `--as-of 2026-11-30` ([`BASE_DATE`]) the set exercises the whole model.
//!
//! **Streaming.** [`Lines`] yields the rows of one kind for `rows` lines of `accounts`
//! customers; row `i` is drawn from the seed and `i` alone (the first `accounts` rows give each
//! customer one line, the rest fall on customers with a 20/80 skew), so a million rows never sit
//! in memory. A [`Team`] is held in memory (a team has at most [`MAX_TEAM`] accounts) so its
//! files can be sorted the way systems export them: pipeline by creation date, ledger by
//! customer, orders, payments and promises by date.

use chrono::{Days, NaiveDate};

use crate::sample::{Rng, SampleCell, BASE_DATE};
use crate::Lang;

/// What one row of a `kascore sample` file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SampleKind {
    /// One account per row, every canonical column (the original sample sheet).
    Accounts,
    /// One deal per row: a CRM pipeline export (商机).
    Opportunities,
    /// One invoice per row: an ERP receivables ledger (应收明细), title rows and a 合计 line.
    Receivables,
    /// One order line per row: sales detail (销售明细).
    Orders,
    /// One payment per row: collections (回款记录).
    Payments,
    /// One promise per row: a promises log (承诺台账).
    Promises,
}

impl SampleKind {
    /// The line-item kind, or None for account sheets.
    pub fn line(self) -> Option<LineKind> {
        match self {
            SampleKind::Accounts => None,
            SampleKind::Opportunities => Some(LineKind::Opportunities),
            SampleKind::Receivables => Some(LineKind::Receivables),
            SampleKind::Orders => Some(LineKind::Orders),
            SampleKind::Payments => Some(LineKind::Payments),
            SampleKind::Promises => Some(LineKind::Promises),
        }
    }
}

/// A line-item export: many rows per account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineKind {
    Opportunities,
    Receivables,
    Orders,
    Payments,
    Promises,
}

impl LineKind {
    /// Its stream: lines of different kinds are drawn independently.
    fn salt(self) -> u64 {
        match self {
            LineKind::Opportunities => 0x0DDE_A100,
            LineKind::Receivables => 0x0DDE_A200,
            LineKind::Orders => 0x0DDE_A300,
            LineKind::Payments => 0x0DDE_A400,
            LineKind::Promises => 0x0DDE_A500,
        }
    }
}

/// How the cells of a column are shown (the writer picks the number format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    /// Yuan with cents: `#,##0.00`.
    Money,
    /// A whole amount: `#,##0`.
    Whole,
    /// A fraction shown as a percentage: 0.3 is 30% (in CSV the text "30%").
    Percent,
    Date,
    /// A plain number (a 1–5 rating).
    Number,
}

/// One column of a sample file: its header in each language, how it is shown, its width, and
/// whether the totals line sums it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub zh: &'static str,
    pub en: &'static str,
    pub style: Style,
    pub width: f64,
    pub total: bool,
}

impl Column {
    pub fn header(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

const fn col(zh: &'static str, en: &'static str, style: Style, width: f64) -> Column {
    Column { zh, en, style, width, total: false }
}

const fn summed(zh: &'static str, en: &'static str) -> Column {
    Column { zh, en, style: Style::Money, width: 14.0, total: true }
}

/// `客户清单.xlsx`: the accounts list, no ratings (what a CRM or ERP customer master holds).
pub const ACCOUNTS_COLUMNS: [Column; 8] = [
    col("客户编号", "Account ID", Style::Text, 11.0),
    col("客户名称", "Account", Style::Text, 34.0),
    col("客户经理", "Owner", Style::Text, 10.0),
    col("区域", "Region", Style::Text, 8.0),
    col("行业", "Industry", Style::Text, 10.0),
    // zh in 万元, as the header says; en in yuan.
    col("年采购额(万元)", "Annual purchase (CNY)", Style::Whole, 15.0),
    col("信用等级", "Credit rating", Style::Text, 10.0),
    col("信用额度", "Credit Limit", Style::Whole, 14.0),
];

/// `商机.xlsx`: the pipeline, one deal a row.
pub const OPPORTUNITY_COLUMNS: [Column; 11] = [
    col("商机编号", "Opportunity ID", Style::Text, 11.0),
    col("商机名称", "Opportunity", Style::Text, 28.0),
    col("客户名称", "Account", Style::Text, 36.0),
    col("负责人", "Owner", Style::Text, 10.0),
    col("阶段", "Stage", Style::Text, 12.0),
    col("预计金额", "Amount", Style::Whole, 14.0),
    col("赢率", "Probability", Style::Percent, 8.0),
    col("预计成交日期", "Close Date", Style::Date, 13.0),
    col("创建日期", "Created Date", Style::Date, 12.0),
    col("状态", "Status", Style::Text, 8.0),
    col("丢单原因", "Lost Reason", Style::Text, 20.0),
];

/// `应收明细.csv`: the receivables ledger, one invoice (or credit note) a row.
pub const RECEIVABLES_COLUMNS: [Column; 9] = [
    col("客户编号", "Customer ID", Style::Text, 11.0),
    col("客户名称", "Customer", Style::Text, 34.0),
    col("单据号", "Document No", Style::Text, 12.0),
    col("开票日期", "Posting Date", Style::Date, 12.0),
    col("到期日", "Due Date", Style::Date, 12.0),
    summed("金额", "Amount"),
    summed("未收金额", "Outstanding"),
    col("账期", "Payment Terms", Style::Text, 10.0),
    col("信用额度", "Credit Limit", Style::Whole, 14.0),
];

/// `销售明细.xlsx`: order lines.
pub const ORDER_COLUMNS: [Column; 7] = [
    col("订单号", "Order ID", Style::Text, 11.0),
    col("订单日期", "Order Date", Style::Date, 12.0),
    col("客户名称", "Customer", Style::Text, 34.0),
    col("客户经理", "Owner", Style::Text, 10.0),
    col("产品", "Product", Style::Text, 24.0),
    col("销售额", "Sales", Style::Money, 14.0),
    col("成本", "Cost", Style::Money, 14.0),
];

/// `回款记录.xlsx`: payments received.
pub const PAYMENT_COLUMNS: [Column; 3] = [
    col("回款日期", "Payment Date", Style::Date, 12.0),
    col("客户名称", "Customer", Style::Text, 34.0),
    col("回款金额", "Payment Amount", Style::Money, 15.0),
];

/// `承诺台账.xlsx`: the promises log (SPEC §3.8).
pub const PROMISE_COLUMNS: [Column; 5] = [
    col("客户名称", "Account", Style::Text, 34.0),
    col("承诺事项", "Commitment", Style::Text, 26.0),
    col("承诺日期", "Due Date", Style::Date, 12.0),
    col("状态", "Status", Style::Text, 9.0),
    col("兑现日期", "Kept Date", Style::Date, 12.0),
];

/// `kascore-大客户模板-已填写.xlsx`: the team's judgement, filled in by hand for about half
/// the accounts (the columns no export carries).
pub const TEMPLATE_COLUMNS: [Column; 15] = [
    col("客户名称", "Account", Style::Text, 34.0),
    col("客户经理", "Owner", Style::Text, 10.0),
    col("业务匹配度", "Fit", Style::Number, 10.0),
    col("资金状况", "Financial strength", Style::Number, 10.0),
    col("诚信度", "Integrity", Style::Number, 8.0),
    col("关系紧密度", "Relationship", Style::Number, 10.0),
    col("竞争优势", "Competitive position", Style::Number, 10.0),
    col("进入时机", "Timing", Style::Number, 8.0),
    col("附加价值", "Added value", Style::Number, 8.0),
    col("需求共识", "Need consensus", Style::Text, 8.0),
    col("决策人", "Decision maker", Style::Text, 16.0),
    col("决策人态度", "Decision attitude", Style::Text, 10.0),
    col("内线", "Insider", Style::Text, 6.0),
    // zh in 万元, as the header says; en in yuan.
    col("预算(万元)", "Budget (CNY)", Style::Whole, 12.0),
    col("预计成交日期", "Expected close", Style::Date, 13.0),
];

/// One file of a team's export set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TeamFile {
    /// The accounts list (客户清单): about 80% of the team's accounts, one row each.
    Accounts,
    Lines(LineKind),
    /// The filled-in kascore template: the team's ratings for about half the accounts.
    Template,
}

/// The files of a team set, in the order they are written and listed.
pub const TEAM_FILES: [TeamFile; 7] = [
    TeamFile::Accounts,
    TeamFile::Lines(LineKind::Opportunities),
    TeamFile::Lines(LineKind::Receivables),
    TeamFile::Lines(LineKind::Orders),
    TeamFile::Lines(LineKind::Payments),
    TeamFile::Lines(LineKind::Promises),
    TeamFile::Template,
];

impl TeamFile {
    /// The file's name in a team folder.
    pub fn file_name(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            TeamFile::Accounts => ("客户清单.xlsx", "accounts.xlsx"),
            TeamFile::Lines(LineKind::Opportunities) => ("商机.xlsx", "opportunities.xlsx"),
            TeamFile::Lines(LineKind::Receivables) => ("应收明细.csv", "receivables.csv"),
            TeamFile::Lines(LineKind::Orders) => ("销售明细.xlsx", "orders.xlsx"),
            TeamFile::Lines(LineKind::Payments) => ("回款记录.xlsx", "payments.xlsx"),
            TeamFile::Lines(LineKind::Promises) => ("承诺台账.xlsx", "promises.xlsx"),
            TeamFile::Template => ("kascore-大客户模板-已填写.xlsx", "kascore-template-filled.xlsx"),
        };
        pick(lang, zh, en)
    }

    /// The worksheet's name (a CSV has none).
    pub fn sheet_name(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            TeamFile::Accounts => ("客户清单", "Accounts"),
            TeamFile::Lines(LineKind::Opportunities) => ("商机", "Opportunities"),
            TeamFile::Lines(LineKind::Receivables) => ("应收明细", "Receivables"),
            TeamFile::Lines(LineKind::Orders) => ("销售明细", "Orders"),
            TeamFile::Lines(LineKind::Payments) => ("回款记录", "Payments"),
            TeamFile::Lines(LineKind::Promises) => ("承诺台账", "Promises"),
            TeamFile::Template => ("客户评估", "Accounts"),
        };
        pick(lang, zh, en)
    }

    /// The document title written into a workbook's properties.
    pub fn title(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            TeamFile::Accounts => ("客户清单（模拟数据）", "Accounts (synthetic)"),
            TeamFile::Lines(LineKind::Opportunities) => ("商机（模拟数据）", "Opportunities (synthetic)"),
            TeamFile::Lines(LineKind::Receivables) => ("应收明细（模拟数据）", "Receivables (synthetic)"),
            TeamFile::Lines(LineKind::Orders) => ("销售明细（模拟数据）", "Orders (synthetic)"),
            TeamFile::Lines(LineKind::Payments) => ("回款记录（模拟数据）", "Payments (synthetic)"),
            TeamFile::Lines(LineKind::Promises) => ("承诺台账（模拟数据）", "Promises (synthetic)"),
            TeamFile::Template => ("大客户评估（已填写，模拟数据）", "Key accounts, filled in (synthetic)"),
        };
        pick(lang, zh, en)
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            TeamFile::Accounts => &ACCOUNTS_COLUMNS,
            TeamFile::Lines(LineKind::Opportunities) => &OPPORTUNITY_COLUMNS,
            TeamFile::Lines(LineKind::Receivables) => &RECEIVABLES_COLUMNS,
            TeamFile::Lines(LineKind::Orders) => &ORDER_COLUMNS,
            TeamFile::Lines(LineKind::Payments) => &PAYMENT_COLUMNS,
            TeamFile::Lines(LineKind::Promises) => &PROMISE_COLUMNS,
            TeamFile::Template => &TEMPLATE_COLUMNS,
        }
    }

    /// The rows above the header: the ledger's title and unit lines, as an ERP prints them.
    pub fn preamble(self, lang: Lang) -> Vec<Vec<SampleCell>> {
        let text = |s: &str| vec![SampleCell::Text(s.to_string())];
        match self {
            TeamFile::Lines(LineKind::Receivables) => vec![
                text(pick(lang, "应收账款明细表", "Accounts Receivable Detail")),
                text(pick(lang, "单位：元", "Unit: CNY")),
            ],
            _ => Vec::new(),
        }
    }

    /// Whether a 合计 line follows the data (the ledger's).
    pub fn has_totals(self) -> bool {
        self.columns().iter().any(|c| c.total)
    }

    /// Whether the team set writes it as CSV (the ledger: GBK with CRLF in Chinese).
    pub fn csv(self) -> bool {
        self == TeamFile::Lines(LineKind::Receivables)
    }
}

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The rows of one sample file, then its totals line when it has one.
pub trait SampleRows: Iterator<Item = Vec<SampleCell>> {
    /// The 合计 line: the sums of the summed columns over the rows yielded so far.
    fn totals(&self) -> Option<Vec<SampleCell>>;
}

/// Running sums for a totals line.
#[derive(Debug, Clone)]
struct Totals {
    columns: &'static [Column],
    lang: Lang,
    on: bool,
    sums: Vec<f64>,
}

impl Totals {
    fn new(file: TeamFile, lang: Lang) -> Totals {
        let columns = file.columns();
        Totals { columns, lang, on: file.has_totals(), sums: vec![0.0; columns.len()] }
    }

    fn add(&mut self, row: &[SampleCell]) {
        if !self.on {
            return;
        }
        for ((c, sum), cell) in self.columns.iter().zip(&mut self.sums).zip(row) {
            if let (true, SampleCell::Number(v)) = (c.total, cell) {
                *sum += v;
            }
        }
    }

    fn row(&self) -> Option<Vec<SampleCell>> {
        if !self.on {
            return None;
        }
        let mut row: Vec<SampleCell> = self
            .columns
            .iter()
            .zip(&self.sums)
            .map(|(c, s)| if c.total { SampleCell::Number(round_to(*s, 0.01)) } else { SampleCell::Blank })
            .collect();
        row[0] = SampleCell::Text(pick(self.lang, "合计", "Total").to_string());
        Some(row)
    }
}

// ---------------------------------------------------------------------------------------------
// Streams, permutations and small helpers.

const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
const PROFILE: u64 = 0x0DDE_A001;
const TEMPLATE: u64 = 0x0DDE_A002;
const ASSIGN: u64 = 0x0DDE_A003;
const SLOTS: u64 = 0x0DDE_A004;
const NAMES: u64 = 0x0DDE_A005;

/// The stream of item `k` of account `a` under `seed` (`salt` keeps kinds apart).
fn stream(seed: u64, salt: u64, a: u64, k: u64) -> Rng {
    let h = Rng::new(seed ^ salt).next_u64();
    let h = Rng::new(h ^ a.wrapping_mul(GAMMA)).next_u64();
    Rng::new(Rng::new(h ^ k.wrapping_add(1).wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64())
}

/// A bijection of 0..n: `i → (i × stride + offset) mod n`, with a stride prime to n.
#[derive(Debug, Clone, Copy)]
struct Perm {
    n: u64,
    stride: u64,
    offset: u64,
}

impl Perm {
    fn new(n: u64, seed: u64, salt: u64) -> Perm {
        let n = n.max(1);
        // Primes: for any n > 1 one of them neither divides n (their product exceeds u64) nor
        // is n, so it is prime to n and not a multiple of it.
        let stride = [1_000_003u64, 998_244_353, 1_000_000_007]
            .into_iter()
            .find(|p| !n.is_multiple_of(*p) && !p.is_multiple_of(n))
            .unwrap_or(1)
            % n;
        let offset = stream(seed, salt, 0, 0).below(n);
        Perm { n, stride: stride.max(1), offset }
    }

    fn at(&self, i: u64) -> u64 {
        ((u128::from(i % self.n) * u128::from(self.stride) + u128::from(self.offset)) % u128::from(self.n)) as u64
    }
}

fn add_days(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs())).unwrap_or(d)
    }
}

/// `days` before the base date.
fn ago(days: i64) -> NaiveDate {
    add_days(BASE_DATE, -days)
}

fn round_to(v: f64, step: f64) -> f64 {
    if step >= 1.0 {
        (v / step).round() * step
    } else {
        let k = (1.0 / step).round();
        (v * k).round() / k
    }
}

/// Two significant figures (how people state estimates).
fn two_figures(v: f64) -> f64 {
    if v <= 0.0 {
        return 0.0;
    }
    round_to(v, 10f64.powi(v.log10().floor() as i32 - 1))
}

fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t.clamp(0.0, 1.0)
}

/// A 1–5 rating around `x` in [0, 1].
fn rating(x: f64) -> f64 {
    (1.0 + 4.0 * x.clamp(0.0, 1.0)).round()
}

// ---------------------------------------------------------------------------------------------
// Stories.

/// Who the account is to the team's systems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// In the accounts list and (with orders) the ledger.
    Listed,
    /// A customer in the ledger, orders and payments but not in the accounts list.
    Unlisted,
    /// A new lead: open deals only, in no accounts list.
    Prospect,
}

/// How the account's deals went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Deals {
    /// Open deals and a history of won and lost ones.
    Mixed,
    /// Every deal won: a customer.
    AllWon,
    /// Every deal lost, each with a reason.
    AllLost,
    /// Open deals only (a prospect).
    Open,
}

/// When the account ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Orders {
    /// Over the 18 months before the base date.
    Recent,
    /// Only 12–18 months ago: no sales in the last 12 months, yet not a new account.
    Old,
    /// Never.
    None,
}

/// The account's worst open invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ar {
    /// Everything past due is paid; open items are not yet due.
    NotDue,
    Late1To30,
    Late31To60,
    Late61To90,
    Late91To180,
    Over180,
    /// No invoices.
    None,
}

impl Ar {
    /// Days past due of the account's worst invoice (None: nothing overdue).
    fn overdue(self) -> Option<(i64, i64)> {
        match self {
            Ar::NotDue | Ar::None => None,
            Ar::Late1To30 => Some((1, 30)),
            Ar::Late31To60 => Some((31, 60)),
            Ar::Late61To90 => Some((61, 90)),
            Ar::Late91To180 => Some((91, 180)),
            Ar::Over180 => Some((181, 420)),
        }
    }

    /// How bad it is, 0–5: drives the credit rating and the team's integrity rating.
    fn severity(self) -> usize {
        match self {
            Ar::NotDue | Ar::None => 0,
            Ar::Late1To30 => 1,
            Ar::Late31To60 => 2,
            Ar::Late61To90 => 3,
            Ar::Late91To180 => 4,
            Ar::Over180 => 5,
        }
    }

    /// Days since the last payment, as (fewest, most).
    fn last_payment(self) -> (i64, i64) {
        match self {
            Ar::NotDue | Ar::None => (0, 20),
            Ar::Late1To30 => (3, 25),
            Ar::Late31To60 => (10, 40),
            Ar::Late61To90 => (20, 60),
            Ar::Late91To180 => (45, 120),
            Ar::Over180 => (181, 300),
        }
    }
}

/// How one promise turned out (SPEC §3.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Promise {
    Kept,
    /// Kept after its date: still kept.
    KeptLate,
    /// Due later.
    Open,
    /// Due on the base date, not yet kept: open.
    DueToday,
    /// Past due, marked 未兑现.
    Broken,
    /// Past due and still marked 进行中: broken too.
    BrokenStale,
}

/// One account's story across the files.
#[derive(Debug, Clone, Copy)]
struct Story {
    role: Role,
    deals: Deals,
    orders: Orders,
    ar: Ar,
    /// Its second invoice is a credit note (红冲, a negative amount).
    credit_note: bool,
    /// Its credit limit is below what it owes.
    over_limit: bool,
    /// Its third invoice falls due on the base date (current, not overdue).
    due_today: bool,
    promises: &'static [Promise],
}

const fn story(role: Role, deals: Deals, orders: Orders, ar: Ar) -> Story {
    Story { role, deals, orders, ar, credit_note: false, over_limit: false, due_today: false, promises: &[] }
}

use Promise as P;

/// The stories, by slot mod 20: 16 listed (80%), 2 unlisted customers and 2 prospects (10%
/// each); 4 all won, 2 all lost with orders only older than 12 months; the worst invoice in
/// every aging bucket; 3 credit notes, 3 over their limit, one invoice due today; 0–4 promises
/// each, every outcome among them. The first slots carry the most, so small teams still vary.
const STORIES: [Story; 20] = [
    Story {
        due_today: true,
        promises: &[P::Kept, P::KeptLate],
        ..story(Role::Listed, Deals::Mixed, Orders::Recent, Ar::NotDue)
    },
    Story { promises: &[P::Kept], ..story(Role::Listed, Deals::AllWon, Orders::Recent, Ar::Late1To30) },
    Story {
        credit_note: true,
        promises: &[P::Open, P::DueToday],
        ..story(Role::Listed, Deals::Mixed, Orders::Recent, Ar::Late31To60)
    },
    Story {
        over_limit: true,
        promises: &[P::Broken, P::Kept],
        ..story(Role::Listed, Deals::Mixed, Orders::Recent, Ar::Late61To90)
    },
    Story { promises: &[P::Open], ..story(Role::Prospect, Deals::Open, Orders::None, Ar::None) },
    story(Role::Listed, Deals::Mixed, Orders::Recent, Ar::NotDue),
    Story { promises: &[P::Broken], ..story(Role::Listed, Deals::AllLost, Orders::Old, Ar::Over180) },
    Story {
        over_limit: true,
        promises: &[P::KeptLate, P::Broken, P::Open],
        ..story(Role::Listed, Deals::Mixed, Orders::Recent, Ar::Late91To180)
    },
    Story {
        credit_note: true,
        promises: &[P::Kept, P::Kept],
        ..story(Role::Listed, Deals::AllWon, Orders::Recent, Ar::NotDue)
    },
    story(Role::Unlisted, Deals::Mixed, Orders::Recent, Ar::Late1To30),
    Story { promises: &[P::Kept, P::Open], ..story(Role::Listed, Deals::Mixed, Orders::Recent, Ar::Late1To30) },
    Story {
        over_limit: true,
        promises: &[P::Broken, P::BrokenStale],
        ..story(Role::Listed, Deals::Mixed, Orders::Recent, Ar::Over180)
    },
    Story {
        promises: &[P::Kept, P::KeptLate, P::Open],
        ..story(Role::Listed, Deals::AllWon, Orders::Recent, Ar::Late31To60)
    },
    Story { credit_note: true, ..story(Role::Listed, Deals::Mixed, Orders::Recent, Ar::NotDue) },
    story(Role::Prospect, Deals::Open, Orders::None, Ar::None),
    Story { promises: &[P::DueToday], ..story(Role::Listed, Deals::Mixed, Orders::Recent, Ar::Late61To90) },
    story(Role::Listed, Deals::AllLost, Orders::Old, Ar::None),
    Story {
        promises: &[P::Kept, P::Kept, P::Open, P::KeptLate],
        ..story(Role::Listed, Deals::Mixed, Orders::Recent, Ar::NotDue)
    },
    story(Role::Unlisted, Deals::AllWon, Orders::Recent, Ar::NotDue),
    Story { promises: &[P::Open], ..story(Role::Listed, Deals::Mixed, Orders::Recent, Ar::Late91To180) },
];

// ---------------------------------------------------------------------------------------------
// Names.

/// Cities: (zh, en, region zh, region en).
const CITIES: [(&str, &str, &str, &str); 24] = [
    ("苏州", "Suzhou", "华东", "East"),
    ("无锡", "Wuxi", "华东", "East"),
    ("常州", "Changzhou", "华东", "East"),
    ("杭州", "Hangzhou", "华东", "East"),
    ("宁波", "Ningbo", "华东", "East"),
    ("上海", "Shanghai", "华东", "East"),
    ("南京", "Nanjing", "华东", "East"),
    ("合肥", "Hefei", "华东", "East"),
    ("深圳", "Shenzhen", "华南", "South"),
    ("东莞", "Dongguan", "华南", "South"),
    ("佛山", "Foshan", "华南", "South"),
    ("广州", "Guangzhou", "华南", "South"),
    ("厦门", "Xiamen", "华南", "South"),
    ("成都", "Chengdu", "西南", "Southwest"),
    ("重庆", "Chongqing", "西南", "Southwest"),
    ("昆明", "Kunming", "西南", "Southwest"),
    ("武汉", "Wuhan", "华中", "Central"),
    ("长沙", "Changsha", "华中", "Central"),
    ("郑州", "Zhengzhou", "华中", "Central"),
    ("西安", "Xi'an", "西北", "Northwest"),
    ("青岛", "Qingdao", "华北", "North"),
    ("济南", "Jinan", "华北", "North"),
    ("天津", "Tianjin", "华北", "North"),
    ("北京", "Beijing", "华北", "North"),
];

/// Words between the city and the brand; only past 288,000 accounts (all combinations of the
/// rest) is one used, so names stay unique up to 2,880,000 accounts.
const QUALIFIERS: [(&str, &str); 10] = [
    ("", ""),
    ("新", "New "),
    ("联合", "United "),
    ("国际", "International "),
    ("东方", "Oriental "),
    ("中科", "Zhongke "),
    ("大华", "Dahua "),
    ("金桥", "Jinqiao "),
    ("宏图", "Hongtu "),
    ("远东", "Far East "),
];

const BRAND_FIRST: [(&str, &str); 20] = [
    ("恒", "Heng"),
    ("华", "Hua"),
    ("鑫", "Xin"),
    ("瑞", "Rui"),
    ("宏", "Hong"),
    ("泰", "Tai"),
    ("德", "De"),
    ("盛", "Sheng"),
    ("安", "An"),
    ("中", "Zhong"),
    ("新", "Xin"),
    ("金", "Jin"),
    ("永", "Yong"),
    ("博", "Bo"),
    ("嘉", "Jia"),
    ("汇", "Hui"),
    ("天", "Tian"),
    ("明", "Ming"),
    ("海", "Hai"),
    ("联", "Lian"),
];
const BRAND_SECOND: [(&str, &str); 20] = [
    ("远", "yuan"),
    ("达", "da"),
    ("通", "tong"),
    ("信", "xin"),
    ("源", "yuan"),
    ("科", "ke"),
    ("丰", "feng"),
    ("和", "he"),
    ("昌", "chang"),
    ("兴", "xing"),
    ("顺", "shun"),
    ("利", "li"),
    ("邦", "bang"),
    ("辉", "hui"),
    ("诚", "cheng"),
    ("润", "run"),
    ("创", "chuang"),
    ("益", "yi"),
    ("航", "hang"),
    ("峰", "feng"),
];

/// Industries: (zh, en, the trade words of company names as (zh, en)).
type Industry = (&'static str, &'static str, [(&'static str, &'static str); 3]);
const INDUSTRIES: [Industry; 10] = [
    (
        "制造",
        "Manufacturing",
        [("精密机械", "Precision Machinery"), ("机电设备", "Electromechanical"), ("汽车零部件", "Auto Parts")],
    ),
    ("电子", "Electronics", [("电子科技", "Electronics"), ("半导体", "Semiconductor"), ("光电", "Optoelectronics")]),
    ("医药", "Pharma", [("医药", "Pharmaceutical"), ("生物科技", "Biotech"), ("医疗器械", "Medical Devices")]),
    ("化工", "Chemicals", [("化工", "Chemical"), ("新材料", "New Materials"), ("涂料", "Coatings")]),
    ("能源", "Energy", [("新能源", "New Energy"), ("电力设备", "Power Equipment"), ("储能科技", "Energy Storage")]),
    (
        "建筑",
        "Construction",
        [("建设工程", "Construction"), ("建材", "Building Materials"), ("装饰工程", "Decoration")],
    ),
    ("物流", "Logistics", [("物流", "Logistics"), ("供应链管理", "Supply Chain"), ("冷链物流", "Cold Chain")]),
    ("零售", "Retail", [("商贸", "Trading"), ("连锁超市", "Supermarkets"), ("电子商务", "E-commerce")]),
    ("食品", "Food", [("食品", "Foods"), ("乳业", "Dairy"), ("饮料", "Beverage")]),
    ("信息技术", "IT", [("信息技术", "Information Technology"), ("软件", "Software"), ("数据科技", "Data Technology")]),
];

/// Distinct (city, brand, trade) combinations.
const NAME_SPACE: u64 = 24 * 20 * 20 * 30;

/// Simplified → Traditional for every character of the names above that has a Traditional
/// form (the characters not listed are the same in both). A unit test checks each pair against
/// kascore's own Traditional → Simplified table, so the reader folds them back.
const TRADITIONAL: [(char, char); 58] = [
    ('苏', '蘇'),
    ('无', '無'),
    ('锡', '錫'),
    ('宁', '寧'),
    ('东', '東'),
    ('广', '廣'),
    ('厦', '廈'),
    ('门', '門'),
    ('庆', '慶'),
    ('汉', '漢'),
    ('长', '長'),
    ('郑', '鄭'),
    ('岛', '島'),
    ('济', '濟'),
    ('联', '聯'),
    ('国', '國'),
    ('际', '際'),
    ('华', '華'),
    ('桥', '橋'),
    ('图', '圖'),
    ('远', '遠'),
    ('恒', '恆'),
    ('汇', '匯'),
    ('达', '達'),
    ('丰', '豐'),
    ('兴', '興'),
    ('顺', '順'),
    ('辉', '輝'),
    ('诚', '誠'),
    ('润', '潤'),
    ('创', '創'),
    ('机', '機'),
    ('电', '電'),
    ('设', '設'),
    ('备', '備'),
    ('车', '車'),
    ('导', '導'),
    ('体', '體'),
    ('医', '醫'),
    ('药', '藥'),
    ('疗', '療'),
    ('涂', '塗'),
    ('储', '儲'),
    ('装', '裝'),
    ('饰', '飾'),
    ('应', '應'),
    ('链', '鏈'),
    ('贸', '貿'),
    ('连', '連'),
    ('锁', '鎖'),
    ('务', '務'),
    ('业', '業'),
    ('饮', '飲'),
    ('术', '術'),
    ('软', '軟'),
    ('数', '數'),
    ('据', '據'),
    ('团', '團'),
];

/// The Traditional spelling of a Simplified name (character by character, as a Hong Kong or
/// Taiwan office's system holds it).
pub fn traditional(s: &str) -> String {
    s.chars().map(|c| TRADITIONAL.iter().find(|(simple, _)| *simple == c).map_or(c, |(_, t)| *t)).collect()
}

/// The parts of an account's name.
#[derive(Debug, Clone, Copy)]
struct Name {
    city: usize,
    qualifier: usize,
    brand: (usize, usize),
    industry: usize,
    trade: usize,
    /// "…集团有限公司".
    group: bool,
    /// Registered as 股份有限公司 rather than 有限公司.
    joint_stock: bool,
}

/// How a system spells a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spelling {
    /// As registered: 苏州恒远精密机械有限公司.
    Official,
    /// Without the legal form: 苏州恒远精密机械 (en: without "Co., Ltd.").
    Stem,
    /// In Traditional characters: 蘇州恆遠精密機械有限公司 (en: in capitals).
    Traditional,
    /// With （中国）: 苏州恒远精密机械（中国）有限公司 (en: "… Limited").
    China,
    /// The other legal form: 股份有限公司 for 有限公司 and back (en: "… Corp.").
    OtherForm,
}

impl Name {
    /// Account `a`'s name: a bijection of the index onto the combinations, so the first
    /// [`NAME_SPACE`] accounts of a seed all have different names.
    fn new(seed: u64, a: u64, r: &mut Rng) -> Name {
        let perm = Perm::new(NAME_SPACE, seed, NAMES);
        let mut n = perm.at(a);
        let mut take = |k: u64| {
            let v = (n % k) as usize;
            n /= k;
            v
        };
        let city = take(24);
        let b1 = take(20);
        let b2 = take(20);
        let t = take(30);
        Name {
            city,
            qualifier: ((a / NAME_SPACE) % QUALIFIERS.len() as u64) as usize,
            brand: (b1, b2),
            industry: t / 3,
            trade: t % 3,
            group: r.chance(0.1),
            joint_stock: r.chance(0.25),
        }
    }

    /// City, brand and trade, without the legal form.
    fn stem(&self, lang: Lang) -> String {
        let (city, q, (b1, b2)) = (CITIES[self.city], QUALIFIERS[self.qualifier], self.brand);
        let trade = INDUSTRIES[self.industry].2[self.trade];
        match lang {
            Lang::Zh => format!(
                "{}{}{}{}{}{}",
                city.0,
                q.0,
                BRAND_FIRST[b1].0,
                BRAND_SECOND[b2].0,
                trade.0,
                if self.group { "集团" } else { "" }
            ),
            Lang::En => format!(
                "{} {}{}{} {}{}",
                city.1,
                q.1,
                BRAND_FIRST[b1].1,
                BRAND_SECOND[b2].1,
                trade.1,
                if self.group { " Group" } else { "" }
            ),
        }
    }

    /// The brand alone (恒远), as deal names use it.
    fn brand(&self, lang: Lang) -> String {
        let (b1, b2) = self.brand;
        match lang {
            Lang::Zh => format!("{}{}", BRAND_FIRST[b1].0, BRAND_SECOND[b2].0),
            Lang::En => format!("{}{}", BRAND_FIRST[b1].1, BRAND_SECOND[b2].1),
        }
    }

    fn spell(&self, how: Spelling, lang: Lang) -> String {
        let stem = self.stem(lang);
        let (form, other) = if self.joint_stock {
            ("股份有限公司", "有限公司")
        } else {
            ("有限公司", "股份有限公司")
        };
        match (lang, how) {
            (Lang::Zh, Spelling::Official) => format!("{stem}{form}"),
            (_, Spelling::Stem) => stem,
            (Lang::Zh, Spelling::Traditional) => traditional(&format!("{stem}{form}")),
            (Lang::Zh, Spelling::China) => format!("{stem}（中国）有限公司"),
            (Lang::Zh, Spelling::OtherForm) => format!("{stem}{other}"),
            (Lang::En, Spelling::Official) => format!("{stem} Co., Ltd."),
            (Lang::En, Spelling::Traditional) => format!("{stem} Co., Ltd.").to_uppercase(),
            (Lang::En, Spelling::China) => format!("{stem} Limited"),
            (Lang::En, Spelling::OtherForm) => format!("{stem} Corp."),
        }
    }
}

/// How each file spells a customer, by its slot: the accounts list and the template as
/// registered (the template sometimes short), the ledger sometimes short or in Traditional, the
/// pipeline sometimes with （中国） or the other legal form, and so on.
fn spelling(file: TeamFile, slot: u64) -> Spelling {
    match file {
        TeamFile::Accounts => Spelling::Official,
        TeamFile::Lines(LineKind::Receivables) => match slot % 7 {
            2 => Spelling::Stem,
            5 => Spelling::Traditional,
            _ => Spelling::Official,
        },
        TeamFile::Lines(LineKind::Opportunities) => match slot % 5 {
            1 => Spelling::China,
            3 => Spelling::OtherForm,
            _ => Spelling::Official,
        },
        TeamFile::Lines(LineKind::Orders) => match slot % 6 {
            4 => Spelling::Stem,
            _ => Spelling::Official,
        },
        TeamFile::Lines(LineKind::Payments) => match slot % 8 {
            3 => Spelling::Stem,
            6 => Spelling::Traditional,
            _ => Spelling::Official,
        },
        TeamFile::Lines(LineKind::Promises) => match slot % 2 {
            0 => Spelling::Stem,
            _ => Spelling::Official,
        },
        TeamFile::Template => match slot % 4 {
            3 => Spelling::Stem,
            _ => Spelling::Official,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Word lists.

const OWNERS: [(&str, &str); 12] = [
    ("张伟", "Zhang Wei"),
    ("王芳", "Wang Fang"),
    ("李娜", "Li Na"),
    ("刘洋", "Liu Yang"),
    ("陈静", "Chen Jing"),
    ("杨磊", "Yang Lei"),
    ("赵敏", "Zhao Min"),
    ("黄强", "Huang Qiang"),
    ("周杰", "Zhou Jie"),
    ("吴婷", "Wu Ting"),
    ("徐明", "Xu Ming"),
    ("孙丽", "Sun Li"),
];

/// Payment terms: (zh, en, days from invoice to due date).
const TERMS: [(&str, &str, i64); 4] =
    [("月结30天", "Net 30", 30), ("月结60天", "Net 60", 60), ("90天", "Net 90", 90), ("货到付款", "COD", 0)];
const TERMS_WEIGHTS: [f64; 4] = [35.0, 30.0, 20.0, 15.0];

const CREDIT: [&str; 7] = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC"];

/// The five open stages (seed 004) with their win probability; en has four words, so the
/// first two share Prospecting.
const STAGES: [(&str, &str, f64); 5] = [
    ("确定开发对象", "Prospecting", 0.1),
    ("信息收集", "Prospecting", 0.2),
    ("价值评估", "Qualification", 0.3),
    ("关系建立", "Proposal", 0.5),
    ("促成合作", "Negotiation", 0.7),
];

const LOST_REASONS: [(&str, &str); 6] = [
    ("价格高于竞争对手", "Price above competitor"),
    ("客户预算取消", "Budget cancelled"),
    ("技术方案未通过评审", "Technical proposal rejected"),
    ("竞争对手关系更深", "Competitor closer to the customer"),
    ("项目无限期搁置", "Project shelved"),
    ("交期无法满足", "Lead time not met"),
];

const PROJECTS: [(&str, &str); 10] = [
    ("产线自动化改造", "Line automation retrofit"),
    ("年度框架采购", "Annual framework purchase"),
    ("二期扩产设备", "Phase II capacity equipment"),
    ("MES系统升级", "MES upgrade"),
    ("备件集中采购", "Spare parts consolidation"),
    ("新工厂设备", "New plant equipment"),
    ("质量检测系统", "Quality inspection system"),
    ("节能改造", "Energy-saving retrofit"),
    ("仓储物流自动化", "Warehouse automation"),
    ("维保服务续约", "Maintenance contract renewal"),
];

/// What we sell, by the size of an order line: under 50,000 yuan, up to 500,000, above.
const PRODUCTS: [&[(&str, &str)]; 3] = [
    &[
        ("备品备件", "Spare parts"),
        ("技术培训", "Training"),
        ("工业传感器 PS-10", "Industrial sensor PS-10"),
        ("触摸屏 HMI-7", "HMI panel HMI-7"),
    ],
    &[
        ("伺服电机 SV-200", "Servo motor SV-200"),
        ("变频器 VF-75", "Inverter VF-75"),
        ("PLC控制器 K5", "PLC controller K5"),
        ("减速机 RG-90", "Gearbox RG-90"),
        ("安装调试服务", "Installation service"),
        ("年度维保服务", "Annual maintenance"),
    ],
    &[
        ("工业机器人 R6", "Industrial robot R6"),
        ("视觉检测系统 VS-3", "Vision inspection system VS-3"),
        ("自动化产线 AL-1", "Automated line AL-1"),
        ("伺服系统批量采购", "Servo systems, volume order"),
    ],
];

const COMMITMENTS: [(&str, &str); 10] = [
    ("提供样品测试报告", "Send the sample test report"),
    ("安排技术交流会", "Hold a technical workshop"),
    ("月底前提交正式报价", "Send the formal quote by month end"),
    ("协调交期提前一周", "Bring delivery forward a week"),
    ("派驻场工程师支持调试", "Send an engineer on site for commissioning"),
    ("兑现年度返利", "Pay the annual rebate"),
    ("提交质量问题8D报告", "Send the 8D report on the quality issue"),
    ("安排高层拜访", "Arrange an executive visit"),
    ("提供备件库存清单", "Send the spare parts stock list"),
    ("完成操作人员培训", "Train the operators"),
];

const SURNAMES: [(&str, &str); 12] = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("黄", "Huang"),
    ("赵", "Zhao"),
    ("周", "Zhou"),
    ("吴", "Wu"),
    ("马", "Ma"),
    ("胡", "Hu"),
];
const TITLES: [(&str, &str); 5] =
    [("总", "GM"), ("董", "Chairman"), ("总监", "Director"), ("经理", "Manager"), ("总工", "CTO")];
const ATTITUDES: [(&str, &str); 3] = [("支持", "Support"), ("中立", "Neutral"), ("反对", "Against")];

// ---------------------------------------------------------------------------------------------
// Accounts.

/// What every account and line of one run shares.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    seed: u64,
    /// Accounts.
    m: u64,
    lang: Lang,
    /// Account → slot (which story it plays).
    slots: Perm,
    /// The team's owners: `owners` consecutive names of [`OWNERS`] from `first_owner`.
    first_owner: usize,
    owners: usize,
}

impl Ctx {
    fn new(seed: u64, m: u64, lang: Lang) -> Ctx {
        let m = m.max(1);
        Ctx {
            seed,
            m,
            lang,
            slots: Perm::new(m, seed, SLOTS),
            first_owner: (seed % OWNERS.len() as u64) as usize,
            owners: (m / 8).clamp(3, OWNERS.len() as u64) as usize,
        }
    }

    fn owner(&self, k: usize) -> &'static str {
        let o = OWNERS[(self.first_owner + k) % OWNERS.len()];
        pick(self.lang, o.0, o.1)
    }

    fn text(&self, zh: &'static str, en: &'static str) -> SampleCell {
        SampleCell::Text(pick(self.lang, zh, en).to_string())
    }
}

/// One account: everything its lines are drawn from.
#[derive(Debug, Clone)]
struct Profile {
    index: u64,
    slot: u64,
    story: &'static Story,
    name: Name,
    owner: usize,
    /// Latent quality of the opportunity, 0–1: the team's ratings follow it.
    quality: f64,
    /// Annual purchase (yuan).
    annual: f64,
    /// Our share of it.
    share: f64,
    terms: usize,
    credit: usize,
    /// Credit limit ÷ what the account owes (below 1: over the limit).
    limit_factor: f64,
    deals: u64,
    open_deals: u64,
    invoices: u64,
    orders: u64,
    payments: u64,
}

impl Profile {
    fn new(ctx: &Ctx, a: u64) -> Profile {
        let slot = ctx.slots.at(a);
        let story = &STORIES[(slot % STORIES.len() as u64) as usize];
        let mut r = stream(ctx.seed, PROFILE, a, 0);
        let name = Name::new(ctx.seed, a, &mut r);
        let owner = r.below(ctx.owners as u64) as usize;
        let quality = r.unit().powf(0.7);
        let annual = two_figures(r.log_uniform(3e6, 3e8));
        // Our share of its purchases: about one account in four buys mostly from us.
        let share = 0.05 + 0.75 * r.unit().powf(1.5);
        let terms = r.weighted(&TERMS_WEIGHTS);
        let credit = (story.ar.severity() + r.below(2) as usize).min(CREDIT.len() - 1);
        let limit_factor = if story.over_limit { 0.55 + 0.3 * r.unit() } else { 1.15 + 0.5 * r.unit() };
        // Bigger customers have more lines.
        let size = ((annual / 3e6).ln() / 100f64.ln()).clamp(0.0, 1.0);
        let mut lines = |lo: f64, hi: f64| (lo + (hi - lo) * (0.6 * size + 0.4 * r.unit())).round() as u64;
        let orders = lines(10.0, 60.0);
        let invoices = lines(5.0, 40.0);
        let payments = lines(3.0, 12.0);
        let (deals, open_deals) = match story.deals {
            Deals::Open => {
                let n = r.range(3, 4) as u64;
                (n, n)
            }
            Deals::AllLost => (r.range(3, 5) as u64, 0),
            Deals::AllWon => (r.range(3, 8) as u64, 0),
            Deals::Mixed => {
                let n = r.range(3, 8) as u64;
                (n, 1 + r.below((n - 1).min(4)))
            }
        };
        Profile {
            index: a,
            slot,
            story,
            name,
            owner,
            quality,
            annual,
            share,
            terms,
            credit,
            limit_factor,
            deals,
            open_deals,
            invoices,
            orders,
            payments,
        }
    }

    fn id(&self) -> String {
        format!("K-{:04}", self.index + 1)
    }

    /// Sales over 12 months (yuan).
    fn sales(&self) -> f64 {
        self.annual * self.share
    }

    /// Lines of a kind in a team set (a kind the story has none of: 0). Line-item files of
    /// one kind (`--kind`) give every account at least one line whatever its story.
    fn lines(&self, kind: LineKind) -> u64 {
        let s = self.story;
        match kind {
            LineKind::Opportunities => self.deals,
            LineKind::Receivables if s.ar == Ar::None => 0,
            LineKind::Receivables => self.invoices,
            LineKind::Orders | LineKind::Payments if s.orders == Orders::None => 0,
            LineKind::Orders => self.orders,
            LineKind::Payments => self.payments,
            LineKind::Promises => s.promises.len() as u64,
        }
    }

    /// What the account typically owes: a terms' worth of sales.
    fn typical_balance(&self) -> f64 {
        self.sales() * (TERMS[self.terms].2.max(15) as f64) / 365.0
    }

    /// The credit limit given what the account owes and its open deals (the model's exposure
    /// is their sum): above the exposure, or, when the story says so, below the receivables
    /// alone.
    fn credit_limit(&self, owed: f64, open: f64) -> f64 {
        if self.story.over_limit && owed > 20_000.0 {
            return ((owed * self.limit_factor) / 10_000.0).floor() * 10_000.0;
        }
        let exposure = owed.max(self.typical_balance()) + open;
        ((exposure * self.limit_factor) / 100_000.0).ceil().max(1.0) * 100_000.0
    }

    fn spelled(&self, file: TeamFile, lang: Lang) -> SampleCell {
        SampleCell::Text(self.name.spell(spelling(file, self.slot), lang))
    }
}

// ---------------------------------------------------------------------------------------------
// Lines.

/// One line before it becomes cells: numbers and dates, no text.
#[derive(Debug, Clone, Copy)]
enum Line {
    Deal {
        created: NaiveDate,
        close: NaiveDate,
        /// 0–4 an open stage; None when closed.
        stage: Option<usize>,
        won: bool,
        reason: usize,
        amount: f64,
        owner: usize,
        project: usize,
    },
    Invoice {
        posted: NaiveDate,
        due: NaiveDate,
        amount: f64,
        outstanding: f64,
    },
    Order {
        date: NaiveDate,
        /// (size tier, product) in [`PRODUCTS`].
        product: (usize, usize),
        sales: f64,
        cost: f64,
    },
    Payment {
        date: NaiveDate,
        amount: f64,
    },
    Promise {
        due: NaiveDate,
        how: Promise,
        kept: Option<NaiveDate>,
        item: usize,
    },
}

impl Line {
    /// The date a system sorts its export by.
    fn date(&self) -> NaiveDate {
        match *self {
            Line::Deal { created, .. } => created,
            Line::Invoice { posted, .. } => posted,
            Line::Order { date, .. } | Line::Payment { date, .. } => date,
            Line::Promise { due, .. } => due,
        }
    }
}

/// Line `j` of a kind for an account (`j` below `p.lines(kind)` in a team set; any `j` in a
/// line-item file, where `j` = 0 is the account's first row). `r` is the line's own stream.
fn line(ctx: &Ctx, p: &Profile, kind: LineKind, j: u64, r: &mut Rng) -> Line {
    match kind {
        LineKind::Opportunities => deal(ctx, p, j, r),
        LineKind::Receivables => invoice(p, j, r),
        LineKind::Orders => order(p, r),
        LineKind::Payments => payment(p, j, r),
        LineKind::Promises => promise(p, j, r),
    }
}

fn deal(ctx: &Ctx, p: &Profile, j: u64, r: &mut Rng) -> Line {
    let open = match p.story.deals {
        Deals::Open => true,
        Deals::Mixed => j < p.open_deals,
        Deals::AllWon | Deals::AllLost => false,
    };
    let won = match p.story.deals {
        Deals::AllWon => true,
        Deals::AllLost | Deals::Open => false,
        Deals::Mixed => r.chance(0.6),
    };
    let amount = round_to(p.annual * r.log_uniform(0.01, 0.12), 1000.0).max(10_000.0);
    let owner = if r.chance(0.9) { p.owner } else { r.below(ctx.owners as u64) as usize };
    let project = r.below(PROJECTS.len() as u64) as usize;
    let reason = r.below(LOST_REASONS.len() as u64) as usize;
    if !open {
        // Closed deals: the close date is when they closed.
        let close = ago(if won { r.range(5, 700) } else { r.range(5, 500) });
        let created = add_days(close, -r.range(20, 240));
        return Line::Deal { created, close, stage: None, won, reason, amount, owner, project };
    }
    let stage = if p.story.deals == Deals::Open {
        r.below(3) as usize
    } else {
        r.weighted(&[1.0, 2.0, 3.0, 3.0, lerp(1.0, 4.0, p.quality)])
    };
    // The main deal (the first) of three mixed accounts in twenty has a close date already
    // passed (a stale pipeline), as has one other open deal in ten; better deals close sooner.
    let passed = if j == 0 { p.story.deals == Deals::Mixed && p.slot % 5 == 2 } else { r.chance(0.1) };
    let (close, created) = if passed {
        let close = ago(r.range(1, 75));
        (close, add_days(close, -r.range(30, 300)))
    } else {
        let days = if r.chance(lerp(0.2, 0.75, p.quality)) { r.range(5, 90) } else { r.range(91, 330) };
        (add_days(BASE_DATE, days), ago(r.range(15, 330)))
    };
    Line::Deal { created, close, stage: Some(stage), won: false, reason, amount, owner, project }
}

fn invoice(p: &Profile, j: u64, r: &mut Rng) -> Line {
    let s = p.story;
    let days = TERMS[p.terms].2;
    let average = p.sales() / p.invoices.max(1) as f64;
    let amount = round_to(average * r.log_uniform(0.4, 2.2), 0.01);
    let partly = |r: &mut Rng, v: f64| round_to(v * (0.2 + 0.6 * r.unit()), 0.01);
    let late = s.ar.overdue();
    if j == 1 && s.credit_note {
        // A credit note (红冲) against a recent invoice: negative, and still open.
        let posted = ago(r.range(3, 60));
        let credit = -round_to(average * r.log_uniform(0.03, 0.2), 0.01);
        return Line::Invoice { posted, due: add_days(posted, days), amount: credit, outstanding: credit };
    }
    if j == 2 && s.due_today {
        return Line::Invoice { posted: ago(days), due: BASE_DATE, amount, outstanding: amount };
    }
    if let (0, Some((lo, hi))) = (j, late) {
        // The account's worst item: past due in the story's bucket, unpaid or partly paid;
        // within 90 days mostly a small remainder or a disputed invoice, so the overdue share
        // stays under 30% for most (more is weak credit).
        let due = ago(r.range(lo, hi));
        let amount = if hi <= 90 { round_to(average * r.log_uniform(0.15, 0.7), 0.01) } else { amount };
        let outstanding = if r.chance(0.3) { amount } else { partly(r, amount) };
        return Line::Invoice { posted: add_days(due, -days), due, amount, outstanding };
    }
    let posted = if s.orders == Orders::Old { ago(r.range(395, 547)) } else { ago(r.range(0, 364)) };
    let due = add_days(posted, days);
    let overdue = (BASE_DATE - due).num_days();
    let outstanding = if overdue <= 0 {
        if r.chance(0.2) {
            partly(r, amount)
        } else {
            amount
        }
    } else if late.is_some_and(|(_, hi)| overdue <= hi) && r.chance(0.12) {
        amount
    } else {
        0.0
    };
    Line::Invoice { posted, due, amount, outstanding }
}

fn order(p: &Profile, r: &mut Rng) -> Line {
    let date = if p.story.orders == Orders::Old { ago(r.range(372, 547)) } else { ago(r.range(0, 547)) };
    // 18 months of lines: two thirds of them in a year.
    let average = p.sales() / (p.orders.max(1) as f64 * 2.0 / 3.0);
    let sales = round_to(average * r.log_uniform(0.3, 2.5), 0.01);
    let cost = round_to(sales * (0.55 + 0.3 * r.unit()), 0.01);
    let tier = match sales {
        x if x < 50_000.0 => 0,
        x if x < 500_000.0 => 1,
        _ => 2,
    };
    Line::Order { date, product: (tier, r.below(PRODUCTS[tier].len() as u64) as usize), sales, cost }
}

fn payment(p: &Profile, j: u64, r: &mut Rng) -> Line {
    // The first payment is the latest; the others are older.
    let (lo, hi, span) = match (p.story.orders, p.story.ar.last_payment()) {
        (Orders::Old, _) => (372, 450, 547),
        (_, (lo, hi)) => (lo, hi, 364.max(hi + 60)),
    };
    let date = if j == 0 { ago(r.range(lo, hi)) } else { ago(r.range(lo, span)) };
    let average = p.sales() / p.payments.max(1) as f64;
    Line::Payment { date, amount: round_to(average * r.log_uniform(0.5, 1.8), 0.01) }
}

fn promise(p: &Profile, j: u64, r: &mut Rng) -> Line {
    let list = p.story.promises;
    let how = if list.is_empty() {
        [P::Kept, P::KeptLate, P::Open, P::Broken][r.weighted(&[5.0, 2.0, 3.0, 2.0])]
    } else {
        list[(j % list.len() as u64) as usize]
    };
    let (due, kept) = match how {
        P::Kept => {
            let due = ago(r.range(5, 200));
            (due, Some(add_days(due, -r.range(0, 10))))
        }
        P::KeptLate => {
            let due = ago(r.range(25, 200));
            (due, Some(add_days(due, r.range(3, 20))))
        }
        P::Open => (add_days(BASE_DATE, r.range(5, 60)), None),
        P::DueToday => (BASE_DATE, None),
        P::Broken | P::BrokenStale => (ago(r.range(5, 120)), None),
    };
    Line::Promise { due, how, kept, item: r.below(COMMITMENTS.len() as u64) as usize }
}

/// The cells of a line. `seq` numbers the documents (商机编号, 单据号, 订单号) in file order.
fn cells(ctx: &Ctx, p: &Profile, l: &Line, seq: u64, limit: f64) -> Vec<SampleCell> {
    use SampleCell::{Blank, Date, Number, Text};
    let lang = ctx.lang;
    let name = |k| p.spelled(TeamFile::Lines(k), lang);
    match *l {
        Line::Deal { created, close, stage, won, reason, amount, owner, project } => {
            let (stage_cell, probability, status) = match (stage, won) {
                (Some(s), _) => (pick(lang, STAGES[s].0, STAGES[s].1), STAGES[s].2, ctx.text("进行中", "Open")),
                (None, true) => (pick(lang, "赢单", "Closed Won"), 1.0, ctx.text("赢单", "Won")),
                (None, false) => (pick(lang, "输单", "Closed Lost"), 0.0, ctx.text("输单", "Lost")),
            };
            let lost = stage.is_none() && !won;
            let project = PROJECTS[project];
            vec![
                Text(format!("SJ-{seq:06}")),
                Text(format!("{}{}{}", p.name.brand(lang), pick(lang, "-", " - "), pick(lang, project.0, project.1))),
                name(LineKind::Opportunities),
                Text(ctx.owner(owner).to_string()),
                Text(stage_cell.to_string()),
                Number(amount),
                Number(probability),
                Date(close),
                Date(created),
                status,
                if lost { ctx.text(LOST_REASONS[reason].0, LOST_REASONS[reason].1) } else { Blank },
            ]
        }
        Line::Invoice { posted, due, amount, outstanding } => vec![
            Text(p.id()),
            name(LineKind::Receivables),
            Text(format!("{}-{seq:06}", if amount < 0.0 { "HC" } else { "YS" })),
            Date(posted),
            Date(due),
            Number(amount),
            Number(outstanding),
            ctx.text(TERMS[p.terms].0, TERMS[p.terms].1),
            Number(limit),
        ],
        Line::Order { date, product, sales, cost } => vec![
            Text(format!("SO-{seq:06}")),
            Date(date),
            name(LineKind::Orders),
            Text(ctx.owner(p.owner).to_string()),
            ctx.text(PRODUCTS[product.0][product.1].0, PRODUCTS[product.0][product.1].1),
            Number(sales),
            Number(cost),
        ],
        Line::Payment { date, amount } => vec![Date(date), name(LineKind::Payments), Number(amount)],
        Line::Promise { due, how, kept, item } => vec![
            name(LineKind::Promises),
            ctx.text(COMMITMENTS[item].0, COMMITMENTS[item].1),
            Date(due),
            match how {
                P::Kept | P::KeptLate => ctx.text("已兑现", "Kept"),
                P::Broken => ctx.text("未兑现", "Not kept"),
                P::Open | P::DueToday | P::BrokenStale => ctx.text("进行中", "Open"),
            },
            kept.map_or(Blank, Date),
        ],
    }
}

// ---------------------------------------------------------------------------------------------
// A team set.

/// The largest team `--team` writes (its files are sorted, so they are held in memory; a
/// line-item file of any size streams with `--kind`).
pub const MAX_TEAM: u64 = 10_000;

/// What to generate for a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamSpec {
    /// The team's accounts, 1 to [`MAX_TEAM`].
    pub accounts: u64,
    pub seed: u64,
    pub lang: Lang,
}

/// One account of a team, with what its lines add up to.
#[derive(Debug, Clone)]
struct Member {
    profile: Profile,
    credit_limit: f64,
    /// Σ open deal amounts, and the close date of its main open deal (its first).
    open_value: f64,
    main_close: Option<NaiveDate>,
}

/// One team's accounts: [`Team::rows`] gives the rows of each of its [`TEAM_FILES`].
///
/// ```
/// use kascore::sample_team::{Team, TeamFile, TeamSpec};
/// let team = Team::new(TeamSpec { accounts: 20, seed: 42, lang: kascore::Lang::Zh });
/// let listed = team.rows(TeamFile::Accounts).count();
/// assert_eq!(listed, 16); // 80% of the team is in the accounts list
/// ```
#[derive(Debug, Clone)]
pub struct Team {
    ctx: Ctx,
    members: Vec<Member>,
}

impl Team {
    pub fn new(spec: TeamSpec) -> Team {
        let ctx = Ctx::new(spec.seed, spec.accounts.clamp(1, MAX_TEAM), spec.lang);
        let members = (0..ctx.m)
            .map(|a| {
                let profile = Profile::new(&ctx, a);
                let mut owed = 0.0;
                for j in 0..profile.lines(LineKind::Receivables) {
                    if let Line::Invoice { outstanding, .. } = team_line(&ctx, &profile, LineKind::Receivables, j) {
                        owed += outstanding;
                    }
                }
                let (mut open_value, mut main_close) = (0.0, None);
                for j in 0..profile.lines(LineKind::Opportunities) {
                    if let Line::Deal { stage: Some(_), amount, close, .. } =
                        team_line(&ctx, &profile, LineKind::Opportunities, j)
                    {
                        open_value += amount;
                        if j == 0 {
                            main_close = Some(close);
                        }
                    }
                }
                let credit_limit = profile.credit_limit(owed, open_value);
                Member { profile, credit_limit, open_value, main_close }
            })
            .collect();
        Team { ctx, members }
    }

    /// The rows of one file, in the order the system exports them.
    pub fn rows(&self, file: TeamFile) -> TeamRows<'_> {
        let order: Vec<Entry> = match file {
            TeamFile::Accounts => self
                .members
                .iter()
                .enumerate()
                .filter(|(_, m)| m.profile.story.role == Role::Listed)
                .map(|(a, _)| Entry::Account(a))
                .collect(),
            TeamFile::Template => self.judged().into_iter().map(Entry::Account).collect(),
            TeamFile::Lines(kind) => {
                let mut lines: Vec<(usize, Line)> = Vec::new();
                for (a, m) in self.members.iter().enumerate() {
                    for j in 0..m.profile.lines(kind) {
                        lines.push((a, team_line(&self.ctx, &m.profile, kind, j)));
                    }
                }
                // The ledger by customer then date; the rest by date (stable: ties keep
                // account order).
                if kind == LineKind::Receivables {
                    lines.sort_by_key(|(a, l)| (*a, l.date()));
                } else {
                    lines.sort_by_key(|(_, l)| l.date());
                }
                lines.into_iter().map(|(a, l)| Entry::Line(a, l)).collect()
            }
        };
        TeamRows { team: self, file, order: order.into_iter(), seq: 0, totals: Totals::new(file, self.ctx.lang) }
    }

    /// The accounts the team has rated in its template: about half, those with open deals
    /// first, listed by owner as a team collects them.
    fn judged(&self) -> Vec<usize> {
        let want = self.members.len().div_ceil(2);
        let mut by_slot: Vec<usize> = (0..self.members.len()).collect();
        by_slot.sort_by_key(|a| (self.members[*a].main_close.is_none(), self.members[*a].profile.slot));
        by_slot.truncate(want);
        by_slot.sort_by_key(|a| (self.members[*a].profile.owner, *a));
        by_slot
    }

    fn account_cells(&self, m: &Member) -> Vec<SampleCell> {
        use SampleCell::{Number, Text};
        let (ctx, p) = (&self.ctx, &m.profile);
        let city = CITIES[p.name.city];
        let industry = INDUSTRIES[p.name.industry];
        let annual = if ctx.lang == Lang::Zh { p.annual / 1e4 } else { p.annual };
        vec![
            Text(p.id()),
            p.spelled(TeamFile::Accounts, ctx.lang),
            Text(ctx.owner(p.owner).to_string()),
            ctx.text(city.2, city.3),
            ctx.text(industry.0, industry.1),
            Number(annual),
            Text(CREDIT[p.credit].to_string()),
            Number(m.credit_limit),
        ]
    }

    /// The team's judgement of an account, as a manager fills in the template.
    fn template_cells(&self, m: &Member) -> Vec<SampleCell> {
        use SampleCell::{Blank, Date, Number, Text};
        let (ctx, p) = (&self.ctx, &m.profile);
        let zh = ctx.lang == Lang::Zh;
        let mut r = stream(ctx.seed, TEMPLATE, p.index, 0);
        let q = p.quality;
        let noise = |r: &mut Rng| 0.3 * (r.unit() - 0.5);
        // Money and honesty follow how the account pays; a team rarely gives a 1.
        let pays = 1.0 - p.story.ar.severity() as f64 / 5.0;
        let mut rate = |x: f64| Number(rating(0.25 + 0.75 * (x + noise(&mut r))));
        let ratings =
            [rate(q), rate(0.5 * pays + 0.5 * q), rate(0.8 * pays + 0.2 * q), rate(q), rate(q), rate(q), rate(q)];
        let yes_no = |b: bool| ctx.text(if b { "是" } else { "否" }, if b { "Yes" } else { "No" });
        // Intent follows quality, with noise: a strong opportunity has its need agreed and its
        // decision maker known.
        let need = yes_no(q + 0.4 * (r.unit() - 0.5) > 0.4);
        let maker = if q + 0.4 * (r.unit() - 0.5) > 0.35 {
            let (s, t) = (SURNAMES[r.below(SURNAMES.len() as u64) as usize], TITLES[r.below(5) as usize]);
            Text(if zh { format!("{}{}", s.0, t.0) } else { format!("{} ({})", s.1, t.1) })
        } else {
            ctx.text("不明确", "Unclear")
        };
        let attitude = ATTITUDES[r.weighted(&[lerp(20.0, 70.0, q), 30.0, lerp(20.0, 3.0, q)])];
        let insider = yes_no(r.chance(lerp(0.2, 0.7, q)));
        let budget = two_figures(m.open_value * lerp(0.6, 1.4, q + noise(&mut r)));
        // The team's date is its main deal's, now and then moved on by a few weeks (the
        // report notes the difference); a stale one stays stale.
        let close =
            m.main_close.map(|d| if d > BASE_DATE && r.chance(0.25) { add_days(d, r.range(15, 60)) } else { d });
        let mut row = vec![p.spelled(TeamFile::Template, ctx.lang), Text(ctx.owner(p.owner).to_string())];
        row.extend(ratings);
        row.extend([
            need,
            maker,
            ctx.text(attitude.0, attitude.1),
            insider,
            if budget > 0.0 { Number(if zh { budget / 1e4 } else { budget }) } else { Blank },
            close.map_or(Blank, Date),
        ]);
        row
    }
}

/// Line `j` of an account in a team set: its stream is (account, j).
fn team_line(ctx: &Ctx, p: &Profile, kind: LineKind, j: u64) -> Line {
    line(ctx, p, kind, j, &mut stream(ctx.seed, kind.salt(), p.index, j))
}

/// What a row of a team file is drawn from.
#[derive(Debug, Clone, Copy)]
enum Entry {
    Account(usize),
    Line(usize, Line),
}

/// The rows of one team file (see [`Team::rows`]).
#[derive(Debug, Clone)]
pub struct TeamRows<'a> {
    team: &'a Team,
    file: TeamFile,
    order: std::vec::IntoIter<Entry>,
    seq: u64,
    totals: Totals,
}

impl Iterator for TeamRows<'_> {
    type Item = Vec<SampleCell>;

    fn next(&mut self) -> Option<Vec<SampleCell>> {
        let team = self.team;
        let row = match (self.order.next()?, self.file) {
            (Entry::Account(a), TeamFile::Template) => team.template_cells(&team.members[a]),
            (Entry::Account(a), _) => team.account_cells(&team.members[a]),
            (Entry::Line(a, l), file) => {
                if !matches!(file, TeamFile::Lines(_)) {
                    return None;
                }
                self.seq += 1;
                let m = &team.members[a];
                cells(&team.ctx, &m.profile, &l, self.seq, m.credit_limit)
            }
        };
        self.totals.add(&row);
        Some(row)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.order.size_hint()
    }
}

impl SampleRows for TeamRows<'_> {
    fn totals(&self) -> Option<Vec<SampleCell>> {
        self.totals.row()
    }
}

// ---------------------------------------------------------------------------------------------
// One big line-item file.

/// What to generate for `--kind KIND --rows N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSpec {
    pub kind: LineKind,
    /// Data rows (the header, the ledger's title rows and its totals line come on top).
    pub rows: u64,
    /// Distinct customers: each of the first `min(rows, accounts)` rows starts one.
    pub accounts: u64,
    pub seed: u64,
    pub lang: Lang,
}

impl LineSpec {
    /// The default number of customers for `rows` lines: one per 20 lines.
    pub fn default_accounts(rows: u64) -> u64 {
        (rows / 20).max(1)
    }
}

/// The rows of one line-item file, each drawn from the seed and its index alone: constant
/// memory for any number of rows.
#[derive(Debug, Clone)]
pub struct Lines {
    spec: LineSpec,
    ctx: Ctx,
    /// Row → account for the first `accounts` rows.
    first: Perm,
    next: u64,
    totals: Totals,
}

impl Lines {
    pub fn new(spec: LineSpec) -> Lines {
        let ctx = Ctx::new(spec.seed, spec.accounts, spec.lang);
        Lines {
            spec,
            ctx,
            first: Perm::new(ctx.m, spec.seed, ASSIGN),
            next: 0,
            totals: Totals::new(TeamFile::Lines(spec.kind), spec.lang),
        }
    }

    /// Row `i`: its account, the line's number within the account's story, and its stream.
    fn row(&self, i: u64) -> Vec<SampleCell> {
        let kind = self.spec.kind;
        let (a, key) = if i < self.ctx.m {
            (self.first.at(i), 0)
        } else {
            // Customers with a 20/80 skew: a few have most of the lines.
            let u = stream(self.spec.seed, ASSIGN, i, 0).unit();
            let k = ((u.powf(2.5) * self.ctx.m as f64) as u64).min(self.ctx.m - 1);
            (self.first.at(k), (1 << 40) + i)
        };
        let p = Profile::new(&self.ctx, a);
        let mut r = stream(self.spec.seed, kind.salt(), a, key);
        // Every account has lines here, whatever its story says of this kind.
        let n = p.lines(kind).max(match kind {
            LineKind::Receivables => p.invoices,
            LineKind::Orders => p.orders,
            LineKind::Payments => p.payments,
            LineKind::Opportunities | LineKind::Promises => 1,
        });
        let j = if key == 0 { 0 } else { r.below(n.max(1)) };
        let l = line(&self.ctx, &p, kind, j, &mut r);
        cells(&self.ctx, &p, &l, i + 1, p.credit_limit(p.typical_balance(), 0.0))
    }
}

impl Iterator for Lines {
    type Item = Vec<SampleCell>;

    fn next(&mut self) -> Option<Vec<SampleCell>> {
        if self.next >= self.spec.rows {
            return None;
        }
        let row = self.row(self.next);
        self.next += 1;
        self.totals.add(&row);
        Some(row)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::try_from(self.spec.rows - self.next).unwrap_or(usize::MAX);
        (left, Some(left))
    }
}

impl SampleRows for Lines {
    fn totals(&self) -> Option<Vec<SampleCell>> {
        self.totals.row()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    fn team(m: u64) -> Team {
        Team::new(TeamSpec { accounts: m, seed: 42, lang: Lang::Zh })
    }

    fn text(c: &SampleCell) -> &str {
        match c {
            SampleCell::Text(t) => t,
            _ => "",
        }
    }

    fn num(c: &SampleCell) -> f64 {
        match c {
            SampleCell::Number(v) => *v,
            other => panic!("{other:?}"),
        }
    }

    fn date(c: &SampleCell) -> Option<NaiveDate> {
        match c {
            SampleCell::Date(d) => Some(*d),
            _ => None,
        }
    }

    #[test]
    fn traditional_names_fold_back_to_simplified() {
        for (s, t) in TRADITIONAL {
            assert_eq!(crate::values::text::simplified(t), s, "{t} does not fold to {s}");
            assert_ne!(s, t);
        }
        let ctx = Ctx::new(42, 3000, Lang::Zh);
        for a in 0..3000 {
            let name = Profile::new(&ctx, a).name.spell(Spelling::Official, Lang::Zh);
            let t = traditional(&name);
            let back: String = t.chars().map(crate::values::text::simplified).collect();
            assert_eq!(back, name);
            let (_, _, unmappable) = encoding_rs::GBK.encode(&t);
            assert!(!unmappable, "{t}");
        }
        assert_eq!(traditional("苏州恒远精密机械有限公司"), "蘇州恆遠精密機械有限公司");
    }

    #[test]
    fn names_are_unique_and_permutations_are_bijections() {
        let ctx = Ctx::new(7, 50_000, Lang::Zh);
        let names: BTreeSet<String> = (0..50_000).map(|a| Profile::new(&ctx, a).name.stem(Lang::Zh)).collect();
        assert_eq!(names.len(), 50_000);
        for n in [1, 2, 3, 20, 40, 997, 1_000_003] {
            let p = Perm::new(n, 42, SLOTS);
            let seen: BTreeSet<u64> = (0..n.min(5000)).map(|i| p.at(i)).collect();
            assert_eq!(seen.len() as u64, n.min(5000), "n = {n}");
        }
    }

    #[test]
    fn every_story_plays_in_twenty_accounts() {
        let t = team(20);
        let stories: BTreeSet<u64> = t.members.iter().map(|m| m.profile.slot % 20).collect();
        assert_eq!(stories.len(), 20);
        let listed = t.members.iter().filter(|m| m.profile.story.role == Role::Listed).count();
        assert_eq!(listed, 16);
        // Over-limit accounts owe more than their limit; the others less.
        let mut owed: BTreeMap<String, f64> = BTreeMap::new();
        for r in t.rows(TeamFile::Lines(LineKind::Receivables)) {
            *owed.entry(text(&r[0]).to_string()).or_default() += num(&r[6]);
        }
        for m in &t.members {
            let o = owed.get(&m.profile.id()).copied().unwrap_or(0.0);
            if o > 20_000.0 {
                assert_eq!(m.profile.story.over_limit, o > m.credit_limit, "{m:?}");
            }
        }
    }

    #[test]
    fn team_files_cover_the_model() {
        let t = team(40);
        let deals: Vec<_> = t.rows(TeamFile::Lines(LineKind::Opportunities)).collect();
        let status: BTreeSet<&str> = deals.iter().map(|r| text(&r[9])).collect();
        assert_eq!(status, ["输单", "赢单", "进行中"].into());
        let open_closes: Vec<NaiveDate> =
            deals.iter().filter(|r| text(&r[9]) == "进行中").filter_map(|r| date(&r[7])).collect();
        assert!(open_closes.iter().any(|d| *d < BASE_DATE) && open_closes.iter().any(|d| *d > BASE_DATE));
        assert!(deals.iter().filter(|r| text(&r[9]) == "输单").all(|r| !text(&r[10]).is_empty()));
        assert!(deals.iter().all(|r| date(&r[8]) <= date(&r[7])), "created after close");

        let ledger: Vec<_> = t.rows(TeamFile::Lines(LineKind::Receivables)).collect();
        let mut buckets = BTreeSet::new();
        for r in &ledger {
            let (due, open) = (date(&r[4]).unwrap(), num(&r[6]));
            if open > 0.0 {
                buckets.insert(match (BASE_DATE - due).num_days() {
                    ..=0 => 0,
                    1..=30 => 1,
                    31..=60 => 2,
                    61..=90 => 3,
                    91..=180 => 4,
                    _ => 5,
                });
            }
        }
        assert_eq!(buckets, (0..=5).collect());
        assert!(ledger.iter().any(|r| num(&r[5]) < 0.0 && text(&r[2]).starts_with("HC-")));
        assert!(ledger.iter().any(|r| date(&r[4]) == Some(BASE_DATE) && num(&r[6]) > 0.0));
        let mut owed: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
        for r in &ledger {
            let e = owed.entry(text(&r[0])).or_default();
            e.0 += num(&r[6]);
            e.1 = num(&r[8]);
        }
        assert!(owed.values().any(|(o, limit)| o > limit), "nobody over the limit");

        let orders: Vec<_> = t.rows(TeamFile::Lines(LineKind::Orders)).collect();
        let mut latest: BTreeMap<String, NaiveDate> = BTreeMap::new();
        for r in &orders {
            let d = date(&r[1]).unwrap();
            assert!(d <= BASE_DATE && (BASE_DATE - d).num_days() < 548);
            let e = latest.entry(text(&r[2]).to_string()).or_insert(d);
            *e = (*e).max(d);
        }
        assert!(latest.values().filter(|d| (BASE_DATE - **d).num_days() >= 365).count() >= 2);

        let promises: Vec<_> = t.rows(TeamFile::Lines(LineKind::Promises)).collect();
        let kinds: BTreeSet<(&str, bool, bool)> = promises
            .iter()
            .map(|r| {
                let (due, kept) = (date(&r[2]).unwrap(), date(&r[4]));
                (text(&r[3]), due.cmp(&BASE_DATE).is_lt(), kept.is_some_and(|k| k > due))
            })
            .collect();
        for k in [("已兑现", true, false), ("已兑现", true, true), ("进行中", false, false), ("未兑现", true, false)]
        {
            assert!(kinds.contains(&k), "{k:?} missing from {kinds:?}");
        }
        assert!(promises.iter().any(|r| date(&r[2]) == Some(BASE_DATE)), "nothing due today");
        assert!(t.rows(TeamFile::Template).count() == 20);
    }

    #[test]
    fn lines_stream_from_their_index() {
        let spec = LineSpec { kind: LineKind::Receivables, rows: 500, accounts: 40, seed: 9, lang: Lang::Zh };
        let all: Vec<_> = Lines::new(spec).collect();
        assert_eq!(all.len(), 500);
        let again: Vec<_> = Lines::new(spec).collect();
        assert_eq!(all, again);
        let ids: BTreeSet<&str> = all.iter().map(|r| text(&r[0])).collect();
        assert_eq!(ids.len(), 40);
        let mut lines = Lines::new(spec);
        lines.by_ref().for_each(drop);
        let totals = lines.totals().unwrap();
        assert_eq!(totals[0], SampleCell::Text("合计".into()));
        let sum: f64 = all.iter().map(|r| num(&r[5])).sum();
        assert!((num(&totals[5]) - sum).abs() < 0.01);
        for kind in [LineKind::Opportunities, LineKind::Orders, LineKind::Payments, LineKind::Promises] {
            let spec = LineSpec { kind, rows: 300, accounts: 15, seed: 1, lang: Lang::En };
            let rows: Vec<_> = Lines::new(spec).collect();
            assert_eq!(rows.len(), 300);
            assert!(rows.iter().all(|r| r.len() == TeamFile::Lines(kind).columns().len()));
            assert!(Lines::new(spec).totals().is_none());
        }
    }
}

//! Synthetic account sheets for demos, tests and benchmarks (`kascore sample`, SPEC §6).
//!
//! Pure: no I/O, no clock. [`Generator`] yields the rows of one sheet, one at a time, so a
//! million rows never sit in memory; `cmd/sample.rs` writes them as `.xlsx` or `.csv`.
//!
//! Every row is drawn from its own random stream, derived from the seed and the row's index
//! with [`Rng`] (SplitMix64, written out here so the same seed gives the same accounts in every
//! version). That also lets a messy sheet repeat an earlier account without remembering it:
//! the earlier row is simply drawn again.
//!
//! Values are dated relative to [`BASE_DATE`] (2026-11-30) and tuned so that, scored with
//! `--as-of 2026-11-30`, every grade (A–D and needs information) and every quadrant occurs.

use chrono::{Datelike, Days, NaiveDate};

use crate::field::{Field, Kind};
use crate::Lang;

/// SplitMix64: a tiny, fast generator whose output for a seed never changes.
///
/// ```
/// use kascore::sample::Rng;
/// let mut r = Rng::new(0);
/// assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
/// ```
#[derive(Debug, Clone)]
pub struct Rng(u64);

const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a good 64-bit mix.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The stream of row `index` under `seed` (`salt` keeps separate streams apart).
    fn row(seed: u64, salt: u64, index: u64) -> Rng {
        Rng::new(mix(seed.wrapping_add(GAMMA)) ^ mix(index.wrapping_add(salt).wrapping_mul(GAMMA)))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GAMMA);
        mix(self.0)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in lo..=hi.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// An index drawn with these weights.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// Log-uniform in [lo, hi): amounts spread over orders of magnitude.
    pub fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + self.unit() * (hi.ln() - lo.ln())).exp()
    }

    /// Roughly normal noise with mean 0 and this standard deviation (a sum of four uniforms).
    fn noise(&mut self, sd: f64) -> f64 {
        let s: f64 = (0..4).map(|_| self.unit()).sum::<f64>() - 2.0;
        s * sd * 3f64.sqrt()
    }
}

/// The date the values are relative to; score with `--as-of 2026-11-30`.
pub const BASE_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 30) {
    Some(d) => d,
    None => panic!("bad base date"),
};

/// The columns of a sample sheet, in the order a real export has them.
pub const COLUMNS: [Field; 26] = [
    Field::AccountId,
    Field::AccountName,
    Field::Owner,
    Field::Region,
    Field::Industry,
    Field::Stage,
    Field::Budget,
    Field::DealValue,
    Field::AnnualPurchase,
    Field::OurSales12m,
    Field::RegisteredCapital,
    Field::CreditRating,
    Field::PaymentTerms,
    Field::ArBalance,
    Field::OverdueAmount,
    Field::OverdueDays,
    Field::FirstContact,
    Field::ExpectedClose,
    Field::NeedConsensus,
    Field::DecisionMaker,
    Field::DecisionAttitude,
    Field::Insider,
    Field::Fit,
    Field::Relationship,
    Field::Competitive,
    Field::AddedValue,
];

/// The column of a field in [`COLUMNS`].
pub fn column(field: Field) -> Option<usize> {
    COLUMNS.iter().position(|f| *f == field)
}

/// One cell of a sample sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum SampleCell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// A formula whose cached result is this error, e.g. "#N/A".
    Error(&'static str),
    Blank,
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Data rows (the header and, when messy, the title rows and totals line come on top).
    pub rows: u64,
    pub seed: u64,
    /// Add what real exports have: title rows, amounts in 万元 and as text, vague words, blank
    /// cells, rows without a name, repeated accounts, formula errors, text dates, a totals line.
    pub messy: bool,
    pub lang: Lang,
}

/// The rows above the data: in messy mode a title, a unit line and a blank row, then the header.
/// Money headers carry "(元)" / "(CNY)" in a clean sheet; in a messy one they carry no unit, so
/// the title's 单位：万元 applies to them.
pub fn header_rows(spec: &Spec) -> Vec<Vec<SampleCell>> {
    let zh = spec.lang == Lang::Zh;
    let header: Vec<SampleCell> = COLUMNS
        .iter()
        .map(|f| {
            SampleCell::Text(if spec.messy && f.kind() == Kind::Money {
                f.label(spec.lang).to_string()
            } else {
                f.header(spec.lang)
            })
        })
        .collect();
    if !spec.messy {
        return vec![header];
    }
    let text = |s: &str| vec![SampleCell::Text(s.to_string())];
    vec![
        text(if zh { "XX公司大客户评估表 2026年11月" } else { "Key accounts — November 2026" }),
        text(if zh { "单位：万元" } else { "单位：万元 (CNY 10k)" }),
        Vec::new(),
        header,
    ]
}

/// The rows of a sample sheet: exactly `spec.rows` data rows. In messy mode, [`totals`]
/// gives the 合计 line to write after them.
///
/// [`totals`]: Generator::totals
#[derive(Debug, Clone)]
pub struct Generator {
    spec: Spec,
    next: u64,
    /// Running sums of the numbers written in each money column (the totals line).
    sums: [f64; COLUMNS.len()],
}

impl Generator {
    pub fn new(spec: Spec) -> Generator {
        Generator { spec, next: 0, sums: [0.0; COLUMNS.len()] }
    }

    /// The totals line of a messy sheet (合计 and the sums of the money columns written so far).
    pub fn totals(&self) -> Option<Vec<SampleCell>> {
        if !self.spec.messy {
            return None;
        }
        let mut row = vec![SampleCell::Blank; COLUMNS.len()];
        row[0] = SampleCell::Text(if self.spec.lang == Lang::Zh { "合计" } else { "Total" }.into());
        for (c, f) in COLUMNS.iter().enumerate() {
            if f.kind() == Kind::Money {
                row[c] = SampleCell::Number(round_to(self.sums[c], 0.01));
            }
        }
        Some(row)
    }
}

impl Iterator for Generator {
    type Item = Vec<SampleCell>;

    fn next(&mut self) -> Option<Vec<SampleCell>> {
        if self.next >= self.spec.rows {
            return None;
        }
        let i = self.next;
        self.next += 1;
        let row = make_row(&self.spec, i);
        for (c, cell) in row.iter().enumerate() {
            if let (Kind::Money, SampleCell::Number(v)) = (COLUMNS[c].kind(), cell) {
                self.sums[c] += v;
            }
        }
        Some(row)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::try_from(self.spec.rows - self.next).unwrap_or(usize::MAX);
        (left, Some(left))
    }
}

/// What a data row of a messy sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Normal,
    /// An earlier account again, with changed values (superseded on reading).
    Repeat,
    /// No account name (rejected on reading).
    Nameless,
}

/// Streams: the account of a row, and the messy noise on top of it.
const ACCOUNT_STREAM: u64 = 0;
const NOISE_STREAM: u64 = 0x6D65_7373_7900_0000;

/// A row's kind: the first draw of its account stream, so it is known without drawing the rest.
fn row_kind(seed: u64, index: u64) -> RowKind {
    let u = Rng::row(seed, ACCOUNT_STREAM, index).unit();
    if index >= 10 && u < 0.01 {
        RowKind::Repeat
    } else if u < 0.015 {
        RowKind::Nameless
    } else {
        RowKind::Normal
    }
}

fn make_row(spec: &Spec, i: u64) -> Vec<SampleCell> {
    if !spec.messy {
        return cells(&account(spec.seed, i), spec, None);
    }
    let mut noise = Rng::row(spec.seed, NOISE_STREAM, i);
    match row_kind(spec.seed, i) {
        RowKind::Normal => cells(&account(spec.seed, i), spec, Some(&mut noise)),
        RowKind::Nameless => {
            let mut row = cells(&account(spec.seed, i), spec, Some(&mut noise));
            row[1] = SampleCell::Blank;
            row
        }
        RowKind::Repeat => {
            // An earlier, ordinary row, drawn again and updated.
            let back = 1 + noise.below(i.min(2_000));
            let mut j = i - back;
            while j > 0 && row_kind(spec.seed, j) != RowKind::Normal {
                j -= 1;
            }
            let mut acc = account(spec.seed, j);
            acc.update(&mut noise);
            cells(&acc, spec, Some(&mut noise))
        }
    }
}

/// One account, before it becomes cells. Money in yuan.
#[derive(Debug, Clone)]
struct Account {
    /// 0-based index of the row that first drew it (the id is K-{index + 1}).
    index: u64,
    city: usize,
    brand: (usize, usize),
    industry: usize,
    trade: usize,
    form: usize,
    owner: usize,
    region: usize,
    /// 0..5 the development stages, 5 won, 6 lost.
    stage: usize,
    budget: Option<f64>,
    deal: f64,
    annual: f64,
    sales: f64,
    capital: f64,
    credit: usize,
    terms: usize,
    ar: f64,
    overdue: f64,
    overdue_days: i64,
    first_contact: NaiveDate,
    close: NaiveDate,
    need: bool,
    /// None: not clear; else (surname, title).
    decision_maker: Option<(usize, usize)>,
    attitude: usize,
    insider: bool,
    /// fit, relationship, competitive, added value: 1–5, or blank.
    ratings: [Option<u8>; 4],
}

fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t.clamp(0.0, 1.0)
}

/// Round to a multiple of `step` (a step below 1 divides, so 0.01 gives clean decimals).
fn round_to(v: f64, step: f64) -> f64 {
    if step >= 1.0 {
        (v / step).round() * step
    } else {
        let k = (1.0 / step).round();
        (v * k).round() / k
    }
}

/// Round to two significant figures (how people write estimates: 120万, 3500万).
fn two_figures(v: f64) -> f64 {
    if v <= 0.0 {
        return 0.0;
    }
    let step = 10f64.powi(v.log10().floor() as i32 - 1);
    round_to(v, step)
}

fn add_days(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs())).unwrap_or(d)
    }
}

/// Payment terms: (zh, en, days the receivables run).
const TERMS: [(&str, &str, f64); 7] = [
    ("预付", "Prepaid", 3.0),
    ("货到付款", "COD", 7.0),
    ("月结30天", "Net 30", 30.0),
    ("60天", "Net 60", 60.0),
    ("90天", "Net 90", 90.0),
    ("120天", "Net 120", 120.0),
    ("先提货后付款", "先提货后付款", 150.0),
];
/// The weights of [`TERMS`]; the last two follow the customer's credit.
const TERMS_WEIGHTS: [f64; 7] = [8.0, 12.0, 26.0, 22.0, 18.0, 11.0, 3.0];

const CREDIT: [&str; 7] = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC"];

const STAGES: [(&str, &str); 7] = [
    ("确定开发对象", "Prospect"),
    ("信息收集", "Information"),
    ("价值评估", "Evaluation"),
    ("关系建立", "Relationship"),
    ("促成合作", "Closing"),
    ("已成交", "Won"),
    ("已流失", "Lost"),
];

const ATTITUDES: [(&str, &str); 4] =
    [("支持", "Support"), ("中立", "Neutral"), ("反对", "Against"), ("未知", "Unknown")];
const UNKNOWN_ATTITUDE: usize = 3;

const REGIONS: [(&str, &str, f64); 7] = [
    ("华东", "East", 30.0),
    ("华南", "South", 20.0),
    ("华北", "North", 18.0),
    ("华中", "Central", 12.0),
    ("西南", "Southwest", 10.0),
    ("西北", "Northwest", 5.0),
    ("东北", "Northeast", 5.0),
];

const CITIES: [(&str, &str); 24] = [
    ("苏州", "Suzhou"),
    ("无锡", "Wuxi"),
    ("常州", "Changzhou"),
    ("杭州", "Hangzhou"),
    ("宁波", "Ningbo"),
    ("上海", "Shanghai"),
    ("南京", "Nanjing"),
    ("深圳", "Shenzhen"),
    ("东莞", "Dongguan"),
    ("佛山", "Foshan"),
    ("广州", "Guangzhou"),
    ("厦门", "Xiamen"),
    ("成都", "Chengdu"),
    ("重庆", "Chongqing"),
    ("武汉", "Wuhan"),
    ("长沙", "Changsha"),
    ("郑州", "Zhengzhou"),
    ("西安", "Xi'an"),
    ("青岛", "Qingdao"),
    ("济南", "Jinan"),
    ("天津", "Tianjin"),
    ("北京", "Beijing"),
    ("合肥", "Hefei"),
    ("昆明", "Kunming"),
];

/// The two characters of a brand name, with their pinyin.
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
const INDUSTRY_WEIGHTS: [f64; 10] = [24.0, 14.0, 9.0, 9.0, 8.0, 8.0, 7.0, 7.0, 6.0, 8.0];

const FORMS: [(&str, &str); 3] =
    [("有限公司", "Co., Ltd."), ("股份有限公司", "Co., Ltd."), ("集团有限公司", "Group Co., Ltd.")];
const FORM_WEIGHTS: [f64; 3] = [70.0, 20.0, 10.0];

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

const SURNAMES: [(&str, &str); 16] = [
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
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("马", "Ma"),
    ("朱", "Zhu"),
    ("胡", "Hu"),
    ("郭", "Guo"),
];
const TITLES: [(&str, &str); 6] = [
    ("总", "GM"),
    ("董", "Chairman"),
    ("总监", "Director"),
    ("经理", "Manager"),
    ("厂长", "Plant Manager"),
    ("总工", "CTO"),
];

/// Draw account `index` under `seed`: the same every time.
fn account(seed: u64, index: u64) -> Account {
    let mut r = Rng::row(seed, ACCOUNT_STREAM, index);
    let _kind = r.unit(); // see row_kind
                          // Latent quality: how good the opportunity really is. Every factor follows it, with noise.
    let q = r.unit().powf(0.5);
    let qf = |r: &mut Rng, sd: f64| (q + r.noise(sd)).clamp(0.0, 1.0);

    let industry = r.weighted(&INDUSTRY_WEIGHTS);
    let trade = r.below(3) as usize;
    let city = r.below(CITIES.len() as u64) as usize;
    let brand = (r.below(20) as usize, r.below(20) as usize);
    let form = r.weighted(&FORM_WEIGHTS);
    let owner = r.below(OWNERS.len() as u64) as usize;
    let region = r.weighted(&REGIONS.map(|x| x.2));

    // Money (yuan). Deal 20万–3000万; budget 30万–5000万 around it; capability above it.
    let deal = round_to(r.log_uniform(2e5, 3e7), 1000.0);
    let cover = lerp(0.55, 1.45, qf(&mut r, 0.15)) * (0.85 + 0.3 * r.unit());
    let budget = (!r.chance(0.04)).then(|| two_figures((deal * cover).clamp(3e5, 5e7)));
    let annual = two_figures(deal * r.log_uniform(1.5, 12.0));
    let sales = if r.chance(0.18) { 0.0 } else { round_to(annual * (0.03 + 0.9 * r.unit().powf(1.2)), 1.0) };
    let capital = two_figures((deal * 10f64.powf(lerp(-0.6, 1.6, qf(&mut r, 0.2)) + r.noise(0.25))).max(5e5));

    // Credit and receivables.
    let cq = qf(&mut r, 0.15);
    let credit = match cq {
        x if x > 0.8 => 0,
        x if x > 0.62 => 1,
        x if x > 0.45 => 2,
        x if x > 0.3 => 3,
        x if x > 0.18 => 4,
        x if x > 0.08 => 5,
        _ => 6,
    };
    // Weaker customers get (or take) longer credit.
    let mut terms_weights = TERMS_WEIGHTS;
    terms_weights[5] = lerp(18.0, 5.0, cq);
    terms_weights[6] = lerp(6.0, 0.5, cq);
    let terms = r.weighted(&terms_weights);
    let ar = if sales > 0.0 { round_to(sales * TERMS[terms].2 / 365.0 * (0.5 + r.unit()), 1.0) } else { 0.0 };
    let (overdue, overdue_days) = if ar > 0.0 && r.chance(lerp(0.5, 0.12, cq)) {
        let share = lerp(0.45, 0.05, cq) * (0.3 + 1.4 * r.unit());
        (round_to(ar * share.min(1.0), 1.0), r.range(5, lerp(200.0, 60.0, cq) as i64))
    } else {
        (0.0, 0)
    };

    // Dates: expected close −30…+400 days from the base, more of the good ones soon;
    // first contact 10–500 days before the close, never after the base date.
    let dq = qf(&mut r, 0.2);
    let bucket = r.weighted(&[8.0, lerp(15.0, 60.0, dq), 22.0, lerp(55.0, 12.0, dq)]);
    let days = match bucket {
        0 => r.range(-30, -1),
        1 => r.range(0, 90),
        2 => r.range(91, 180),
        _ => r.range(181, 400),
    };
    let close = add_days(BASE_DATE, days);
    let lead = lerp(10.0, 500.0, qf(&mut r, 0.3) * 0.6 + r.unit() * 0.4) as i64;
    let lead = lead.max(days + r.range(1, 30)).clamp(10, 500);
    let first_contact = add_days(close, -lead);

    let stage = if days < 0 && r.chance(0.6) {
        if r.chance(0.6) {
            5
        } else {
            6
        }
    } else {
        let s = 0.5 * q + 0.5 * (1.0 - days.max(0) as f64 / 400.0) + r.noise(0.12);
        ((s * 5.0).floor() as i64).clamp(0, 4) as usize
    };

    // Intent: need, decision maker and attitude, insider.
    let iq = qf(&mut r, 0.15);
    let need = r.chance(lerp(0.35, 0.99, iq));
    let decision_maker = r
        .chance(lerp(0.45, 0.99, iq))
        .then(|| (r.below(SURNAMES.len() as u64) as usize, r.below(TITLES.len() as u64) as usize));
    let attitude = if decision_maker.is_some() {
        r.weighted(&[lerp(20.0, 75.0, iq), 25.0, lerp(15.0, 2.0, iq), 4.0])
    } else if r.chance(0.7) {
        UNKNOWN_ATTITUDE
    } else {
        1
    };
    let insider = r.chance(lerp(0.15, 0.6, iq));

    // Ratings 1–5; about one row in ten leaves three or four of them blank.
    let mut ratings = [0u8; 4].map(|_| Some((1.0 + 4.0 * qf(&mut r, 0.14)).round() as u8));
    let blanks = match r.unit() {
        x if x < 0.06 => 3,
        x if x < 0.10 => 4,
        x if x < 0.18 => 1,
        _ => 0,
    };
    for _ in 0..blanks {
        // Blank a rating that is still filled in.
        let filled: Vec<usize> = (0..4).filter(|k| ratings[*k].is_some()).collect();
        if let Some(k) = filled.get(r.below(filled.len() as u64) as usize) {
            ratings[*k] = None;
        }
    }

    Account {
        index,
        city,
        brand,
        industry,
        trade,
        form,
        owner,
        region,
        stage,
        budget,
        deal,
        annual,
        sales,
        capital,
        credit,
        terms,
        ar,
        overdue,
        overdue_days,
        first_contact,
        close,
        need,
        decision_maker,
        attitude,
        insider,
        ratings,
    }
}

impl Account {
    /// A later export of the same account: the deal moved on.
    fn update(&mut self, r: &mut Rng) {
        if self.stage < 4 {
            self.stage += 1;
        }
        self.deal = round_to(self.deal * (0.85 + 0.4 * r.unit()), 1000.0);
        self.close = add_days(self.close, r.range(0, 45));
        let k = r.below(4) as usize;
        if let Some(v) = self.ratings[k] {
            self.ratings[k] = Some((i64::from(v) + r.range(-1, 1)).clamp(1, 5) as u8);
        }
        self.need |= r.chance(0.3);
    }

    fn name(&self, lang: Lang) -> String {
        let (ind, city, (b1, b2)) = (&INDUSTRIES[self.industry], CITIES[self.city], self.brand);
        let trade = ind.2[self.trade];
        let form = FORMS[self.form];
        match lang {
            Lang::Zh => format!("{}{}{}{}{}", city.0, BRAND_FIRST[b1].0, BRAND_SECOND[b2].0, trade.0, form.0),
            Lang::En => format!("{} {}{} {} {}", city.1, BRAND_FIRST[b1].1, BRAND_SECOND[b2].1, trade.1, form.1),
        }
    }

    fn decision_maker(&self, lang: Lang) -> String {
        match (self.decision_maker, lang) {
            (None, Lang::Zh) => "不明确".into(),
            (None, Lang::En) => "Unclear".into(),
            (Some((s, t)), Lang::Zh) => format!("{}{}", SURNAMES[s].0, TITLES[t].0),
            (Some((s, t)), Lang::En) => {
                format!("{} {} ({})", if (s + t) % 2 == 0 { "Mr." } else { "Ms." }, SURNAMES[s].1, TITLES[t].1)
            }
        }
    }

    /// The money of a money column, in yuan (None: blank).
    fn money(&self, field: Field) -> Option<f64> {
        Some(match field {
            Field::Budget => self.budget?,
            Field::DealValue => self.deal,
            Field::AnnualPurchase => self.annual,
            Field::OurSales12m => self.sales,
            Field::RegisteredCapital => self.capital,
            Field::ArBalance => self.ar,
            Field::OverdueAmount => self.overdue,
            _ => return None,
        })
    }
}

/// The cells of one account; with `noise`, as a messy export shows them.
fn cells(acc: &Account, spec: &Spec, mut noise: Option<&mut Rng>) -> Vec<SampleCell> {
    let lang = spec.lang;
    let zh = lang == Lang::Zh;
    let text = |s: &str| SampleCell::Text(s.to_string());
    let pair = |p: (&str, &str)| SampleCell::Text(if zh { p.0 } else { p.1 }.to_string());
    let yes_no = |b: bool| {
        text(match (b, zh) {
            (true, true) => "是",
            (false, true) => "否",
            (true, false) => "Y",
            (false, false) => "N",
        })
    };
    COLUMNS
        .iter()
        .map(|field| {
            let clean = match field {
                Field::AccountId => SampleCell::Text(format!("K-{:06}", acc.index + 1)),
                Field::AccountName => SampleCell::Text(acc.name(lang)),
                Field::Owner => pair(OWNERS[acc.owner]),
                Field::Region => pair((REGIONS[acc.region].0, REGIONS[acc.region].1)),
                Field::Industry => pair((INDUSTRIES[acc.industry].0, INDUSTRIES[acc.industry].1)),
                Field::Stage => pair(STAGES[acc.stage]),
                Field::CreditRating => text(CREDIT[acc.credit]),
                Field::PaymentTerms => pair((TERMS[acc.terms].0, TERMS[acc.terms].1)),
                Field::OverdueDays => SampleCell::Number(acc.overdue_days as f64),
                Field::FirstContact => SampleCell::Date(acc.first_contact),
                Field::ExpectedClose => SampleCell::Date(acc.close),
                Field::NeedConsensus => yes_no(acc.need),
                Field::DecisionMaker => SampleCell::Text(acc.decision_maker(lang)),
                Field::DecisionAttitude => pair(ATTITUDES[acc.attitude]),
                Field::Insider => yes_no(acc.insider),
                Field::Fit | Field::Relationship | Field::Competitive | Field::AddedValue => {
                    let k = [Field::Fit, Field::Relationship, Field::Competitive, Field::AddedValue]
                        .iter()
                        .position(|f| f == field)
                        .unwrap_or(0);
                    acc.ratings[k].map_or(SampleCell::Blank, |v| SampleCell::Number(f64::from(v)))
                }
                f => match acc.money(*f) {
                    // Clean sheets in yuan, messy ones in 万元 (the title's unit).
                    Some(v) if spec.messy => SampleCell::Number(round_to(v / 1e4, 0.01)),
                    Some(v) => SampleCell::Number(v),
                    None => SampleCell::Blank,
                },
            };
            match noise.as_deref_mut() {
                Some(r) => mess(*field, clean, acc, lang, r),
                None => clean,
            }
        })
        .collect()
}

/// What a hand-kept export does to a cell: amounts typed as text, vague words, blanks, formula
/// errors, dates typed as months or quarters.
fn mess(field: Field, cell: SampleCell, acc: &Account, lang: Lang, r: &mut Rng) -> SampleCell {
    let zh = lang == Lang::Zh;
    if matches!(field, Field::AccountId | Field::AccountName) {
        return cell;
    }
    let u = r.unit();
    if field == Field::OverdueAmount && u < 0.005 {
        return SampleCell::Error("#N/A");
    }
    if u > 0.97 {
        return SampleCell::Blank;
    }
    match field.kind() {
        Kind::Money => {
            let Some(v) = acc.money(field) else {
                return cell;
            };
            let estimate =
                matches!(field, Field::Budget | Field::DealValue | Field::AnnualPurchase | Field::RegisteredCapital);
            if estimate && u < 0.03 {
                return SampleCell::Text(vague(field, zh, r));
            }
            if (0.03..0.08).contains(&u) && v >= 1e5 {
                return SampleCell::Text(money_text(field, v, zh, r));
            }
            cell
        }
        // People type an approximate close: a month or a quarter.
        Kind::Date if field == Field::ExpectedClose && u < 0.02 => {
            let SampleCell::Date(d) = cell else {
                return cell;
            };
            let quarter = (d.month() - 1) / 3 + 1;
            SampleCell::Text(if zh && r.chance(0.5) {
                format!("{}年{}月", d.year(), d.month())
            } else {
                format!("{}Q{}", d.year(), quarter)
            })
        }
        _ => cell,
    }
}

/// A vague money word.
fn vague(field: Field, zh: bool, r: &mut Rng) -> String {
    let words: &[&str] = match (zh, field) {
        (true, Field::Budget) => &["待定", "面议", "看方案", "不差钱", "不清楚"],
        (true, _) => &["待定", "不清楚", "面议"],
        (false, _) => &["TBD", "unknown", "N/A"],
    };
    r.pick(words).to_string()
}

/// An amount as people type it: 120万, 1.2亿, 约100万, 50-80万 (or 1.2M, approx. 1.2M).
fn money_text(field: Field, v: f64, zh: bool, r: &mut Rng) -> String {
    let fmt = |x: f64| {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let ranged = matches!(field, Field::Budget | Field::DealValue);
    let approx = ranged || field == Field::AnnualPurchase;
    let form = r.below(3);
    if !zh {
        let m = v / 1e6;
        return match form {
            1 if approx => format!("approx. {}M", fmt(m)),
            2 if ranged => format!("{}-{}M", fmt(m * 0.8), fmt(m * 1.2)),
            _ => format!("{}M", fmt(m)),
        };
    }
    if v >= 1e8 {
        return format!("{}亿", fmt(v / 1e8));
    }
    let w = v / 1e4;
    match form {
        1 if approx => format!("约{}万", two_figures(w)),
        2 if ranged => format!("{}-{}万", (w * 0.8).round(), (w * 1.2).round()),
        _ => format!("{}万", w.round()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(rows: u64, messy: bool) -> Spec {
        Spec { rows, seed: 42, messy, lang: Lang::Zh }
    }

    #[test]
    fn splitmix64_gives_its_published_outputs() {
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(r.next_u64(), 0x06C4_5D18_8009_454F);
        let mut r = Rng::new(1_234_567);
        let first: Vec<u64> = (0..5).map(|_| r.next_u64()).collect();
        assert_eq!(
            first,
            [
                6_457_827_717_110_365_317,
                3_203_168_211_198_807_973,
                9_817_491_932_198_370_423,
                4_593_380_528_125_082_431,
                16_408_922_859_458_223_821,
            ]
        );
    }

    #[test]
    fn the_helpers_stay_in_range() {
        let mut r = Rng::new(7);
        for _ in 0..10_000 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(r.below(6) < 6);
            assert!((-30..=400).contains(&r.range(-30, 400)));
            let m = r.log_uniform(2e5, 3e7);
            assert!((2e5..3e7).contains(&m), "{m}");
        }
        assert_eq!(two_figures(1_234_567.0), 1_200_000.0);
        assert_eq!(two_figures(987.0), 990.0);
    }

    #[test]
    fn the_generator_yields_exactly_n_data_rows() {
        for n in [0, 1, 7, 500] {
            for messy in [false, true] {
                let rows: Vec<_> = Generator::new(spec(n, messy)).collect();
                assert_eq!(rows.len() as u64, n);
                assert!(rows.iter().all(|r| r.len() == COLUMNS.len()));
            }
        }
        let mut g = Generator::new(spec(3, true));
        assert_eq!(g.size_hint(), (3, Some(3)));
        g.by_ref().for_each(drop);
        let totals = g.totals().unwrap();
        assert_eq!(totals[0], SampleCell::Text("合计".into()));
        assert_eq!(Generator::new(spec(3, false)).totals(), None);
    }

    #[test]
    fn the_same_seed_gives_the_same_rows_and_another_seed_others() {
        let a: Vec<_> = Generator::new(spec(200, true)).collect();
        let b: Vec<_> = Generator::new(spec(200, true)).collect();
        assert_eq!(a, b);
        let c: Vec<_> = Generator::new(Spec { seed: 43, ..spec(200, true) }).collect();
        assert_ne!(a, c);
        // Clean and messy sheets share their accounts.
        let clean: Vec<_> = Generator::new(spec(200, false)).collect();
        assert_eq!(clean[5][1], a[5][1]);
    }

    #[test]
    fn the_header_names_every_column_and_messy_money_has_no_unit() {
        let clean = header_rows(&spec(1, false));
        assert_eq!(clean.len(), 1);
        assert_eq!(clean[0][column(Field::Budget).unwrap()], SampleCell::Text("预算(元)".into()));
        let messy = header_rows(&spec(1, true));
        assert_eq!(messy.len(), 4);
        assert_eq!(messy[1], vec![SampleCell::Text("单位：万元".into())]);
        assert!(messy[2].is_empty());
        assert_eq!(messy[3][column(Field::Budget).unwrap()], SampleCell::Text("预算".into()));
    }

    #[test]
    fn values_are_plausible() {
        for row in Generator::new(spec(2_000, false)) {
            let num = |f: Field| match &row[column(f).unwrap()] {
                SampleCell::Number(v) => Some(*v),
                _ => None,
            };
            let date = |f: Field| match &row[column(f).unwrap()] {
                SampleCell::Date(d) => *d,
                other => panic!("{other:?}"),
            };
            let (close, first) = (date(Field::ExpectedClose), date(Field::FirstContact));
            assert!((-30..=400).contains(&(close - BASE_DATE).num_days()), "{close}");
            assert!((10..=500).contains(&(close - first).num_days()), "{first} {close}");
            assert!(first <= BASE_DATE, "{first}");
            let deal = num(Field::DealValue).unwrap();
            assert!((2e5..=3e7).contains(&deal), "{deal}");
            if let Some(b) = num(Field::Budget) {
                assert!((3e5..=5e7).contains(&b), "{b}");
            }
            assert!(num(Field::AnnualPurchase).unwrap() > num(Field::OurSales12m).unwrap());
            assert!(num(Field::OverdueAmount).unwrap() <= num(Field::ArBalance).unwrap());
        }
    }

    #[test]
    fn messy_rows_repeat_earlier_accounts_and_drop_names() {
        let rows: Vec<_> = Generator::new(spec(3_000, true)).collect();
        let ids: Vec<&SampleCell> = rows.iter().map(|r| &r[0]).collect();
        let unique: std::collections::HashSet<String> = ids.iter().map(|c| format!("{c:?}")).collect();
        assert!(unique.len() < rows.len(), "no repeated account");
        assert!(rows.iter().any(|r| r[1] == SampleCell::Blank), "no row without a name");
        let col = column(Field::OverdueAmount).unwrap();
        assert!(rows.iter().any(|r| r[col] == SampleCell::Error("#N/A")));
        assert!(rows
            .iter()
            .any(|r| matches!(&r[column(Field::Budget).unwrap()], SampleCell::Text(t) if t.contains('万'))));
    }
}

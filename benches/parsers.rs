//! Micro-benchmarks: the value parsers on real-world cells, one row's ingestion and scoring.
//! Run: `cargo bench --bench parsers`.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use kascore::ingest::header::{detect, Aliases};
use kascore::ingest::row::{ingest_row, SheetPlan, Vocab};
use kascore::ingest::{Cell, RawRow, RawSheet};
use kascore::model::Model;
use kascore::provenance::SheetRef;
use kascore::values::date::parse_date;
use kascore::values::money::{parse_money, MoneyWords, DEFAULT_RED_FLAG, DEFAULT_VAGUE};

fn parsers(c: &mut Criterion) {
    let words = MoneyWords { vague: DEFAULT_VAGUE, red_flag: DEFAULT_RED_FLAG };
    for cell in ["1200000", "120万", "¥1,200,000", "约50~80万", "待定", "一百二十万"] {
        c.bench_function(&format!("money {cell}"), |b| b.iter(|| parse_money(black_box(cell), &words)));
    }
    for cell in ["2026-03-15", "2026年3月", "2026Q2", "20260315"] {
        c.bench_function(&format!("date {cell}"), |b| b.iter(|| parse_date(black_box(cell))));
    }
}

fn one_row(c: &mut Criterion) {
    let model = Model::default_model().expect("default model");
    let aliases = Aliases::new(&model);
    let headers = [
        "客户编号",
        "客户名称",
        "客户经理",
        "预算",
        "预计金额",
        "预计成交日期",
        "信用等级",
        "账期",
        "业务匹配度",
        "关系紧密度",
        "需求共识",
        "决策人",
        "决策人态度",
    ];
    let header =
        detect(&[(0, headers.iter().enumerate().map(|(i, h)| (i as u32, h.to_string())).collect())], &aliases, 2)
            .expect("header");
    let cells = [
        "K-000001",
        "苏州恒远精密机械有限公司",
        "张伟",
        "120万",
        "1000000",
        "2026-12-15",
        "AA",
        "月结60天",
        "4",
        "5",
        "是",
        "王总",
        "支持",
    ];
    let row =
        RawRow { row: 1, cells: cells.iter().enumerate().map(|(i, v)| (i as u32, Cell::Text((*v).into()))).collect() };
    let sheet = RawSheet {
        at: SheetRef { file: Arc::from("bench.xlsx"), sheet: Arc::from("S") },
        index: 0,
        header,
        date1904: false,
        rows: vec![row.clone()],
        total_lines: 0,
        empty_lines: 0,
        size_hint: 0,
    };
    let plan = SheetPlan::new(&sheet);
    let vocab = Vocab::new(&model);
    c.bench_function("ingest one row (13 cells)", |b| b.iter(|| ingest_row(black_box(&row), &plan, &vocab)));
    let (outcome, _) = ingest_row(&row, &plan, &vocab);
    let kascore::ingest::row::Outcome::Accepted(record) = outcome else { panic!("row rejected") };
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    c.bench_function("score one account", |b| b.iter(|| kascore::score::score_one(black_box(&record), &model, as_of)));
}

criterion_group!(benches, parsers, one_row);
criterion_main!(benches);

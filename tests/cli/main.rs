//! Integration tests: build real workbooks and CSV files in a temp folder, run the real
//! `kascore` binary, and read what it wrote. One module per subcommand (`score` split by concern:
//! inputs, report, previous, signals), plus the corpus sweep and the fixtures of tests/fixtures.

mod util;

mod test_absurd;
mod test_check;
mod test_contract;
mod test_corpus;
mod test_fixtures;
mod test_golden;
mod test_headers14;
mod test_inputs;
mod test_kinds;
mod test_layers;
mod test_layout;
mod test_model;
mod test_patterns_xls;
mod test_plan;
mod test_previous;
mod test_read14;
mod test_report;
mod test_sample;
mod test_sample_team;
mod test_score;
mod test_signals;
mod test_summary;
mod test_team;
mod test_template;
mod test_template_from;
mod test_value_promises;
mod test_values14;

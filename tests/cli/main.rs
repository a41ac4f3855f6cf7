//! Integration tests: build real workbooks and CSV files in a temp folder, run the real
//! `kascore` binary, and read what it wrote. One module per subcommand, plus the corpus sweep.

mod util;

mod test_absurd;
mod test_check;
mod test_contract;
mod test_corpus;
mod test_golden;
mod test_layers;
mod test_model;
mod test_sample;
mod test_score;
mod test_template;

//! `kascore model`: the default template, verbatim.

use crate::util::Workdir;

#[test]
fn model_prints_the_template_verbatim() {
    let wd = Workdir::new();
    let run = wd.run(&["model"]);
    assert_eq!(run.code, 0);
    let template = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/default.toml")).unwrap();
    assert_eq!(run.stdout, template);
}

#[test]
fn the_printed_model_is_a_valid_model_file() {
    let wd = Workdir::new();
    let run = wd.run(&["model"]);
    wd.bytes("m.toml", run.stdout.as_bytes());
    wd.bytes("a.csv", "客户名称,预算\n甲公司,100万\n".as_bytes());
    assert_eq!(wd.run(&["check", "a.csv", "--model", "m.toml"]).code, 0);
}

use super::*;

#[test]
fn embedded_default_parses_and_validates() {
    let m = Model::default_model().expect("the embedded default must be valid");
    assert_eq!(m.grades.pass_line, 15.0);
    assert_eq!(m.grades.a_line, 17.0);
    assert_eq!(m.score.total_points, 20.0);
    assert_eq!(m.weights(), [1.0; 8]);
    assert_eq!(m.allocation.ratios.attack, [7.0, 6.0, 6.0]);
    assert_eq!(m.quadrant.capability_line, CapabilityLine::Named(LineName::Median));
    // Every canonical field has at least one alias.
    for f in Field::ALL {
        assert!(m.columns.get(f).is_some_and(|a| !a.is_empty()), "no alias for {}", f.key());
    }
}

#[test]
fn a_partial_model_takes_the_rest_from_the_default() {
    let m = Model::from_toml("[grades]\na_line = 18.0\n\n[score.weights]\nneed_budget = 2.0\n").unwrap();
    assert_eq!(m.grades.a_line, 18.0);
    assert_eq!(m.grades.pass_line, 15.0);
    assert_eq!(m.score.weights.need_budget, 2.0);
    assert_eq!(m.score.weights.fit, 1.0);
}

#[test]
fn a_misspelled_key_names_itself_and_its_line() {
    let text = "# my model\n[grades]\npass_line = 15.0\na_lin = 17.0\n";
    let problems = Model::from_toml(text).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].key, "grades.a_lin");
    assert_eq!(problems[0].line, Some(4));
    assert!(problems[0].message.contains("unknown key"));
}

#[test]
fn an_unknown_table_is_reported() {
    let problems = Model::from_toml("[gradez]\na_line = 1.0\n").unwrap_err();
    assert_eq!(problems[0].key, "gradez");
    assert_eq!(problems[0].line, Some(1));
}

#[test]
fn all_range_problems_are_reported_at_once() {
    let text = "[grades]\npass_line = 25.0\n\n[quadrant]\nhigh_share = 1.5\n\n[score.weights]\nfit = -1.0\n";
    let problems = Model::from_toml(text).unwrap_err();
    let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
    assert!(keys.contains(&"grades.pass_line"), "{keys:?}");
    assert!(keys.contains(&"quadrant.high_share"), "{keys:?}");
    assert!(keys.contains(&"score.weights"), "{keys:?}");
    let share = problems.iter().find(|p| p.key == "quadrant.high_share").unwrap();
    assert_eq!(share.line, Some(5));
}

#[test]
fn a_wrong_type_names_the_key_and_line() {
    let text = "[grades]\n\na_line = \"seventeen\"\n";
    let problems = Model::from_toml(text).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].key.contains("a_line"), "{problems:?}");
    assert_eq!(problems[0].line, Some(3), "{problems:?}");
}

#[test]
fn a_toml_syntax_error_has_a_line() {
    let problems = Model::from_toml("[grades]\na_line = = 3\n").unwrap_err();
    assert_eq!(problems[0].line, Some(2), "{problems:?}");
}

#[test]
fn one_spelling_names_one_field() {
    let text = "[columns]\nowner = [\"客户名称\"]\n";
    let problems = Model::from_toml(text).unwrap_err();
    assert!(problems.iter().any(|p| p.message.contains("account_name")), "{problems:?}");
}

#[test]
fn open_tables_accept_new_keys() {
    let m = Model::from_toml("[input.currency_rates]\nSGD = 5.3\n").unwrap();
    assert_eq!(m.input.currency_rates.get("SGD"), Some(&5.3));
    assert_eq!(m.input.currency_rates.get("USD"), Some(&7.1));
}

#[test]
fn capability_line_may_be_a_number() {
    let m = Model::from_toml("[quadrant]\ncapability_line = 5000000.0\n").unwrap();
    assert_eq!(m.quadrant.capability_line, CapabilityLine::Fixed(5_000_000.0));
    assert!(Model::from_toml("[quadrant]\ncapability_line = \"mean\"\n").is_err());
}

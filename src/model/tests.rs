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
    assert!(matches!(problems[0].kind, ProblemKind::UnknownKey { .. }), "{problems:?}");
    assert!(problems[0].to_string().contains("unknown key"));
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
    assert!(problems.iter().any(|p| p.to_string().contains("account_name")), "{problems:?}");
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

/// The one problem of a model file given as bytes: read as `kascore` reads it, then parsed.
fn only_problem(bytes: &[u8]) -> ModelProblem {
    let text = match model_text(bytes) {
        Ok(text) => text,
        Err(problem) => return problem,
    };
    let mut problems = Model::from_toml(&text).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems.remove(0)
}

/// Chinese with no English in it: no ASCII letter outside `backticks` (keys, commands the user
/// types) and the names of encodings and editors the user must find in a menu.
fn assert_all_chinese(message: &str) {
    let mut rest = String::new();
    for (i, part) in message.split('`').enumerate() {
        if i % 2 == 0 {
            rest.push_str(part);
        }
    }
    for name in ["UTF-8", "GBK", "ANSI", "WPS", "VS Code"] {
        rest = rest.replace(name, "");
    }
    assert!(!rest.chars().any(|c| c.is_ascii_alphabetic()), "English in the Chinese message: {message}");
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn every_problem_names_its_key_and_line_in_both_languages() {
    struct Case {
        name: &'static str,
        bytes: Vec<u8>,
        key: &'static str,
        line: usize,
        en: &'static str,
        zh: &'static str,
        detail: Option<&'static str>,
    }
    let cases = [
        Case {
            name: "a ratio list of the wrong length",
            bytes: b"[allocation.ratios]\ndefend = [2.0, 2.0, 2.0]\nattack = [7.0, 6.0]\n".to_vec(),
            key: "allocation.ratios.attack",
            line: 3,
            en: "line 3: `allocation.ratios.attack`: needs 3 numbers (time, people, money), found 2",
            zh: "第 3 行 `allocation.ratios.attack`：需要 3 个数（时间、人员、资金），实际 2 个",
            detail: None,
        },
        Case {
            name: "a key written twice",
            bytes: b"[grades]\npass_line = 15.0\npass_line = 16.0\n".to_vec(),
            key: "grades.pass_line",
            line: 3,
            en: "line 3: `grades.pass_line`: written more than once: a key (or table) may be written once; keep one \
                 and delete the rest",
            zh: "第 3 行 `grades.pass_line`：写了不止一次：同一个键（或表）只能写一次，请保留一处、删去其余",
            detail: None,
        },
        Case {
            name: "a syntax error",
            bytes: b"[grades]\na_line = = 3\n".to_vec(),
            key: "grades.a_line",
            line: 2,
            en: "line 2: `grades.a_line`: not valid TOML: extra `=`, expected nothing; correct this line (compare \
                 with `kascore model`)",
            zh: "第 2 行 `grades.a_line`：格式错误：多了一个等号，请改正这一行（可对照 `kascore model` 打印的模板）",
            detail: Some("extra `=`, expected nothing"),
        },
        Case {
            name: "an unknown key",
            bytes: b"# my model\n[grades]\npass_line = 15.0\na_lin = 17.0\n".to_vec(),
            key: "grades.a_lin",
            line: 4,
            en: "line 4: `grades.a_lin`: unknown key; compare with `kascore model` (known keys here: \
                 `a_horizon_days`, `a_line`, `b_horizon_days`, `pass_line`)",
            zh: "第 4 行 `grades.a_lin`：没有这个键，请对照 `kascore model` 打印的模板检查拼写（这里可用的键：\
                 `a_horizon_days`、`a_line`、`b_horizon_days`、`pass_line`）",
            detail: None,
        },
        Case {
            name: "a wrong type",
            bytes: b"[grades]\n\na_line = \"seventeen\"\n".to_vec(),
            key: "grades.a_line",
            line: 3,
            en: "line 3: `grades.a_line`: wrong type: expected a number, as in `kascore model`",
            zh: "第 3 行 `grades.a_line`：类型不对：这里应填数字（参照 `kascore model` 打印的模板）",
            detail: None,
        },
        Case {
            name: "an out-of-range value",
            bytes: b"[quadrant]\nhigh_share = 1.5\n".to_vec(),
            key: "quadrant.high_share",
            line: 2,
            en: "line 2: `quadrant.high_share`: 1.5 is out of range: use a fraction from 0 to 1",
            zh: "第 2 行 `quadrant.high_share`：1.5 超出范围：请填 0 到 1 之间的小数",
            detail: None,
        },
        Case {
            name: "a file saved in GBK",
            bytes: gbk("[input]\nheader_scan_rows = 30\n\n[columns]\naccount_name = [\"客户名称\"]\n"),
            key: "columns.account_name",
            line: 5,
            en: "line 5: `columns.account_name`: the file is not UTF-8, it was saved in GBK/ANSI: save it as UTF-8 \
                 (in Notepad: Save As → Encoding UTF-8; in WPS/VS Code likewise)",
            zh: "第 5 行 `columns.account_name`：文件不是 UTF-8 编码，而是以 GBK/ANSI 保存的：请另存为 UTF-8\
                 （记事本：另存为 → 编码选 UTF-8；WPS、VS Code 同理）",
            detail: None,
        },
        Case {
            name: "a GBK comment before the first table",
            bytes: gbk("# 我的模型\n[grades]\na_line = 18.0\n"),
            key: WHOLE_FILE,
            line: 1,
            en: "line 1: the file is not UTF-8, it was saved in GBK/ANSI: save it as UTF-8 (in Notepad: Save As → \
                 Encoding UTF-8; in WPS/VS Code likewise)",
            zh: "第 1 行：文件不是 UTF-8 编码，而是以 GBK/ANSI 保存的：请另存为 UTF-8（记事本：另存为 → 编码选 \
                 UTF-8；WPS、VS Code 同理）",
            detail: None,
        },
        Case {
            name: "UTF-8 with a byte-order mark keeps its line numbers",
            bytes: "\u{feff}# 我的模型\n[grades]\npass_line = \"十五\"\n".as_bytes().to_vec(),
            key: "grades.pass_line",
            line: 3,
            en: "line 3: `grades.pass_line`: wrong type: expected a number, as in `kascore model`",
            zh: "第 3 行 `grades.pass_line`：类型不对：这里应填数字（参照 `kascore model` 打印的模板）",
            detail: None,
        },
    ];
    for case in cases {
        let p = only_problem(&case.bytes);
        assert_eq!(p.key, case.key, "{}: {p:?}", case.name);
        assert_eq!(p.line, Some(case.line), "{}: {p:?}", case.name);
        assert_eq!(p.message(crate::Lang::En), case.en, "{}", case.name);
        assert_eq!(p.to_string(), case.en, "{}: Display is the English message", case.name);
        assert_eq!(p.message(crate::Lang::Zh), case.zh, "{}", case.name);
        assert_all_chinese(&p.message(crate::Lang::Zh));
        assert_eq!(p.detail(), case.detail, "{}", case.name);
    }
}

#[test]
fn a_utf8_file_with_a_bom_is_read_without_it() {
    let text = model_text("\u{feff}[grades]\na_line = 18.0\n".as_bytes()).unwrap();
    assert_eq!(text, "[grades]\na_line = 18.0\n");
    assert_eq!(Model::from_toml(&text).unwrap().grades.a_line, 18.0);
    assert_eq!(model_text("客户 = 1".as_bytes()).unwrap(), "客户 = 1");
}

#[test]
fn utf16_with_a_bom_is_accepted() {
    let text = "[grades]\na_line = 18.0 # 甲\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(model_text(&le).unwrap(), text);
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(model_text(&be).unwrap(), text);
}

#[test]
fn bytes_that_are_neither_utf8_nor_gbk_are_not_utf8() {
    let p = model_text(b"[grades]\n\na_line = 1.0 # \xFF\xFF\n").unwrap_err();
    assert_eq!(p.kind, ProblemKind::NotUtf8 { gbk: false });
    assert_eq!((p.key.as_str(), p.line), ("grades.a_line", Some(3)));
    assert!(p.message(crate::Lang::Zh).contains("请另存为 UTF-8"));
    assert_all_chinese(&p.message(crate::Lang::Zh));
}

#[test]
fn serde_errors_name_the_key_and_line() {
    let p = only_problem(b"[score.credit]\n\ncredit_scale = \"grade\"\n");
    assert_eq!((p.key.as_str(), p.line), ("score.credit.credit_scale", Some(3)), "{p:?}");
    assert_eq!(
        p.kind,
        ProblemKind::UnknownChoice { found: "grade".into(), choices: vec!["agency".into(), "letter".into()] }
    );
    assert_eq!(
        p.to_string(),
        "line 3: `score.credit.credit_scale`: \"grade\" is not one of the choices: use \"agency\" or \"letter\""
    );
    assert_eq!(
        p.message(crate::Lang::Zh),
        "第 3 行 `score.credit.credit_scale`：不能填 `\"grade\"`：请从 `\"agency\"`、`\"letter\"` 中选一个"
    );

    let p = only_problem(b"[input]\nheader_scan_rows = -1\n");
    assert_eq!((p.key.as_str(), p.line), ("input.header_scan_rows", Some(2)), "{p:?}");
    assert_eq!(p.kind, ProblemKind::WrongType { expected: ValueType::Count });
    assert_all_chinese(&p.message(crate::Lang::Zh));

    let p = only_problem(b"[quadrant]\ncapability_line = \"mean\"\n");
    assert_eq!((p.key.as_str(), p.line), ("quadrant.capability_line", Some(2)), "{p:?}");
    assert_eq!(p.kind, ProblemKind::OutOfRange(Rule::CapabilityLine));
    let p = only_problem(b"[quadrant]\ncapability_line = true\n");
    assert_eq!(p.kind, ProblemKind::OutOfRange(Rule::CapabilityLine));
}

#[test]
fn more_keys_and_lines() {
    // A new key of an open table must have the table's type.
    let p = only_problem(b"[input.currency_rates]\nSGD = \"5.3\"\n");
    assert_eq!((p.key.as_str(), p.line), ("input.currency_rates.SGD", Some(2)), "{p:?}");
    assert_eq!(p.kind, ProblemKind::WrongType { expected: ValueType::Number });
    // A list of the wrong type of entries.
    let p = only_problem(b"[score.timing]\nlead_days = [\"180\"]\n");
    assert_eq!(p.kind, ProblemKind::WrongType { expected: ValueType::ListOf(Box::new(ValueType::WholeNumber)) });
    assert_eq!(
        p.to_string(),
        "line 2: `score.timing.lead_days`: wrong type: expected a list [ … ] of whole numbers, as in `kascore model`"
    );
    // A key inside an inline table is found at its table.
    let p = only_problem(b"[allocation]\nratios = { attack = [1, 2] }\n");
    assert_eq!((p.key.as_str(), p.line), ("allocation.ratios.attack", Some(2)), "{p:?}");
    // A table written twice is named at its second header.
    let p = only_problem(b"[grades]\na_line = 18.0\n\n[grades]\npass_line = 14.0\n");
    assert_eq!((p.key.as_str(), p.line, &p.kind), ("grades", Some(4), &ProblemKind::Duplicate), "{p:?}");
    // A syntax error with no key on its line: the table it is in.
    let p = only_problem(b"[grades]\na_line 18.0\n");
    assert_eq!((p.key.as_str(), p.line), ("grades", Some(2)), "{p:?}");
    assert!(p.detail().is_some());
    assert_all_chinese(&p.message(crate::Lang::Zh));
    // A commented-out key is not where a key is written.
    assert_eq!(line_of_key("[grades]\n# a_line = 1\na_line = 2\n", "grades.a_line"), Some(3));
    assert_eq!(line_of_key("[grades]  # the grades\na_line = 2\n", "grades.a_line"), Some(2));
}

#[test]
fn every_range_rule_has_chinese_without_english() {
    let text = "[grades]\npass_line = 25.0\na_line = 30.0\na_horizon_days = 400\n\n[quadrant]\nhigh_share = 1.5\n\
                capability_line = -1\n\n[score]\ntotal_points = 0.0\nmax_unknown_factors = 9\n\n[score.weights]\nfit = -1.0\n\
                [score.timing]\nlead_days = [30, 90]\n[score.financial]\ncapital_multiples = [1.0]\n\
                [intent]\nmax_budget_range_ratio = 0.5\n[allocation.ratios]\nattack = [11, 0, 0]\n\
                [allocation.capacity]\nhours = -1\n[flags]\nweak_agency_rating = \"Z\"\nweak_integrity_rating = 9.0\n\
                [input]\nheader_scan_rows = 0\nmin_header_matches = 0\n[input.currency_rates]\nUSD = 0.0\n\
                [columns]\nowner = [\"客户名称\", \"  \"]\naccount_name = []\n";
    let problems = Model::from_toml(text).unwrap_err();
    assert!(problems.len() >= 20, "{problems:#?}");
    for p in &problems {
        assert!(!p.key.is_empty());
        assert!(p.line.is_some(), "{p:?}");
        assert_all_chinese(&p.message(crate::Lang::Zh));
        assert!(p.message(crate::Lang::Zh).starts_with("第 "), "{p:?}");
    }
}

#[rstest::rstest]
#[case("*.xlsx", "a.xlsx", true)]
#[case("*.xlsx", "华东/a.xlsx", false)]
#[case("华东/*.xlsx", "华东/a.xlsx", true)]
#[case("**/*.xlsx", "exports/华东/a.xlsx", true)]
#[case("应收*/*.xls?", "应收明细/2026-11.xlsx", true)]
#[case("a?.csv", "ab.csv", true)]
#[case("a?.csv", "a/.csv", false)]
#[case("report.xlsx", "report.xlsx.bak", false)]
fn source_patterns(#[case] pattern: &str, #[case] path: &str, #[case] want: bool) {
    assert_eq!(super::glob(pattern, path), want, "{pattern} ~ {path}");
}

#[test]
fn source_rules_apply_to_their_files_and_sheets_and_are_checked() {
    let m = Model::from_toml(
        "[[sources]]\nmatch = \"华东/*.xlsx!客户*\"\nkind = \"accounts\"\n[sources.columns]\n\"客户名2\" = \"account_name\"\n",
    )
    .unwrap();
    let rule = &m.sources[0];
    assert!(rule.applies("华东/10月.xlsx", "客户明细"));
    assert!(!rule.applies("华东/10月.xlsx", "汇总"));
    assert!(!rule.applies("华南/10月.xlsx", "客户明细"));
    // A field that does not exist, a kind that does not exist, an empty pattern: each named.
    let bad = Model::from_toml("[[sources]]\nmatch = \"\"\nkind = \"invoices\"\n").unwrap_err();
    let keys: Vec<&str> = bad.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, ["sources.match", "sources.kind"], "{bad:?}");
    assert!(bad[1].message(crate::Lang::En).contains("unknown `invoices`"), "{}", bad[1].message(crate::Lang::En));
    // Every kind of SPEC §1b may be forced.
    for kind in ["accounts", "opportunities", "receivables", "orders", "payments", "promises"] {
        let m = Model::from_toml(&format!("[[sources]]\nmatch = \"*.xlsx\"\nkind = \"{kind}\"\n")).unwrap();
        assert_eq!(m.sources[0].source_kind().map(|k| k.key()), Some(kind));
    }
    let bad = Model::from_toml("[[sources]]\nmatch = \"*.xlsx\"\n[sources.columns]\n\"欠款\" = \"outstanding\"\n")
        .unwrap_err();
    assert!(bad[0].key.starts_with("sources"), "{bad:?}");
    assert!(bad[0].line.is_some(), "{bad:?}");
}

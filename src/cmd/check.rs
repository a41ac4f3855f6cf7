//! `kascore check`: validate only. Prints every data issue as a table, then the row accounting.

use std::io::Write;

use super::{status, ExitStatus};
use crate::cli::CheckArgs;
use crate::error::Fatal;
use crate::issue::Severity;
use crate::output::{self, Request, Target};
use crate::pipeline::{assess, load_model, Loaded};
use crate::reconcile::Reconciliation;
use crate::terminal::{issue_table, print};
use crate::Lang;

pub fn run(args: CheckArgs) -> Result<ExitStatus, Fatal> {
    let started = std::time::SystemTime::now();
    let model = load_model(args.input.model.as_deref())?.model;
    let lang = args.input.lang;
    let as_of = crate::pipeline::as_of_or_today(args.input.as_of);
    let json = args.input.json.as_deref().map(Target::parse);
    let found = crate::discover::discover(&args.input.paths);
    if let Some(Target::File(path)) = &json {
        let inputs: Vec<std::path::PathBuf> = found.files.iter().map(|f| f.path.clone()).collect();
        output::check(&[Request { flag: "--json", path, xlsx: false }], &inputs, args.input.force)?;
        output::clean_stale(&output::folder(path), started);
    }
    let printer = crate::terminal::Printer::new(args.input.quiet);
    let (loaded, eval) = assess(found, &model, as_of, model.allocation.capacity, printer)?;
    let rec = eval.reconciliation;
    let mut text = issue_table(&loaded.issues, lang);
    text.push_str(&accounting(&loaded, &rec, lang));
    match &json {
        Some(target) => {
            let bytes = crate::report::json::to_bytes(&crate::report::json::build(&loaded, &eval, &model, lang, None));
            match target {
                Target::File(path) => output::write_file(path, |f| f.write_all(&bytes))?,
                Target::Stdout => crate::terminal::write_stdout(&bytes)?,
            }
            if *target == Target::Stdout {
                eprint!("{text}");
            } else {
                print(&text)?;
            }
        }
        None => print(&text)?,
    }
    Ok(status(&loaded, args.input.strict))
}

fn accounting(loaded: &Loaded, rec: &Reconciliation, lang: Lang) -> String {
    let errors = loaded.errors();
    let warnings = loaded.issues.iter().filter(|i| i.severity == Severity::Warning).count();
    let files = loaded.inputs.len();
    let sheets: usize = loaded.inputs.iter().map(|i| i.sheets.iter().filter(|s| s.header_row.is_some()).count()).sum();
    match lang {
        Lang::Zh => format!(
            "\n读取 {files} 个文件、{sheets} 张客户表；{} 个客户。\n行数核对：{}\n问题：{errors} 个错误，{warnings} 个警告。\n",
            loaded.accounts.len(),
            rec.equation(lang)
        ),
        Lang::En => format!(
            "\nRead {files} file(s), {sheets} account sheet(s); {} accounts.\nRow accounting: {}\nIssues: {errors} error(s), {warnings} warning(s).\n",
            loaded.accounts.len(),
            rec.equation(lang)
        ),
    }
}

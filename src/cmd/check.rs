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
    text.push_str(&sheets_read(&loaded, &crate::ingest::header::Aliases::new(&model), lang));
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

/// Every sheet read, with its header row, each column and the field it was read as, and the
/// header cells not used — with the field an unused header most likely means, and how to make
/// kascore read it.
pub fn sheets_read(loaded: &Loaded, aliases: &crate::ingest::header::Aliases, lang: Lang) -> String {
    use std::fmt::Write as _;
    let zh = lang == Lang::Zh;
    let col = crate::provenance::column_letters;
    let mut out = String::from(if zh { "\n读取的工作表：\n" } else { "\nSheets read:\n" });
    for input in &loaded.inputs {
        for sheet in input.sheets.iter().filter(|s| s.header_row.is_some()) {
            let at = format!("{}!{}", crate::provenance::file_name(&input.file.display), sheet.name);
            let row = sheet.header_row.unwrap_or(0);
            let kind = sheet.kind.label(lang);
            let _ = if zh {
                writeln!(out, "  {at}：{kind}，表头第 {row} 行，{} 行数据", sheet.rows)
            } else {
                writeln!(out, "  {at}: {kind}, header row {row}, {} data rows", sheet.rows)
            };
            // A header cell may hold a line break ("公司\n简称"): one line each here.
            let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            let mapped: Vec<String> = sheet
                .columns
                .iter()
                .map(|(c, t, f)| format!("{} {} → {}", col(*c), one_line(t), f.label(lang)))
                .collect();
            for line in mapped.chunks(6) {
                let _ = writeln!(out, "    {}", line.join(" · "));
            }
            if sheet.unused.is_empty() {
                continue;
            }
            let unused: Vec<String> = sheet
                .unused
                .iter()
                .map(|(c, t)| (c, one_line(t)))
                .map(|(c, t)| match aliases.nearest(&t) {
                    Some(f) if zh => format!(
                        "{} {t}（是否是“{}”？如是，在模型 [columns] 的 {} 中加入“{t}”）",
                        col(*c),
                        f.label(lang),
                        f.key()
                    ),
                    Some(f) => format!(
                        "{} {t} (is it \"{}\"? If so, add \"{t}\" to {} under [columns] in the model)",
                        col(*c),
                        f.label(lang),
                        f.key()
                    ),
                    None => format!("{} {t}", col(*c)),
                })
                .collect();
            let _ = writeln!(
                out,
                "    {}{}",
                if zh { "未使用：" } else { "not used: " },
                unused.join(if zh { "；" } else { "; " })
            );
        }
    }
    out
}

fn accounting(loaded: &Loaded, rec: &Reconciliation, lang: Lang) -> String {
    let errors = loaded.errors();
    let warnings = loaded.issues.iter().filter(|i| i.severity == Severity::Warning).count();
    let files = loaded.inputs.len();
    let sheets: usize = loaded.inputs.iter().map(|i| i.sheets.iter().filter(|s| s.header_row.is_some()).count()).sum();
    match lang {
        Lang::Zh => format!(
            "\n读取 {files} 个文件、{sheets} 张表；{} 个客户。\n行数核对：{}\n客户核对：{}\n问题：{errors} 个错误，{warnings} 个警告。\n",
            loaded.accounts.len(),
            rec.equation(lang),
            rec.accounts_equation(lang)
        ),
        Lang::En => format!(
            "\nRead {files} file(s), {sheets} sheet(s); {} accounts.\nRow accounting: {}\nAccount accounting: {}\nIssues: {errors} error(s), {warnings} warning(s).\n",
            loaded.accounts.len(),
            rec.equation(lang),
            rec.accounts_equation(lang)
        ),
    }
}

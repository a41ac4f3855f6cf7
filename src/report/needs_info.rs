//! 待补充 Needs information: accounts with more unknown factors than the model allows, and
//! exactly what to fill in for each.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::grades::{id_name, ranked, text_of};
use super::{tab_name, Context, Factory, Fmt, Out, Tab, Table};
use crate::score::Grade;

pub fn build(wb: &Factory, ctx: &Context, fmt: &Fmt) -> Result<Vec<Worksheet>, XlsxError> {
    let lang = ctx.lang;
    let headers = [
        ctx.t("客户编号", "Account ID"),
        ctx.t("客户名称", "Account"),
        ctx.t("客户经理", "Owner"),
        ctx.t("已知得分", "Score so far"),
        ctx.t("未知因素", "Unknown factors"),
        ctx.t("请补充", "Fill in"),
        ctx.t("行动建议", "Action"),
        ctx.t("来源", "Source"),
    ];
    let mut t = Table::new(
        wb,
        tab_name(Tab::NeedsInfo, lang),
        &headers,
        &[12.0, 30.0, 10.0, 10.0, 36.0, 48.0, 28.0, 36.0],
        fmt,
    )?;
    let sep = ctx.t("、", ", ");
    for (r, s) in ranked(ctx, Grade::NeedsInfo) {
        let unknown = s.unknown();
        let factors: Vec<&str> = unknown.iter().map(|f| f.label(lang)).collect();
        let wanted: Vec<String> = unknown
            .iter()
            .map(|f| {
                let fields: Vec<&str> = f.wanted().iter().map(|w| w.label(lang)).collect();
                format!("{}：{}", f.label(lang), fields.join(ctx.t(" 或 ", " or ")))
            })
            .collect();
        let mut cells: Vec<Out> = id_name(r).into();
        cells.push(text_of(&r.account.owner));
        cells.push(Out::Score(Some(s.score)));
        cells.push(Out::Text(factors.join(sep)));
        cells.push(Out::Text(wanted.join(ctx.t("；", "; "))));
        cells.push(Out::Text(Grade::NeedsInfo.action(lang).to_string()));
        cells.push(Out::Text(r.source.display()));
        t.row(wb, fmt, &cells)?;
    }
    t.finish()
}

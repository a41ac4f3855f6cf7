//! One account as the report sees it: its record, its scoring and its place in the run, with
//! the values several tabs derive from them in one place, and the columns several tabs share.

use super::table::{col, Column, Out};
use super::Context;
use crate::ingest::Record;
use crate::labels;
use crate::score::Scored;

/// An account of the run.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub record: &'a Record,
    pub scored: &'a Scored,
    /// Its position in the run (input order).
    pub index: usize,
}

impl<'a> View<'a> {
    /// The key as shown: the account id, else the normalised name.
    pub fn id(&self) -> &'a str {
        self.record.account.key.as_str()
    }

    pub fn name(&self) -> &'a str {
        &self.record.account.name
    }

    pub fn owner(&self) -> &'a str {
        self.record.account.owner.as_deref().unwrap_or_default()
    }

    /// The deal value as one amount (a range's midpoint).
    pub fn deal(&self) -> Option<f64> {
        self.record.account.deal()
    }

    /// The receivables balance as one amount.
    pub fn receivables(&self) -> Option<f64> {
        self.record.account.ar_balance().and_then(|m| m.mid())
    }

    /// "file!sheet!17", then how many line items of each kind were rolled up into the account:
    /// "file!sheet!17；商机 4、应收 12" (the sheets they came from are on the summary and the
    /// Model tab, with their kinds).
    pub fn source(&self, lang: crate::Lang) -> String {
        let mut parts = Vec::new();
        if !self.record.more.as_ref().is_some_and(|m| m.line_items_only) {
            parts.push(self.record.source.display());
        }
        if let Some(r) = self.record.rollup() {
            let kinds: Vec<String> = crate::source::SourceKind::LINE_ITEMS
                .iter()
                .rev()
                .filter(|k| r.rows(**k) > 0)
                .map(|k| format!("{} {}", k.label(lang), r.rows(*k)))
                .collect();
            if !kinds.is_empty() {
                parts.push(kinds.join(labels::LIST_SEP.get(lang)));
            }
        }
        parts.join(labels::CLAUSE_SEP.get(lang))
    }
}

impl<'c> Context<'c> {
    /// Every account of the run, in input order.
    pub fn views(&self) -> impl Iterator<Item = View<'c>> + '_ {
        let (accounts, scored) = (&self.loaded.accounts, &self.eval.scored);
        accounts.iter().zip(scored).enumerate().map(|(index, (record, scored))| View { record, scored, index })
    }

    /// The account at `index`.
    pub fn view(&self, index: usize) -> View<'c> {
        View { record: &self.loaded.accounts[index], scored: &self.eval.scored[index], index }
    }
}

/// The columns many tabs start with or end with, declared once.
pub fn id<'a, T: 'a>(ctx: &Context, view: impl Fn(&T) -> View<'a> + 'a) -> Column<'a, T> {
    col(ctx.l(labels::ACCOUNT_ID), 12.0, move |t| Out::Text(view(t).id().to_string()))
}

pub fn name<'a, T: 'a>(ctx: &Context, view: impl Fn(&T) -> View<'a> + 'a) -> Column<'a, T> {
    col(ctx.l(labels::ACCOUNT), 30.0, move |t| Out::Text(view(t).name().to_string()))
}

pub fn owner<'a, T: 'a>(ctx: &Context, view: impl Fn(&T) -> View<'a> + 'a) -> Column<'a, T> {
    col(ctx.l(labels::OWNER), 10.0, move |t| Out::Text(view(t).owner().to_string()))
}

pub fn source<'a, T: 'a>(ctx: &Context, view: impl Fn(&T) -> View<'a> + 'a) -> Column<'a, T> {
    let lang = ctx.lang;
    col(ctx.l(labels::SOURCE), 36.0, move |t| Out::Text(view(t).source(lang)))
}

//! One account as the report sees it: its record, its scoring and its place in the run, with
//! the values several tabs derive from them in one place, and the columns several tabs share.

use super::table::{col, fit_width, Column, Out};
use super::Context;
use crate::ingest::{Record, Stage};
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

    /// The stage as the JSON gives it: won or lost for a won or lost account, else the stage
    /// of its row (or of its most advanced open deal).
    pub fn stage(&self) -> Option<Stage> {
        crate::changes::stage_key(self.record).and_then(Stage::from_key)
    }

    /// The open deals: counted from its opportunities when it has them, else 1 when its row
    /// is an open deal with a value or a close date (the JSON's `open_deals`).
    pub fn open_deals(&self) -> u32 {
        count_open_deals(self.record)
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

/// An account's open deals (the JSON's `open_deals`, the grade tabs' column).
pub fn count_open_deals(r: &Record) -> u32 {
    match r.rollup().and_then(|x| x.deals.as_ref()) {
        Some(d) => d.open,
        None => {
            let a = &r.account;
            let priced_or_dated = a.has(crate::field::Field::DealValue) || a.has(crate::field::Field::ExpectedClose);
            u32::from(crate::score::has_open_deal(r) && priced_or_dated)
        }
    }
}

/// The widths of the columns that hold names, from the longest of the run (SPEC §4: names
/// never cut): the same in every list tab.
#[derive(Debug, Clone, Copy)]
pub struct NameWidths {
    /// The account ID column (the normalised name when an account has no ID).
    pub id: f64,
    pub name: f64,
    pub owner: f64,
}

impl<'c> Context<'c> {
    /// The widths of the name columns, worked out once a run.
    pub fn name_widths(&self) -> NameWidths {
        *self.name_widths.get_or_init(|| NameWidths {
            id: fit_width(self.l(labels::ACCOUNT_ID), 0.0, self.views().map(|v| v.id())),
            name: fit_width(self.l(labels::ACCOUNT), 0.0, self.views().map(|v| v.name())),
            owner: fit_width(self.l(labels::OWNER), 0.0, self.views().map(|v| v.owner())),
        })
    }

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
    col(ctx.l(labels::ACCOUNT_ID), ctx.name_widths().id, move |t| Out::Text(view(t).id().to_string()))
}

pub fn name<'a, T: 'a>(ctx: &Context, view: impl Fn(&T) -> View<'a> + 'a) -> Column<'a, T> {
    col(ctx.l(labels::ACCOUNT), ctx.name_widths().name, move |t| Out::Text(view(t).name().to_string()))
}

pub fn owner<'a, T: 'a>(ctx: &Context, view: impl Fn(&T) -> View<'a> + 'a) -> Column<'a, T> {
    col(ctx.l(labels::OWNER), ctx.name_widths().owner, move |t| Out::Text(view(t).owner().to_string()))
}

/// The account's stage (seed 004's names).
pub fn stage<'a, T: 'a>(ctx: &Context, view: impl Fn(&T) -> View<'a> + 'a) -> Column<'a, T> {
    let lang = ctx.lang;
    let width = fit_width(ctx.l(labels::STAGE), 0.0, Stage::ALL.map(|s| s.label(lang)));
    col(ctx.l(labels::STAGE), width, move |t| {
        Out::Text(view(t).stage().map(|s| s.label(lang)).unwrap_or_default().to_string())
    })
}

/// How many open deals the account has.
pub fn open_deals<'a, T: 'a>(ctx: &Context, view: impl Fn(&T) -> View<'a> + 'a) -> Column<'a, T> {
    col(ctx.l(labels::OPEN_DEALS), 10.0, move |t| Out::Int(Some(i64::from(view(t).open_deals()))))
}

pub fn source<'a, T: 'a>(ctx: &Context, view: impl Fn(&T) -> View<'a> + 'a) -> Column<'a, T> {
    let lang = ctx.lang;
    col(ctx.l(labels::SOURCE), 36.0, move |t| Out::Text(view(t).source(lang)))
}

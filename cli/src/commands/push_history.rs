//! `inkan push history`: the recent sign-in requests kept in the vault and what came of
//! each (approved, denied, expired, blocked after a wrong pick), newest first.

use super::push::{print_json, Ctx};
use crate::error::CliError;
use inkan_core::push::{PushError, PushStore};
use serde::Serialize;
use std::io::Write;

/// `inkan push history --json` element.
#[derive(Serialize)]
struct Item<'a> {
    serial: &'a str,
    title: &'a str,
    question: &'a str,
    seen_at: i64,
    settled_at: Option<i64>,
    outcome: &'static str,
}

pub fn run(ctx: &Ctx, json: bool) -> Result<(), CliError> {
    let cache = ctx.store.load_replay().map_err(PushError::from)?;
    let items: Vec<Item<'_>> = cache
        .history
        .0
        .iter()
        .rev()
        .map(|e| Item {
            serial: &e.serial,
            title: &e.title,
            question: &e.question,
            seen_at: e.seen_at,
            settled_at: e.settled_at,
            outcome: e.outcome.name(),
        })
        .collect();
    if json {
        return print_json(&items);
    }
    let mut out = std::io::stdout().lock();
    if items.is_empty() {
        writeln!(out, "no sign-in requests yet")?;
    }
    for i in items {
        writeln!(
            out,
            "{}  {:<12} [{}] {}: {}",
            inkan_core::push::wire::iso8601_utc(i.seen_at),
            i.outcome,
            i.serial,
            i.title,
            i.question
        )?;
    }
    Ok(())
}

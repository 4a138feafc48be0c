//! `inkan list`: the vault's accounts, without secrets unless `--show-secret`.

use crate::error::CliError;
use crate::output::{print_json, table, ListJson};
use crate::session::{self, Passwords, VaultOpts};
use inkan_core::base32;
use inkan_core::vault::Entry;
use std::io::Write;

pub fn run(
    opts: &VaultOpts,
    query: Option<&str>,
    json: bool,
    show_secret: bool,
) -> Result<(), CliError> {
    let pw = Passwords::new(opts.password_stdin)?;
    let s = session::open(opts, &pw, false)?;
    let entries: Vec<&Entry> = match query {
        Some(q) => s.vault.search(q),
        None => s.vault.entries().iter().collect(),
    };
    if json {
        let rows: Vec<ListJson> = entries
            .iter()
            .map(|e| ListJson {
                id: e.id.to_string(),
                kind: e.account.kind.name(),
                issuer: e.account.issuer.clone(),
                account: e.account.name.clone(),
            })
            .collect();
        return Ok(print_json(&rows)?);
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut row = vec![
                (i + 1).to_string(),
                e.id.to_string(),
                e.account.kind.name().to_owned(),
                e.account.issuer.clone().unwrap_or_else(|| "-".into()),
                e.account.name.clone(),
                e.note.lines().next().unwrap_or("").to_owned(),
            ];
            if show_secret {
                row.push(base32::encode(e.account.secret.expose()));
            }
            row
        })
        .collect();
    let mut header = vec!["#", "ID", "KIND", "ISSUER", "ACCOUNT", "NOTE"];
    if show_secret {
        header.push("SECRET");
    }
    let mut out = std::io::stdout().lock();
    write!(out, "{}", table(&header, &rows))?;
    if rows.is_empty() {
        writeln!(out, "(no accounts)")?;
    }
    Ok(())
}

//! Output shapes: the JSON contract other tools depend on, and human tables.

use inkan_core::{base32, Account};
use serde::Serialize;

/// `inkan parse --json` element: the contract in the foundation issue.
#[derive(Serialize)]
pub struct AccountJson {
    pub kind: &'static str,
    pub issuer: Option<String>,
    pub account: String,
    pub secret: String,
    pub algorithm: &'static str,
    pub digits: u8,
    pub period: Option<u32>,
    pub counter: Option<u64>,
}

impl AccountJson {
    pub fn new(a: &Account) -> Self {
        Self {
            kind: a.kind.name(),
            issuer: a.issuer.clone(),
            account: a.name.clone(),
            secret: base32::encode(a.secret.expose()),
            algorithm: a.algorithm.name(),
            digits: a.digits,
            period: a.period(),
            counter: a.counter(),
        }
    }
}

/// A plain-text table: columns padded to the widest cell (by characters).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    let mut out = line(header.to_vec());
    out.push('\n');
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

/// `inkan add --json` / `inkan import --json` element.
#[derive(Serialize)]
pub struct AddedJson {
    pub id: String,
    pub issuer: Option<String>,
    pub account: String,
    pub status: &'static str,
}

/// `inkan list --json` element: no secrets.
#[derive(Serialize)]
pub struct ListJson {
    pub id: String,
    pub kind: &'static str,
    pub issuer: Option<String>,
    pub account: String,
}

/// `inkan codes --json` element; `code` is null for HOTP (showing one would use it up).
#[derive(Serialize)]
pub struct CodeJson {
    pub id: String,
    pub issuer: Option<String>,
    pub account: String,
    pub code: Option<String>,
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json<T: Serialize>(value: &T) -> Result<(), std::io::Error> {
    use std::io::Write;
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::from)?;
    writeln!(std::io::stdout().lock(), "{text}")
}

/// Prints add/import outcomes: JSON, or one human line each.
pub fn print_added(
    vault: &inkan_core::vault::Vault,
    outcomes: &[inkan_core::vault::AddOutcome],
    json: bool,
) -> Result<(), std::io::Error> {
    let rows: Vec<AddedJson> = outcomes
        .iter()
        .filter_map(|o| {
            vault.entry(o.id).map(|e| AddedJson {
                id: o.id.to_string(),
                issuer: e.account.issuer.clone(),
                account: e.account.name.clone(),
                status: o.status.name(),
            })
        })
        .collect();
    if json {
        return print_json(&rows);
    }
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for (r, o) in rows.iter().zip(outcomes) {
        let label = match &r.issuer {
            Some(i) => format!("{i} ({})", r.account),
            None => r.account.clone(),
        };
        let what = match o.status {
            inkan_core::vault::AddStatus::Added => "added",
            inkan_core::vault::AddStatus::DuplicateKept => {
                "added as a second entry (an account with this name but another secret exists; both kept)"
            }
            inkan_core::vault::AddStatus::Existing => "already in the vault; nothing added",
        };
        writeln!(out, "{label}: {what} [{}]", r.id)?;
    }
    Ok(())
}

/// Parses a duration such as `3s`, `500ms`, `2m` or `10` (seconds).
pub fn parse_duration(text: &str) -> Option<std::time::Duration> {
    let t = text.trim();
    let (num, unit) = match t.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => (t.get(..i)?, t.get(i..)?),
        None => (t, "s"),
    };
    let n: u64 = num.parse().ok()?;
    match unit {
        "ms" => Some(std::time::Duration::from_millis(n)),
        "s" => Some(std::time::Duration::from_secs(n)),
        "m" => Some(std::time::Duration::from_secs(n.checked_mul(60)?)),
        _ => None,
    }
}

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

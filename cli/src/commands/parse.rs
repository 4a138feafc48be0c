//! `inkan parse`: what a link contains, as JSON (the scripting contract) or a table.

use super::input::accounts;
use super::report_skipped;
use crate::error::CliError;
use crate::output::{table, AccountJson};
use std::io::Write;

pub fn run(input: &str, json: bool, show_secret: bool) -> Result<(), CliError> {
    let parsed = accounts(input)?;
    report_skipped(&parsed.skipped);
    let mut out = std::io::stdout().lock();
    if json {
        let list: Vec<AccountJson> = parsed.accounts.iter().map(AccountJson::new).collect();
        let text = serde_json::to_string_pretty(&list).map_err(std::io::Error::from)?;
        writeln!(out, "{text}")?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = parsed
        .accounts
        .iter()
        .map(|a| {
            let j = AccountJson::new(a);
            let detail = match (j.period, j.counter) {
                (_, Some(c)) => format!("counter {c}"),
                (Some(p), None) => format!("every {p} s"),
                (None, None) => String::new(),
            };
            vec![
                j.kind.to_owned(),
                j.issuer.unwrap_or_else(|| "-".into()),
                j.account,
                format!("{} {} digits", j.algorithm, j.digits),
                detail,
                if show_secret {
                    j.secret
                } else {
                    "(hidden; --show-secret)".into()
                },
            ]
        })
        .collect();
    let header = ["KIND", "ISSUER", "ACCOUNT", "CODE", "CHANGES", "SECRET"];
    write!(out, "{}", table(&header, &rows))?;
    Ok(())
}

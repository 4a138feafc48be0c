//! `inkan code`: the code of each account in a link, one per line; or, for an argument
//! without `://`, the code of one vault account (HOTP counter saved first, SEC-V4).

use super::report_skipped;
use crate::error::CliError;
use crate::session::{self, Passwords, VaultOpts};
use inkan_core::clock::{Clock, SystemClock};
use inkan_core::otp;
use inkan_core::text::parse_accounts;
use std::io::Write;

pub fn run(opts: &VaultOpts, input: &str, at: Option<i64>) -> Result<(), CliError> {
    if !input.contains("://") {
        return from_vault(opts, input, at);
    }
    let parsed = parse_accounts(input)?;
    report_skipped(&parsed.skipped);
    let now = at.unwrap_or_else(|| SystemClock.now_unix());
    // Compute every code first so that an error prints nothing on stdout.
    let codes = parsed
        .accounts
        .iter()
        .map(|a| otp::generate(a, now).map(|c| c.text))
        .collect::<Result<Vec<_>, _>>()
        .map_err(inkan_core::Error::from)?;
    let mut out = std::io::stdout().lock();
    for code in codes {
        writeln!(out, "{code}")?;
    }
    Ok(())
}

fn from_vault(opts: &VaultOpts, name: &str, at: Option<i64>) -> Result<(), CliError> {
    let pw = Passwords::new(opts.password_stdin)?;
    let mut s = session::open(opts, &pw, false)?;
    let id = s.vault.find(name)?.id;
    let now = at.unwrap_or_else(|| SystemClock.now_unix());
    // use_code saves through the store before it returns the code.
    let code = s.vault.use_code(id, now, &s.store)?;
    writeln!(std::io::stdout().lock(), "{}", code.text)?;
    Ok(())
}

//! `inkan code`: the code of each account in a link, one per line.

use super::input::accounts;
use super::report_skipped;
use crate::error::CliError;
use inkan_core::clock::{Clock, SystemClock};
use inkan_core::otp;
use std::io::Write;

pub fn run(input: &str, at: Option<i64>) -> Result<(), CliError> {
    let parsed = accounts(input)?;
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

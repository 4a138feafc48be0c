//! `inkan code`: the code of each account in a link or QR image, one per line; or, for any
//! other argument without `://`, the code of one vault account (HOTP counter saved first,
//! SEC-V4).

use super::input::accounts;
use super::report_skipped;
use crate::error::CliError;
use crate::session::{self, Passwords, VaultOpts};
use inkan_core::clock::{Clock, SystemClock};
use inkan_core::otp;
use std::io::Write;

pub fn run(opts: &VaultOpts, input: &str, at: Option<i64>) -> Result<(), CliError> {
    if !input.contains("://") && !std::path::Path::new(input).is_file() {
        if looks_like_bare_secret(input) {
            // Checked before the vault: a pasted secret must not reach a lookup (or a prompt).
            return Err(CliError::msg(
                "this looks like a bare secret, not a link or an account name; pass the whole otpauth:// link",
            ));
        }
        return from_vault(opts, input, at);
    }
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

/// 16+ characters of the base32 alphabet only (uppercase, no separators): what a secret
/// copied from a setup page looks like, and no account name people choose.
fn looks_like_bare_secret(input: &str) -> bool {
    let s = input.trim().trim_end_matches('=');
    s.len() >= 16
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
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

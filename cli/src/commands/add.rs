//! `inkan add`: accounts from a link or a QR image into the vault.

use super::input::accounts;
use super::report_skipped;
use crate::error::CliError;
use crate::output::print_added;
use crate::session::{self, Passwords, VaultOpts};

pub fn run(opts: &VaultOpts, input: &str, json: bool) -> Result<(), CliError> {
    if !input.contains("://") && !std::path::Path::new(input).is_file() {
        return Err(not_link_nor_image(input));
    }
    // Parse (and decode an image) before touching the vault: a bad input changes nothing.
    let parsed = accounts(input)?;
    report_skipped(&parsed.skipped);
    let pw = Passwords::new(opts.password_stdin)?;
    let mut s = session::open(opts, &pw, true)?;
    let outcomes = s.vault.add_all(parsed.accounts, session::now())?;
    if outcomes
        .iter()
        .any(|o| o.status != inkan_core::vault::AddStatus::Existing)
        || s.created
    {
        s.save()?;
    }
    print_added(&s.vault, &outcomes, json)?;
    Ok(())
}

/// The refusal for an argument that is neither; echoes at most 60 printable characters.
fn not_link_nor_image(input: &str) -> CliError {
    CliError::msg(format!(
        "'{}' is neither an otpauth:// link nor an image file",
        inkan_core::plain_text::cleaned(input, 60)
    ))
}

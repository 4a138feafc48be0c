//! `inkan add`: accounts from a link (or, once QR decoding lands, an image) into the vault.

use super::report_skipped;
use crate::error::CliError;
use crate::output::print_added;
use crate::session::{self, Passwords, VaultOpts};
use inkan_core::text::parse_accounts;

pub fn run(opts: &VaultOpts, input: &str, json: bool) -> Result<(), CliError> {
    let text = if input.contains("://") {
        input.to_owned()
    } else {
        decode_image(input)?
    };
    // Parse before touching the vault: a bad link changes nothing.
    let parsed = parse_accounts(&text)?;
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

/// QR images: decoding belongs to `inkan_core::qr`, which lands with the qr branch. Until
/// then say so plainly instead of guessing.
fn decode_image(path: &str) -> Result<String, CliError> {
    if std::path::Path::new(path).is_file() {
        Err(CliError::msg(
            "reading QR codes from images is not supported yet; pass the otpauth:// link instead",
        ))
    } else {
        Err(CliError::msg(format!(
            "'{}' is neither an otpauth:// link nor an image file",
            path.chars()
                .filter(|c| !c.is_control())
                .take(60)
                .collect::<String>()
        )))
    }
}

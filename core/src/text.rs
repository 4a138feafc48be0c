//! Accounts from one piece of text a user scanned, pasted or opened: an `otpauth://`,
//! `steam://` or `otpauth-migration://` URI. Push enrollments and https pairing links are
//! the `pairing` module's; this is the part every other entry point shares.

use crate::migration::{self, SkippedItem};
use crate::{uri, Account, Error};

/// Accounts found in one text, plus items that were skipped (migration exports only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedText {
    /// Accounts, in the order the text lists them.
    pub accounts: Vec<Account>,
    /// Migration items that could not be imported.
    pub skipped: Vec<SkippedItem>,
}

/// Parses an `otpauth://`, `steam://` or `otpauth-migration://` URI (scheme in any case).
pub fn parse_accounts(input: &str) -> Result<ParsedText, Error> {
    let scheme = input
        .trim_start()
        .split_once("://")
        .map(|(s, _)| s.to_ascii_lowercase());
    if scheme.as_deref() == Some("otpauth-migration") {
        let import = migration::parse(input)?;
        return Ok(ParsedText {
            accounts: import.accounts,
            skipped: import.skipped,
        });
    }
    let account = uri::parse(input)?;
    Ok(ParsedText {
        accounts: vec![account],
        skipped: Vec::new(),
    })
}

//! Links the user scanned, pasted or opened → accounts (core `text::parse_accounts`).

use std::sync::Arc;

use crate::account::Account;
use crate::error::InkanError;

/// The result of one link: accounts to confirm, and export items that were left out.
#[derive(uniffi::Record)]
pub struct ParsedLink {
    /// Accounts in link order (one for `otpauth://`, several for a migration export).
    pub accounts: Vec<Arc<Account>>,
    /// Migration items that could not be imported; empty for other links.
    pub skipped: Vec<SkippedItem>,
}

/// A migration item that was not imported (mirrors `inkan_core::migration::SkippedItem`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SkippedItem {
    /// Zero-based position in the export.
    pub index: u32,
    /// The item's name as shown in the other app (may be empty).
    pub name: String,
    /// Display-safe reason (`unsupported algorithm (number 4; MD5 is 4)`).
    pub reason: String,
}

impl From<inkan_core::migration::SkippedItem> for SkippedItem {
    fn from(item: inkan_core::migration::SkippedItem) -> Self {
        Self {
            // Core caps an export at MAX_ITEMS (10,000) items, far below u32::MAX.
            index: u32::try_from(item.index).unwrap_or(u32::MAX),
            name: item.name,
            reason: item.reason.to_string(),
        }
    }
}

/// Parses an `otpauth://`, `steam://` or `otpauth-migration://` link. A migration export
/// imports what it can and lists the rest in `skipped`; it fails only when nothing is usable.
#[uniffi::export]
pub fn parse_link(link: String) -> Result<ParsedLink, InkanError> {
    let parsed = inkan_core::text::parse_accounts(&link)?;
    Ok(ParsedLink {
        accounts: parsed.accounts.into_iter().map(Account::wrap).collect(),
        skipped: parsed.skipped.into_iter().map(SkippedItem::from).collect(),
    })
}

//! Export to Google Authenticator: accounts → `otpauth-migration://` URIs, one per QR
//! code (core `migration::export`).

use std::sync::Arc;

use crate::account::Account;

/// The URIs to show as QR codes, and the accounts the format cannot carry
/// (mirrors `inkan_core::migration::Export`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MigrationExport {
    /// One URI per QR code, in batch order. They contain secrets: show, never log.
    pub uris: Vec<String>,
    /// Accounts left out, by position in the input list.
    pub skipped: Vec<ExportSkip>,
}

/// An account the Google format cannot carry (mirrors `inkan_core::migration::ExportSkip`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExportSkip {
    /// Position in the input list.
    pub index: u32,
    /// Display-safe reason (`Google Authenticator has no Steam codes`).
    pub reason: String,
}

impl From<inkan_core::migration::Export> for MigrationExport {
    fn from(export: inkan_core::migration::Export) -> Self {
        Self {
            uris: export.uris,
            skipped: export
                .skipped
                .into_iter()
                .map(|skip| ExportSkip {
                    index: u32::try_from(skip.index).unwrap_or(u32::MAX),
                    reason: skip.reason.to_owned(),
                })
                .collect(),
        }
    }
}

/// Exports `accounts` as Google Authenticator migration URIs of at most `max_uri_len`
/// bytes each (default 1,200: QR version 25 at level M). `batch_id` ties the parts
/// together: pass a random number.
#[uniffi::export(default(max_uri_len = None))]
pub fn export_migration(
    accounts: Vec<Arc<Account>>,
    batch_id: i32,
    max_uri_len: Option<u32>,
) -> MigrationExport {
    let accounts: Vec<inkan_core::Account> = accounts
        .iter()
        .map(|account| account.inner.clone())
        .collect();
    let max = max_uri_len.map_or(inkan_core::migration::DEFAULT_MAX_URI_LEN, |n| n as usize);
    inkan_core::migration::export(&accounts, batch_id, max).into()
}

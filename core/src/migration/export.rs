//! Accounts → `otpauth-migration://` URIs, in batches that each fit one QR code.

use super::base64;
use super::wire::Writer;
use crate::account::{Account, OtpKind};
use crate::otp::Algorithm;
use crate::uri::encode_component;

/// Default longest URI per QR code: about version 25 at EC level M, which phone cameras
/// read reliably from a laptop screen (version 40 would hold 2,331 bytes at M).
pub const DEFAULT_MAX_URI_LEN: usize = 1200;

/// An account the Google format cannot carry, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSkip {
    /// Position in the input list.
    pub index: usize,
    /// Human-readable reason.
    pub reason: &'static str,
}

/// Export result: the URIs (one per QR code) and the accounts left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// One URI per QR code, in batch order.
    pub uris: Vec<String>,
    /// Accounts the format cannot represent.
    pub skipped: Vec<ExportSkip>,
}

fn item_bytes(account: &Account) -> Result<zeroize::Zeroizing<Vec<u8>>, &'static str> {
    let digits = match account.digits {
        6 => 1,
        8 => 2,
        _ => return Err("Google Authenticator supports only 6 or 8 digits"),
    };
    let (otp_type, counter) = match account.kind {
        OtpKind::Totp { period: 30 } => (2, None),
        OtpKind::Totp { .. } => return Err("Google Authenticator supports only a 30 s period"),
        OtpKind::Hotp { counter } => (1, Some(counter)),
        OtpKind::Steam => return Err("Google Authenticator has no Steam codes"),
    };
    let algorithm = match account.algorithm {
        Algorithm::Sha1 => 1,
        Algorithm::Sha256 => 2,
        Algorithm::Sha512 => 3,
    };
    // Importers split the name at its first colon, as in an otpauth label; an empty prefix
    // keeps a colon in the issuer or account from moving the split (the issuer field wins).
    let name = match &account.issuer {
        Some(issuer) if !issuer.contains(':') => format!("{issuer}:{}", account.name),
        Some(_) => format!(":{}", account.name),
        None if account.name.contains(':') => format!(":{}", account.name),
        None => account.name.clone(),
    };
    let mut w = Writer::default();
    w.bytes(1, account.secret.expose());
    w.bytes(2, name.as_bytes());
    w.bytes(3, account.issuer.as_deref().unwrap_or("").as_bytes());
    w.uint(4, algorithm);
    w.uint(5, digits);
    w.uint(6, otp_type);
    if let Some(c) = counter {
        w.uint(7, c);
    }
    Ok(w.buf)
}

fn uri(items: &[zeroize::Zeroizing<Vec<u8>>], size: usize, index: usize, id: i32) -> String {
    let mut w = Writer::default();
    for item in items {
        w.bytes(1, item);
    }
    w.uint(2, 1);
    w.uint(3, size as u64);
    w.uint(4, index as u64);
    // int32 on the wire: negative ids are sign-extended to 64 bits, as protobuf does.
    w.uint(5, i64::from(id) as u64);
    format!(
        "otpauth-migration://offline?data={}",
        encode_component(&base64::encode(&w.buf))
    )
}

/// Splits `accounts` into URIs no longer than `max_uri_len` (at least one account per URI,
/// even if that one alone is longer). `batch_id` ties the parts together; pass a random value.
pub fn export(accounts: &[Account], batch_id: i32, max_uri_len: usize) -> Export {
    let mut skipped = Vec::new();
    let mut batches: Vec<Vec<zeroize::Zeroizing<Vec<u8>>>> = Vec::new();
    let mut current: Vec<zeroize::Zeroizing<Vec<u8>>> = Vec::new();
    for (index, account) in accounts.iter().enumerate() {
        let item = match item_bytes(account) {
            Ok(item) => item,
            Err(reason) => {
                skipped.push(ExportSkip { index, reason });
                continue;
            }
        };
        current.push(item);
        // Measure with the largest batch numbers the export could use, so the final
        // encoding (with the real numbers) is never longer.
        let n = accounts.len();
        if current.len() > 1 && uri(&current, n, n, batch_id).len() > max_uri_len {
            if let Some(last) = current.pop() {
                batches.push(std::mem::take(&mut current));
                current.push(last);
            }
        }
    }
    if !current.is_empty() {
        batches.push(current);
    }
    let size = batches.len();
    let uris = batches
        .iter()
        .enumerate()
        .map(|(i, items)| uri(items, size, i, batch_id))
        .collect();
    Export { uris, skipped }
}

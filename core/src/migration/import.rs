//! Decoding `otpauth-migration://offline?data=…` into accounts and per-item skips.
//!
//! Payload schema (Google Authenticator, reverse-engineered and widely documented):
//! `MigrationPayload{repeated OtpParameters otp_parameters=1; int32 version=2,
//! batch_size=3, batch_index=4, batch_id=5}`, `OtpParameters{bytes secret=1; string name=2;
//! string issuer=3; Algorithm algorithm=4; DigitCount digits=5; OtpType type=6;
//! int64 counter=7}`.

use super::wire::{Reader, Value};
use super::{base64, ItemError, MigrationError};
use crate::account::{Account, OtpKind};
use crate::otp::Algorithm;
use crate::plain_text;
use crate::secret::SecretBytes;
use crate::uri::{decode_component, MAX_URI_BYTES};

/// More items than this in one export is refused (Google puts about ten in one QR code).
pub const MAX_ITEMS: usize = 10_000;

/// Which part of a multi-QR export this URI is. Informational: each part parses alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Batch {
    /// Number of QR codes in the export (0 when not given).
    pub size: i32,
    /// Zero-based index of this one.
    pub index: i32,
    /// Identifier shared by the parts of one export (Google's is often negative).
    pub id: i32,
}

/// An item that was not imported, with the reason. Never holds the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedItem {
    /// Zero-based position in the payload.
    pub index: usize,
    /// The item's name as shown to the user (may be empty).
    pub name: String,
    /// Why it was skipped.
    pub reason: ItemError,
}

/// The result of one migration URI: what can be imported and what was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// Usable accounts, in payload order.
    pub accounts: Vec<Account>,
    /// Items that were skipped, in payload order.
    pub skipped: Vec<SkippedItem>,
    /// Batch information.
    pub batch: Batch,
}

/// Parses one migration URI. Fails as a whole on any wire-format problem; skips and reports
/// items whose values are unsupported.
pub fn parse(input: &str) -> Result<Import, MigrationError> {
    if input.len() > MAX_URI_BYTES {
        return Err(MigrationError::TooLarge {
            size: input.len(),
            limit: MAX_URI_BYTES,
        });
    }
    let input = input.trim();
    let (scheme, rest) = input.split_once("://").ok_or(MigrationError::BadScheme)?;
    if !scheme.eq_ignore_ascii_case("otpauth-migration") {
        return Err(MigrationError::BadScheme);
    }
    let query = rest.split_once('?').map_or("", |(_, q)| q);
    let mut data = None;
    for piece in query.split('&') {
        if let Some(("data", value)) = piece.split_once('=') {
            if data.replace(value).is_some() {
                return Err(MigrationError::BadBase64);
            }
        }
    }
    let data = data
        .filter(|d| !d.is_empty())
        .ok_or(MigrationError::MissingData)?;
    // '+' is base64's plus here, never a space.
    let data = decode_component(data, false).ok_or(MigrationError::BadBase64)?;
    let payload = base64::decode(&data).ok_or(MigrationError::BadBase64)?;
    decode_payload(&payload)
}

struct RawItem<'a> {
    secret: &'a [u8],
    name: &'a [u8],
    issuer: &'a [u8],
    algorithm: i64,
    digits: i64,
    otp_type: i64,
    counter: u64,
}

fn wrong_type(offset: usize) -> MigrationError {
    MigrationError::BadProtobuf {
        reason: "known field with the wrong wire type",
        offset,
    }
}

fn decode_payload(payload: &[u8]) -> Result<Import, MigrationError> {
    let mut reader = Reader::new(payload, 0);
    let mut raw_items = Vec::new();
    let mut batch = Batch::default();
    loop {
        let offset = reader.offset();
        let Some((field, value)) = reader.next_field()? else {
            break;
        };
        match (field, value) {
            (1, Value::Bytes(item)) => {
                if raw_items.len() >= MAX_ITEMS {
                    return Err(MigrationError::TooManyItems { limit: MAX_ITEMS });
                }
                let base = reader.offset() - item.len();
                raw_items.push(decode_item(item, base)?);
            }
            // int32 fields: negative values arrive sign-extended to 64 bits.
            (3, Value::Varint(v)) => batch.size = v as i32,
            (4, Value::Varint(v)) => batch.index = v as i32,
            (5, Value::Varint(v)) => batch.id = v as i32,
            (2, Value::Varint(_)) => {}
            (1..=5, _) => return Err(wrong_type(offset)),
            _ => {}
        }
    }
    let mut accounts = Vec::new();
    let mut skipped = Vec::new();
    for (index, raw) in raw_items.iter().enumerate() {
        match item_to_account(raw) {
            Ok(account) => accounts.push(account),
            Err(reason) => skipped.push(SkippedItem {
                index,
                name: plain_text::cleaned(&String::from_utf8_lossy(raw.name), usize::MAX),
                reason,
            }),
        }
    }
    if accounts.is_empty() {
        return Err(MigrationError::NoAccounts {
            skipped: skipped.len(),
        });
    }
    Ok(Import {
        accounts,
        skipped,
        batch,
    })
}

fn decode_item(buf: &[u8], base: usize) -> Result<RawItem<'_>, MigrationError> {
    let mut item = RawItem {
        secret: &[],
        name: &[],
        issuer: &[],
        algorithm: 0,
        digits: 0,
        otp_type: 0,
        counter: 0,
    };
    let mut reader = Reader::new(buf, base);
    loop {
        let offset = reader.offset();
        let Some((field, value)) = reader.next_field()? else {
            break;
        };
        match (field, value) {
            (1, Value::Bytes(b)) => item.secret = b,
            (2, Value::Bytes(b)) => item.name = b,
            (3, Value::Bytes(b)) => item.issuer = b,
            (4, Value::Varint(v)) => item.algorithm = v as i64,
            (5, Value::Varint(v)) => item.digits = v as i64,
            (6, Value::Varint(v)) => item.otp_type = v as i64,
            (7, Value::Varint(v)) => item.counter = v,
            (1..=7, _) => return Err(wrong_type(offset)),
            _ => {}
        }
    }
    Ok(item)
}

fn clean_text(bytes: &[u8]) -> Result<String, ItemError> {
    let s = std::str::from_utf8(bytes).map_err(|_| ItemError::BadText)?;
    plain_text::check(s, usize::MAX).map_err(|_| ItemError::BadText)?;
    Ok(s.to_owned())
}

fn item_to_account(raw: &RawItem<'_>) -> Result<Account, ItemError> {
    if raw.secret.is_empty() {
        return Err(ItemError::EmptySecret);
    }
    let algorithm = match raw.algorithm {
        0 | 1 => Algorithm::Sha1,
        2 => Algorithm::Sha256,
        3 => Algorithm::Sha512,
        other => return Err(ItemError::BadAlgorithm(other)),
    };
    let digits = match raw.digits {
        0 | 1 => 6,
        2 => 8,
        other => return Err(ItemError::BadDigits(other)),
    };
    let kind = match raw.otp_type {
        0 | 2 => OtpKind::Totp { period: 30 },
        1 => OtpKind::Hotp {
            counter: raw.counter,
        },
        other => return Err(ItemError::BadType(other)),
    };
    let name = clean_text(raw.name)?;
    let issuer_field = clean_text(raw.issuer)?;
    let (prefix, account_name) = match name.split_once(':') {
        Some((issuer, account)) => (Some(issuer.trim().to_owned()), account.trim().to_owned()),
        None => (None, name.trim().to_owned()),
    };
    let issuer = Some(issuer_field.trim().to_owned())
        .filter(|s| !s.is_empty())
        .or(prefix);
    let secret = SecretBytes::new(raw.secret.to_vec());
    Account::new(issuer, account_name, secret, algorithm, digits, kind)
        .map_err(|_| ItemError::EmptySecret)
}

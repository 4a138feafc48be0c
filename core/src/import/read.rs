//! One entry point for every reader: size cap, detection or `--format`, dispatch.

use super::{
    aegis, andotp, backup, bitwarden, duo, freeotp_plus, lastpass, proton, steam, stratum, text,
    twofas,
};
use super::{detect, Format, ImportError, Read};
use crate::secret::SecretString;
use serde_json::Value;

/// Largest file read for import: 64 MiB.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Most items one file may hold.
pub const MAX_ITEMS: usize = 100_000;

/// Reads `bytes` as `format` (detected from the content when `None`). `password` is used
/// only by encrypted files; without it they return `PasswordRequired`.
pub fn read(
    bytes: &[u8],
    format: Option<Format>,
    password: Option<&SecretString>,
) -> Result<(Format, Read), ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES as u64,
        });
    }
    let format = match format {
        Some(f) => f,
        None => detect(bytes)?,
    };
    let read = match format {
        Format::InkanBackup => backup::read(bytes, password)?,
        Format::Aegis => aegis::read(bytes, password)?,
        Format::OtpauthText => text::read(bytes)?,
        Format::TwoFas => twofas::read(bytes, password)?,
        Format::AndOtp => andotp::read_plain(bytes)?,
        Format::AndOtpEncrypted => andotp::read_encrypted(bytes, password, false)?,
        Format::AndOtpEncryptedOld => andotp::read_encrypted(bytes, password, true)?,
        Format::BitwardenJson => bitwarden::read_json(bytes)?,
        Format::BitwardenCsv => bitwarden::read_csv(bytes)?,
        Format::FreeOtpPlus => freeotp_plus::read(bytes)?,
        Format::Proton => proton::read(bytes)?,
        Format::Steam => steam::read(bytes)?,
        Format::AuthenticatorPro => stratum::read(bytes)?,
        Format::Duo => duo::read(bytes)?,
        Format::Image => super::image::read(bytes)?,
        Format::LastPass => lastpass::read(bytes)?,
    };
    let count = read.items.len() + read.skipped.len();
    if count > MAX_ITEMS {
        return Err(over_items(count));
    }
    Ok((format, read))
}

pub(crate) fn over_items(count: usize) -> ImportError {
    ImportError::OverLimit {
        what: "items",
        value: count as u64,
        limit: MAX_ITEMS as u64,
    }
}

/// Parses JSON, reporting only the position of a syntax error.
pub(crate) fn json(format: &'static str, bytes: &[u8]) -> Result<Value, ImportError> {
    serde_json::from_slice(bytes).map_err(|e| ImportError::Json {
        format,
        line: e.line(),
        column: e.column(),
    })
}

/// The array at `key` of `root`, capped at `MAX_ITEMS`.
pub(crate) fn array<'a>(
    format: &'static str,
    root: &'a Value,
    key: &'static str,
) -> Result<&'a Vec<Value>, ImportError> {
    let list = root
        .get(key)
        .and_then(Value::as_array)
        .ok_or(ImportError::Malformed { format, what: key })?;
    if list.len() > MAX_ITEMS {
        return Err(over_items(list.len()));
    }
    Ok(list)
}

/// A string field, or "".
pub(crate) fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

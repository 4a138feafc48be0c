//! Bitwarden's unencrypted exports, JSON and CSV: each login's `totp` field, which holds an
//! `otpauth://` URI, a `steam://` secret, or a bare base32 secret (then TOTP defaults and
//! the item's name). Items without a TOTP are not accounts and are passed over silently;
//! password-protected JSON (`"encrypted": true`) is not read yet.

use super::item::{from_uri, secret_base32, Fields};
use super::read::{array, json, over_items, s};
use super::{ImportError, Read, MAX_ITEMS};
use crate::account::Account;
use serde_json::Value;

const FORMAT: &str = "Bitwarden";

fn totp(field: &str, name: &str) -> Result<Account, String> {
    let lower = field.trim().to_ascii_lowercase();
    if lower.starts_with("otpauth://") || lower.starts_with("steam://") {
        return from_uri(field);
    }
    Fields {
        issuer: "",
        name,
        secret: secret_base32(field)?,
        algorithm: None,
        digits: None,
        kind: "totp",
        period: None,
        counter: None,
    }
    .account()
}

pub(super) fn read_json(bytes: &[u8]) -> Result<Read, ImportError> {
    let root = json(FORMAT, bytes)?;
    if root.get("encrypted").and_then(Value::as_bool) == Some(true) {
        return Err(ImportError::Malformed {
            format: FORMAT,
            what: "password-protected Bitwarden exports are not supported yet",
        });
    }
    let mut out = Read::new();
    for (i, v) in array(FORMAT, &root, "items")?.iter().enumerate() {
        let login = v.get("login").unwrap_or(&Value::Null);
        let field = s(login, "totp");
        if field.is_empty() {
            continue;
        }
        let name = s(v, "name");
        let note = s(v, "notes").to_owned();
        out.push(i + 1, totp(field, name), note, "", name);
    }
    Ok(out)
}

pub(super) fn read_csv(bytes: &[u8]) -> Result<Read, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let malformed = |what| ImportError::Malformed {
        format: FORMAT,
        what,
    };
    let headers = reader
        .headers()
        .map_err(|_| malformed("CSV header"))?
        .clone();
    let column = |n: &str| headers.iter().position(|h| h.trim() == n);
    let totp_at = column("login_totp").ok_or(malformed("no login_totp column"))?;
    let (name_at, notes_at) = (column("name"), column("notes"));
    let mut out = Read::new();
    for (i, record) in reader.records().enumerate() {
        // Line 1 is the header.
        let position = i + 2;
        let record = record.map_err(|_| malformed("CSV record"))?;
        let field = record.get(totp_at).unwrap_or("");
        if field.trim().is_empty() {
            continue;
        }
        let name = name_at.and_then(|c| record.get(c)).unwrap_or("");
        let note = notes_at
            .and_then(|c| record.get(c))
            .unwrap_or("")
            .to_owned();
        out.push(position, totp(field, name), note, "", name);
        if out.items.len() + out.skipped.len() > MAX_ITEMS {
            return Err(over_items(out.items.len() + out.skipped.len()));
        }
    }
    Ok(out)
}

//! Duo Mobile's JSON export: a list of accounts with `otpGenerator.otpSecret` (base32) and,
//! for HOTP, `counter`. Duo keeps no issuer, algorithm, digits or period: SHA1, 6 digits
//! and 30 s apply, and the name is the account's display name.

use super::item::{secret_base32, Fields};
use super::read::{json, over_items, s};
use super::{ImportError, Read, MAX_ITEMS};
use serde_json::Value;

const FORMAT: &str = "Duo";

pub(super) fn read(bytes: &[u8]) -> Result<Read, ImportError> {
    let root = json(FORMAT, bytes)?;
    let list = root.as_array().ok_or(ImportError::Malformed {
        format: FORMAT,
        what: "not a list of accounts",
    })?;
    if list.len() > MAX_ITEMS {
        return Err(over_items(list.len()));
    }
    let mut out = Read::new();
    for (i, v) in list.iter().enumerate() {
        let generator = v.get("otpGenerator").unwrap_or(&Value::Null);
        let counter = generator.get("counter").and_then(Value::as_u64);
        let name = s(v, "name");
        let result = secret_base32(s(generator, "otpSecret")).and_then(|secret| {
            Fields {
                issuer: "",
                name,
                secret,
                algorithm: None,
                digits: None,
                kind: if counter.is_some() { "hotp" } else { "totp" },
                period: None,
                counter,
            }
            .account()
        });
        out.push(i + 1, result, String::new(), "", name);
    }
    Ok(out)
}

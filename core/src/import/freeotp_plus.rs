//! FreeOTP+ JSON export: `tokens` with the secret as a list of signed bytes. FreeOTP stores
//! the HOTP counter of the code last shown; it is kept as stored.

use super::item::Fields;
use super::read::{array, json, s};
use super::{ImportError, Read};
use crate::secret::SecretBytes;
use serde_json::Value;

const FORMAT: &str = "FreeOTP+";

/// The secret as Java's signed bytes; at most 1 KiB.
fn secret(v: &Value) -> Result<SecretBytes, String> {
    let list = v
        .get("secret")
        .and_then(Value::as_array)
        .ok_or("no secret")?;
    if list.is_empty() || list.len() > 1024 {
        return Err("secret length out of range".into());
    }
    let mut out = zeroize::Zeroizing::new(Vec::with_capacity(list.len()));
    for b in list {
        let n = b.as_i64().ok_or("secret is not a list of bytes")?;
        let byte = i8::try_from(n).map_err(|_| "secret byte out of range")?;
        out.push(byte.to_ne_bytes()[0]);
    }
    Ok(SecretBytes::new(out.to_vec()))
}

pub(super) fn read(bytes: &[u8]) -> Result<Read, ImportError> {
    let root = json(FORMAT, bytes)?;
    let mut out = Read::new();
    for (i, v) in array(FORMAT, &root, "tokens")?.iter().enumerate() {
        let issuer = Some(s(v, "issuerExt"))
            .filter(|x| !x.is_empty())
            .unwrap_or(s(v, "issuerInt"));
        let name = s(v, "label");
        let result = secret(v).and_then(|secret| {
            Fields {
                issuer,
                name,
                secret,
                algorithm: v.get("algo").and_then(Value::as_str),
                digits: v.get("digits").and_then(Value::as_u64),
                kind: s(v, "type"),
                period: v.get("period").and_then(Value::as_u64),
                counter: v.get("counter").and_then(Value::as_u64),
            }
            .account()
        });
        out.push(i + 1, result, String::new(), issuer, name);
    }
    Ok(out)
}

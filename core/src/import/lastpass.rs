//! LastPass Authenticator's JSON export: `accounts[]` with `issuerName`, `userName`, a
//! base32 `secret`, `algorithm`, `digits` and `timeStep`. LastPass exports TOTP only;
//! folders and favourites are not kept.

use super::item::{secret_base32, Fields};
use super::read::{array, json, s};
use super::{ImportError, Read};
use serde_json::Value;

const FORMAT: &str = "LastPass Authenticator";

pub(super) fn read(bytes: &[u8]) -> Result<Read, ImportError> {
    let root = json(FORMAT, bytes)?;
    let mut out = Read::new();
    for (i, v) in array(FORMAT, &root, "accounts")?.iter().enumerate() {
        let issuer = Some(s(v, "issuerName"))
            .filter(|x| !x.is_empty())
            .unwrap_or(s(v, "originalIssuerName"));
        let name = Some(s(v, "userName"))
            .filter(|x| !x.is_empty())
            .unwrap_or(s(v, "originalUserName"));
        let result = secret_base32(s(v, "secret")).and_then(|secret| {
            Fields {
                issuer,
                name,
                secret,
                algorithm: v.get("algorithm").and_then(Value::as_str),
                digits: v.get("digits").and_then(Value::as_u64),
                kind: "totp",
                period: v.get("timeStep").and_then(Value::as_u64),
                counter: None,
            }
            .account()
        });
        out.push(i + 1, result, String::new(), issuer, name);
    }
    Ok(out)
}

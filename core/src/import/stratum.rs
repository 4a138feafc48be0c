//! Authenticator Pro / Stratum plain JSON backup: `Authenticators` with numeric `Type`
//! (1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex) and `Algorithm` (0 SHA1, 1 SHA256,
//! 2 SHA512). Categories and icons are not kept; mOTP and Yandex are skipped (inkan lacks
//! them). Its encrypted backups and internal database are not read yet.

use super::item::{secret_base32, Fields};
use super::read::{array, json, s};
use super::{ImportError, Read};
use serde_json::Value;

const FORMAT: &str = "Authenticator Pro";

fn kind(v: &Value) -> Result<&'static str, String> {
    match v.get("Type").and_then(Value::as_u64) {
        Some(1) => Ok("hotp"),
        Some(2) => Ok("totp"),
        Some(3) => Err("type 'motp' is not supported".into()),
        Some(4) => Ok("steam"),
        Some(5) => Err("type 'yandex' is not supported".into()),
        _ => Err("unknown type".into()),
    }
}

fn algorithm(v: &Value) -> Result<&'static str, String> {
    match v.get("Algorithm").and_then(Value::as_u64).unwrap_or(0) {
        0 => Ok("SHA1"),
        1 => Ok("SHA256"),
        2 => Ok("SHA512"),
        _ => Err("unknown algorithm".into()),
    }
}

pub(super) fn read(bytes: &[u8]) -> Result<Read, ImportError> {
    let root = json(FORMAT, bytes)?;
    let mut out = Read::new();
    for (i, v) in array(FORMAT, &root, "Authenticators")?.iter().enumerate() {
        let (issuer, name) = (s(v, "Issuer"), s(v, "Username"));
        let result = kind(v).and_then(|kind| {
            Fields {
                issuer,
                name,
                secret: secret_base32(s(v, "Secret"))?,
                algorithm: Some(algorithm(v)?),
                digits: v.get("Digits").and_then(Value::as_u64),
                kind,
                period: v.get("Period").and_then(Value::as_u64),
                counter: v.get("Counter").and_then(Value::as_u64),
            }
            .account()
        });
        out.push(i + 1, result, String::new(), issuer, name);
    }
    Ok(out)
}

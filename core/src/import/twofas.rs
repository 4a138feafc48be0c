//! 2FAS backups (`.2fas`, schemas 1–4), plain or encrypted. Encrypted files hold
//! `servicesEncrypted` = base64 `ciphertext‖tag : salt : iv`, AES-256-GCM under
//! PBKDF2-HMAC-SHA256(password, salt, 10 000) (2FAS' Android `BackupCipher`).
//! Schema 1 stores no algorithm, digits or period (defaults apply); schema 2 no kind.

use super::item::{secret_base32, Fields};
use super::read::{array, json, s};
use super::{ImportError, Read};
use crate::crypto::{self, Pbkdf2Prf};
use crate::migration::base64;
use crate::secret::SecretString;
use serde_json::Value;

const FORMAT: &str = "2FAS";
/// 2FAS' fixed iteration count.
const ITERATIONS: u64 = 10_000;

pub(super) fn read(bytes: &[u8], password: Option<&SecretString>) -> Result<Read, ImportError> {
    let root = json(FORMAT, bytes)?;
    match root.get("servicesEncrypted").and_then(Value::as_str) {
        Some(sealed) if !sealed.is_empty() => {
            let password = password.ok_or(ImportError::PasswordRequired { format: FORMAT })?;
            let plain = decrypt(sealed, password)?;
            let services = json(FORMAT, &plain)?;
            if !services.is_array() {
                return Err(ImportError::Malformed {
                    format: FORMAT,
                    what: "decrypted services",
                });
            }
            services_of(&serde_json::json!({ "services": services }))
        }
        _ => services_of(&root),
    }
}

fn services_of(root: &Value) -> Result<Read, ImportError> {
    let mut out = Read::new();
    for (i, v) in array(FORMAT, root, "services")?.iter().enumerate() {
        let otp = v.get("otp").unwrap_or(&Value::Null);
        let issuer = Some(s(otp, "issuer"))
            .filter(|x| !x.is_empty())
            .unwrap_or(s(v, "name"));
        let name = s(otp, "account");
        let result = secret_base32(s(v, "secret")).and_then(|secret| {
            Fields {
                issuer,
                name,
                secret,
                algorithm: otp.get("algorithm").and_then(Value::as_str),
                digits: otp.get("digits").and_then(Value::as_u64),
                kind: otp
                    .get("tokenType")
                    .and_then(Value::as_str)
                    .unwrap_or("totp"),
                period: otp.get("period").and_then(Value::as_u64),
                counter: otp.get("counter").and_then(Value::as_u64),
            }
            .account()
        });
        out.push(i + 1, result, String::new(), issuer, name);
    }
    Ok(out)
}

fn decrypt(
    sealed: &str,
    password: &SecretString,
) -> Result<zeroize::Zeroizing<Vec<u8>>, ImportError> {
    let bad = ImportError::Malformed {
        format: FORMAT,
        what: "servicesEncrypted",
    };
    let mut parts = sealed.split(':');
    let (Some(data), Some(salt), Some(iv)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad);
    };
    let data = base64::decode(data).ok_or(bad.clone())?;
    let salt = base64::decode(salt).ok_or(bad.clone())?;
    let iv: [u8; crypto::NONCE_LEN] = base64::decode(iv)
        .and_then(|v| v.as_slice().try_into().ok())
        .ok_or(bad)?;
    let key = crypto::pbkdf2(
        Pbkdf2Prf::Sha256,
        ITERATIONS,
        password.expose().as_bytes(),
        &salt,
        32,
    )
    .map_err(|e| ImportError::kdf(FORMAT, e))?;
    crypto::open(&key, iv, b"", &data).ok_or(ImportError::WrongPassword { format: FORMAT })
}

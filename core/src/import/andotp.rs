//! andOTP backups: plain JSON (an array of entries), the encrypted format of andOTP ≥ 0.6
//! (4-byte big-endian PBKDF2-HMAC-SHA1 iterations, 12-byte salt, 12-byte IV, AES-256-GCM
//! ciphertext‖tag) and the old one (IV then ciphertext‖tag, key = SHA-256 of the password).
//! Old versions had no issuer field and wrote the label as `issuer - label`; it is split.

use super::item::{secret_base32, Fields};
use super::read::{json, over_items, s};
use super::{ImportError, Read, MAX_ITEMS};
use crate::crypto::{self, Pbkdf2Prf};
use crate::secret::SecretString;
use serde_json::Value;

const FORMAT: &str = "andOTP";

pub(super) fn read_plain(bytes: &[u8]) -> Result<Read, ImportError> {
    let root = json(FORMAT, bytes)?;
    let list = root.as_array().ok_or(ImportError::Malformed {
        format: FORMAT,
        what: "not a list of entries",
    })?;
    if list.len() > MAX_ITEMS {
        return Err(over_items(list.len()));
    }
    let mut out = Read::new();
    for (i, v) in list.iter().enumerate() {
        let (mut issuer, mut name) = (s(v, "issuer"), s(v, "label"));
        // Old andOTP had no issuer field and labelled entries `issuer - label`.
        if v.get("issuer").is_none() {
            if let Some((i, n)) = name.split_once(" - ") {
                (issuer, name) = (i, n);
            }
        }
        let result = secret_base32(s(v, "secret")).and_then(|secret| {
            Fields {
                issuer,
                name,
                secret,
                algorithm: v.get("algorithm").and_then(Value::as_str),
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

pub(super) fn read_encrypted(
    bytes: &[u8],
    password: Option<&SecretString>,
    old: bool,
) -> Result<Read, ImportError> {
    let password = password.ok_or(ImportError::PasswordRequired { format: FORMAT })?;
    let short = ImportError::Malformed {
        format: FORMAT,
        what: "too short for an encrypted backup",
    };
    let (key, rest) = if old {
        let digest = ring::digest::digest(&ring::digest::SHA256, password.expose().as_bytes());
        (zeroize::Zeroizing::new(digest.as_ref().to_vec()), bytes)
    } else {
        let head: [u8; 4] = bytes
            .get(..4)
            .and_then(|h| h.try_into().ok())
            .ok_or(short.clone())?;
        let salt = bytes.get(4..16).ok_or(short.clone())?;
        let key = crypto::pbkdf2(
            Pbkdf2Prf::Sha1,
            u32::from_be_bytes(head).into(),
            password.expose().as_bytes(),
            salt,
            32,
        )
        .map_err(|e| ImportError::kdf(FORMAT, e))?;
        (key, bytes.get(16..).ok_or(short.clone())?)
    };
    let iv: [u8; crypto::NONCE_LEN] = rest
        .get(..crypto::NONCE_LEN)
        .and_then(|v| v.try_into().ok())
        .ok_or(short.clone())?;
    let sealed = rest.get(crypto::NONCE_LEN..).ok_or(short)?;
    let plain =
        crypto::open(&key, iv, b"", sealed).ok_or(ImportError::WrongPassword { format: FORMAT })?;
    read_plain(&plain)
}

//! Steam Desktop Authenticator maFiles: one account (`shared_secret`, base64) or, in the
//! newer layout, `accounts` keyed by id. Only the code secret is kept; Steam's revocation
//! code and identity secret (for trade confirmations) are not modelled by inkan.

use super::read::{json, s};
use super::{ImportError, Read, MAX_ITEMS};
use crate::account::{Account, OtpKind};
use crate::migration::base64;
use crate::otp::Algorithm;
use crate::secret::SecretBytes;
use serde_json::Value;

const FORMAT: &str = "Steam maFile";

fn account(v: &Value) -> Result<Account, String> {
    let secret = base64::decode(s(v, "shared_secret")).ok_or("shared_secret is not base64")?;
    Account::new(
        Some("Steam".to_owned()),
        s(v, "account_name").to_owned(),
        SecretBytes::new(secret.to_vec()),
        Algorithm::Sha1,
        5,
        OtpKind::Steam,
    )
    .map_err(|e| e.to_string())
}

pub(super) fn read(bytes: &[u8]) -> Result<Read, ImportError> {
    let root = json(FORMAT, bytes)?;
    let list: Vec<&Value> = match root.get("accounts").and_then(Value::as_object) {
        Some(map) => map.values().collect(),
        None if root.get("shared_secret").is_some() => vec![&root],
        None => {
            return Err(ImportError::Malformed {
                format: FORMAT,
                what: "no shared_secret",
            })
        }
    };
    if list.len() > MAX_ITEMS {
        return Err(super::read::over_items(list.len()));
    }
    let mut out = Read::new();
    for (i, v) in list.into_iter().enumerate() {
        out.push(
            i + 1,
            account(v),
            String::new(),
            "Steam",
            s(v, "account_name"),
        );
    }
    Ok(out)
}

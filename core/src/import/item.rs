//! What a reader returns: accounts with their notes, and every item it could not use with
//! its position and reason. Shared helpers turn other apps' fields into an `Account`.

use crate::account::{Account, OtpKind};
use crate::base32;
use crate::otp::Algorithm;
use crate::secret::SecretBytes;
use crate::uri;

/// One account read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// 1-based position of the item in the file (entry or line number).
    pub position: usize,
    /// The account.
    pub account: Account,
    /// The source app's note, or empty.
    pub note: String,
    /// Icon hint carried over (inkan backups only).
    pub icon: Option<String>,
    /// Creation time carried over (inkan backups only).
    pub created: Option<i64>,
}

/// An item that could not be imported (safe to show: no secret in it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// 1-based position in the file.
    pub position: usize,
    /// `issuer (name)` as the file gives it, control characters removed, ≤ 80 chars.
    pub label: String,
    /// Why it was skipped.
    pub reason: String,
}

/// A file read: its accounts and its skipped items, each in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// Importable accounts.
    pub items: Vec<Item>,
    /// Items with problems.
    pub skipped: Vec<Skip>,
}

impl Read {
    pub(crate) fn new() -> Self {
        Read {
            items: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// Adds `result` at `position`: an item, or a skip labelled `issuer (name)`.
    pub(crate) fn push(
        &mut self,
        position: usize,
        result: Result<Account, String>,
        note: String,
        issuer: &str,
        name: &str,
    ) {
        match result {
            Ok(account) => self.items.push(Item {
                position,
                account,
                note,
                icon: None,
                created: None,
            }),
            Err(reason) => self.skipped.push(Skip {
                position,
                label: label(issuer, name),
                reason,
            }),
        }
    }
}

/// `issuer (name)`, printable characters only, at most 80.
pub(crate) fn label(issuer: &str, name: &str) -> String {
    let text = if issuer.is_empty() {
        name.to_owned()
    } else if name.is_empty() {
        issuer.to_owned()
    } else {
        format!("{issuer} ({name})")
    };
    text.chars().filter(|c| !c.is_control()).take(80).collect()
}

/// An algorithm name as exports spell it (`SHA1`, `sha-256`, `HmacSHA512`, …).
pub(crate) fn algorithm(name: Option<&str>) -> Result<Algorithm, String> {
    let n = name
        .unwrap_or("SHA1")
        .to_ascii_uppercase()
        .replace(['-', '_'], "");
    match n.trim_start_matches("HMAC") {
        "" | "SHA1" => Ok(Algorithm::Sha1),
        "SHA256" => Ok(Algorithm::Sha256),
        "SHA512" => Ok(Algorithm::Sha512),
        "MD5" => Err("MD5 is not supported".into()),
        _ => Err("unknown algorithm".into()),
    }
}

/// A base32 secret as exports spell it: any case, spaces, `=` padding.
pub(crate) fn secret_base32(text: &str) -> Result<SecretBytes, String> {
    let clean: zeroize::Zeroizing<String> = zeroize::Zeroizing::new(
        text.chars()
            .filter(|c| !c.is_whitespace() && *c != '=' && *c != '-')
            .collect(),
    );
    if clean.is_empty() {
        return Err("the secret is empty".into());
    }
    let bytes = base32::decode(&clean).map_err(|e| format!("secret: {e}"))?;
    Ok(SecretBytes::new(bytes.to_vec()))
}

/// The fields most exports carry, made into an account (bounds checked by `Account::new`).
pub(crate) struct Fields<'a> {
    pub issuer: &'a str,
    pub name: &'a str,
    pub secret: SecretBytes,
    pub algorithm: Option<&'a str>,
    pub digits: Option<u64>,
    pub kind: &'a str,
    pub period: Option<u64>,
    pub counter: Option<u64>,
}

impl Fields<'_> {
    pub(crate) fn account(self) -> Result<Account, String> {
        let algorithm = algorithm(self.algorithm)?;
        let digits = u8::try_from(self.digits.unwrap_or(6)).map_err(|_| "digits out of range")?;
        let kind = match self.kind.to_ascii_lowercase().as_str() {
            "" | "totp" => OtpKind::Totp {
                period: u32::try_from(self.period.unwrap_or(30))
                    .map_err(|_| "period out of range")?,
            },
            "hotp" => OtpKind::Hotp {
                counter: self.counter.unwrap_or(0),
            },
            "steam" => OtpKind::Steam,
            other if other.len() <= 16 && other.chars().all(|c| c.is_ascii_alphanumeric()) => {
                return Err(format!("type '{other}' is not supported"))
            }
            _ => return Err("unknown type".into()),
        };
        let issuer = Some(self.issuer.to_owned()).filter(|s| !s.trim().is_empty());
        Account::new(
            issuer,
            self.name.to_owned(),
            self.secret,
            algorithm,
            digits,
            kind,
        )
        .map_err(|e| e.to_string())
    }
}

/// An `otpauth://` or `steam://` URI; the error names the problem, never the URI.
pub(crate) fn from_uri(text: &str) -> Result<Account, String> {
    uri::parse(text.trim()).map_err(|e| e.to_string())
}

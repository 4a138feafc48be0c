//! `Account`: one enrolled credential as an opaque object, and `AccountInfo`, what the
//! app may display about it.
//!
//! The secret stays in Rust: Kotlin/Swift hold a handle, never the seed (JVM and Swift
//! strings cannot be wiped). It leaves only through `to_uri()` and the migration export,
//! which exist to hand it to another authenticator.

use std::sync::Arc;

use crate::codes::Code;
use crate::error::InkanError;

/// One OTP credential. Created by `parse_link`; pass it back to compute codes or export.
#[derive(Debug, uniffi::Object)]
pub struct Account {
    pub(crate) inner: inkan_core::Account,
}

impl Account {
    pub(crate) fn wrap(inner: inkan_core::Account) -> Arc<Self> {
        Arc::new(Self { inner })
    }
}

#[uniffi::export]
impl Account {
    /// What the app may show: issuer, name, kind, algorithm, digits. No secret.
    pub fn info(&self) -> AccountInfo {
        AccountInfo::from(&self.inner)
    }

    /// The code at `unix_seconds`, with its countdown.
    pub fn code_at(&self, unix_seconds: i64) -> Result<Code, InkanError> {
        Ok(inkan_core::codes::code_at(&self.inner, unix_seconds)?.into())
    }

    /// The canonical `otpauth://` (or `steam://`) URI, secret included: only for export
    /// to another authenticator, never for logs.
    pub fn to_uri(&self) -> String {
        inkan_core::uri::to_uri(&self.inner)
    }
}

/// Display data of an account (mirrors `inkan_core::Account` minus the secret).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccountInfo {
    /// Service name (`GitHub`), if known.
    pub issuer: Option<String>,
    /// Account name at the service; may be empty.
    pub name: String,
    /// `Issuer (name)`, or whichever of the two exists.
    pub label: String,
    /// HMAC algorithm.
    pub algorithm: Algorithm,
    /// Code length (5 for Steam).
    pub digits: u8,
    /// TOTP, HOTP or Steam, with the kind's own data.
    pub kind: OtpKind,
}

impl From<&inkan_core::Account> for AccountInfo {
    fn from(account: &inkan_core::Account) -> Self {
        Self {
            issuer: account.issuer.clone(),
            name: account.name.clone(),
            label: account.label(),
            algorithm: account.algorithm.into(),
            digits: account.digits,
            kind: account.kind.into(),
        }
    }
}

/// The HMAC hash of an account (mirrors `inkan_core::Algorithm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Algorithm {
    /// HMAC-SHA1, the default.
    Sha1,
    /// HMAC-SHA256.
    Sha256,
    /// HMAC-SHA512.
    Sha512,
}

impl From<inkan_core::Algorithm> for Algorithm {
    fn from(algorithm: inkan_core::Algorithm) -> Self {
        match algorithm {
            inkan_core::Algorithm::Sha1 => Algorithm::Sha1,
            inkan_core::Algorithm::Sha256 => Algorithm::Sha256,
            inkan_core::Algorithm::Sha512 => Algorithm::Sha512,
        }
    }
}

/// What kind of code an account produces (mirrors `inkan_core::OtpKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum OtpKind {
    /// RFC 6238 time-based codes.
    Totp {
        /// Seconds per code.
        period: u32,
    },
    /// RFC 4226 counter-based codes.
    Hotp {
        /// The counter the next code uses.
        counter: u64,
    },
    /// Steam Guard (5 characters, 30 s).
    Steam,
}

impl From<inkan_core::OtpKind> for OtpKind {
    fn from(kind: inkan_core::OtpKind) -> Self {
        match kind {
            inkan_core::OtpKind::Totp { period } => OtpKind::Totp { period },
            inkan_core::OtpKind::Hotp { counter } => OtpKind::Hotp { counter },
            inkan_core::OtpKind::Steam => OtpKind::Steam,
        }
    }
}

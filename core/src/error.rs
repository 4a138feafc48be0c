//! `inkan_core::Error`: every module's error, for callers that handle them alike.

use crate::aegis::AegisError;
use crate::migration::MigrationError;
use crate::otp::OtpError;
use crate::pairing::PairingError;
use crate::push::PushError;
use crate::qr::QrError;
use crate::uri::UriError;
use crate::vault::VaultError;

/// Any error of the core. Messages are safe to show: they never contain a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// An `otpauth://` or `steam://` URI was refused.
    #[error(transparent)]
    Uri(#[from] UriError),
    /// An `otpauth-migration://` URI was refused.
    #[error(transparent)]
    Migration(#[from] MigrationError),
    /// No code could be generated.
    #[error(transparent)]
    Otp(#[from] OtpError),
    /// A pairing link or QR text was refused.
    #[error(transparent)]
    Pairing(#[from] PairingError),
    /// A push operation failed or was refused.
    #[error(transparent)]
    Push(#[from] PushError),
    /// A vault operation failed.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// An Aegis export could not be imported.
    #[error(transparent)]
    Aegis(#[from] AegisError),
    /// An image file or camera frame was refused.
    #[error(transparent)]
    Qr(#[from] QrError),
}

impl Error {
    /// A stable short class name (`bad-secret`, `no-accounts`, …) for scripts and tests.
    pub fn class(&self) -> &'static str {
        match self {
            Error::Uri(e) => e.class(),
            Error::Migration(e) => e.class(),
            Error::Otp(_) => "bad-time",
            Error::Pairing(e) => e.class(),
            Error::Push(_) => "push",
            Error::Vault(e) => e.class(),
            Error::Aegis(e) => e.class(),
            Error::Qr(e) => e.class(),
        }
    }
}

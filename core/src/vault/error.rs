//! `VaultError`: every way opening, changing or saving a vault can fail.
//!
//! Messages are one line, safe to show and to log: they name the field, offset or limit,
//! never a secret, a password, a recovery code or an account's otpauth URI.

use crate::account::AccountError;
use crate::crypto::CryptoError;
use crate::keystore::KeystoreError;

/// Why a vault operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// The file has no bytes at all.
    #[error("the vault file is empty")]
    Empty,
    /// The file does not start with the inkan vault magic.
    #[error("not an inkan vault (bad magic bytes)")]
    BadMagic,
    /// A format version this build cannot read.
    #[error("unsupported vault format version {found} (this inkan reads version {supported})")]
    UnsupportedVersion {
        /// Version in the file.
        found: u16,
        /// Version this build reads and writes.
        supported: u16,
    },
    /// The file ends before the structure it declares.
    #[error("the vault file is truncated (while reading {what} at byte {offset})")]
    Truncated {
        /// What was being read.
        what: &'static str,
        /// Byte offset in the header or body.
        offset: usize,
    },
    /// A structurally invalid field.
    #[error("the vault file is malformed ({what} at byte {offset})")]
    Malformed {
        /// What is wrong.
        what: &'static str,
        /// Byte offset in the header or body.
        offset: usize,
    },
    /// A count or size above what inkan accepts (refused before any allocation or KDF).
    #[error("the vault file declares {what} = {value}, over the limit of {limit}")]
    OverLimit {
        /// The field (`slots`, `argon2 memory KiB`, `entries`, …).
        what: &'static str,
        /// Declared value.
        value: u64,
        /// Largest accepted value.
        limit: u64,
    },
    /// The file has no slot that the given credential can open.
    #[error("the vault has no {0} slot")]
    NoSuchSlot(&'static str),
    /// The password did not open the password slot (or that slot is damaged).
    #[error("wrong password")]
    WrongPassword,
    /// The recovery code did not open the recovery slot.
    #[error("wrong recovery code")]
    WrongRecoveryCode,
    /// The key unlocked a slot but the contents fail authentication: the file was changed
    /// outside inkan or torn by a crash. Never read as data.
    #[error("the vault file is damaged or was tampered with (authentication failed)")]
    Tampered,
    /// The OS keystore failed.
    #[error(transparent)]
    Keystore(#[from] KeystoreError),
    /// The vault path is not a regular file.
    #[error("the vault path is {0}, not a regular file; refusing to use it")]
    NotAFile(&'static str),
    /// File-system error.
    #[error("could not {op} the vault file: {kind}")]
    Io {
        /// What inkan was doing (`read`, `write`, `rename`, `lock`, …).
        op: &'static str,
        /// The OS error kind.
        kind: std::io::ErrorKind,
    },
    /// No previous generation exists to recover from.
    #[error("there is no previous generation of the vault to recover")]
    NoPrevious,
    /// Another process holds the vault lock.
    #[error("the vault is in use by another inkan process (lock held)")]
    Locked,
    /// No entry matches a name or id. The query is not repeated: people paste secrets
    /// into the wrong place, and error messages must never echo them.
    #[error("no account in the vault matches that name or id (see `inkan list`)")]
    NotFound,
    /// More than one entry matches a name.
    #[error("that name matches {count} accounts; use the id shown by `inkan list`")]
    Ambiguous {
        /// How many entries matched.
        count: usize,
    },
    /// An account value was refused.
    #[error(transparent)]
    Account(#[from] AccountError),
    /// A text field is too long or contains control characters.
    #[error("invalid {field}: {reason}")]
    InvalidField {
        /// Field name.
        field: &'static str,
        /// Why.
        reason: &'static str,
    },
    /// The operating system's random generator failed.
    #[error("the system random number generator failed")]
    Random,
    /// Key derivation refused its parameters.
    #[error("key derivation failed: {0}")]
    Kdf(&'static str),
    /// Key-derivation parameters below the minimum: the file was written by a test build
    /// or altered, and opening it would hide how weak it is.
    #[error("the vault file's key derivation is too weak ({what} = {value}, the minimum is {minimum}); it was written by a test build or altered, refusing to use it")]
    WeakKdf {
        /// The parameter.
        what: &'static str,
        /// Value in the file.
        value: u64,
        /// Smallest accepted value.
        minimum: u64,
    },
}

impl From<CryptoError> for VaultError {
    fn from(e: CryptoError) -> Self {
        match e {
            CryptoError::Random => VaultError::Random,
            CryptoError::OverLimit { what, value, limit } => {
                VaultError::OverLimit { what, value, limit }
            }
            CryptoError::BelowMinimum {
                what,
                value,
                minimum,
            } => VaultError::WeakKdf {
                what,
                value,
                minimum,
            },
            CryptoError::BadParameters(what) | CryptoError::Failed(what) => VaultError::Kdf(what),
        }
    }
}

impl VaultError {
    /// A stable short class name for scripts and tests (`tampered`, `wrong-password`, …).
    pub fn class(&self) -> &'static str {
        match self {
            VaultError::Empty
            | VaultError::BadMagic
            | VaultError::Truncated { .. }
            | VaultError::Malformed { .. }
            | VaultError::Tampered => "tampered",
            VaultError::UnsupportedVersion { .. } => "unsupported-version",
            VaultError::OverLimit { .. } => "over-limit",
            VaultError::WeakKdf { .. } => "weak-kdf",
            VaultError::NoSuchSlot(_) => "no-slot",
            VaultError::WrongPassword | VaultError::WrongRecoveryCode => "wrong-password",
            VaultError::Keystore(_) => "keystore",
            VaultError::NotAFile(_) => "not-a-file",
            VaultError::Io { .. } => "io",
            VaultError::Locked => "locked",
            VaultError::NoPrevious => "no-previous",
            VaultError::NotFound => "not-found",
            VaultError::Ambiguous { .. } => "ambiguous",
            VaultError::Account(_) | VaultError::InvalidField { .. } => "invalid",
            VaultError::Random | VaultError::Kdf(_) => "internal",
        }
    }

    /// True when the file itself is unreadable as a vault (damaged, torn, tampered with):
    /// the case where the previous generation should be offered.
    pub fn is_damage(&self) -> bool {
        self.class() == "tampered"
    }

    pub(crate) fn io(op: &'static str, e: &std::io::Error) -> Self {
        VaultError::Io { op, kind: e.kind() }
    }
}

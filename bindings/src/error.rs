//! The public errors: `InkanError` for every exported call, `CallbackError` for the
//! methods the shells implement (foreign traits).
//!
//! `InkanError` has one variant per distinct UI reaction, each with a `reason` that is safe
//! to show and to log: core messages never contain a secret or a whole URI (core `error`
//! module), and this module never adds input text. Shells read `reason`, not the exception
//! message (Swift's `localizedDescription` on a uniffi error is only the variant name).
//!
//! The mapping from `inkan_core::Error` is one exhaustive `match` without a `_ =>` arm, so a
//! new core variant does not compile until someone decides which UI reaction it gets.
use inkan_core::aegis::AegisError;
use inkan_core::migration::MigrationError;
use inkan_core::otp::OtpError;
use inkan_core::pairing::PairingError;
use inkan_core::push::{PushError, StoreError};
use inkan_core::qr::QrError;
use inkan_core::uri::UriError;
use inkan_core::vault::VaultError;

/// An exported call failed. Each variant is one thing the app can do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum InkanError {
    /// What the user scanned, pasted or typed cannot be used: show `reason` and let them
    /// try again.
    #[error("{reason}")]
    InvalidInput {
        /// Display-safe explanation (never contains the input).
        reason: String,
    },
    /// The password or recovery code did not open the vault (or the backup): ask again.
    #[error("{reason}")]
    WrongPassword {
        /// Display-safe explanation.
        reason: String,
    },
    /// Another process holds the vault: try again when it is closed.
    #[error("{reason}")]
    Locked {
        /// Display-safe explanation.
        reason: String,
    },
    /// Already there (a push token with this serial is paired): tell the user, change nothing.
    #[error("{reason}")]
    Duplicate {
        /// Display-safe explanation.
        reason: String,
    },
    /// The server, or inkan on its behalf, refused a sign-in request, an enrollment or a
    /// poll (expired, replayed, not an offered number, refused credential): show `reason`;
    /// retrying the same request will not help.
    #[error("{reason}")]
    ChallengeRejected {
        /// Display-safe explanation (server texts are cut and cleaned by core).
        reason: String,
    },
    /// The network failed (no connection, TLS, timeout): retry later.
    #[error("{reason}")]
    Network {
        /// Display-safe explanation.
        reason: String,
    },
    /// The platform key store (Android Keystore, iOS Keychain) failed or refused: the
    /// vault cannot be opened with it; offer the password instead.
    #[error("{reason}")]
    KeystoreUnavailable {
        /// Display-safe explanation from the key store implementation.
        reason: String,
    },
    /// The user cancelled a prompt the app showed for this call (the biometric before an
    /// approval): nothing was sent; leave the screen as it was so they can try again.
    #[error("{reason}")]
    Cancelled {
        /// Display-safe explanation.
        reason: String,
    },
    /// A bug, in inkan or in the app's implementation of a platform trait: report it.
    #[error("{reason}")]
    Internal {
        /// Display-safe explanation.
        reason: String,
    },
}

impl From<inkan_core::Error> for InkanError {
    fn from(error: inkan_core::Error) -> Self {
        use inkan_core::Error;
        // Display of every core error is display-safe by contract (core `error` module).
        let reason = error.to_string();
        match error {
            Error::Uri(e) => match e {
                UriError::TooLarge { .. }
                | UriError::NotUri
                | UriError::BadScheme
                | UriError::BadType
                | UriError::BadEncoding { .. }
                | UriError::DuplicateParam(_)
                | UriError::MissingSecret
                | UriError::EmptySecret
                | UriError::BadSecret { .. }
                | UriError::BadAlgorithm
                | UriError::BadDigits
                | UriError::BadPeriod { .. }
                | UriError::MissingCounter
                | UriError::BadCounter => InkanError::InvalidInput { reason },
            },
            Error::Migration(e) => match e {
                MigrationError::TooLarge { .. }
                | MigrationError::BadScheme
                | MigrationError::MissingData
                | MigrationError::BadBase64
                | MigrationError::BadProtobuf { .. }
                | MigrationError::TooManyItems { .. }
                | MigrationError::NoAccounts { .. } => InkanError::InvalidInput { reason },
            },
            // The instant the app passed (or its clock gave) is before 1970.
            Error::Otp(OtpError::TimeBeforeEpoch(_)) => InkanError::InvalidInput { reason },
            Error::Pairing(e) => match e {
                PairingError::TooLarge { .. }
                | PairingError::NotALink
                | PairingError::PushEnrollment
                | PairingError::Dangerous(_)
                | PairingError::UnknownScheme
                | PairingError::InsecureHttp(_)
                | PairingError::PhoneFactor
                | PairingError::BadAppLink(_)
                | PairingError::HostMismatch
                | PairingError::NumericHost
                | PairingError::Uri(_)
                | PairingError::Migration(_)
                | PairingError::MissingParam(_)
                | PairingError::BadParam(_)
                | PairingError::UnsupportedVersion
                | PairingError::Expired => InkanError::InvalidInput { reason },
            },
            Error::Push(e) => match e {
                PushError::Transport(_) => InkanError::Network { reason },
                PushError::Store(StoreError::Duplicate(_)) => InkanError::Duplicate { reason },
                PushError::Store(StoreError::Unavailable(_) | StoreError::Corrupt(_))
                | PushError::Key(_)
                | PushError::BadResponse(_)
                | PushError::UnknownToken(_) => InkanError::Internal { reason },
                PushError::EnrollmentExpired
                | PushError::RolloutRefused(_)
                | PushError::PollRefused(_)
                | PushError::UnknownChallenge
                | PushError::ChallengeRefused(_)
                | PushError::NotAnOption => InkanError::ChallengeRejected { reason },
                PushError::NotConfirmed => InkanError::Cancelled { reason },
                // The shell offered the wrong kind of answer (a bug in the approval screen).
                PushError::WrongAnswerKind(_) => InkanError::Internal { reason },
            },
            Error::Vault(e) => match e {
                VaultError::WrongPassword | VaultError::WrongRecoveryCode => {
                    InkanError::WrongPassword { reason }
                }
                VaultError::Locked => InkanError::Locked { reason },
                VaultError::Keystore(_) => InkanError::KeystoreUnavailable { reason },
                // What the user asked for or typed cannot be used.
                VaultError::NotFound
                | VaultError::Ambiguous { .. }
                | VaultError::Account(_)
                | VaultError::InvalidField { .. } => InkanError::InvalidInput { reason },
                // The vault or backup file cannot be used (not a vault, damaged, changed
                // outside inkan): show the reason; it is not a bug to report.
                VaultError::Empty
                | VaultError::BadMagic
                | VaultError::UnsupportedVersion { .. }
                | VaultError::Truncated { .. }
                | VaultError::Malformed { .. }
                | VaultError::OverLimit { .. }
                | VaultError::WeakKdf { .. }
                | VaultError::NoSuchSlot(_)
                | VaultError::Tampered
                | VaultError::NotAFile(_)
                | VaultError::NoPrevious => InkanError::InvalidInput { reason },
                VaultError::Io { .. } | VaultError::Random | VaultError::Kdf(_) => {
                    InkanError::Internal { reason }
                }
            },
            Error::Qr(e) => match e {
                // A picture the user chose cannot be read: show the reason.
                QrError::TooLarge { .. }
                | QrError::FileTooLarge { .. }
                | QrError::UnknownFormat
                | QrError::Corrupt { .. } => InkanError::InvalidInput { reason },
                // A camera frame with impossible dimensions: a bug in the shell's frame code.
                QrError::Empty { .. } | QrError::BadStride { .. } | QrError::ShortBuffer { .. } => {
                    InkanError::Internal { reason }
                }
            },
            Error::Aegis(e) => match e {
                AegisError::WrongPassword => InkanError::WrongPassword { reason },
                AegisError::NotAegis(_)
                | AegisError::Json { .. }
                | AegisError::OverLimit { .. }
                | AegisError::UnsupportedVersion { .. }
                | AegisError::PasswordRequired
                | AegisError::NoPasswordSlot
                | AegisError::Malformed(_)
                | AegisError::Tampered => InkanError::InvalidInput { reason },
            },
        }
    }
}

impl From<OtpError> for InkanError {
    fn from(error: OtpError) -> Self {
        inkan_core::Error::from(error).into()
    }
}

/// A platform trait method (implemented in Kotlin/Swift) failed.
///
/// Shells throw one of the declared variants; any other exception arrives as `Unexpected`
/// (uniffi converts it through `From<UnexpectedUniFFICallbackError>`), so a Kotlin/Swift
/// exception becomes an error in Rust and never a panic. The key store variants mirror the
/// core vault's `KeystoreError`; `Clock` implementations only need `Failed`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum CallbackError {
    /// The platform service is not reachable (no keystore, device locked).
    #[error("{reason}")]
    Unavailable {
        /// Display-safe explanation.
        reason: String,
    },
    /// Nothing is stored under the given id.
    #[error("no key under this id")]
    NotFound,
    /// The user or the OS refused (cancelled prompt, failed biometric).
    #[error("{reason}")]
    Denied {
        /// Display-safe explanation.
        reason: String,
    },
    /// The data does not open with the platform key (damaged, or the key was invalidated).
    #[error("the stored key does not match")]
    Mismatch,
    /// Any other failure the implementation knows about.
    #[error("{reason}")]
    Failed {
        /// Display-safe explanation (the shell must not put key material here).
        reason: String,
    },
    /// The implementation threw something it does not declare (a bug in the shell).
    #[error("{reason}")]
    Unexpected {
        /// The foreign exception's description.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for CallbackError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        CallbackError::Unexpected {
            reason: error.reason,
        }
    }
}

impl CallbackError {
    /// The error a failed `KeyStore` call becomes: the key store cannot be used, so the app
    /// offers the password instead. (The vault's adapter will map to `KeystoreError` first.)
    #[cfg_attr(
        not(feature = "testing"),
        expect(
            dead_code,
            reason = "the vault's KeyStore adapter will call it; until then the testing exports do"
        )
    )]
    pub(crate) fn into_key_store_error(self) -> InkanError {
        let reason = match self {
            CallbackError::Unavailable { reason }
            | CallbackError::Denied { reason }
            | CallbackError::Failed { reason } => reason,
            CallbackError::NotFound => "the key store has no key for this vault".to_owned(),
            CallbackError::Mismatch => "the key store's key does not match this vault".to_owned(),
            CallbackError::Unexpected { reason } => format!("key store error: {reason}"),
        };
        InkanError::KeystoreUnavailable { reason }
    }

    /// The error a failed `Clock` call becomes: the app's clock is broken, a bug.
    pub(crate) fn into_clock_error(self) -> InkanError {
        InkanError::Internal {
            reason: format!("the app's clock failed: {self}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_secret_is_invalid_input_without_the_secret() {
        let uri = "otpauth://totp/X:a?secret=SUPERSECRET1&issuer=X";
        let error: InkanError = match inkan_core::text::parse_accounts(uri) {
            Err(e) => e.into(),
            Ok(_) => panic!("accepted a secret with a '1' in it"),
        };
        let InkanError::InvalidInput { reason } = error else {
            panic!("{error:?}")
        };
        assert!(reason.contains("base32"), "{reason}");
        assert!(!reason.contains("SUPERSECRET"), "{reason}");
    }

    #[test]
    fn unexpected_callback_errors_are_values() {
        let e = CallbackError::from(uniffi::UnexpectedUniFFICallbackError::new("boom"));
        assert_eq!(
            e,
            CallbackError::Unexpected {
                reason: "boom".into()
            }
        );
        assert!(matches!(
            e.into_key_store_error(),
            InkanError::KeystoreUnavailable { .. }
        ));
    }
}

//! Stable error codes: every error the app shows has one (`E-VAULT-WRONG-PASSWORD`), a
//! catalog text per language (`error-vault-wrong-password`), and nothing else: no core
//! message (English, technical) reaches the screen, so no secret or raw link can either.

use inkan_core::pairing::PairingError;
use inkan_core::push::{DropReason, PushError};
use inkan_core::qr::QrError;
use inkan_core::vault::VaultError;
use inkan_core::Error;

macro_rules! codes {
    ($($variant:ident => $code:literal, $key:literal;)*) => {
        /// One distinct problem the user can be told about.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode { $(
            #[doc = $code]
            $variant,
        )* }

        impl ErrorCode {
            /// Every code (for the catalog tests).
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            /// The stable code shown with the message (support, documentation).
            pub fn code(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code),* }
            }

            /// The catalog key of the message.
            pub fn key(self) -> &'static str {
                match self { $(ErrorCode::$variant => $key),* }
            }
        }
    };
}

codes! {
    PasswordTooShort => "E-PASSWORD-TOO-SHORT", "error-password-too-short";
    PasswordMismatch => "E-PASSWORD-MISMATCH", "error-password-mismatch";
    RecoveryNotAcknowledged => "E-RECOVERY-NOT-ACKNOWLEDGED", "error-recovery-not-acknowledged";
    VaultWrongPassword => "E-VAULT-WRONG-PASSWORD", "error-vault-wrong-password";
    VaultWrongRecoveryCode => "E-VAULT-WRONG-RECOVERY-CODE", "error-vault-wrong-recovery-code";
    VaultInUse => "E-VAULT-IN-USE", "error-vault-in-use";
    VaultDamaged => "E-VAULT-DAMAGED", "error-vault-damaged";
    VaultStorage => "E-VAULT-STORAGE", "error-vault-storage";
    VaultFull => "E-VAULT-FULL", "error-vault-full";
    KeystoreUnavailable => "E-KEYSTORE-UNAVAILABLE", "error-keystore-unavailable";
    LinkInvalid => "E-LINK-INVALID", "error-link-invalid";
    LinkUnsafe => "E-LINK-UNSAFE", "error-link-unsafe";
    LinkExpired => "E-LINK-EXPIRED", "error-link-expired";
    LinkPushOnly => "E-LINK-PUSH", "error-link-push";
    AccountInvalid => "E-ACCOUNT-INVALID", "error-account-invalid";
    NameInvalid => "E-NAME-INVALID", "error-name-invalid";
    QrNotFound => "E-QR-NOT-FOUND", "error-qr-not-found";
    QrNotSignIn => "E-QR-NOT-SIGN-IN", "error-qr-not-sign-in";
    ImageInvalid => "E-IMAGE-INVALID", "error-image-invalid";
    ClockWrong => "E-CLOCK-WRONG", "error-clock-wrong";
    BackupWrongPassword => "E-BACKUP-WRONG-PASSWORD", "error-backup-wrong-password";
    BackupInvalid => "E-BACKUP-INVALID", "error-backup-invalid";
    PushNetwork => "E-PUSH-NETWORK", "error-push-network";
    PushNotConfirmed => "E-PUSH-NOT-CONFIRMED", "error-push-not-confirmed";
    PushExpired => "E-PUSH-EXPIRED", "error-push-expired";
    PushAnswered => "E-PUSH-ANSWERED", "error-push-answered";
    PushRefused => "E-PUSH-REFUSED", "error-push-refused";
    PushNumberNeeded => "E-PUSH-NUMBER-NEEDED", "error-push-number-needed";
    PushUnavailable => "E-PUSH-UNAVAILABLE", "error-push-unavailable";
    Internal => "E-INTERNAL", "error-internal";
}

/// The catalog key for `code` (shorthand used by the view builders).
pub fn error_key(code: ErrorCode) -> &'static str {
    code.key()
}

impl From<&VaultError> for ErrorCode {
    fn from(e: &VaultError) -> Self {
        match e {
            VaultError::WrongPassword => ErrorCode::VaultWrongPassword,
            VaultError::WrongRecoveryCode => ErrorCode::VaultWrongRecoveryCode,
            VaultError::Locked => ErrorCode::VaultInUse,
            VaultError::Keystore(_) | VaultError::NoSuchSlot(_) => ErrorCode::KeystoreUnavailable,
            VaultError::OverLimit { .. } => ErrorCode::VaultFull,
            VaultError::Account(_) | VaultError::InvalidField { .. } => ErrorCode::NameInvalid,
            VaultError::Io { .. } | VaultError::NotAFile(_) => ErrorCode::VaultStorage,
            VaultError::Empty
            | VaultError::BadMagic
            | VaultError::UnsupportedVersion { .. }
            | VaultError::Truncated { .. }
            | VaultError::Malformed { .. }
            | VaultError::Tampered
            | VaultError::WeakKdf { .. }
            | VaultError::NoPrevious => ErrorCode::VaultDamaged,
            VaultError::NotFound
            | VaultError::Ambiguous { .. }
            | VaultError::Random
            | VaultError::Kdf(_) => ErrorCode::Internal,
        }
    }
}

impl From<&PairingError> for ErrorCode {
    fn from(e: &PairingError) -> Self {
        match e {
            PairingError::Dangerous(_)
            | PairingError::UnknownScheme
            | PairingError::InsecureHttp(_)
            | PairingError::PhoneFactor
            | PairingError::BadAppLink(_)
            | PairingError::HostMismatch => ErrorCode::LinkUnsafe,
            PairingError::Expired => ErrorCode::LinkExpired,
            PairingError::PushEnrollment => ErrorCode::LinkPushOnly,
            _ => ErrorCode::LinkInvalid,
        }
    }
}

impl From<&PushError> for ErrorCode {
    fn from(e: &PushError) -> Self {
        match e {
            PushError::Transport(_) => ErrorCode::PushNetwork,
            PushError::NotConfirmed => ErrorCode::PushNotConfirmed,
            PushError::EnrollmentExpired => ErrorCode::LinkExpired,
            PushError::ChallengeRefused(DropReason::Answered) => ErrorCode::PushAnswered,
            PushError::ChallengeRefused(DropReason::Expired) | PushError::UnknownChallenge => {
                ErrorCode::PushExpired
            }
            PushError::WrongAnswerKind(_) | PushError::NotAnOption => ErrorCode::PushNumberNeeded,
            PushError::ChallengeRefused(_)
            | PushError::RolloutRefused(_)
            | PushError::PollRefused(_)
            | PushError::BadResponse(_) => ErrorCode::PushRefused,
            PushError::Store(_) | PushError::Key(_) | PushError::UnknownToken(_) => {
                ErrorCode::PushUnavailable
            }
            #[allow(unreachable_patterns)]
            _ => ErrorCode::Internal,
        }
    }
}

impl From<&QrError> for ErrorCode {
    fn from(_: &QrError) -> Self {
        ErrorCode::ImageInvalid
    }
}

impl From<&Error> for ErrorCode {
    fn from(e: &Error) -> Self {
        match e {
            Error::Uri(_) | Error::Migration(_) => ErrorCode::AccountInvalid,
            Error::Otp(_) => ErrorCode::ClockWrong,
            Error::Pairing(PairingError::Uri(_) | PairingError::Migration(_)) => {
                ErrorCode::AccountInvalid
            }
            Error::Pairing(p) => p.into(),
            Error::Push(p) => p.into(),
            Error::Vault(v) => v.into(),
            Error::Aegis(_) => ErrorCode::BackupInvalid,
            Error::Qr(q) => q.into(),
        }
    }
}

impl From<VaultError> for ErrorCode {
    fn from(e: VaultError) -> Self {
        (&e).into()
    }
}

impl From<Error> for ErrorCode {
    fn from(e: Error) -> Self {
        (&e).into()
    }
}

impl From<PushError> for ErrorCode {
    fn from(e: PushError) -> Self {
        (&e).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Lang, Texts};

    #[test]
    fn every_code_is_stable_and_has_texts() {
        let texts = Texts::new();
        for code in ErrorCode::ALL {
            assert!(code.code().starts_with("E-"), "{code:?}");
            let expected = format!("error-{}", code.code()[2..].to_ascii_lowercase());
            assert_eq!(code.key(), expected, "{code:?}: key follows the code");
            for lang in Lang::ALL {
                assert!(
                    texts.has(lang, code.key()),
                    "{} missing in {}",
                    code.key(),
                    lang.tag()
                );
            }
        }
    }

    #[test]
    fn wrong_password_maps_to_its_code() {
        assert_eq!(
            ErrorCode::from(VaultError::WrongPassword).code(),
            "E-VAULT-WRONG-PASSWORD"
        );
        assert_eq!(
            ErrorCode::from(Error::Pairing(PairingError::UnknownScheme)),
            ErrorCode::LinkUnsafe
        );
    }
}

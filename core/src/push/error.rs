//! Why a push operation failed. Messages never contain a key, a signature, an enrollment
//! credential or a whole challenge; server texts are cut and cleaned before they are kept.

use super::challenge::DropReason;
use super::transport::TransportError;

/// Persistence failures reported by a [`super::PushStore`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// A token with this serial is already stored; a server key is never replaced (SEC-P10).
    #[error("a push token with serial {0} is already paired")]
    Duplicate(String),
    /// The store could not be read or written.
    #[error("the push token store is unavailable: {0}")]
    Unavailable(String),
    /// The stored data is damaged.
    #[error("the push token store is damaged: {0}")]
    Corrupt(String),
}

/// A refused or failed push operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PushError {
    /// The network request failed.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The signing key could not be made, loaded or used.
    #[error("the token key failed: {0}")]
    Key(&'static str),
    /// The user did not confirm an approval (cancelled the biometric or device-credential
    /// prompt): nothing was sent, and the challenge stays open until it expires.
    #[error("the approval was not confirmed on this device; nothing was sent")]
    NotConfirmed,
    /// The enrollment link's time to live has passed (checked before any network use).
    #[error("this enrollment link has expired; ask for a new QR code")]
    EnrollmentExpired,
    /// The server refused the rollout (wrong or used enrollment credential, …).
    #[error("the server refused the enrollment: {0}")]
    RolloutRefused(String),
    /// The server refused the poll (clock skew, unknown token, polling not allowed, …).
    #[error("the server refused the poll: {0}")]
    PollRefused(String),
    /// The server answered with something that is not the protocol.
    #[error("unexpected server response: {0}")]
    BadResponse(&'static str),
    /// The nonce is not among the verified, open challenges of this token.
    #[error("no open, verified challenge with this nonce")]
    UnknownChallenge,
    /// Dropped before reaching the UI: expired, replayed, tampered, …
    #[error("challenge refused: {0}")]
    ChallengeRefused(DropReason),
    /// The challenge needs a number and none was given, or one was given and none is asked.
    #[error("{0}")]
    WrongAnswerKind(&'static str),
    /// The typed number is not one of the options the server offered (refused locally).
    #[error("that number is not one of the offered options; nothing was sent")]
    NotAnOption,
    /// No paired token has this serial.
    #[error("no paired push token with serial {0}")]
    UnknownToken(String),
}

/// Keeps at most 200 plain-text characters of a server message ([`crate::plain_text`]).
pub(crate) fn clean_server_text(text: &str) -> String {
    crate::plain_text::cleaned(text, 200)
}

//! Why a link was refused. Messages name the problem, never the link: links carry secrets.

use crate::migration::MigrationError;
use crate::uri::UriError;

/// A refused pairing link or QR text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PairingError {
    /// Longer than [`super::MAX_LINK_BYTES`].
    #[error("the link is too long ({size} bytes; the limit is {limit})")]
    TooLarge {
        /// Input size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Empty, or not `scheme:…` at all.
    #[error("this is not a link inkan can use (expected otpauth://, otpauth-migration:// or an https pairing link)")]
    NotALink,
    /// A scheme that can run code or open other apps.
    #[error("refused: a {0}: link can run code or open another app; it is never a pairing link")]
    Dangerous(&'static str),
    /// Any other scheme.
    #[error("unsupported link type; inkan opens otpauth://, otpauth-migration://, pia:// and https pairing links")]
    UnknownScheme,
    /// Plain http link or push server.
    #[error("refused: the {0} uses plain http; pairing needs https so that nobody on the network can read or change it")]
    InsecureHttp(&'static str),
    /// A push enrollment where one-time-code accounts were expected (push pairs separately).
    #[error(
        "this is a push sign-in enrollment, not a one-time-code account; pair it as a push token"
    )]
    PushEnrollment,
    /// Microsoft Authenticator's proprietary link.
    #[error("this is a Microsoft Authenticator link (phonefactor://), a proprietary protocol inkan cannot use. \
             On the sign-in page choose \"I want to use a different authenticator app\" to get a standard QR code")]
    PhoneFactor,
    /// An https link that is not a pairing link.
    #[error("not an inkan pairing link: {0}")]
    BadAppLink(&'static str),
    /// The push server named inside an https link is on another host than the link.
    #[error("refused: the link's site and the push server it names are different hosts")]
    HostMismatch,
    /// A server address that is an IPv4 address written in another form than a.b.c.d
    /// (`2130706433`, `0x7f.1`, `127.1`): it would connect somewhere other than it reads.
    #[error("refused: the server address is an IP address in disguise; it must be written as four decimal numbers (a.b.c.d)")]
    NumericHost,
    /// An `otpauth://totp|hotp` or `steam://` URI was refused.
    #[error(transparent)]
    Uri(#[from] UriError),
    /// An `otpauth-migration://` URI was refused.
    #[error(transparent)]
    Migration(#[from] MigrationError),
    /// A push enrollment lacks a required parameter.
    #[error("the push enrollment has no '{0}' parameter")]
    MissingParam(&'static str),
    /// A push enrollment parameter is malformed or repeated.
    #[error("the push enrollment's '{0}' parameter is not valid")]
    BadParam(&'static str),
    /// A push enrollment of a protocol version other than 1.
    #[error("unsupported push enrollment version (inkan supports v=1)")]
    UnsupportedVersion,
    /// The push enrollment's time to live has passed.
    #[error("this push enrollment has expired; ask for a new QR code")]
    Expired,
}

impl PairingError {
    /// A stable short class name for scripts and tests.
    pub fn class(&self) -> &'static str {
        match self {
            PairingError::TooLarge { .. } => "too-large",
            PairingError::NotALink => "not-a-link",
            PairingError::PushEnrollment => "push-enrollment",
            PairingError::Dangerous(_) => "dangerous-scheme",
            PairingError::UnknownScheme => "unknown-scheme",
            PairingError::InsecureHttp(_) => "insecure-http",
            PairingError::PhoneFactor => "phonefactor",
            PairingError::BadAppLink(_) => "bad-app-link",
            PairingError::HostMismatch => "host-mismatch",
            PairingError::NumericHost => "numeric-host",
            PairingError::Uri(e) => e.class(),
            PairingError::Migration(e) => e.class(),
            PairingError::MissingParam(_) => "missing-param",
            PairingError::BadParam(_) => "bad-param",
            PairingError::UnsupportedVersion => "unsupported-version",
            PairingError::Expired => "expired",
        }
    }
}

//! What the confirmation screen shows (SEC-L1).

use crate::migration::SkippedItem;
use crate::secret::SecretString;
use crate::Account;

/// Where the link came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkSource {
    /// A bare URI (QR code, otpauth scheme handler, paste).
    Uri,
    /// A verified App Link / Universal Link on this host.
    AppLink {
        /// The link's host, shown as "from <host>".
        host: String,
    },
}

/// How the push server's TLS will be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsStatus {
    /// Verified against the platform roots (plus a pinned extra CA, if the user gives one).
    Verified {
        /// The enrollment said `sslverify=0`; it is ignored and TLS is verified anyway.
        server_asked_no_verify: bool,
    },
    /// Plain http to a loopback address: only with [`super::PairingPolicy::allow_http_loopback`],
    /// which exists for tests.
    InsecureLoopbackForTests,
}

/// A privacyIDEA push enrollment (step 1), ready for the confirmation screen and rollout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushEnrollment {
    /// Token label (the account name shown).
    pub label: String,
    /// Issuer (`privacyIDEA` by default).
    pub issuer: String,
    /// Token serial (`PIPU…`).
    pub serial: String,
    /// Rollout/poll/answer URL, pinned at pairing.
    pub url: String,
    /// `host[:port]` of `url`, for the screen.
    pub server_host: String,
    /// TLS treatment.
    pub tls: TlsStatus,
    /// The one-time enrollment credential (a bearer secret).
    pub credential: SecretString,
    /// Unix time after which the rollout is refused locally (receipt time + `ttl`).
    pub expires_at: i64,
    /// The server wants a PIN on the app (`pin=True`).
    pub pin_required: bool,
    /// `app_force_unlock` value, if any (`any`, `biometric`, `pin`).
    pub force_unlock: Option<String>,
    /// Where the link came from.
    pub source: LinkSource,
}

/// What a link would add, for the confirmation screen. Nothing has been stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairingRequest {
    /// One or more OTP accounts (otpauth, steam, migration export).
    Accounts {
        /// Accounts to add, in link order.
        accounts: Vec<Account>,
        /// Migration items that will not be imported, with reasons.
        skipped: Vec<SkippedItem>,
        /// Where the link came from.
        source: LinkSource,
    },
    /// A push token enrollment.
    Push(PushEnrollment),
}

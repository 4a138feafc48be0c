//! Every link the OS hands the app and every scanned QR text → what the confirmation screen
//! shows (core `pairing::parse`, docs/pairing-links.md). Nothing is stored here (SEC-L1).
//!
//! Push enrollments stay opaque (`PushEnrollment` object): the enrollment credential is a
//! bearer secret and never crosses the FFI; `info()` gives what the screen shows. The push
//! rollout that consumes it is `PushClient::rollout`.

use std::sync::Arc;

use crate::account::Account;
use crate::error::InkanError;
use crate::link::SkippedItem;

/// What a link would add, for the confirmation screen.
#[derive(uniffi::Enum)]
pub enum LinkRequest {
    /// One or more OTP accounts (otpauth, steam, migration export).
    Accounts {
        /// Accounts to add, in link order.
        accounts: Vec<Arc<Account>>,
        /// Migration items that will not be imported, with reasons.
        skipped: Vec<SkippedItem>,
        /// For a verified https pairing link: its host, shown as "from <host>".
        from_host: Option<String>,
    },
    /// A privacyIDEA push token enrollment.
    Push {
        /// The enrollment, ready for the confirmation screen and the rollout.
        enrollment: Arc<PushEnrollment>,
    },
}

/// A push enrollment (mirrors `inkan_core::pairing::PushEnrollment`; the credential stays
/// in Rust).
#[derive(Debug, uniffi::Object)]
pub struct PushEnrollment {
    pub(crate) inner: inkan_core::pairing::PushEnrollment,
    info: PushEnrollmentInfo,
}

#[uniffi::export]
impl PushEnrollment {
    /// What the confirmation screen shows.
    pub fn info(&self) -> PushEnrollmentInfo {
        self.info.clone()
    }
}

/// Display data of a push enrollment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PushEnrollmentInfo {
    /// Token label (the account name shown).
    pub label: String,
    /// Issuer (`privacyIDEA` by default).
    pub issuer: String,
    /// Token serial (`PIPU…`).
    pub serial: String,
    /// `host[:port]` of the push server.
    pub server_host: String,
    /// The link asked to skip certificate checks; it is ignored (TLS is always verified).
    pub server_asked_no_verify: bool,
    /// Plain http on loopback (test policy only; never in a product build).
    pub insecure_loopback: bool,
    /// Unix time after which the enrollment is refused locally.
    pub expires_at: i64,
    /// The server wants a PIN on the app.
    pub pin_required: bool,
    /// For a verified https pairing link: its host.
    pub from_host: Option<String>,
}

fn from_host(source: inkan_core::pairing::LinkSource) -> Option<String> {
    match source {
        inkan_core::pairing::LinkSource::Uri => None,
        inkan_core::pairing::LinkSource::AppLink { host } => Some(host),
    }
}

impl From<&inkan_core::pairing::PushEnrollment> for PushEnrollmentInfo {
    fn from(e: &inkan_core::pairing::PushEnrollment) -> Self {
        use inkan_core::pairing::TlsStatus;
        let (server_asked_no_verify, insecure_loopback) = match e.tls {
            TlsStatus::Verified {
                server_asked_no_verify,
            } => (server_asked_no_verify, false),
            TlsStatus::InsecureLoopbackForTests => (false, true),
        };
        Self {
            label: e.label.clone(),
            issuer: e.issuer.clone(),
            serial: e.serial.clone(),
            server_host: e.server_host.clone(),
            server_asked_no_verify,
            insecure_loopback,
            expires_at: e.expires_at,
            pin_required: e.pin_required,
            from_host: from_host(e.source.clone()),
        }
    }
}

impl From<inkan_core::pairing::PairingRequest> for LinkRequest {
    fn from(request: inkan_core::pairing::PairingRequest) -> Self {
        use inkan_core::pairing::PairingRequest;
        match request {
            PairingRequest::Accounts {
                accounts,
                skipped,
                source,
            } => LinkRequest::Accounts {
                accounts: accounts.into_iter().map(Account::wrap).collect(),
                skipped: skipped.into_iter().map(SkippedItem::from).collect(),
                from_host: from_host(source),
            },
            PairingRequest::Push(inner) => {
                let info = PushEnrollmentInfo::from(&inner);
                LinkRequest::Push {
                    enrollment: Arc::new(PushEnrollment { inner, info }),
                }
            }
        }
    }
}

/// Parses any link or scanned text — otpauth, steam, otpauth-migration, privacyIDEA push
/// (`otpauth://pipush`, `pia://`), and the https pairing link
/// `https://<host>/.well-known/inkan/pair#<URI>` — at `now_unix` (enrollment expiry).
/// Refusals (unknown or dangerous schemes, plain http, host mismatch) are `InvalidInput`.
#[uniffi::export]
pub fn open_link(link: String, now_unix: i64) -> Result<LinkRequest, InkanError> {
    let request = inkan_core::pairing::parse(&link, now_unix).map_err(inkan_core::Error::from)?;
    Ok(request.into())
}

//! `PushClient`: privacyIDEA push approval for the app — rollout from an `open_link`
//! enrollment, poll for verified challenges, answer with number matching (core `push`,
//! docs/push.md). Every challenge is verified in Rust (server signature, fields, pinned URL,
//! expiry, replay: SEC-P1..P5) before a `PushChallenge` record exists.
//!
//! Storage: the app's open vault (`Authenticator.push_client`, core `SessionPushStore`):
//! tokens, with the platform key alias of each, and the replay cache are saved there and
//! survive a restart. One `PushSigner` serves every token by alias. The vault lock is taken
//! only inside store calls, never across a network call or a `PushSigner` call. Network
//! calls are `async` (Kotlin `suspend`, Swift `async`): each runs the blocking core call on
//! its own thread (`off_thread`), including the biometric prompt inside `PushSigner.sign`.

use std::sync::{Arc, Mutex};

use inkan_core::push::{self as core, PushStore};
use inkan_core::vault::{Session, SessionPushStore};

use crate::error::InkanError;
use crate::off_thread::off_thread;
use crate::pairing::PushEnrollment;
use crate::platform::Clock;
use crate::push_platform::{
    ClockAdapter, HttpTransport, PushSigner, SignerAdapter, TransportAdapter,
};

/// A verified challenge, ready for the approval screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PushChallenge {
    /// Identifies the challenge in `approve` / `answer_number` / `deny`.
    pub nonce: String,
    /// Serial of the token it is for.
    pub serial: String,
    /// Title (plain text; never render as markup).
    pub title: String,
    /// Question (untrusted display text written partly by the login client).
    pub question: String,
    /// Number-matching options in server order, or null for approve/deny. The app never
    /// marks which one is right (SEC-P5).
    pub options: Option<Vec<String>>,
    /// Seconds left to answer.
    pub expires_in: i64,
    /// `host[:port]` of the server the token was paired with (pinned, never from the
    /// challenge), for "sign-in at <host>".
    #[uniffi(default = "")]
    pub host: String,
}

impl PushChallenge {
    fn new((c, left): (core::Challenge, i64), host: &str) -> Self {
        Self {
            nonce: c.nonce,
            serial: c.serial,
            title: c.title,
            question: c.question,
            options: c.options,
            expires_in: left,
            host: host.to_owned(),
        }
    }
}

/// The result of one poll of every paired token.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PushPoll {
    /// Challenges to show.
    pub challenges: Vec<PushChallenge>,
    /// Challenges of muted tokens: do not announce; show "someone may know your password"
    /// (SEC-P8).
    pub muted: Vec<PushChallenge>,
    /// Why challenges were dropped before the UI (bad signature, expired, …), one per drop.
    pub dropped: Vec<String>,
}

/// What came of an approval.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct PushApproval {
    /// True when the server recorded the approval.
    pub recorded: bool,
    /// `push_code_to_phone`: the code the user types at the sign-in screen (1 to 16 ASCII
    /// letters and digits, checked in Rust). Show it inside the unlocked app only, never in
    /// a notification or on the lock screen (SEC-P7); null for the other modes.
    pub display_code: Option<String>,
}

impl std::fmt::Debug for PushApproval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushApproval")
            .field("recorded", &self.recorded)
            .field(
                "display_code",
                &self.display_code.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Why the user denies (SEC-P9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DenyReason {
    /// "This wasn't me" (counts towards muting, SEC-P8).
    NotMe,
    /// "I changed my mind".
    Cancelled,
}

/// A paired token, for the account list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PushTokenInfo {
    /// Token serial.
    pub serial: String,
    /// Label (account name).
    pub label: String,
    /// Issuer.
    pub issuer: String,
    /// Unix time of pairing.
    pub paired_at: i64,
    /// `host[:port]` of the pinned server URL.
    #[uniffi(default = "")]
    pub host: String,
    /// The platform key's alias (delete the key when the token is removed); null for a
    /// software key paired by the desktop program.
    #[uniffi(default = None)]
    pub key_alias: Option<String>,
}

impl From<&core::PushToken> for PushTokenInfo {
    fn from(t: &core::PushToken) -> Self {
        Self {
            serial: t.serial.clone(),
            label: t.label.clone(),
            issuer: t.issuer.clone(),
            paired_at: t.paired_at,
            host: t.server_host(),
            key_alias: match &t.key {
                core::TokenKey::Platform { alias } => Some(alias.clone()),
                core::TokenKey::Software(_) => None,
            },
        }
    }
}

/// Why a token cannot be used by this app: its key is not in the platform key store.
fn not_here(serial: &str) -> String {
    format!(
        "push token {serial} was paired with a software key on another device (the desktop \
         program), not with a key of this device; pair this device with its own token"
    )
}

/// Push approval for the tokens paired in the open vault. Made by
/// `Authenticator.push_client`; tokens and replay cache are saved in that vault, so they
/// survive an app restart, and the vault file stays locked while this object lives too.
#[derive(uniffi::Object)]
pub struct PushClient {
    inner: core::PushClient,
    pub(crate) store: Arc<SessionPushStore>,
    clock: Arc<ClockAdapter>,
    /// The platform keys of every token, found by the alias each token stores.
    signer: Arc<dyn PushSigner>,
}

impl PushClient {
    /// A client on the vault `session`, sending through `transport`, signing with `signer`.
    pub(crate) fn new(
        session: Arc<Mutex<Session>>,
        transport: Arc<dyn HttpTransport>,
        signer: Arc<dyn PushSigner>,
        clock: Arc<dyn Clock>,
    ) -> Arc<Self> {
        let clock = Arc::new(ClockAdapter::new(clock));
        let store = Arc::new(SessionPushStore::new(session));
        let inner = core::PushClient::new(
            Arc::new(TransportAdapter(transport)),
            store.clone(),
            clock.clone(),
            Arc::new(core::SystemMonotonic::new()),
            core::PushConfig::default(),
        );
        Arc::new(Self {
            inner,
            store,
            clock,
            signer,
        })
    }

    /// The platform key of `token`, or `None` for a software key (desktop pairing).
    fn signer_for(&self, token: &core::PushToken) -> Option<SignerAdapter> {
        match &token.key {
            core::TokenKey::Platform { alias } => Some(SignerAdapter {
                signer: self.signer.clone(),
                alias: alias.clone(),
            }),
            core::TokenKey::Software(_) => None,
        }
    }

    /// The token and its signer. The vault lock is taken and released inside the store
    /// call, so none is held during the foreign calls that follow (STYLE §3).
    fn token(&self, serial: &str) -> Result<(core::PushToken, SignerAdapter), InkanError> {
        let token = self.inner.token(serial).map_err(inkan_core::Error::from)?;
        let signer = self
            .signer_for(&token)
            .ok_or_else(|| InkanError::ChallengeRejected {
                reason: not_here(serial),
            })?;
        Ok((token, signer))
    }

    fn answer(
        &self,
        serial: &str,
        nonce: &str,
        response: &core::Response,
    ) -> Result<bool, InkanError> {
        Ok(self.answer_outcome(serial, nonce, response)?.recorded)
    }

    fn answer_outcome(
        &self,
        serial: &str,
        nonce: &str,
        response: &core::Response,
    ) -> Result<PushApproval, InkanError> {
        self.clock.refresh()?;
        let (token, signer) = self.token(serial)?;
        let outcome = self
            .inner
            .answer(&token, &signer, nonce, response)
            .map_err(inkan_core::Error::from)?;
        match outcome {
            core::AnswerOutcome::Blocked { .. } => Err(InkanError::ChallengeRejected {
                reason: "wrong number: the sign-in is blocked".to_owned(),
            }),
            other => Ok(PushApproval {
                recorded: other.recorded(),
                display_code: other.display_code().map(|c| c.expose().to_owned()),
            }),
        }
    }
}

/// The blocking bodies of the async exports below (run by `off_thread`).
impl PushClient {
    /// Pairs the token of `enrollment` (from `open_link`) with the platform key under
    /// `key_alias`, and saves it in the vault. Sends the enrollment credential once (SEC-P10).
    fn rollout_blocking(
        &self,
        enrollment: Arc<PushEnrollment>,
        key_alias: String,
    ) -> Result<PushTokenInfo, InkanError> {
        self.clock.refresh()?;
        let adapter = SignerAdapter {
            signer: self.signer.clone(),
            alias: key_alias.clone(),
        };
        let key = core::TokenKey::Platform { alias: key_alias };
        let token = self
            .inner
            .rollout(&enrollment.inner, &adapter, key, None)
            .map_err(inkan_core::Error::from)?;
        Ok(PushTokenInfo::from(&token))
    }

    /// Polls every paired token; returns only challenges that passed every check.
    fn poll_blocking(&self) -> Result<PushPoll, InkanError> {
        self.clock.refresh()?;
        let tokens = self
            .store
            .tokens()
            .map_err(|e| inkan_core::Error::from(core::PushError::from(e)))?;
        let mut out = PushPoll {
            challenges: Vec::new(),
            muted: Vec::new(),
            dropped: Vec::new(),
        };
        for token in tokens {
            let Some(signer) = self.signer_for(&token) else {
                out.dropped.push(not_here(&token.serial));
                continue;
            };
            let polled = self
                .inner
                .poll(&token, &signer)
                .map_err(inkan_core::Error::from)?;
            let host = token.server_host();
            let shown = |c| PushChallenge::new(c, &host);
            out.challenges
                .extend(polled.challenges.into_iter().map(shown));
            out.muted.extend(polled.muted.into_iter().map(shown));
            out.dropped
                .extend(polled.dropped.iter().map(ToString::to_string));
        }
        Ok(out)
    }

    /// Approves a challenge without number matching. True when the server recorded it.
    fn approve_blocking(&self, serial: String, nonce: String) -> Result<bool, InkanError> {
        self.answer(&serial, &nonce, &core::Response::Approve)
    }

    /// Approves a challenge without number matching, with the server's code to type.
    fn confirm_blocking(&self, serial: String, nonce: String) -> Result<PushApproval, InkanError> {
        self.answer_outcome(&serial, &nonce, &core::Response::Approve)
    }

    /// Approves with the number picked or typed from the sign-in screen. A number that is
    /// not offered is refused locally (`ChallengeRejected`, nothing sent); a number the
    /// server refuses closes the challenge with a decline (`ChallengeRejected`, SEC-P5).
    fn answer_number_blocking(
        &self,
        serial: String,
        nonce: String,
        number: String,
    ) -> Result<bool, InkanError> {
        self.answer(&serial, &nonce, &core::Response::Number(number))
    }

    /// Denies a challenge. True when the server recorded the denial.
    fn deny_blocking(
        &self,
        serial: String,
        nonce: String,
        reason: DenyReason,
    ) -> Result<bool, InkanError> {
        let reason = match reason {
            DenyReason::NotMe => core::DeclineReason::NotMe,
            DenyReason::Cancelled => core::DeclineReason::Cancelled,
        };
        self.answer(&serial, &nonce, &core::Response::Deny(Some(reason)))
    }
}

#[uniffi::export]
impl PushClient {
    /// Pairs the token of `enrollment` (from `open_link`) with the platform key under
    /// `key_alias` (`PushSigner.public_key_der` creates it) and saves the token in the vault
    /// with that alias. Sends the enrollment credential once (SEC-P10). Use a new alias per
    /// token. Throws `Duplicate` when a token with this serial is already paired.
    pub async fn rollout(
        self: Arc<Self>,
        enrollment: Arc<PushEnrollment>,
        key_alias: String,
    ) -> Result<PushTokenInfo, InkanError> {
        off_thread(move || self.rollout_blocking(enrollment, key_alias))?.await
    }

    /// Polls every paired token; returns only challenges that passed every check
    /// (signature, fields, pinned URL, expiry, replay). Each token is signed for with the
    /// platform key under its stored alias. A token paired with a software key elsewhere
    /// (a vault from the desktop program) is not polled: it appears once in `dropped`,
    /// naming its serial, and the other tokens are polled as usual.
    pub async fn poll(self: Arc<Self>) -> Result<PushPoll, InkanError> {
        off_thread(move || self.poll_blocking())?.await
    }

    /// Approves a challenge without number matching. True when the server recorded it.
    pub async fn approve(
        self: Arc<Self>,
        serial: String,
        nonce: String,
    ) -> Result<bool, InkanError> {
        off_thread(move || self.approve_blocking(serial, nonce))?.await
    }

    /// Approves a challenge without number matching, like `approve`, and returns the code
    /// a `push_code_to_phone` server sent for the user to type at the sign-in screen. Show
    /// that code in the unlocked app only, never in a notification (SEC-P7).
    pub async fn confirm(
        self: Arc<Self>,
        serial: String,
        nonce: String,
    ) -> Result<PushApproval, InkanError> {
        off_thread(move || self.confirm_blocking(serial, nonce))?.await
    }

    /// Approves with the number picked or typed from the sign-in screen. A number that is
    /// not offered is refused locally (`ChallengeRejected`, nothing sent); a number the
    /// server refuses closes the challenge with a decline (`ChallengeRejected`, SEC-P5).
    pub async fn answer_number(
        self: Arc<Self>,
        serial: String,
        nonce: String,
        number: String,
    ) -> Result<bool, InkanError> {
        off_thread(move || self.answer_number_blocking(serial, nonce, number))?.await
    }

    /// Denies a challenge. True when the server recorded the denial.
    pub async fn deny(
        self: Arc<Self>,
        serial: String,
        nonce: String,
        reason: DenyReason,
    ) -> Result<bool, InkanError> {
        off_thread(move || self.deny_blocking(serial, nonce, reason))?.await
    }
}

//! `PushClient`: privacyIDEA push approval for the app — rollout from an `open_link`
//! enrollment, poll for verified challenges, answer with number matching (core `push`,
//! docs/push.md). Every challenge is verified in Rust (server signature, fields, pinned URL,
//! expiry, replay: SEC-P1..P5) before a `PushChallenge` record exists.
//!
//! Storage: an in-memory `PushStore` for now (tokens and replay cache live as long as the
//! object); the vault-backed store (`VaultPushStore`) arrives with the `Authenticator`
//! binding. Network calls are `async` (Kotlin `suspend`, Swift `async`): each runs the
//! blocking core call on its own thread (`off_thread`), including the biometric prompt
//! inside `PushSigner.sign`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use inkan_core::push::{self as core, PushStore, ReplayCache, StoreError};

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
}

impl PushChallenge {
    fn new((c, left): (core::Challenge, i64)) -> Self {
        Self {
            nonce: c.nonce,
            serial: c.serial,
            title: c.title,
            question: c.question,
            options: c.options,
            expires_in: left,
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
}

/// Tokens and replay cache in memory, single writer (this object).
#[derive(Default)]
struct MemoryStore {
    tokens: Mutex<Vec<core::PushToken>>,
    replay: Mutex<ReplayCache>,
}

impl PushStore for MemoryStore {
    fn tokens(&self) -> Result<Vec<core::PushToken>, StoreError> {
        Ok(self
            .tokens
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone())
    }

    fn add_token(&self, token: &core::PushToken) -> Result<(), StoreError> {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        if tokens.iter().any(|t| t.serial == token.serial) {
            return Err(StoreError::Duplicate(token.serial.clone()));
        }
        tokens.push(token.clone());
        Ok(())
    }

    fn load_replay(&self) -> Result<ReplayCache, StoreError> {
        Ok(self
            .replay
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone())
    }

    fn save_replay(&self, cache: &ReplayCache) -> Result<(), StoreError> {
        let mut stored = self.replay.lock().unwrap_or_else(|e| e.into_inner());
        let mut merged = cache.clone();
        merged.merge_answered_from(&stored);
        *stored = merged;
        Ok(())
    }
}

/// Push approval for the tokens paired on this device.
#[derive(uniffi::Object)]
pub struct PushClient {
    inner: core::PushClient,
    store: Arc<MemoryStore>,
    clock: Arc<ClockAdapter>,
    /// Serial → the platform key of that token.
    signers: Mutex<HashMap<String, Arc<dyn PushSigner>>>,
}

impl PushClient {
    /// The token and its signer, copied out so that no lock is held during foreign calls.
    fn token(&self, serial: &str) -> Result<(core::PushToken, SignerAdapter), InkanError> {
        let token = self.inner.token(serial).map_err(inkan_core::Error::from)?;
        let signer = self
            .signers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(serial)
            .cloned()
            .ok_or_else(|| InkanError::Internal {
                reason: format!("no platform key for push token {serial}"),
            })?;
        Ok((token, SignerAdapter(signer)))
    }

    fn answer(
        &self,
        serial: &str,
        nonce: &str,
        response: &core::Response,
    ) -> Result<bool, InkanError> {
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
            other => Ok(other.recorded()),
        }
    }
}

#[uniffi::export]
impl PushClient {
    /// A client sending through `transport`, reading time from `clock`, with an in-memory
    /// token store.
    #[uniffi::constructor]
    pub fn new(transport: Arc<dyn HttpTransport>, clock: Arc<dyn Clock>) -> Arc<Self> {
        let clock = Arc::new(ClockAdapter::new(clock));
        let store = Arc::new(MemoryStore::default());
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
            signers: Mutex::default(),
        })
    }
}

/// The blocking bodies of the async exports below (run by `off_thread`).
impl PushClient {
    /// Pairs the token of `enrollment` (from `open_link`) with the platform key `signer`,
    /// known to the app as `key_alias`. Sends the enrollment credential once (SEC-P10).
    fn rollout_blocking(
        &self,
        enrollment: Arc<PushEnrollment>,
        signer: Arc<dyn PushSigner>,
        key_alias: String,
    ) -> Result<PushTokenInfo, InkanError> {
        self.clock.refresh()?;
        let adapter = SignerAdapter(signer.clone());
        let key = core::TokenKey::Platform { alias: key_alias };
        let token = self
            .inner
            .rollout(&enrollment.inner, &adapter, key, None)
            .map_err(inkan_core::Error::from)?;
        self.signers
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(token.serial.clone(), signer);
        Ok(PushTokenInfo {
            serial: token.serial,
            label: token.label,
            issuer: token.issuer,
            paired_at: token.paired_at,
        })
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
        for t in tokens {
            let (token, signer) = self.token(&t.serial)?;
            let polled = self
                .inner
                .poll(&token, &signer)
                .map_err(inkan_core::Error::from)?;
            out.challenges
                .extend(polled.challenges.into_iter().map(PushChallenge::new));
            out.muted
                .extend(polled.muted.into_iter().map(PushChallenge::new));
            out.dropped
                .extend(polled.dropped.iter().map(ToString::to_string));
        }
        Ok(out)
    }

    /// Approves a challenge without number matching. True when the server recorded it.
    fn approve_blocking(&self, serial: String, nonce: String) -> Result<bool, InkanError> {
        self.answer(&serial, &nonce, &core::Response::Approve)
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
    /// Pairs the token of `enrollment` (from `open_link`) with the platform key `signer`,
    /// known to the app as `key_alias`. Sends the enrollment credential once (SEC-P10).
    pub async fn rollout(
        self: Arc<Self>,
        enrollment: Arc<PushEnrollment>,
        signer: Arc<dyn PushSigner>,
        key_alias: String,
    ) -> Result<PushTokenInfo, InkanError> {
        off_thread(move || self.rollout_blocking(enrollment, signer, key_alias))?.await
    }

    /// Polls every paired token; returns only challenges that passed every check
    /// (signature, fields, pinned URL, expiry, replay).
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

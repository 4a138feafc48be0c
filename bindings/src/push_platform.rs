//! What the platform owns for push approval, implemented in Kotlin/Swift: `HttpTransport`
//! (the platform's networking: OkHttp/URLSession with the system trust store) and
//! `PushSigner` (the token key in Android Keystore / Secure Enclave behind a biometric
//! prompt, SEC-P6), plus the `*Adapter`s onto core's `Transport`, `Signer` and `Clock`.
//!
//! Not here: any protocol rule (core `push`). Rust never holds a lock while calling these
//! traits: an implementation may block on the network or on the user, or call back into Rust.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use inkan_core::push::{PushError, TransportError};

use crate::error::{CallbackError, InkanError};
use crate::platform::Clock;

/// HTTP method of a push request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HttpMethod {
    /// Poll for challenges (query string carries the signed timestamp).
    Get,
    /// Rollout and answers (form-encoded body).
    Post,
}

/// One request to the push server. `url` is always the URL pinned at pairing (SEC-P3).
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpRequest {
    /// GET or POST.
    pub method: HttpMethod,
    /// Absolute URL, query included for GET.
    pub url: String,
    /// `application/x-www-form-urlencoded` body for POST; empty for GET. Carries the
    /// enrollment credential at rollout: never log it.
    pub body: Vec<u8>,
    /// Extra CA certificate(s) (PEM) to trust besides the platform roots, pinned at pairing.
    pub extra_ca_pem: Option<String>,
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// What came back. Any HTTP status is a response, not an error; a redirect must not be
/// followed (return the 3xx).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// The `Date` header, used to correct clock skew.
    pub date: Option<String>,
    /// The body (at most 256 KiB are read).
    pub body: Vec<u8>,
}

/// The platform's HTTP stack. TLS is always verified against the platform roots plus
/// `extra_ca_pem`; no redirects. Throw `CallbackError.Failed` (or anything) when no response
/// was received: the call then fails with `InkanError.Network`.
#[uniffi::export(foreign)]
pub trait HttpTransport: Send + Sync {
    /// Sends `request` and returns the response, whatever its status.
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, CallbackError>;
}

/// The platform's push token keys, one key pair per alias (RSA-2048..4096, PKCS#1 v1.5
/// SHA-256). One object serves every paired token: Rust stores each token's alias in the
/// vault and passes it on every call, so the keys are found again after an app restart.
/// On phones the private key is hardware-backed and `sign` shows the biometric prompt
/// (user presence per approval, SEC-P6). Throw `CallbackError.Denied` when the user cancels,
/// `CallbackError.NotFound` when `sign` is asked for an alias that has no key.
#[uniffi::export(foreign)]
pub trait PushSigner: Send + Sync {
    /// The public key under `key_alias` as DER SubjectPublicKeyInfo (sent to the server at
    /// rollout). Creates the key pair under that alias first when there is none yet.
    fn public_key_der(&self, key_alias: String) -> Result<Vec<u8>, CallbackError>;
    /// RSA PKCS#1 v1.5 SHA-256 signature over `message` with the key under `key_alias`
    /// (polls and answers).
    fn sign(
        &self,
        key_alias: String,
        message: Vec<u8>,
        purpose: SignPurpose,
    ) -> Result<Vec<u8>, CallbackError>;
}

/// What a signature is for: the platform asks for user presence for `Approve` only
/// (SEC-P6). Polls run in the background and denying needs no biometric, yet the one
/// privacyIDEA token key signs all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SignPurpose {
    /// The signed timestamp of a poll.
    Poll,
    /// An approval: show the biometric / device-credential prompt first.
    Approve,
    /// A denial, including the decline sent after a wrong number.
    Deny,
}

impl From<inkan_core::push::SignPurpose> for SignPurpose {
    fn from(purpose: inkan_core::push::SignPurpose) -> Self {
        use inkan_core::push::SignPurpose as Core;
        match purpose {
            Core::Poll => Self::Poll,
            Core::Approve => Self::Approve,
            Core::Deny => Self::Deny,
        }
    }
}

/// `HttpTransport` as core's `Transport`.
pub(crate) struct TransportAdapter(pub(crate) Arc<dyn HttpTransport>);

impl inkan_core::push::Transport for TransportAdapter {
    fn send(
        &self,
        request: &inkan_core::push::HttpRequest,
    ) -> Result<inkan_core::push::HttpResponse, TransportError> {
        let method = match request.method {
            inkan_core::push::Method::Get => HttpMethod::Get,
            inkan_core::push::Method::Post => HttpMethod::Post,
        };
        let foreign = HttpRequest {
            method,
            url: request.url.clone(),
            body: request.body.to_vec(),
            extra_ca_pem: request.extra_ca_pem.clone(),
        };
        let response = self
            .0
            .send(foreign)
            .map_err(|e| TransportError::Other(e.to_string()))?;
        if response.body.len() > inkan_core::push::MAX_BODY {
            return Err(TransportError::TooLarge);
        }
        Ok(inkan_core::push::HttpResponse {
            status: response.status,
            date: response.date,
            body: response.body,
        })
    }
}

/// `PushSigner` and one token's key alias as core's `Signer`, built per call from the
/// client's signer and the alias stored in the token. Core's key errors are static texts,
/// so the foreign reason is reduced to "cancelled" or "failed" (it may name the key alias).
pub(crate) struct SignerAdapter {
    pub(crate) signer: Arc<dyn PushSigner>,
    pub(crate) alias: String,
}

fn key_error(error: &CallbackError) -> PushError {
    match error {
        CallbackError::Denied { .. } => PushError::NotConfirmed,
        _ => PushError::Key("the platform approval key failed"),
    }
}

impl inkan_core::push::Signer for SignerAdapter {
    fn public_key_der(&self) -> Result<Vec<u8>, PushError> {
        self.signer
            .public_key_der(self.alias.clone())
            .map_err(|e| key_error(&e))
    }

    fn sign(
        &self,
        message: &[u8],
        purpose: inkan_core::push::SignPurpose,
    ) -> Result<Vec<u8>, PushError> {
        self.signer
            .sign(self.alias.clone(), message.to_vec(), purpose.into())
            .map_err(|e| key_error(&e))
    }
}

/// Core's `Clock` is infallible; the foreign one is not. The adapter holds the last
/// reading, refreshed at the start of every exported call (`refresh`), so a failing app
/// clock fails that call instead of being silently replaced by the system clock.
pub(crate) struct ClockAdapter {
    clock: Arc<dyn Clock>,
    last: AtomicI64,
}

impl ClockAdapter {
    /// An adapter over `clock`; nothing is read until `refresh`.
    pub(crate) fn new(clock: Arc<dyn Clock>) -> Self {
        Self {
            clock,
            last: AtomicI64::new(0),
        }
    }

    /// Reads the foreign clock (no lock held) and keeps the reading for core.
    pub(crate) fn refresh(&self) -> Result<(), InkanError> {
        let now = self.clock.now_unix().map_err(|e| e.into_clock_error())?;
        self.last.store(now, Ordering::SeqCst);
        Ok(())
    }
}

impl inkan_core::clock::Clock for ClockAdapter {
    fn now_unix(&self) -> i64 {
        self.last.load(Ordering::SeqCst)
    }
}

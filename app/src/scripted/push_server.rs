//! A simulated privacyIDEA push server behind core's `Transport`, and software token keys,
//! for tests (cargo feature `testing`; never in a release build). It answers as
//! privacyIDEA 3.14 does (`shared/peers/privacyidea/PROTOCOL.md`): signed challenges on a
//! poll, the server key at rollout, `value: true` for a decline or the right number and
//! `value: false` for a wrong number (the challenge then stays open on the server, which
//! is why core declines it). The real server runs in `tests/` (interop).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use inkan_core::push::{
    wire, HttpRequest, HttpResponse, Method, PushError, SignPurpose, Signer, SoftwareKey, TokenKey,
    Transport, TransportError,
};
use inkan_core::secret::SecretBytes;
use serde_json::{json, Value};

use crate::model::locked;
use crate::platform::{PushPlatform, TokenKeys};

/// The pinned URL of the simulated server.
pub const PUSH_URL: &str = "https://pi.example/ttype/push";
/// The token serial it enrolls.
pub const PUSH_SERIAL: &str = "PIPU0001";
/// The one-time enrollment credential it accepts.
const CREDENTIAL: &str = "cred";

/// An enrollment link for this server (label `alice`, ten minutes to use it).
pub fn enrollment_link() -> String {
    format!(
        "otpauth://pipush/alice?url=https%3A//pi.example/ttype/push&ttl=10&issuer=privacyIDEA\
&enrollment_credential={CREDENTIAL}&v=1&serial={PUSH_SERIAL}&sslverify=1&poll_only=True"
    )
}

fn server_key() -> Result<&'static SoftwareKey, PushError> {
    static KEY: OnceLock<Option<SoftwareKey>> = OnceLock::new();
    KEY.get_or_init(|| SoftwareKey::generate(2048).ok())
        .as_ref()
        .ok_or(PushError::Key("the test server key could not be made"))
}

/// The simulated server.
#[derive(Default)]
pub struct FakePushServer {
    items: Mutex<Vec<Value>>,
    correct: Mutex<Vec<(String, String)>>,
    /// Every POST body, in order (rollout and answers).
    pub posts: Mutex<Vec<String>>,
}

impl std::fmt::Debug for FakePushServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FakePushServer")
    }
}

fn form_value<'a>(body: &'a str, key: &str) -> Option<&'a str> {
    body.split('&')
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
}

impl FakePushServer {
    /// Opens a sign-in whose login page shows `correct` among `options` (comma-separated),
    /// or one without number matching when `options` is `None`.
    pub fn sign_in(
        &self,
        nonce: &str,
        question: &str,
        options: Option<&str>,
        correct: Option<&str>,
    ) -> Result<(), PushError> {
        let key = server_key()?;
        let title = "privacyIDEA";
        let message =
            wire::challenge_message(nonce, PUSH_URL, PUSH_SERIAL, question, title, "1", options);
        let signature = wire::encode_signature(&key.sign_message(message.as_bytes())?);
        let caps =
            format!("{{\"capabilities\":{{\"decline_reason\":true}},\"nonce\":\"{nonce}\"}}");
        let caps_signature = wire::encode_signature(&key.sign_message(caps.as_bytes())?);
        let mut item = json!({"nonce": nonce, "url": PUSH_URL, "serial": PUSH_SERIAL,
            "question": question, "title": title, "sslverify": "1", "signature": signature,
            "capabilities": "{\"decline_reason\": true}",
            "capabilities_signature": caps_signature});
        if let Some(o) = options {
            item["require_presence"] = json!(o);
            item["version"] = json!("2");
        }
        locked(&self.items).push(item);
        if let Some(c) = correct {
            locked(&self.correct).push((nonce.to_owned(), c.to_owned()));
        }
        Ok(())
    }

    /// Whether the sign-in `nonce` is still open on the server.
    pub fn is_open(&self, nonce: &str) -> bool {
        locked(&self.items).iter().any(|i| i["nonce"] == nonce)
    }

    fn close(&self, nonce: &str) {
        locked(&self.items).retain(|i| i["nonce"] != nonce);
    }

    fn reply(&self, request: &HttpRequest) -> Result<Value, PushError> {
        if request.method == Method::Get {
            return Ok(json!({"result": {"status": true, "value": *locked(&self.items)}}));
        }
        let body = String::from_utf8_lossy(&request.body).into_owned();
        locked(&self.posts).push(body.clone());
        if form_value(&body, "pubkey").is_some() {
            if form_value(&body, "enrollment_credential") != Some(CREDENTIAL) {
                return Ok(json!({"result": {"status": false,
                    "error": {"code": 905, "message": "ERR905: Invalid enrollment credential"}}}));
            }
            let public_key = wire::encode_base64(&server_key()?.public_key_pkcs1());
            return Ok(json!({"result": {"status": true, "value": true},
                "detail": {"public_key": public_key, "rollout_state": "enrolled",
                    "serial": PUSH_SERIAL}}));
        }
        let nonce = form_value(&body, "nonce").unwrap_or("").to_owned();
        let value = if !self.is_open(&nonce) {
            false
        } else if form_value(&body, "decline").is_some() {
            self.close(&nonce);
            true
        } else {
            let correct = locked(&self.correct)
                .iter()
                .find(|(n, _)| *n == nonce)
                .map(|(_, c)| c.clone());
            let good = correct.as_deref() == form_value(&body, "presence_answer");
            if good {
                self.close(&nonce);
            }
            good
        };
        Ok(json!({"result": {"status": true, "value": value}, "detail": null}))
    }
}

impl Transport for FakePushServer {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let reply = self
            .reply(request)
            .map_err(|e| TransportError::Other(e.to_string()))?;
        Ok(HttpResponse {
            status: 200,
            date: None,
            body: reply.to_string().into_bytes(),
        })
    }
}

/// Software token keys; `refuse_presence` plays a cancelled biometric prompt.
#[derive(Debug, Default)]
pub struct SoftwareTokenKeys {
    /// When set, approvals fail with `NotConfirmed` (denials still sign).
    pub refuse_presence: Arc<AtomicBool>,
}

struct PresenceSigner {
    key: SoftwareKey,
    refuse: Arc<AtomicBool>,
}

impl Signer for PresenceSigner {
    fn public_key_der(&self) -> Result<Vec<u8>, PushError> {
        self.key.public_key_der()
    }

    fn sign(&self, message: &[u8], purpose: SignPurpose) -> Result<Vec<u8>, PushError> {
        if purpose == SignPurpose::Approve && self.refuse.load(Ordering::SeqCst) {
            return Err(PushError::NotConfirmed);
        }
        self.key.sign_message(message)
    }
}

impl TokenKeys for SoftwareTokenKeys {
    fn signer(&self, key: &TokenKey) -> Result<Arc<dyn Signer>, PushError> {
        match key {
            TokenKey::Software(pkcs8) => Ok(Arc::new(PresenceSigner {
                key: SoftwareKey::from_pkcs8(SecretBytes::new(pkcs8.expose().to_vec()))?,
                refuse: self.refuse_presence.clone(),
            })),
            TokenKey::Platform { .. } => Err(PushError::Key("no platform keys in tests")),
        }
    }

    fn new_key(&self, _serial: &str) -> Result<(TokenKey, Arc<dyn Signer>), PushError> {
        let key = SoftwareKey::generate(2048)?;
        let stored = TokenKey::Software(SecretBytes::new(key.pkcs8().expose().to_vec()));
        let signer = self.signer(&stored)?;
        Ok((stored, signer))
    }
}

/// Push services over a fresh simulated server; returns the server and the keys too.
pub fn push_platform() -> (PushPlatform, Arc<FakePushServer>, Arc<SoftwareTokenKeys>) {
    let server = Arc::new(FakePushServer::default());
    let keys = Arc::new(SoftwareTokenKeys::default());
    let platform = PushPlatform {
        transport: server.clone(),
        keys: keys.clone(),
    };
    (platform, server, keys)
}

//! Test doubles for unit tests of the push client: an in-memory store, a settable
//! monotonic clock, and a small simulated privacyIDEA server behind `Transport`. The real
//! server is exercised by the interop tests in `tests/`.

use super::*;
use crate::secret::SecretBytes;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

pub fn server_key() -> &'static SoftwareKey {
    static KEY: OnceLock<SoftwareKey> = OnceLock::new();
    KEY.get_or_init(|| SoftwareKey::generate(2048).unwrap())
}

pub fn token_key() -> &'static SoftwareKey {
    static KEY: OnceLock<SoftwareKey> = OnceLock::new();
    KEY.get_or_init(|| SoftwareKey::generate(2048).unwrap())
}

pub const URL: &str = "https://pi.example/ttype/push";
pub const SERIAL: &str = "PIPU0001";

pub use super::MemoryPushStore as MemStore;

#[derive(Default)]
pub struct FakeMono(pub AtomicU64);

impl Monotonic for FakeMono {
    fn now_ms(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// A signed challenge item as privacyIDEA 3.14 sends it.
pub fn item(nonce: &str, question: &str, options: Option<&str>, caps_signed: bool) -> Value {
    let msg = wire::challenge_message(nonce, URL, SERIAL, question, "inkan test", "1", options);
    let sig = wire::encode_signature(&server_key().sign_message(msg.as_bytes()).unwrap());
    let caps_msg =
        format!("{{\"capabilities\":{{\"decline_reason\":true}},\"nonce\":\"{nonce}\"}}");
    let caps_sig = if caps_signed {
        wire::encode_signature(&server_key().sign_message(caps_msg.as_bytes()).unwrap())
    } else {
        "AAAA====".to_owned()
    };
    let mut v = json!({"nonce": nonce, "url": URL, "serial": SERIAL, "question": question,
        "title": "inkan test", "sslverify": "1", "signature": sig,
        "capabilities": "{\"decline_reason\": true}", "capabilities_signature": caps_sig});
    if let Some(o) = options {
        v["require_presence"] = json!(o);
        v["version"] = json!("2");
    }
    v
}

/// A simulated server: serves `items` to polls, records answer bodies, and accepts the
/// presence answer `correct` (or any accept when `None`) and every decline.
#[derive(Default)]
pub struct FakeServer {
    pub items: Mutex<Vec<Value>>,
    pub correct: Mutex<Option<String>>,
    pub posts: Mutex<Vec<String>>,
    pub date: Mutex<Option<String>>,
    /// `push_code_to_phone`: the `detail.display_code` sent with a recorded plain accept.
    pub display_code: Mutex<Option<Value>>,
}

fn form_value<'a>(body: &'a str, key: &str) -> Option<&'a str> {
    body.split('&')
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
}

impl Transport for FakeServer {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let date = self.date.lock().unwrap().clone();
        let ok = |v: Value| {
            Ok(HttpResponse {
                status: 200,
                date: date.clone(),
                body: v.to_string().into_bytes(),
            })
        };
        if request.method == Method::Get {
            return ok(json!({"result": {"status": true, "value": *self.items.lock().unwrap()}}));
        }
        let body = String::from_utf8(request.body.to_vec()).unwrap();
        self.posts.lock().unwrap().push(body.clone());
        if form_value(&body, "pubkey").is_some() {
            if form_value(&body, "enrollment_credential") != Some("cred") {
                return ok(
                    json!({"result": {"status": false, "error": {"code": 905, "message": "ERR905: Invalid enrollment credential"}}}),
                );
            }
            let b64 = wire::encode_base64(&server_key().public_key_pkcs1());
            let pem_body: Vec<String> = b64
                .as_bytes()
                .chunks(64)
                .map(|c| String::from_utf8(c.to_vec()).unwrap())
                .collect();
            return ok(json!({"result": {"status": true, "value": true},
                "detail": {"public_key": pem_body.join("\n"), "rollout_state": "enrolled", "serial": SERIAL}}));
        }
        let nonce = form_value(&body, "nonce").unwrap().to_owned();
        let open = self
            .items
            .lock()
            .unwrap()
            .iter()
            .any(|i| i["nonce"] == nonce.as_str());
        let mut detail = Value::Null;
        let value = if !open {
            false
        } else if form_value(&body, "decline").is_some() {
            self.items
                .lock()
                .unwrap()
                .retain(|i| i["nonce"] != nonce.as_str());
            true
        } else {
            let correct = self.correct.lock().unwrap().clone();
            let good = correct.as_deref() == form_value(&body, "presence_answer");
            if let (true, Some(code)) = (good, self.display_code.lock().unwrap().clone()) {
                detail = json!({"display_code": code, "message": "Enter the code to log in"});
            }
            if good {
                self.items
                    .lock()
                    .unwrap()
                    .retain(|i| i["nonce"] != nonce.as_str());
            }
            good
        };
        ok(json!({"result": {"status": true, "value": value}, "detail": detail}))
    }
}

pub fn paired_token() -> PushToken {
    PushToken {
        serial: SERIAL.into(),
        label: "alice".into(),
        issuer: "privacyIDEA".into(),
        url: URL.into(),
        extra_ca_pem: None,
        server_key: server_key().public_key_pkcs1(),
        key: TokenKey::Software(SecretBytes::new(token_key().pkcs8().expose().to_vec())),
        paired_at: 0,
    }
}

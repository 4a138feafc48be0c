//! Test-only push exports (cargo feature `testing`, never in a release build): a simulated
//! privacyIDEA server key that produces correctly signed poll, rollout and answer bodies
//! (mirroring core's `push/testing.rs`), so that a Kotlin/Swift `HttpTransport` can play the
//! server; and a software `TestTokenKey` a Swift `PushSigner` can delegate to (Linux has no
//! Secure Enclave).

use std::sync::Arc;

use inkan_core::push::{verify_server_signature, wire, Signer, SoftwareKey};
use serde_json::{json, Value};

use crate::error::InkanError;

fn key_failure(e: inkan_core::push::PushError) -> InkanError {
    InkanError::Internal {
        reason: e.to_string(),
    }
}

/// One challenge for [`PushTestServer::poll_response`].
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TestChallenge {
    /// Nonce.
    pub nonce: String,
    /// The question that is signed.
    pub question: String,
    /// `require_presence` options, comma-separated (`"09,84,01"`), or null.
    pub options: Option<String>,
    /// When set, the question sent instead of the signed one (tampering in transit).
    pub tampered_question: Option<String>,
}

/// A simulated push server for one token: its RSA-2048 key signs what it sends.
#[derive(uniffi::Object)]
pub struct PushTestServer {
    key: SoftwareKey,
    url: String,
    serial: String,
}

#[uniffi::export]
impl PushTestServer {
    /// A server at `url` for token `serial`, with a fresh key (about a second).
    #[uniffi::constructor]
    pub fn new(url: String, serial: String) -> Result<Arc<Self>, InkanError> {
        let key = SoftwareKey::generate(2048).map_err(key_failure)?;
        Ok(Arc::new(Self { key, url, serial }))
    }

    /// The body of a successful rollout answer carrying this server's public key.
    pub fn rollout_response(&self) -> Vec<u8> {
        let public_key = wire::encode_base64(&self.key.public_key_pkcs1());
        json!({"result": {"status": true, "value": true},
            "detail": {"public_key": public_key, "rollout_state": "enrolled",
                "serial": self.serial}})
        .to_string()
        .into_bytes()
    }

    /// The body of a poll answer with `challenges`, each signed by this server.
    pub fn poll_response(&self, challenges: Vec<TestChallenge>) -> Result<Vec<u8>, InkanError> {
        let items = challenges
            .iter()
            .map(|c| self.item(c))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(json!({"result": {"status": true, "value": items}})
            .to_string()
            .into_bytes())
    }

    /// The body of an answer response: `recorded` is the server's `value`.
    pub fn answer_response(&self, recorded: bool) -> Vec<u8> {
        json!({"result": {"status": true, "value": recorded}, "detail": null})
            .to_string()
            .into_bytes()
    }
}

impl PushTestServer {
    fn item(&self, c: &TestChallenge) -> Result<Value, InkanError> {
        let (title, sslverify) = ("inkan test", "1");
        let message = wire::challenge_message(
            &c.nonce,
            &self.url,
            &self.serial,
            &c.question,
            title,
            sslverify,
            c.options.as_deref(),
        );
        let signature = self
            .key
            .sign_message(message.as_bytes())
            .map_err(key_failure)?;
        let caps = format!(
            "{{\"capabilities\":{{\"decline_reason\":true}},\"nonce\":\"{}\"}}",
            c.nonce
        );
        let caps_signature = self
            .key
            .sign_message(caps.as_bytes())
            .map_err(key_failure)?;
        let question = c.tampered_question.as_ref().unwrap_or(&c.question);
        let mut item = json!({"nonce": c.nonce, "url": self.url, "serial": self.serial,
            "question": question, "title": title, "sslverify": sslverify,
            "signature": wire::encode_signature(&signature),
            "capabilities": "{\"decline_reason\": true}",
            "capabilities_signature": wire::encode_signature(&caps_signature)});
        if let Some(options) = &c.options {
            item["require_presence"] = json!(options);
            item["version"] = json!("2");
        }
        Ok(item)
    }
}

/// A software RSA-2048 token key standing in for the platform key in tests.
#[derive(uniffi::Object)]
pub struct TestTokenKey {
    key: SoftwareKey,
}

#[uniffi::export]
impl TestTokenKey {
    /// A fresh key (about a second).
    #[uniffi::constructor]
    pub fn new() -> Result<Arc<Self>, InkanError> {
        let key = SoftwareKey::generate(2048).map_err(key_failure)?;
        Ok(Arc::new(Self { key }))
    }

    /// DER SubjectPublicKeyInfo.
    pub fn public_key_der(&self) -> Result<Vec<u8>, InkanError> {
        self.key.public_key_der().map_err(key_failure)
    }

    /// PKCS#1 v1.5 SHA-256 signature over `message`.
    pub fn sign(&self, message: Vec<u8>) -> Result<Vec<u8>, InkanError> {
        self.key.sign_message(&message).map_err(key_failure)
    }

    /// True when `signature` over `message` verifies with this key.
    pub fn verify(&self, message: Vec<u8>, signature: Vec<u8>) -> bool {
        verify_server_signature(&self.key.public_key_pkcs1(), &message, &signature)
    }
}

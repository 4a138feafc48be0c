//! A challenge from the poll response, validated field by field (SEC-P2) and verified
//! against the server key over the exact signed string (SEC-P1) before it becomes a
//! [`Challenge`], the only form the UI ever sees.
//!
//! `|`-joined fields have no length framing (PROTOCOL.md §7.1): `|` is refused in every
//! field but `question`, so the split is unambiguous; control, bidi and line-separator
//! characters are refused everywhere ([`crate::plain_text`]), so the display text cannot
//! hide or reorder what it says.

use super::signer::verify_server_signature;
use super::wire::{challenge_message, decode_signature};
use crate::plain_text;
use serde_json::{Map, Value};

/// Most challenges read from one poll; the rest are dropped.
pub const MAX_CHALLENGES: usize = 32;

/// Why a challenge was dropped before reaching the UI. Counted and shown as a number only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DropReason {
    /// A field is missing, not a string, too long, or has a forbidden character.
    #[error("the field {0} is missing or malformed")]
    Malformed(&'static str),
    /// The server signature does not verify over the rebuilt string (tampered in transit).
    #[error("the server signature does not verify")]
    BadSignature,
    /// The challenge names another token.
    #[error("the challenge is for another token")]
    OtherSerial,
    /// The challenge's `url` differs from the URL pinned at pairing (SEC-P3).
    #[error("the challenge names a server other than the one paired")]
    OtherUrl,
    /// Older than the validity measured from its receipt (SEC-P4).
    #[error("the challenge has expired")]
    Expired,
    /// Already answered from this device (SEC-P4, SEC-P5).
    #[error("the challenge was already answered")]
    Answered,
    /// More challenges than [`MAX_CHALLENGES`] in one poll.
    #[error("too many challenges at once")]
    TooMany,
}

/// What the server advertised, from verified capabilities only (PROTOCOL.md §7.7).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// The server records a decline reason (`unknown_trigger`, `cancelled`).
    pub decline_reason: bool,
}

/// A verified challenge: the only form shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// Server nonce (base32).
    pub nonce: String,
    /// Token serial.
    pub serial: String,
    /// Title (plain text, never markup).
    pub title: String,
    /// Question (plain text, partly written by the login client: untrusted display text).
    pub question: String,
    /// Number-matching options, in server order; `None` for a plain accept/deny challenge.
    pub options: Option<Vec<String>>,
    /// The signed challenge asked to turn TLS verification off; it is ignored (SEC-P3).
    pub server_asked_no_tls_verify: bool,
    /// Verified capabilities.
    pub capabilities: Capabilities,
}

/// Caps per field (PROTOCOL.md §3 gives 512 for question and 128 for title).
const CAPS: [(&str, usize); 7] = [
    ("nonce", 128),
    ("url", 2048),
    ("serial", 64),
    ("question", 512),
    ("title", 128),
    ("sslverify", 1),
    ("require_presence", 512),
];

fn field<'a>(item: &'a Map<String, Value>, name: &'static str) -> Result<&'a str, DropReason> {
    let text = item
        .get(name)
        .and_then(Value::as_str)
        .ok_or(DropReason::Malformed(name))?;
    let cap = CAPS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(usize::MAX, |(_, c)| *c);
    let pipe_allowed = name == "question";
    if plain_text::check(text, cap).is_err() || (!pipe_allowed && text.contains('|')) {
        return Err(DropReason::Malformed(name));
    }
    Ok(text)
}

fn options_of(text: &str) -> Result<Vec<String>, DropReason> {
    let options: Vec<String> = text.split(',').map(str::to_owned).collect();
    // privacyIDEA offers 2..10 options; each must be non-empty and short.
    if !(2..=10).contains(&options.len())
        || options
            .iter()
            .any(|o| o.is_empty() || o.chars().count() > 32 || o != o.trim())
    {
        return Err(DropReason::Malformed("require_presence"));
    }
    Ok(options)
}

/// RFC 8785 canonical JSON of a value made of objects, strings, booleans and null (what
/// the capability object holds); `None` for numbers or arrays, which are not supported.
fn jcs(value: &Value, out: &mut String) -> Option<()> {
    match value {
        Value::Null | Value::Bool(_) | Value::String(_) => out.push_str(&value.to_string()),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                jcs(map.get(k)?, out)?;
            }
            out.push('}');
        }
        Value::Number(_) | Value::Array(_) => return None,
    }
    Some(())
}

/// Verified capabilities, or none: the `capabilities` string is outside the main signature,
/// so it counts only when `capabilities_signature` verifies over
/// JCS `{"capabilities":<parsed>,"nonce":<nonce>}`.
fn capabilities_of(item: &Map<String, Value>, nonce: &str, server_key: &[u8]) -> Capabilities {
    let (Some(text), Some(sig)) = (
        item.get("capabilities").and_then(Value::as_str),
        item.get("capabilities_signature").and_then(Value::as_str),
    ) else {
        return Capabilities::default();
    };
    if text.len() > 1024 {
        return Capabilities::default();
    }
    let Ok(parsed) = serde_json::from_str::<Value>(text) else {
        return Capabilities::default();
    };
    let mut wrapper = Map::new();
    wrapper.insert("capabilities".into(), parsed.clone());
    wrapper.insert("nonce".into(), Value::String(nonce.to_owned()));
    let mut canonical = String::new();
    let verified = jcs(&Value::Object(wrapper), &mut canonical).is_some()
        && decode_signature(sig)
            .is_some_and(|s| verify_server_signature(server_key, canonical.as_bytes(), &s));
    if !verified {
        return Capabilities::default();
    }
    Capabilities {
        decline_reason: parsed.get("decline_reason") == Some(&Value::Bool(true)),
    }
}

/// Validates and verifies one poll item for the token `serial` paired with `pinned_url`.
pub fn verify(
    item: &Value,
    serial: &str,
    pinned_url: &str,
    server_key: &[u8],
) -> Result<Challenge, DropReason> {
    let item = item.as_object().ok_or(DropReason::Malformed("challenge"))?;
    let nonce = field(item, "nonce")?;
    let url = field(item, "url")?;
    let c_serial = field(item, "serial")?;
    let question = field(item, "question")?;
    let title = field(item, "title")?;
    let sslverify = field(item, "sslverify")?;
    if nonce.is_empty()
        || !nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'=')
    {
        return Err(DropReason::Malformed("nonce"));
    }
    if sslverify != "0" && sslverify != "1" {
        return Err(DropReason::Malformed("sslverify"));
    }
    let presence = match item.get("require_presence") {
        None | Some(Value::Null) => None,
        Some(_) => Some(field(item, "require_presence")?),
    };
    let options = presence.map(options_of).transpose()?;
    let signature = item
        .get("signature")
        .and_then(Value::as_str)
        .and_then(decode_signature)
        .ok_or(DropReason::Malformed("signature"))?;
    let message = challenge_message(nonce, url, c_serial, question, title, sslverify, presence);
    if !verify_server_signature(server_key, message.as_bytes(), &signature) {
        return Err(DropReason::BadSignature);
    }
    // Checked after the signature so that a tampered field counts as tampering.
    if c_serial != serial {
        return Err(DropReason::OtherSerial);
    }
    if url != pinned_url {
        return Err(DropReason::OtherUrl);
    }
    Ok(Challenge {
        nonce: nonce.to_owned(),
        serial: c_serial.to_owned(),
        title: title.to_owned(),
        question: question.to_owned(),
        options,
        server_asked_no_tls_verify: sslverify == "0",
        capabilities: capabilities_of(item, nonce, server_key),
    })
}

#[cfg(test)]
#[path = "challenge_tests.rs"]
mod tests;

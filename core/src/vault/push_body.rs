//! The push part of the vault body (body version 2): paired push tokens, with the software
//! token key as a secret, and the replay cache (see `docs/vault-format.md`, "Body").
//!
//! Everything here sits inside the AES-256-GCM body, so the pinned trust of a token (URL,
//! extra CA, server key; SEC-P3, SEC-P10) is authenticated and the private key is encrypted
//! at rest (SEC-V1). Reading bounds every count and length before allocating; writing
//! refuses a value the reader would refuse, so a saved vault always opens again.

use super::codec::{Reader, Writer};
use super::entry::check_text;
use super::error::VaultError;
use crate::push::{PushToken, ReplayCache, SeenEntry, TokenKey};
use crate::secret::SecretBytes;

/// Most push tokens a vault holds.
pub const MAX_PUSH_TOKENS: u32 = 256;
/// Longest token serial, in bytes.
const MAX_SERIAL: usize = 128;
/// Longest token label or issuer, in bytes.
const MAX_LABEL: usize = 512;
/// Longest pinned API URL, in bytes.
const MAX_URL: usize = 2048;
/// Longest pinned extra CA (PEM), in bytes.
const MAX_CA_PEM: usize = 60_000;
/// Longest server public key (PKCS#1 DER), in bytes.
const MAX_SERVER_KEY: usize = 4096;
/// Longest software private key (PKCS#8 DER), in bytes.
const MAX_PRIVATE_KEY: usize = 16_384;
/// Longest platform keystore alias, in bytes.
const MAX_ALIAS: usize = crate::push::MAX_KEY_ALIAS;
/// Longest challenge nonce kept in the replay cache, in bytes.
const MAX_NONCE: usize = 256;
/// Most nonces (seen or pending) in the replay cache.
const MAX_REPLAY_ITEMS: u32 = 100_000;
/// Most strike times kept per serial, and most serials with strikes.
const MAX_STRIKES: u32 = 10_000;

/// Push tokens and replay cache as held by an unlocked vault.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PushData {
    pub(crate) tokens: Vec<PushToken>,
    pub(crate) replay: ReplayCache,
}

impl PushData {
    /// True when there is nothing to store (the body is then written as version 1).
    pub(crate) fn is_empty(&self) -> bool {
        self.tokens.is_empty() && self.replay == ReplayCache::default()
    }
}

fn too_long(field: &'static str) -> VaultError {
    VaultError::InvalidField {
        field,
        reason: "too long",
    }
}

fn check_len(field: &'static str, b: &[u8], limit: usize) -> Result<(), VaultError> {
    if b.len() > limit {
        return Err(too_long(field));
    }
    Ok(())
}

fn check_count(what: &'static str, n: usize, limit: u32) -> Result<u32, VaultError> {
    u32::try_from(n)
        .ok()
        .filter(|c| *c <= limit)
        .ok_or(VaultError::OverLimit {
            what,
            value: n as u64,
            limit: limit.into(),
        })
}

/// Checks a token against the limits the encoding relies on (before it is added).
pub(crate) fn check_token(t: &PushToken) -> Result<(), VaultError> {
    check_text("push token serial", &t.serial, MAX_SERIAL)?;
    check_text("push token label", &t.label, MAX_LABEL)?;
    check_text("push token issuer", &t.issuer, MAX_LABEL)?;
    check_text("push token url", &t.url, MAX_URL)?;
    check_len(
        "push token CA",
        t.extra_ca_pem.as_deref().unwrap_or("").as_bytes(),
        MAX_CA_PEM,
    )?;
    check_len("push server key", &t.server_key, MAX_SERVER_KEY)?;
    match &t.key {
        TokenKey::Software(k) => check_len("push token key", k.expose(), MAX_PRIVATE_KEY),
        TokenKey::Platform { alias } => check_text("push key alias", alias, MAX_ALIAS),
    }
}

fn write_token(w: &mut Writer, t: &PushToken) {
    w.blob(t.serial.as_bytes());
    w.blob(t.label.as_bytes());
    w.blob(t.issuer.as_bytes());
    w.blob(t.url.as_bytes());
    w.opt_string(t.extra_ca_pem.as_deref());
    w.blob(&t.server_key);
    match &t.key {
        TokenKey::Software(k) => {
            w.u8(1);
            w.blob(k.expose());
        }
        TokenKey::Platform { alias } => {
            w.u8(2);
            w.blob(alias.as_bytes());
        }
    }
    w.i64(t.paired_at);
}

fn read_token(r: &mut Reader<'_>) -> Result<PushToken, VaultError> {
    let serial = r.string(MAX_SERIAL, "push token serial")?;
    let label = r.string(MAX_LABEL, "push token label")?;
    let issuer = r.string(MAX_LABEL, "push token issuer")?;
    let url = r.string(MAX_URL, "push token url")?;
    let extra_ca_pem = r.opt_string(MAX_CA_PEM, "push token CA")?;
    let server_key = r.blob(MAX_SERVER_KEY, "push server key")?.to_vec();
    let at = r.pos();
    let key = match r.u8("push key kind")? {
        1 => TokenKey::Software(SecretBytes::new(
            r.blob(MAX_PRIVATE_KEY, "push token key")?.to_vec(),
        )),
        2 => TokenKey::Platform {
            alias: r.string(MAX_ALIAS, "push key alias")?,
        },
        _ => {
            return Err(VaultError::Malformed {
                what: "push key kind",
                offset: at,
            })
        }
    };
    let paired_at = r.i64("push paired at")?;
    Ok(PushToken {
        serial,
        label,
        issuer,
        url,
        extra_ca_pem,
        server_key,
        key,
        paired_at,
    })
}

/// Reads a u32 count, refusing more than `limit` or more than the rest of the body can
/// hold at `min_size` bytes per item (before reserving memory for it).
pub(super) fn count(
    r: &mut Reader<'_>,
    what: &'static str,
    limit: u32,
    min_size: usize,
) -> Result<usize, VaultError> {
    let n = r.u32(what)?;
    if n > limit {
        return Err(VaultError::OverLimit {
            what,
            value: n.into(),
            limit: limit.into(),
        });
    }
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    if n.saturating_mul(min_size) > r.remaining() {
        return Err(VaultError::Truncated {
            what,
            offset: r.pos(),
        });
    }
    Ok(n)
}

/// Appends the push section: tokens, then the replay cache.
pub(crate) fn write_push(w: &mut Writer, p: &PushData) -> Result<(), VaultError> {
    w.u32(check_count("push tokens", p.tokens.len(), MAX_PUSH_TOKENS)?);
    for t in &p.tokens {
        check_token(t)?;
        write_token(w, t);
    }
    let c = &p.replay;
    w.u32(check_count(
        "replay nonces",
        c.seen.len(),
        MAX_REPLAY_ITEMS,
    )?);
    for (nonce, e) in &c.seen {
        check_len("replay nonce", nonce.as_bytes(), MAX_NONCE)?;
        w.blob(nonce.as_bytes());
        w.i64(e.first_seen);
        match e.answered_at {
            None => w.u8(0),
            Some(t) => {
                w.u8(1);
                w.i64(t);
            }
        }
    }
    w.u32(check_count("strike serials", c.strikes.len(), MAX_STRIKES)?);
    for (serial, times) in &c.strikes {
        check_len("strike serial", serial.as_bytes(), MAX_SERIAL)?;
        w.blob(serial.as_bytes());
        w.u32(check_count("strikes", times.len(), MAX_STRIKES)?);
        for t in times {
            w.i64(*t);
        }
    }
    w.u32(check_count(
        "pending nonces",
        c.pending_serial.len(),
        MAX_REPLAY_ITEMS,
    )?);
    for (nonce, serial) in &c.pending_serial {
        check_len("replay nonce", nonce.as_bytes(), MAX_NONCE)?;
        check_len("strike serial", serial.as_bytes(), MAX_SERIAL)?;
        w.blob(nonce.as_bytes());
        w.blob(serial.as_bytes());
    }
    Ok(())
}

/// Reads the push section written by [`write_push`].
pub(crate) fn read_push(r: &mut Reader<'_>) -> Result<PushData, VaultError> {
    // Smallest token: six empty blobs (12) + key kind (1) + empty key blob (2) + time (8).
    let n = count(r, "push tokens", MAX_PUSH_TOKENS, 23)?;
    let mut tokens: Vec<PushToken> = Vec::with_capacity(n);
    for _ in 0..n {
        let at = r.pos();
        let t = read_token(r)?;
        if tokens.iter().any(|x| x.serial == t.serial) {
            return Err(VaultError::Malformed {
                what: "duplicate push token serial",
                offset: at,
            });
        }
        tokens.push(t);
    }
    let mut replay = ReplayCache::default();
    let n = count(r, "replay nonces", MAX_REPLAY_ITEMS, 11)?;
    for _ in 0..n {
        let nonce = r.string(MAX_NONCE, "replay nonce")?;
        let first_seen = r.i64("first seen")?;
        let at = r.pos();
        let answered_at = match r.u8("answered")? {
            0 => None,
            1 => Some(r.i64("answered at")?),
            _ => {
                return Err(VaultError::Malformed {
                    what: "answered",
                    offset: at,
                })
            }
        };
        replay.seen.insert(
            nonce,
            SeenEntry {
                first_seen,
                answered_at,
            },
        );
    }
    let n = count(r, "strike serials", MAX_STRIKES, 6)?;
    for _ in 0..n {
        let serial = r.string(MAX_SERIAL, "strike serial")?;
        let k = count(r, "strikes", MAX_STRIKES, 8)?;
        let mut times = Vec::with_capacity(k);
        for _ in 0..k {
            times.push(r.i64("strike time")?);
        }
        replay.strikes.insert(serial, times);
    }
    let n = count(r, "pending nonces", MAX_REPLAY_ITEMS, 4)?;
    for _ in 0..n {
        let nonce = r.string(MAX_NONCE, "replay nonce")?;
        let serial = r.string(MAX_SERIAL, "strike serial")?;
        replay.pending_serial.insert(nonce, serial);
    }
    Ok(PushData { tokens, replay })
}

//! The decrypted vault body: a version byte, the entries in display order and, from body
//! version 2 on, the push section (`push_body.rs`).
//!
//! Version 1 (entries only) is still read, and still written while a vault holds no push
//! data, so a vault that never paired a push token stays readable by builds that know only
//! version 1. Version 2 is written once push tokens or a replay cache exist, version 3 once
//! the push request history (`push_history_body.rs`) has an entry.

use super::codec::{Reader, Writer};
use super::entry::{read_entry, write_entry, Entry, MAX_ENTRIES};
use super::error::VaultError;
use super::push_body::{read_push, write_push, PushData};
use super::push_history_body::{read_history, write_history};

/// Entries only.
pub(crate) const BODY_V1: u8 = 1;
/// Entries, then push tokens and the replay cache.
pub(crate) const BODY_V2: u8 = 2;
/// Version 2, then the push request history.
pub(crate) const BODY_V3: u8 = 3;

/// Encodes the body plaintext (zeroized when dropped).
pub(crate) fn encode_body(entries: &[Entry], push: &PushData) -> Result<Writer, VaultError> {
    let mut w = Writer::with_capacity(64 + entries.len() * 96);
    let version = if push.is_empty() {
        BODY_V1
    } else if push.replay.history.0.is_empty() {
        BODY_V2
    } else {
        BODY_V3
    };
    w.u8(version);
    w.u32(u32::try_from(entries.len()).unwrap_or(u32::MAX));
    for e in entries {
        write_entry(&mut w, e);
    }
    if version >= BODY_V2 {
        write_push(&mut w, push)?;
    }
    if version == BODY_V3 {
        write_history(&mut w, &push.replay.history)?;
    }
    Ok(w)
}

/// Decodes an authenticated body. It was written by inkan, but it is still checked as
/// untrusted input: a bug elsewhere must not become a panic here.
pub(crate) fn decode_body(plain: &[u8]) -> Result<(Vec<Entry>, PushData), VaultError> {
    let mut r = Reader::new(plain);
    let at = r.pos();
    let version = r.u8("body version")?;
    if !(BODY_V1..=BODY_V3).contains(&version) {
        return Err(VaultError::Malformed {
            what: "body version",
            offset: at,
        });
    }
    let count = r.u32("entry count")?;
    if count > MAX_ENTRIES {
        return Err(VaultError::OverLimit {
            what: "entries",
            value: count.into(),
            limit: MAX_ENTRIES.into(),
        });
    }
    // Each entry takes at least 28 bytes: a count the body cannot hold is refused before
    // reserving memory for it.
    let count = usize::try_from(count).unwrap_or(usize::MAX);
    if count.saturating_mul(28) > r.remaining() {
        return Err(VaultError::Truncated {
            what: "entries",
            offset: r.pos(),
        });
    }
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        entries.push(read_entry(&mut r)?);
    }
    let mut push = if version >= BODY_V2 {
        read_push(&mut r)?
    } else {
        PushData::default()
    };
    if version == BODY_V3 {
        push.replay.history = read_history(&mut r)?;
    }
    if r.remaining() != 0 {
        return Err(VaultError::Malformed {
            what: "trailing bytes",
            offset: r.pos(),
        });
    }
    Ok((entries, push))
}

/// Fuzzing entry point for the decrypted-body decoder, which is otherwise unreachable
/// without forging AES-GCM. Built only by cargo-fuzz (`--cfg fuzzing`). Returns the number
/// of entries plus push tokens; a decoded body must encode again.
#[cfg(fuzzing)]
pub fn fuzz_decode_body(plain: &[u8]) -> Result<usize, VaultError> {
    let (entries, push) = decode_body(plain)?;
    encode_body(&entries, &push)?;
    Ok(entries.len() + push.tokens.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::push::{PushToken, ReplayCache, TokenKey};
    use crate::secret::SecretBytes;

    fn token(serial: &str) -> PushToken {
        PushToken {
            serial: serial.into(),
            label: "alice".into(),
            issuer: "pi".into(),
            url: "https://pi.example/ttype/push".into(),
            extra_ca_pem: Some("-----BEGIN CERTIFICATE-----\n…".into()),
            server_key: vec![3; 270],
            key: TokenKey::Software(SecretBytes::new(vec![7; 2400])),
            paired_at: 42,
        }
    }

    #[test]
    fn without_push_data_the_body_stays_version_1() {
        let body = encode_body(&[], &PushData::default()).unwrap();
        assert_eq!(body.buf.first(), Some(&BODY_V1));
        assert_eq!(decode_body(&body.buf).unwrap().1, PushData::default());
    }

    #[test]
    fn push_data_round_trips_as_version_2() {
        let mut replay = ReplayCache::default();
        replay.observe("N1", "PIPU1", 100);
        replay.observe("N2", "PIPU1", 101);
        replay.mark_answered("N1", 102);
        replay.strike("PIPU1", 103);
        let mut platform = token("PIPU2");
        platform.key = TokenKey::Platform {
            alias: "inkan-push-1".into(),
        };
        platform.extra_ca_pem = None;
        let push = PushData {
            tokens: vec![token("PIPU1"), platform],
            replay,
        };
        let body = encode_body(&[], &push).unwrap();
        assert_eq!(body.buf.first(), Some(&BODY_V2));
        assert_eq!(decode_body(&body.buf).unwrap().1, push);
        // Every cut of the body is refused without a panic.
        for cut in 0..body.buf.len() {
            assert!(decode_body(&body.buf[..cut]).is_err(), "cut {cut}");
        }
    }

    #[test]
    fn oversized_or_duplicate_values_are_refused() {
        let mut t = token("PIPU1");
        t.key = TokenKey::Software(SecretBytes::new(vec![1; MAX_PRIVATE_KEY_FOR_TEST + 1]));
        let push = PushData {
            tokens: vec![t],
            replay: ReplayCache::default(),
        };
        assert!(encode_body(&[], &push).is_err());
        let push = PushData {
            tokens: vec![token("PIPU1")],
            replay: ReplayCache::default(),
        };
        let mut body = encode_body(&[], &push).unwrap().buf.to_vec();
        // Patch the token count to 2 and append the same token again.
        let start = 1 + 4;
        body[start..start + 4].copy_from_slice(&2u32.to_be_bytes());
        let tok = encode_body(&[], &push).unwrap().buf.to_vec();
        let one = &tok[start + 4..tok.len() - 12];
        let tail = body.split_off(start + 4 + one.len());
        body.extend_from_slice(one);
        body.extend_from_slice(&tail);
        assert_eq!(
            decode_body(&body).unwrap_err(),
            VaultError::Malformed {
                what: "duplicate push token serial",
                offset: start + 4 + one.len()
            }
        );
    }

    const MAX_PRIVATE_KEY_FOR_TEST: usize = 16_384;

    #[test]
    fn the_fuzz_seeds_are_valid_bodies() {
        // fuzz/seeds/vault_file/body_v2_push was written from docs/vault-format.md alone.
        let v2 = include_bytes!("../../../fuzz/seeds/vault_file/body_v2_push");
        let (entries, push) = decode_body(v2).unwrap();
        assert!(entries.is_empty());
        assert_eq!(push.tokens.len(), 2);
        assert!(push.replay.is_answered("N1") && !push.replay.is_answered("N2"));
        assert_eq!(push.replay.recent_strikes("PIPU0001", 104, 900), 2);
        assert_eq!(encode_body(&entries, &push).unwrap().buf.as_slice(), v2);
        let v1 = include_bytes!("../../../fuzz/seeds/vault_file/body_v1_empty");
        assert_eq!(decode_body(v1).unwrap(), (Vec::new(), PushData::default()));
    }
}

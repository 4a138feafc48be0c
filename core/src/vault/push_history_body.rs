//! The push request history in the vault body (body version 3, after the push section):
//! recent sign-in requests and their outcomes (`push::History`).
//!
//! Bounded like the rest of the push section: at most [`MAX_HISTORY`] entries, every string
//! capped, checked on write so that a saved vault always opens again.

use super::codec::{Reader, Writer};
use super::entry::check_text;
use super::error::VaultError;
use super::push_body::count;
use crate::push::{History, HistoryEntry, HistoryOutcome, MAX_HISTORY};

const MAX_NONCE: usize = 256;
const MAX_SERIAL: usize = 128;
const MAX_TITLE: usize = 512;
/// The question is capped at 512 characters when verified: up to 4 bytes each.
const MAX_QUESTION: usize = 2048;
const LIMIT: u32 = MAX_HISTORY as u32;

fn checked(h: &History) -> Result<u32, VaultError> {
    if h.0.len() > MAX_HISTORY {
        return Err(VaultError::OverLimit {
            what: "push history",
            value: u64::try_from(h.0.len()).unwrap_or(u64::MAX),
            limit: LIMIT.into(),
        });
    }
    for e in &h.0 {
        check_text("history nonce", &e.nonce, MAX_NONCE)?;
        check_text("history serial", &e.serial, MAX_SERIAL)?;
        check_text("history title", &e.title, MAX_TITLE)?;
        check_text("history question", &e.question, MAX_QUESTION)?;
    }
    Ok(LIMIT.min(u32::try_from(h.0.len()).unwrap_or(LIMIT)))
}

/// Appends the history.
pub(crate) fn write_history(w: &mut Writer, h: &History) -> Result<(), VaultError> {
    w.u32(checked(h)?);
    for e in &h.0 {
        w.blob(e.nonce.as_bytes());
        w.blob(e.serial.as_bytes());
        w.blob(e.title.as_bytes());
        w.blob(e.question.as_bytes());
        w.i64(e.seen_at);
        match e.settled_at {
            None => w.u8(0),
            Some(t) => {
                w.u8(1);
                w.i64(t);
            }
        }
        w.u8(e.outcome.code());
    }
    Ok(())
}

/// Reads what [`write_history`] wrote.
pub(crate) fn read_history(r: &mut Reader<'_>) -> Result<History, VaultError> {
    // Smallest entry: four empty strings (8) + time (8) + flag (1) + outcome (1).
    let n = count(r, "push history", LIMIT, 18)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let nonce = r.string(MAX_NONCE, "history nonce")?;
        let serial = r.string(MAX_SERIAL, "history serial")?;
        let title = r.string(MAX_TITLE, "history title")?;
        let question = r.string(MAX_QUESTION, "history question")?;
        let seen_at = r.i64("history time")?;
        let at = r.pos();
        let settled_at = match r.u8("history settled")? {
            0 => None,
            1 => Some(r.i64("history settled at")?),
            _ => {
                return Err(VaultError::Malformed {
                    what: "history settled",
                    offset: at,
                })
            }
        };
        let at = r.pos();
        let outcome =
            HistoryOutcome::from_code(r.u8("history outcome")?).ok_or(VaultError::Malformed {
                what: "history outcome",
                offset: at,
            })?;
        out.push(HistoryEntry {
            nonce,
            serial,
            title,
            question,
            seen_at,
            settled_at,
            outcome,
        });
    }
    Ok(History(out))
}

#[cfg(test)]
mod tests {
    use super::super::body::{decode_body, encode_body};
    use super::super::push_body::PushData;
    use super::*;
    use crate::push::ReplayCache;

    fn entry(nonce: &str, outcome: HistoryOutcome) -> HistoryEntry {
        HistoryEntry {
            nonce: nonce.into(),
            serial: "PIPU0001".into(),
            title: "inkan test".into(),
            question: "Log in as alice from 127.0.0.1? | ünïcode".into(),
            seen_at: 1_000,
            settled_at: (outcome != HistoryOutcome::Open).then_some(1_010),
            outcome,
        }
    }

    fn push(history: Vec<HistoryEntry>) -> PushData {
        PushData {
            tokens: Vec::new(),
            replay: {
                let mut replay = ReplayCache::default();
                replay.history = History(history);
                replay
            },
        }
    }

    #[test]
    fn history_round_trips_as_body_version_3() {
        let p = push(vec![
            entry("N1", HistoryOutcome::Approved),
            entry("N2", HistoryOutcome::Blocked),
            entry("N3", HistoryOutcome::Open),
        ]);
        let body = encode_body(&[], &p).unwrap();
        assert_eq!(body.buf[0], 3);
        assert_eq!(decode_body(&body.buf).unwrap().1, p);
        for cut in 1..body.buf.len() {
            assert!(decode_body(&body.buf[..cut]).is_err(), "cut {cut}");
        }
        // An unknown outcome byte (the last byte of the body) is refused.
        let mut bad = body.buf.to_vec();
        if let Some(last) = bad.last_mut() {
            *last = 9;
        }
        assert!(decode_body(&bad).is_err());
    }

    #[test]
    fn over_long_or_too_many_entries_are_refused_on_write() {
        let mut long = entry("N1", HistoryOutcome::Open);
        long.question = "x".repeat(MAX_QUESTION + 1);
        assert!(encode_body(&[], &push(vec![long])).is_err());
        let many = (0..=MAX_HISTORY)
            .map(|i| entry(&format!("N{i}"), HistoryOutcome::Denied))
            .collect();
        assert!(encode_body(&[], &push(many)).is_err());
    }
}

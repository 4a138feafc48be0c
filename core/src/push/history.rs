//! Recent sign-in requests and what came of each, for a "recent requests" list.
//!
//! Kept with the replay cache (so it is saved in the vault with it) but not pruned with it:
//! the newest [`MAX_HISTORY`] requests stay. A request enters when a poll first shows it
//! (`Open`); answering it, or letting it pass its client-side expiry, settles it.

use super::challenge::Challenge;

/// Most requests kept; older ones are dropped first.
pub const MAX_HISTORY: usize = 50;

/// What came of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryOutcome {
    /// Shown, not answered yet.
    Open,
    /// Approved, and the server recorded it.
    Approved,
    /// Denied ("this wasn't me" or "cancelled").
    Denied,
    /// Not answered before it expired.
    Expired,
    /// A wrong number was picked: the client declined it (SEC-P5).
    Blocked,
    /// Answered, but the server did not record the answer (expired or closed on its side).
    NotRecorded,
}

impl HistoryOutcome {
    /// Stable lower-case name (JSON, vault).
    pub fn name(self) -> &'static str {
        match self {
            HistoryOutcome::Open => "open",
            HistoryOutcome::Approved => "approved",
            HistoryOutcome::Denied => "denied",
            HistoryOutcome::Expired => "expired",
            HistoryOutcome::Blocked => "blocked",
            HistoryOutcome::NotRecorded => "not recorded",
        }
    }

    /// The outcome stored as `code` (see [`HistoryOutcome::code`]).
    pub fn from_code(code: u8) -> Option<Self> {
        Some(match code {
            0 => HistoryOutcome::Open,
            1 => HistoryOutcome::Approved,
            2 => HistoryOutcome::Denied,
            3 => HistoryOutcome::Expired,
            4 => HistoryOutcome::Blocked,
            5 => HistoryOutcome::NotRecorded,
            _ => return None,
        })
    }

    /// The byte the vault stores.
    pub fn code(self) -> u8 {
        match self {
            HistoryOutcome::Open => 0,
            HistoryOutcome::Approved => 1,
            HistoryOutcome::Denied => 2,
            HistoryOutcome::Expired => 3,
            HistoryOutcome::Blocked => 4,
            HistoryOutcome::NotRecorded => 5,
        }
    }
}

/// One request: the verified challenge's display text and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    /// Challenge nonce (to settle it later).
    pub nonce: String,
    /// Token serial.
    pub serial: String,
    /// Title, as verified (plain text).
    pub title: String,
    /// Question, as verified (untrusted display text).
    pub question: String,
    /// Unix time the request was first shown.
    pub seen_at: i64,
    /// Unix time of the outcome, when settled.
    pub settled_at: Option<i64>,
    /// What came of it.
    pub outcome: HistoryOutcome,
}

/// The list, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History(pub Vec<HistoryEntry>);

impl History {
    /// Adds `c` as an open request, unless it is already listed.
    pub fn shown(&mut self, c: &Challenge, now: i64) {
        if self.0.iter().any(|e| e.nonce == c.nonce) {
            return;
        }
        self.0.push(HistoryEntry {
            nonce: c.nonce.clone(),
            serial: c.serial.clone(),
            title: c.title.clone(),
            question: c.question.clone(),
            seen_at: now,
            settled_at: None,
            outcome: HistoryOutcome::Open,
        });
        let over = self.0.len().saturating_sub(MAX_HISTORY);
        self.0.drain(..over);
    }

    /// Settles the open request `nonce`; a settled one keeps its first outcome.
    pub fn settle(&mut self, nonce: &str, outcome: HistoryOutcome, now: i64) {
        if let Some(e) = self
            .0
            .iter_mut()
            .find(|e| e.nonce == nonce && e.outcome == HistoryOutcome::Open)
        {
            e.outcome = outcome;
            e.settled_at = Some(now);
        }
    }

    /// Marks open requests older than `validity` seconds expired; true when any changed.
    pub fn expire(&mut self, now: i64, validity: i64) -> bool {
        let mut changed = false;
        for e in &mut self.0 {
            if e.outcome == HistoryOutcome::Open && now.saturating_sub(e.seen_at) >= validity {
                e.outcome = HistoryOutcome::Expired;
                e.settled_at = Some(e.seen_at.saturating_add(validity));
                changed = true;
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::push::Capabilities;

    fn challenge(nonce: &str) -> Challenge {
        Challenge {
            nonce: nonce.into(),
            serial: "S".into(),
            title: "t".into(),
            question: "q".into(),
            options: None,
            server_asked_no_tls_verify: false,
            capabilities: Capabilities::default(),
        }
    }

    #[test]
    fn a_request_is_listed_once_and_settled_once() {
        let mut h = History::default();
        h.shown(&challenge("N1"), 100);
        h.shown(&challenge("N1"), 105);
        assert_eq!(h.0.len(), 1);
        h.settle("N1", HistoryOutcome::Blocked, 110);
        h.settle("N1", HistoryOutcome::Approved, 111);
        assert_eq!(h.0[0].outcome, HistoryOutcome::Blocked);
        assert_eq!(h.0[0].settled_at, Some(110));
    }

    #[test]
    fn unanswered_requests_expire_and_the_list_is_capped() {
        let mut h = History::default();
        for i in 0..(MAX_HISTORY + 5) {
            h.shown(&challenge(&format!("N{i}")), i64::try_from(i).unwrap());
        }
        assert_eq!(h.0.len(), MAX_HISTORY);
        assert_eq!(h.0[0].nonce, "N5");
        h.settle("N54", HistoryOutcome::Approved, 60);
        assert!(h.expire(10 + 120, 120));
        assert_eq!(h.0[0].outcome, HistoryOutcome::Expired);
        assert_eq!(h.0[0].settled_at, Some(125));
        assert_eq!(h.0[MAX_HISTORY - 1].outcome, HistoryOutcome::Approved);
        assert_eq!(h.0[MAX_HISTORY - 2].outcome, HistoryOutcome::Open);
        for code in 0..=5 {
            assert_eq!(
                HistoryOutcome::from_code(code).map(HistoryOutcome::code),
                Some(code)
            );
        }
        assert_eq!(HistoryOutcome::from_code(6), None);
    }
}

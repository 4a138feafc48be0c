//! The persisted replay cache (SEC-P4) and prompt-fatigue record (SEC-P8).
//!
//! For every nonce seen it keeps the wall-clock receipt time (so a challenge seen by one
//! process expires for the next one too) and whether it was answered (one pick per
//! challenge, SEC-P5). Entries stay until well after the server could still accept an
//! answer (validity + finalize grace), then go. Unwanted prompts ("this wasn't me" denials
//! and challenges left to expire) are kept per serial to mute a flood of prompts.

use super::history::History;
use std::collections::BTreeMap;

/// How long after first sight an entry is kept: server validity (120 s) plus the server's
/// finalize grace (300 s) plus margin.
pub const KEEP_SECS: i64 = 900;

/// What is known about one nonce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeenEntry {
    /// Wall-clock Unix time of first receipt on this device.
    pub first_seen: i64,
    /// Wall-clock Unix time of the (one) answer sent, if any.
    pub answered_at: Option<i64>,
}

/// The state a [`super::PushStore`] persists besides the tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplayCache {
    /// Nonce → entry.
    pub seen: BTreeMap<String, SeenEntry>,
    /// Serial → Unix times of unwanted prompts (denied as "not me", or left to expire).
    pub strikes: BTreeMap<String, Vec<i64>>,
    /// Nonce → serial of unanswered entries, to turn an expiry into a strike for its token.
    pub pending_serial: BTreeMap<String, String>,
    /// Recent requests and their outcomes (not pruned with the rest; capped on its own).
    pub history: History,
}

impl ReplayCache {
    /// Records the first receipt of `nonce` (no change if already known); returns the entry.
    pub fn observe(&mut self, nonce: &str, serial: &str, now: i64) -> SeenEntry {
        if !self.seen.contains_key(nonce) {
            self.pending_serial
                .insert(nonce.to_owned(), serial.to_owned());
        }
        *self.seen.entry(nonce.to_owned()).or_insert(SeenEntry {
            first_seen: now,
            answered_at: None,
        })
    }

    /// True when an answer for `nonce` was already sent.
    pub fn is_answered(&self, nonce: &str) -> bool {
        self.seen
            .get(nonce)
            .is_some_and(|e| e.answered_at.is_some())
    }

    /// Marks `nonce` answered. Called and persisted *before* the answer is sent, so that a
    /// crash between the two cannot yield a second pick.
    pub fn mark_answered(&mut self, nonce: &str, now: i64) {
        let entry = self.seen.entry(nonce.to_owned()).or_insert(SeenEntry {
            first_seen: now,
            answered_at: None,
        });
        entry.answered_at = Some(now);
        self.pending_serial.remove(nonce);
    }

    /// Keeps the answered marks of `stored` (what another writer saved meanwhile) that this
    /// cache lacks, so that saving never revives a nonce for a second pick. Entries older
    /// than [`KEEP_SECS`] before this cache's newest entry are left out.
    pub fn merge_answered_from(&mut self, stored: &ReplayCache) {
        let newest = self
            .seen
            .values()
            .map(|e| e.first_seen)
            .max()
            .unwrap_or(i64::MIN);
        for (nonce, theirs) in &stored.seen {
            let Some(answered) = theirs.answered_at else {
                continue;
            };
            match self.seen.get_mut(nonce) {
                Some(ours) => {
                    ours.first_seen = ours.first_seen.min(theirs.first_seen);
                    ours.answered_at.get_or_insert(answered);
                }
                None if newest.saturating_sub(theirs.first_seen) <= KEEP_SECS => {
                    self.seen.insert(nonce.clone(), *theirs);
                }
                None => {}
            }
            self.pending_serial.remove(nonce);
        }
    }

    /// Adds an unwanted-prompt strike for `serial`.
    pub fn strike(&mut self, serial: &str, now: i64) {
        self.strikes.entry(serial.to_owned()).or_default().push(now);
    }

    /// Strikes for `serial` within `window` seconds before `now`.
    pub fn recent_strikes(&self, serial: &str, now: i64, window: i64) -> usize {
        self.strikes.get(serial).map_or(0, |v| {
            v.iter().filter(|&&t| t <= now && now - t < window).count()
        })
    }

    /// Drops entries older than [`KEEP_SECS`]; unanswered challenges past `validity` become
    /// strikes. Strikes older than `window` go. Returns true when anything changed.
    pub fn prune(&mut self, now: i64, validity: i64, window: i64) -> bool {
        let mut changed = false;
        let expired: Vec<String> = self
            .pending_serial
            .keys()
            .filter(|n| {
                self.seen
                    .get(*n)
                    .is_some_and(|e| now - e.first_seen > validity)
            })
            .cloned()
            .collect();
        for nonce in expired {
            if let Some(serial) = self.pending_serial.remove(&nonce) {
                let first = self.seen.get(&nonce).map_or(now, |e| e.first_seen);
                self.strike(&serial, first.saturating_add(validity));
                changed = true;
            }
        }
        let before = self.seen.len();
        // A first_seen in the future means the wall clock went back: keep the entry.
        self.seen.retain(|_, e| now - e.first_seen <= KEEP_SECS);
        changed |= before != self.seen.len();
        for times in self.strikes.values_mut() {
            let n = times.len();
            times.retain(|&t| now - t < window);
            changed |= n != times.len();
        }
        self.strikes.retain(|_, v| !v.is_empty());
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answered_nonces_are_remembered() {
        // SEC-P4
        let mut c = ReplayCache::default();
        assert_eq!(c.observe("N1", "S", 100).first_seen, 100);
        assert_eq!(c.observe("N1", "S", 150).first_seen, 100);
        assert!(!c.is_answered("N1"));
        c.mark_answered("N1", 110);
        assert!(c.is_answered("N1"));
        c.prune(100 + KEEP_SECS, 120, 900);
        assert!(c.is_answered("N1"));
        c.prune(101 + KEEP_SECS, 120, 900);
        assert!(!c.is_answered("N1"));
    }

    #[test]
    fn saving_a_stale_copy_keeps_answered_marks() {
        // SEC-P5 across processes: B polled before A answered, then saves its copy.
        let mut a = ReplayCache::default();
        a.observe("N1", "S", 100);
        let mut b = a.clone();
        a.mark_answered("N1", 101);
        a.observe("N0", "S", 50);
        a.mark_answered("N0", 51);
        b.observe("N2", "S", 102);
        b.merge_answered_from(&a);
        assert!(b.is_answered("N1") && b.is_answered("N0") && !b.is_answered("N2"));
        assert!(!b.pending_serial.contains_key("N1"));
        let mut fresh = ReplayCache::default();
        fresh.observe("N9", "S", 100 + KEEP_SECS + 1);
        fresh.merge_answered_from(&a);
        assert!(!fresh.seen.contains_key("N0") && !fresh.seen.contains_key("N1"));
    }

    #[test]
    fn expired_unanswered_prompts_become_strikes() {
        // SEC-P8
        let mut c = ReplayCache::default();
        c.observe("A", "S", 0);
        c.observe("B", "S", 10);
        c.mark_answered("B", 11);
        assert!(c.prune(200, 120, 900));
        assert_eq!(c.recent_strikes("S", 200, 900), 1);
        assert_eq!(c.recent_strikes("S", 2000, 900), 0);
        c.prune(2000, 120, 900);
        assert!(c.strikes.is_empty());
    }
}

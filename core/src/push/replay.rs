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
///
/// Equality compares the persisted state only.
#[derive(Debug, Clone, Default)]
pub struct ReplayCache {
    /// Nonce → entry.
    pub seen: BTreeMap<String, SeenEntry>,
    /// Serial → Unix times of unwanted prompts (denied as "not me", or left to expire).
    pub strikes: BTreeMap<String, Vec<i64>>,
    /// Nonce → serial of unanswered entries, to turn an expiry into a strike for its token.
    pub pending_serial: BTreeMap<String, String>,
    /// Strikes at or before this time were dropped by [`ReplayCache::prune`] in this copy.
    /// In memory only: it stops [`ReplayCache::merge_from`] from bringing them back from
    /// the store, so that expired strikes can leave the store at all.
    strikes_dropped_through: Option<i64>,
    /// Recent requests and their outcomes (not pruned with the rest; capped on its own).
    pub history: History,
}

impl PartialEq for ReplayCache {
    fn eq(&self, other: &Self) -> bool {
        self.seen == other.seen
            && self.strikes == other.strikes
            && self.pending_serial == other.pending_serial
            && self.history == other.history
    }
}

impl Eq for ReplayCache {}

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

    /// Merges what another writer saved meanwhile (`stored`) into this copy before it is
    /// saved, so that saving a stale copy loses nothing that matters:
    /// - answered marks: never dropped, so no nonce is revived for a second pick (SEC-P5);
    ///   entries older than [`KEEP_SECS`] before this cache's newest entry are left out;
    /// - strikes: the union per serial (SEC-P8), so a "not me" denial made by one process
    ///   (`inkan push answer`) still mutes the token in another (`inkan push watch`). A
    ///   strike both copies hold counts once; strikes this copy pruned stay out.
    pub fn merge_from(&mut self, stored: &ReplayCache) {
        self.merge_answered(stored);
        self.merge_strikes(stored);
    }

    fn merge_strikes(&mut self, stored: &ReplayCache) {
        let floor = self.strikes_dropped_through;
        for (serial, theirs) in &stored.strikes {
            let ours = self.strikes.entry(serial.clone()).or_default();
            // Each strike time with how many times it occurs: ours, then theirs.
            let mut counts: BTreeMap<i64, (usize, usize)> = BTreeMap::new();
            for &t in ours.iter() {
                counts.entry(t).or_default().0 += 1;
            }
            for &t in theirs.iter().filter(|&&t| floor.is_none_or(|f| t > f)) {
                counts.entry(t).or_default().1 += 1;
            }
            // Both copies descend from one stored state: a strike in both is one strike,
            // so each time counts as often as in the copy that has it most often.
            *ours = counts
                .into_iter()
                .flat_map(|(t, (a, b))| std::iter::repeat_n(t, a.max(b)))
                .collect();
            if ours.is_empty() {
                self.strikes.remove(serial);
            }
        }
    }

    fn merge_answered(&mut self, stored: &ReplayCache) {
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
        let dropped_through = now.saturating_sub(window);
        self.strikes_dropped_through = Some(
            self.strikes_dropped_through
                .map_or(dropped_through, |f| f.max(dropped_through)),
        );
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
        b.merge_from(&a);
        assert!(b.is_answered("N1") && b.is_answered("N0") && !b.is_answered("N2"));
        assert!(!b.pending_serial.contains_key("N1"));
        let mut fresh = ReplayCache::default();
        fresh.observe("N9", "S", 100 + KEEP_SECS + 1);
        fresh.merge_from(&a);
        assert!(!fresh.seen.contains_key("N0") && !fresh.seen.contains_key("N1"));
    }

    #[test]
    fn saving_a_stale_copy_keeps_strikes_made_elsewhere() {
        // SEC-P8 across processes: `answer` strikes, `watch` saves the copy it had before.
        let mut stored = ReplayCache::default();
        stored.strike("S", 90);
        let mut watch = stored.clone();
        let mut answer = stored.clone();
        answer.strike("S", 100);
        answer.strike("T", 100);
        watch.strike("S", 95);
        watch.merge_from(&answer);
        // The strike both copies had counts once; each new one counts.
        assert_eq!(watch.strikes.get("S"), Some(&vec![90, 95, 100]));
        assert_eq!(watch.recent_strikes("T", 100, 900), 1);
        // Merging the same copy again adds nothing.
        let once = watch.clone();
        watch.merge_from(&answer);
        assert_eq!(watch, once);
    }

    #[test]
    fn pruned_strikes_are_not_merged_back() {
        // SEC-P8: a strike past the window leaves the store even though an older copy of
        // the store still holds it.
        let mut stored = ReplayCache::default();
        stored.strike("S", 10);
        stored.strike("S", 950);
        let mut copy = stored.clone();
        assert!(copy.prune(1000, 120, 900));
        copy.merge_from(&stored);
        assert_eq!(copy.strikes.get("S"), Some(&vec![950]));
        let mut stale = stored.clone();
        stale.merge_from(&copy);
        assert_eq!(stale.strikes.get("S"), Some(&vec![10, 950]));
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

//! HOTP look-ahead resynchronisation (RFC 4226 section 7.4): when the stored counter fell
//! behind the token's (codes generated elsewhere, or lost), the user enters two consecutive
//! codes and the counter is searched for, instead of guessed.

use super::{hotp, Algorithm};

/// How far ahead of the stored counter the search goes by default.
pub const LOOK_AHEAD: u64 = 100;

/// The counter to store after `first` and `second`, two consecutive codes the token showed:
/// `c + 2` for the first `c` in `from..=from + look_ahead` whose codes are `first` then
/// `second`; `None` when no such `c` exists (nothing changes then). Two codes must match,
/// so a single lucky 6-digit code within the window cannot move the counter.
pub fn resync(
    secret: &[u8],
    algorithm: Algorithm,
    digits: u8,
    from: u64,
    look_ahead: u64,
    first: &str,
    second: &str,
) -> Option<u64> {
    let (first, second) = (first.trim(), second.trim());
    let wanted = usize::from(digits);
    if first.len() != wanted || second.len() != wanted {
        return None;
    }
    let last = from.checked_add(look_ahead)?;
    let mut next = hotp::code(secret, algorithm, digits, from);
    for c in from..=last {
        let this = next;
        next = hotp::code(secret, algorithm, digits, c.checked_add(1)?);
        if this == first && next == second {
            return c.checked_add(2);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 4226 Appendix D: counters 0..9.
    const SECRET: &[u8] = b"12345678901234567890";
    const CODES: [&str; 10] = [
        "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
        "520489",
    ];

    fn find(from: u64, ahead: u64, a: &str, b: &str) -> Option<u64> {
        resync(SECRET, Algorithm::Sha1, 6, from, ahead, a, b)
    }

    #[test]
    fn two_consecutive_codes_give_the_counter_after_them() {
        assert_eq!(find(0, LOOK_AHEAD, CODES[5], CODES[6]), Some(7));
        assert_eq!(find(0, LOOK_AHEAD, CODES[0], CODES[1]), Some(2));
        assert_eq!(find(3, LOOK_AHEAD, " 162583 ", "399871"), Some(9));
    }

    #[test]
    fn codes_out_of_order_behind_or_beyond_the_window_find_nothing() {
        assert_eq!(find(0, LOOK_AHEAD, CODES[6], CODES[5]), None);
        assert_eq!(find(0, LOOK_AHEAD, CODES[5], CODES[7]), None);
        assert_eq!(find(6, LOOK_AHEAD, CODES[5], CODES[6]), None);
        assert_eq!(find(0, 4, CODES[5], CODES[6]), None);
        assert_eq!(find(0, 5, CODES[5], CODES[6]), Some(7));
        assert_eq!(find(0, LOOK_AHEAD, "25467", "287922"), None);
        assert_eq!(find(u64::MAX - 1, LOOK_AHEAD, CODES[5], CODES[6]), None);
    }

    #[test]
    fn a_counter_far_ahead_is_found_up_to_the_look_ahead() {
        let at = 1_000 + LOOK_AHEAD;
        let a = hotp::code(SECRET, Algorithm::Sha1, 6, at);
        let b = hotp::code(SECRET, Algorithm::Sha1, 6, at + 1);
        assert_eq!(find(1_000, LOOK_AHEAD, &a, &b), Some(at + 2));
        assert_eq!(find(999, LOOK_AHEAD, &a, &b), None);
    }
}

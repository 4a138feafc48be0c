//! How far this device's clock is from the servers' (issue 17, "time that users can trust"):
//! an offset measured from an HTTP `Date` header, bounded before it may move any code.
//!
//! A TOTP code is only as right as the clock. The offset comes from servers inkan talks to
//! anyway (push polls) or one the user names; it is applied to codes only within the bound
//! the user allows (default ±5 min) — beyond that only when the user says so — and never
//! when it is beyond [`IMPLAUSIBLE_S`]: such a `Date` is ignored and reported.

use crate::clock::Clock;
use crate::push::wire::parse_http_date;

/// Largest offset applied without asking (the user may change it).
pub const DEFAULT_BOUND_S: i64 = 300;
/// Offsets above this are worth a line in the code list.
pub const NOTICE_OVER_S: i64 = 15;
/// A server whose clock is further off than this is broken, not a reference: ignored.
pub const IMPLAUSIBLE_S: i64 = 366 * 86_400;

/// One measurement: server time minus device time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeOffset {
    /// Seconds to add to this device's clock.
    pub offset_s: i64,
    /// Where it came from (host of the server, or the time source the user named).
    pub source: String,
    /// Device Unix time of the measurement (its age is `now - measured_at`).
    pub measured_at: i64,
}

/// Why a measurement is not used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OffsetError {
    /// The response had no `Date`, or one that does not parse.
    #[error("{0} sent no usable Date header")]
    NoDate(String),
    /// The server's clock is implausibly far off: ignored.
    #[error("{server} says the time is {offset_s} s away from this device's: ignored as wrong")]
    Implausible {
        /// The server.
        server: String,
        /// What it claimed.
        offset_s: i64,
    },
    /// Over the bound the user allows: applied only when the user confirms.
    #[error("this device's clock differs from {server} by {offset_s} s, more than the ±{bound_s} s allowed without asking")]
    NeedsConsent {
        /// The server.
        server: String,
        /// The offset.
        offset_s: i64,
        /// The bound in force.
        bound_s: i64,
    },
}

/// Measures the offset from a response's `Date` header; `sent_at` and `received_at` are the
/// device times around the request (the server's second is taken as their midpoint).
pub fn measure(
    date: Option<&str>,
    sent_at: i64,
    received_at: i64,
    source: &str,
) -> Result<TimeOffset, OffsetError> {
    let server =
        parse_http_date(date.unwrap_or_default()).ok_or(OffsetError::NoDate(source.into()))?;
    let local = sent_at.midpoint(received_at);
    let offset_s = server.saturating_sub(local);
    if offset_s.saturating_abs() > IMPLAUSIBLE_S {
        return Err(OffsetError::Implausible {
            server: source.into(),
            offset_s,
        });
    }
    Ok(TimeOffset {
        offset_s,
        source: source.into(),
        measured_at: received_at,
    })
}

impl TimeOffset {
    /// The offset to apply: within `bound_s`, or beyond it when the user `consented`.
    pub fn to_apply(&self, bound_s: i64, consented: bool) -> Result<i64, OffsetError> {
        if self.offset_s.saturating_abs() <= bound_s || consented {
            Ok(self.offset_s)
        } else {
            Err(OffsetError::NeedsConsent {
                server: self.source.clone(),
                offset_s: self.offset_s,
                bound_s,
            })
        }
    }

    /// True when the offset is large enough to tell the user about.
    pub fn noticeable(&self) -> bool {
        self.offset_s.saturating_abs() > NOTICE_OVER_S
    }
}

/// A clock corrected by an applied offset.
pub struct CorrectedClock<C: Clock> {
    /// The device clock.
    pub inner: C,
    /// Seconds added to it.
    pub offset_s: i64,
}

impl<C: Clock> Clock for CorrectedClock<C> {
    fn now_unix(&self) -> i64 {
        self.inner.now_unix().saturating_add(self.offset_s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::otp::totp;

    const REAL: i64 = 1_796_800_000; // 2026-12-08
    const SECRET: &[u8] = b"12345678901234567890";

    /// The IMF-fixdate a server sends for `unix` (httpdate checks the weekday too).
    fn http_date(unix: i64) -> String {
        let secs = u64::try_from(unix).unwrap();
        httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
    }

    fn totp_at(clock: &dyn Clock) -> String {
        let step = totp::step(u64::try_from(clock.now_unix()).unwrap(), 30);
        crate::otp::hotp::code(SECRET, crate::otp::Algorithm::Sha1, 6, step)
    }

    #[test]
    fn a_device_a_day_behind_gives_right_codes_with_a_right_date_once_the_user_agrees() {
        let device = FixedClock::new(REAL - 86_400);
        let now = device.now_unix();
        let m = measure(Some(&http_date(REAL)), now, now + 1, "pi.example").unwrap();
        assert_eq!(m.offset_s, 86_400);
        assert!(m.noticeable());
        // A day is far over ±5 min: not applied without asking, …
        assert!(matches!(
            m.to_apply(DEFAULT_BOUND_S, false),
            Err(OffsetError::NeedsConsent {
                offset_s: 86_400,
                ..
            })
        ));
        // … applied once the user agrees ("use corrected time").
        let corrected = CorrectedClock {
            inner: device,
            offset_s: m.to_apply(DEFAULT_BOUND_S, true).unwrap(),
        };
        assert_eq!(totp_at(&corrected), totp_at(&FixedClock::new(REAL)));
        assert_ne!(totp_at(&corrected.inner), totp_at(&FixedClock::new(REAL)));
    }

    #[test]
    fn a_small_offset_is_applied_without_asking() {
        let m = measure(Some(&http_date(REAL + 40)), REAL, REAL, "pi.example").unwrap();
        assert_eq!(m.to_apply(DEFAULT_BOUND_S, false), Ok(40));
        let m = measure(Some(&http_date(REAL + 10)), REAL, REAL, "pi.example").unwrap();
        assert!(!m.noticeable());
    }

    #[test]
    fn a_wildly_wrong_or_missing_date_is_ignored_and_reported() {
        let far = REAL + 80 * 365 * 86_400; // a server that thinks it is 2106
        let e = measure(Some(&http_date(far)), REAL, REAL, "bad.example").unwrap_err();
        assert!(matches!(e, OffsetError::Implausible { .. }), "{e:?}");
        assert!(e.to_string().contains("bad.example"));
        assert!(measure(Some("yesterday"), REAL, REAL, "x").is_err());
        assert_eq!(
            measure(None, REAL, REAL, "x"),
            Err(OffsetError::NoDate("x".into()))
        );
    }
}

//! The code an account shows at a given instant, with its validity window.

use super::{hotp, steam, totp};
use crate::account::{Account, OtpKind};

/// A generated code and when it stops being valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// What the user types: digits, or Steam's characters.
    pub text: String,
    /// For time-based codes, the Unix second the code became valid.
    pub valid_from: Option<u64>,
    /// For time-based codes, the Unix second the next code takes over (exclusive end).
    pub valid_until: Option<u64>,
}

impl Code {
    /// Seconds left until the next code at `now`; `None` for HOTP. 0 when `now` is outside
    /// this code's period: the clock jumped (back before it, or past its end) since the code
    /// was made, so the countdown must not run from it and a new code is due.
    pub fn remaining(&self, now: u64) -> Option<u64> {
        let (from, until) = (self.valid_from?, self.valid_until?);
        Some(if (from..until).contains(&now) {
            until - now
        } else {
            0
        })
    }
}

/// Why no code could be generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OtpError {
    /// A time before 1970: the device clock is wrong.
    #[error("the time {0} is before 1970; check the device clock")]
    TimeBeforeEpoch(i64),
}

/// The code `account` shows at `unix_seconds`. HOTP uses the account's current counter
/// and ignores the time; advancing the counter is the vault's job (it persists first).
pub fn generate(account: &Account, unix_seconds: i64) -> Result<Code, OtpError> {
    let secret = account.secret.expose();
    let time_based = |period: u32| -> Result<(u64, (u64, u64)), OtpError> {
        let now =
            u64::try_from(unix_seconds).map_err(|_| OtpError::TimeBeforeEpoch(unix_seconds))?;
        Ok((totp::step(now, period), totp::window(now, period)))
    };
    let (text, window) = match account.kind {
        OtpKind::Hotp { counter } => (
            hotp::code(secret, account.algorithm, account.digits, counter),
            None,
        ),
        OtpKind::Totp { period } => {
            let (step, window) = time_based(period)?;
            (
                hotp::code(secret, account.algorithm, account.digits, step),
                Some(window),
            )
        }
        OtpKind::Steam => {
            let (step, window) = time_based(crate::account::STEAM_PERIOD)?;
            (steam::code(secret, step), Some(window))
        }
    };
    Ok(Code {
        text,
        valid_from: window.map(|w| w.0),
        valid_until: window.map(|w| w.1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{secret::SecretBytes, Algorithm};

    fn rfc6238(alg: Algorithm) -> Account {
        let seed: &[u8] = match alg {
            Algorithm::Sha1 => b"12345678901234567890",
            Algorithm::Sha256 => b"12345678901234567890123456789012",
            Algorithm::Sha512 => {
                b"1234567890123456789012345678901234567890123456789012345678901234"
            }
        };
        Account::new(
            None,
            "rfc".into(),
            SecretBytes::new(seed.to_vec()),
            alg,
            8,
            OtpKind::Totp { period: 30 },
        )
        .unwrap()
    }

    #[test]
    fn rfc6238_appendix_b() {
        let table: [(i64, &str, &str, &str); 6] = [
            (59, "94287082", "46119246", "90693936"),
            (1111111109, "07081804", "68084774", "25091201"),
            (1111111111, "14050471", "67062674", "99943326"),
            (1234567890, "89005924", "91819424", "93441116"),
            (2000000000, "69279037", "90698825", "38618901"),
            (20000000000, "65353130", "77737706", "47863826"),
        ];
        for (t, sha1, sha256, sha512) in table {
            for (alg, want) in [
                (Algorithm::Sha1, sha1),
                (Algorithm::Sha256, sha256),
                (Algorithm::Sha512, sha512),
            ] {
                assert_eq!(
                    generate(&rfc6238(alg), t).unwrap().text,
                    want,
                    "{alg:?} at {t}"
                );
            }
        }
    }

    #[test]
    fn countdown_and_bad_clock() {
        let a = rfc6238(Algorithm::Sha1);
        let c = generate(&a, 59).unwrap();
        assert_eq!(
            (c.valid_from, c.valid_until, c.remaining(59)),
            (Some(30), Some(60), Some(1))
        );
        assert_eq!(generate(&a, -1), Err(OtpError::TimeBeforeEpoch(-1)));
        // Year 10000 still works (64-bit time).
        assert!(generate(&a, 253_402_300_800).is_ok());
    }

    #[test]
    fn a_clock_jump_during_a_countdown_ends_it() {
        // bad input, clock: "clock jumps during a countdown" — a code made at 59 (valid 30..60)
        // whose clock then moves back an hour or forward a day shows no countdown of 3,601 s
        // or a stale code: 0 left, so the caller makes a new one for the new time.
        let a = rfc6238(Algorithm::Sha1);
        let c = generate(&a, 59).unwrap();
        assert_eq!(c.remaining(59), Some(1));
        assert_eq!(c.remaining(30), Some(30));
        assert_eq!(c.remaining(29), Some(0));
        assert_eq!(c.remaining(0), Some(0));
        assert_eq!(c.remaining(60), Some(0));
        assert_eq!(c.remaining(86_459), Some(0));
        let fresh = generate(&a, 86_459).unwrap();
        assert_eq!(fresh.remaining(86_459), Some(1));
        assert_ne!(fresh.text, c.text);
    }
}

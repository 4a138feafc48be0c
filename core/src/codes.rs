//! Codes for a list of accounts at one instant: what an account list screen shows.
//!
//! Owns the "codes at time T" view (code text plus the countdown). It does not read a
//! clock: callers pass the instant (a `Clock` value read once per refresh), so one refresh
//! shows codes and countdowns from the same second (RFC 6238 §4.2: T is computed once).

use crate::account::Account;
use crate::otp::{generate, Code, OtpError};

/// One account's code at an instant, with the seconds left until it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeAt {
    /// The code and its validity window.
    pub code: Code,
    /// Seconds until the next code takes over; `None` for HOTP (no time window).
    pub remaining: Option<u64>,
}

/// The code `account` shows at `unix_seconds`, with its countdown.
pub fn code_at(account: &Account, unix_seconds: i64) -> Result<CodeAt, OtpError> {
    let code = generate(account, unix_seconds)?;
    // Only HOTP codes get here with a negative time (TOTP refuses it), and they have no window.
    let remaining = u64::try_from(unix_seconds)
        .ok()
        .and_then(|now| code.remaining(now));
    Ok(CodeAt { code, remaining })
}

/// Codes of every account at the same instant, in input order. Fails as a whole when the
/// instant is before 1970: the device clock is wrong and no time-based code would be right.
pub fn codes_at<'a, I>(accounts: I, unix_seconds: i64) -> Result<Vec<CodeAt>, OtpError>
where
    I: IntoIterator<Item = &'a Account>,
{
    accounts
        .into_iter()
        .map(|account| code_at(account, unix_seconds))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Algorithm, OtpKind, SecretBytes};

    fn account(kind: OtpKind) -> Account {
        let seed = SecretBytes::new(b"12345678901234567890".to_vec());
        Account::new(None, "rfc".into(), seed, Algorithm::Sha1, 8, kind).unwrap()
    }

    #[test]
    fn codes_share_one_instant() {
        let list = [
            account(OtpKind::Totp { period: 30 }),
            account(OtpKind::Hotp { counter: 1 }),
        ];
        let codes = codes_at(&list, 59).unwrap();
        assert_eq!(codes[0].code.text, "94287082");
        assert_eq!(codes[0].remaining, Some(1));
        // RFC 4226 appendix D, counter 1, truncated to 8 digits.
        assert_eq!(codes[1].code.text, "94287082");
        assert_eq!(codes[1].remaining, None);
    }

    #[test]
    fn time_before_epoch_fails_the_list() {
        let list = [account(OtpKind::Totp { period: 30 })];
        assert_eq!(codes_at(&list, -5), Err(OtpError::TimeBeforeEpoch(-5)));
        let hotp = account(OtpKind::Hotp { counter: 0 });
        assert_eq!(code_at(&hotp, -5).unwrap().remaining, None);
    }

    #[test]
    fn empty_list_is_fine() {
        assert_eq!(codes_at(std::iter::empty(), 0), Ok(Vec::new()));
    }
}

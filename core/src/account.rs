//! `Account`: one enrolled OTP credential, whatever it was imported from.
//!
//! Variant data lives in `OtpKind`; the secret is a `SecretBytes`. Issuer and account name
//! are kept as given (trimmed), and `same_identity` is what duplicate detection compares.

use crate::otp::Algorithm;
use crate::secret::SecretBytes;

/// What kind of code an account produces, with the data only that kind has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtpKind {
    /// RFC 6238 time-based codes with a step of `period` seconds (≥ 1).
    Totp {
        /// Seconds per code.
        period: u32,
    },
    /// RFC 4226 counter-based codes; `counter` is the value the next code uses.
    Hotp {
        /// Moving factor for the next code.
        counter: u64,
    },
    /// Steam Guard: TOTP with SHA1, a 30 s step and 5 characters from Steam's alphabet.
    Steam,
}

impl OtpKind {
    /// Lowercase name used in URIs and JSON: `totp`, `hotp`, `steam`.
    pub fn name(&self) -> &'static str {
        match self {
            OtpKind::Totp { .. } => "totp",
            OtpKind::Hotp { .. } => "hotp",
            OtpKind::Steam => "steam",
        }
    }
}

/// Steam codes always use this period, algorithm and length.
pub const STEAM_PERIOD: u32 = 30;
/// Number of characters of a Steam Guard code.
pub const STEAM_DIGITS: u8 = 5;

/// One OTP credential. Fields are public for reading; construct through `Account::new`
/// so that the digit and period bounds hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Service name (`GitHub`), if known.
    pub issuer: Option<String>,
    /// Account name at the service (`alice@example.com`); may be empty.
    pub name: String,
    /// The shared seed.
    pub secret: SecretBytes,
    /// HMAC algorithm (always SHA1 for Steam).
    pub algorithm: Algorithm,
    /// Code length: 6–10 for TOTP/HOTP, 5 for Steam.
    pub digits: u8,
    /// Kind and kind-specific data.
    pub kind: OtpKind,
}

/// Why values do not make a valid account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// Digits outside 6..=10 for TOTP/HOTP.
    #[error("digits must be 6 to 10, got {0}")]
    Digits(u8),
    /// A TOTP period of zero.
    #[error("period must be at least 1 second")]
    Period,
    /// An empty secret.
    #[error("the secret is empty")]
    EmptySecret,
}

/// Smallest and largest accepted code lengths for TOTP/HOTP.
pub const DIGITS_RANGE: std::ops::RangeInclusive<u8> = 6..=10;

impl Account {
    /// Builds an account, enforcing the bounds every code generator relies on.
    /// For Steam, `algorithm` and `digits` are forced to SHA1 and 5.
    pub fn new(
        issuer: Option<String>,
        name: String,
        secret: SecretBytes,
        algorithm: Algorithm,
        digits: u8,
        kind: OtpKind,
    ) -> Result<Self, AccountError> {
        if secret.is_empty() {
            return Err(AccountError::EmptySecret);
        }
        let (algorithm, digits) = match kind {
            OtpKind::Steam => (Algorithm::Sha1, STEAM_DIGITS),
            OtpKind::Totp { period } => {
                if period == 0 {
                    return Err(AccountError::Period);
                }
                (algorithm, digits)
            }
            OtpKind::Hotp { .. } => (algorithm, digits),
        };
        if !matches!(kind, OtpKind::Steam) && !DIGITS_RANGE.contains(&digits) {
            return Err(AccountError::Digits(digits));
        }
        let issuer = issuer
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty());
        Ok(Self {
            issuer,
            name: name.trim().to_owned(),
            secret,
            algorithm,
            digits,
            kind,
        })
    }

    /// Seconds per code for time-based kinds; `None` for HOTP.
    pub fn period(&self) -> Option<u32> {
        match self.kind {
            OtpKind::Totp { period } => Some(period),
            OtpKind::Steam => Some(STEAM_PERIOD),
            OtpKind::Hotp { .. } => None,
        }
    }

    /// HOTP counter; `None` for time-based kinds.
    pub fn counter(&self) -> Option<u64> {
        match self.kind {
            OtpKind::Hotp { counter } => Some(counter),
            _ => None,
        }
    }

    /// True when both name the same issuer and account (case-insensitive issuer,
    /// exact account). Used to detect a re-scan of an existing account.
    pub fn same_identity(&self, other: &Account) -> bool {
        // Names first: they rarely match, and the issuer comparison allocates (adding 10,000
        // accounts compares each with every earlier one).
        let issuer = |a: &Account| a.issuer.as_deref().map(str::to_lowercase);
        self.name == other.name && issuer(self) == issuer(other)
    }

    /// Display label: `Issuer (account)`, or whichever of the two exists.
    pub fn label(&self) -> String {
        match (&self.issuer, self.name.is_empty()) {
            (Some(i), false) => format!("{i} ({})", self.name),
            (Some(i), true) => i.clone(),
            (None, _) => self.name.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> SecretBytes {
        SecretBytes::new(b"12345678901234567890".to_vec())
    }

    #[test]
    fn bounds_are_enforced() {
        let mk =
            |digits, kind| Account::new(None, "a".into(), secret(), Algorithm::Sha1, digits, kind);
        assert_eq!(
            mk(5, OtpKind::Totp { period: 30 }).unwrap_err(),
            AccountError::Digits(5)
        );
        assert_eq!(
            mk(11, OtpKind::Hotp { counter: 0 }).unwrap_err(),
            AccountError::Digits(11)
        );
        assert_eq!(
            mk(6, OtpKind::Totp { period: 0 }).unwrap_err(),
            AccountError::Period
        );
        let steam = mk(8, OtpKind::Steam).unwrap();
        assert_eq!((steam.digits, steam.algorithm), (5, Algorithm::Sha1));
    }

    #[test]
    fn debug_hides_secret() {
        // SEC-V5
        let a = Account::new(
            Some("X".into()),
            "a".into(),
            SecretBytes::new(b"TOPSECRETVALUE".to_vec()),
            Algorithm::Sha1,
            6,
            OtpKind::Totp { period: 30 },
        )
        .unwrap();
        let shown = format!("{a:?}");
        assert!(!shown.contains("TOPSECRETVALUE"));
        assert!(!shown.contains(&crate::base32::encode(b"TOPSECRETVALUE")));
    }
}

//! Why a URI was refused. Variants name the part that is wrong, never its value: a URI
//! carries the secret, so no part of it is echoed back.

/// A refused `otpauth://` or `steam://` URI.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UriError {
    /// Longer than the limit (bytes).
    #[error("input is too large ({size} bytes; the limit is {limit})")]
    TooLarge {
        /// Input size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not of the form `scheme://…` at all.
    #[error("not a URI: expected something like otpauth://totp/Issuer:account?secret=…")]
    NotUri,
    /// A scheme other than otpauth/steam.
    #[error("unsupported scheme: expected otpauth:// or steam://")]
    BadScheme,
    /// An OTP type other than totp/hotp/steam.
    #[error("unsupported OTP type: expected totp, hotp or steam")]
    BadType,
    /// Percent-decoding gave bytes that are not UTF-8, or a control character.
    #[error("the {part} is not valid text (bad UTF-8 or a control character)")]
    BadEncoding {
        /// `label` or the parameter name.
        part: &'static str,
    },
    /// A known parameter appears twice.
    #[error("the parameter '{0}' appears more than once")]
    DuplicateParam(&'static str),
    /// No `secret` parameter.
    #[error("the secret parameter is missing")]
    MissingSecret,
    /// `secret=` with nothing in it.
    #[error("the secret is empty")]
    EmptySecret,
    /// The secret is not base32.
    #[error("the secret is not valid base32 (character {offset}; allowed: A-Z and 2-7)")]
    BadSecret {
        /// Offset of the first bad character, after spaces were removed.
        offset: usize,
    },
    /// Unsupported algorithm.
    #[error("unsupported algorithm: expected SHA1, SHA256 or SHA512")]
    BadAlgorithm,
    /// Digits outside 6..=10.
    #[error("digits must be a number from 6 to 10")]
    BadDigits,
    /// Period not a positive number of seconds within bounds.
    #[error("period must be a whole number of seconds from 1 to {max}")]
    BadPeriod {
        /// Largest accepted period.
        max: u32,
    },
    /// HOTP without counter.
    #[error("an HOTP URI needs a counter parameter")]
    MissingCounter,
    /// Counter not a decimal 0..2^64-1.
    #[error("counter must be a whole number from 0 to 18446744073709551615")]
    BadCounter,
}

impl UriError {
    /// The error class used by the shared test vectors (`bad-secret`, …).
    pub fn class(&self) -> &'static str {
        match self {
            UriError::TooLarge { .. } => "too-large",
            UriError::NotUri => "not-uri",
            UriError::BadScheme => "bad-scheme",
            UriError::BadType => "bad-type",
            UriError::BadEncoding { .. } => "bad-encoding",
            UriError::DuplicateParam(_) => "duplicate-param",
            UriError::MissingSecret => "missing-secret",
            UriError::EmptySecret => "empty-secret",
            UriError::BadSecret { .. } => "bad-secret",
            UriError::BadAlgorithm => "bad-algorithm",
            UriError::BadDigits => "bad-digits",
            UriError::BadPeriod { .. } => "bad-period",
            UriError::MissingCounter => "missing-counter",
            UriError::BadCounter => "bad-counter",
        }
    }
}

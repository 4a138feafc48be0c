//! Migration errors: whole-URI failures and per-item skips. Never carry secrets or `data`.

/// The whole migration URI is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrationError {
    /// Longer than the URI limit.
    #[error("input is too large ({size} bytes; the limit is {limit})")]
    TooLarge {
        /// Input size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not `otpauth-migration://offline?...`.
    #[error("not a Google Authenticator export (expected otpauth-migration://offline?data=…)")]
    BadScheme,
    /// No `data` parameter, or an empty one.
    #[error("the export has no data parameter")]
    MissingData,
    /// `data` is not base64.
    #[error("the export data is not valid base64")]
    BadBase64,
    /// The protobuf is malformed.
    #[error("the export data is damaged: {reason} at byte {offset}")]
    BadProtobuf {
        /// What is wrong.
        reason: &'static str,
        /// Byte offset in the decoded payload.
        offset: usize,
    },
    /// More items than we accept in one export.
    #[error("the export holds more than {limit} accounts")]
    TooManyItems {
        /// The limit.
        limit: usize,
    },
    /// Every item was skipped, or there were none.
    #[error("the export contains no usable account ({skipped} skipped)")]
    NoAccounts {
        /// How many items were skipped.
        skipped: usize,
    },
}

impl MigrationError {
    /// The error class used by the shared test vectors.
    pub fn class(&self) -> &'static str {
        match self {
            MigrationError::TooLarge { .. } => "too-large",
            MigrationError::BadScheme => "bad-scheme",
            MigrationError::MissingData => "missing-data",
            MigrationError::BadBase64 => "bad-base64",
            MigrationError::BadProtobuf { .. } | MigrationError::TooManyItems { .. } => {
                "bad-protobuf"
            }
            MigrationError::NoAccounts { .. } => "no-accounts",
        }
    }
}

/// Why one item of an export was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ItemError {
    /// The item has no secret.
    #[error("it has no secret")]
    EmptySecret,
    /// MD5 (4) or an unknown algorithm number.
    #[error("unsupported algorithm (number {0}; MD5 is 4)")]
    BadAlgorithm(i64),
    /// A digit-count enum value other than 0–2.
    #[error("unsupported digit count (enum value {0})")]
    BadDigits(i64),
    /// An OTP type other than 0–2.
    #[error("unsupported OTP type (enum value {0})")]
    BadType(i64),
    /// Name or issuer is not UTF-8 or has characters [`crate::plain_text`] refuses.
    #[error("its name is not valid text")]
    BadText,
}

impl ItemError {
    /// The error class used by the shared test vectors.
    pub fn class(&self) -> &'static str {
        match self {
            ItemError::EmptySecret => "empty-secret",
            ItemError::BadAlgorithm(_) => "bad-algorithm",
            ItemError::BadDigits(_) => "bad-digits",
            ItemError::BadType(_) => "bad-type",
            ItemError::BadText => "bad-encoding",
        }
    }
}

//! `ImportError`: why a file could not be read as a whole. Per-item problems are `Skip`s,
//! not errors. Variants carry positions and limits, never file content (secrets live there).

use crate::aegis::AegisError;
use crate::crypto::CryptoError;
use crate::vault::VaultError;

/// Why an import file was refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Larger than `MAX_FILE_BYTES`.
    #[error("the file is {size} bytes, over the import limit of {limit}")]
    TooLarge {
        /// File size.
        size: u64,
        /// Limit.
        limit: u64,
    },
    /// No reader recognised the content.
    #[error("the file is not a format inkan reads (tried: {tried})")]
    UnknownFormat {
        /// The formats tried, comma-separated.
        tried: String,
    },
    /// `--format` named no known format.
    #[error("unknown format name '{name}' (known: {known})")]
    UnknownFormatName {
        /// The name given (short, printable only).
        name: String,
        /// The known names.
        known: String,
    },
    /// JSON syntax error (position only).
    #[error("the {format} file is not valid JSON (line {line}, column {column})")]
    Json {
        /// Format expected.
        format: &'static str,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The file is shaped wrongly for its format.
    #[error("the {format} file is malformed: {what}")]
    Malformed {
        /// Format.
        format: &'static str,
        /// What is wrong.
        what: &'static str,
    },
    /// An encrypted file and no password given.
    #[error("the {format} file is encrypted; a password is needed")]
    PasswordRequired {
        /// Format.
        format: &'static str,
    },
    /// The password does not open the file (or the file was damaged).
    #[error("wrong password for the {format} file (or the file is damaged)")]
    WrongPassword {
        /// Format.
        format: &'static str,
    },
    /// A count or KDF parameter over inkan's cap.
    #[error("the file has {what} = {value}, over the limit of {limit}")]
    OverLimit {
        /// Field.
        what: &'static str,
        /// Declared value.
        value: u64,
        /// Limit.
        limit: u64,
    },
    /// An Aegis file refused as a whole.
    #[error(transparent)]
    Aegis(#[from] AegisError),
    /// An image that could not be decoded (size, format, work limits).
    #[error("image: {0}")]
    Image(#[from] crate::qr::QrError),
    /// An inkan backup that does not open.
    #[error("inkan backup: {0}")]
    Backup(#[from] VaultError),
}

impl ImportError {
    /// A KDF refusal of `format`'s parameters.
    pub(crate) fn kdf(format: &'static str, e: CryptoError) -> Self {
        match e {
            CryptoError::OverLimit { what, value, limit } => {
                ImportError::OverLimit { what, value, limit }
            }
            _ => ImportError::Malformed {
                format,
                what: "key derivation parameters",
            },
        }
    }

    /// True when asking for (another) password could help.
    pub fn needs_password(&self) -> bool {
        matches!(
            self,
            ImportError::PasswordRequired { .. } | ImportError::Aegis(AegisError::PasswordRequired)
        )
    }
}

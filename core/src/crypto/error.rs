//! `CryptoError`: why a primitive refused or failed. Carries parameters and limits only,
//! never key material.

/// Why a cryptographic operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// The operating system's random generator failed.
    #[error("the system random number generator failed")]
    Random,
    /// A KDF parameter, or the work of one unlock, is over inkan's cap.
    #[error("{what} = {value} is over the limit of {limit}")]
    OverLimit {
        /// The parameter (`argon2 memory KiB`, `scrypt memory bytes`, …).
        what: &'static str,
        /// Declared value.
        value: u64,
        /// Largest accepted value.
        limit: u64,
    },
    /// A KDF parameter is below the minimum inkan accepts for its own files.
    #[error("{what} = {value} is below the minimum of {minimum}")]
    BelowMinimum {
        /// The parameter.
        what: &'static str,
        /// Declared value.
        value: u64,
        /// Smallest accepted value.
        minimum: u64,
    },
    /// Parameters the algorithm itself cannot use (zero passes, N not a power of two).
    #[error("invalid key derivation parameters: {0}")]
    BadParameters(&'static str),
    /// An operation failed for a reason that is not the input's (bad key length).
    #[error("cryptographic operation failed: {0}")]
    Failed(&'static str),
}

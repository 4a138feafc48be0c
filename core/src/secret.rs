//! Secret material: zeroized on drop, redacted in `Debug`, read only through `expose()`.

use zeroize::{Zeroize, ZeroizeOnDrop};

/// Bytes that must never be printed or left in memory: OTP seeds, keys, passwords.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct SecretBytes(Vec<u8>);

impl SecretBytes {
    /// Takes ownership of the bytes; the caller's buffer moves in, so no copy is left behind.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// Reads the secret. Every call site is a place where the secret is used on purpose.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Number of secret bytes (not secret itself).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no bytes are held.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretBytes(<redacted, {} bytes>)", self.0.len())
    }
}

/// A secret string (password, recovery code): zeroized on drop, redacted in `Debug`.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps the string.
    pub fn new(s: String) -> Self {
        Self(s)
    }

    /// Reads the secret.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SecretString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretString(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_bytes() {
        // SEC-V5
        let s = SecretBytes::new(b"HELLOSECRET".to_vec());
        let shown = format!("{s:?}");
        assert!(!shown.contains("HELLOSECRET"));
        assert!(!shown.contains("72")); // 'H' as a decimal byte
        assert_eq!(shown, "SecretBytes(<redacted, 11 bytes>)");
        let p = SecretString::new("hunter2".into());
        assert!(!format!("{p:?}").contains("hunter2"));
    }
}

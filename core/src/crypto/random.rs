//! The OS random generator (ring's `SystemRandom`).

use super::aead::KEY_LEN;
use super::error::CryptoError;
use crate::secret::SecretBytes;
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

/// `N` bytes from the OS random generator.
pub fn random<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut out = [0u8; N];
    SystemRandom::new()
        .fill(&mut out)
        .map_err(|_| CryptoError::Random)?;
    Ok(out)
}

/// A fresh random 256-bit key.
pub fn random_key() -> Result<SecretBytes, CryptoError> {
    let mut out = Zeroizing::new(vec![0u8; KEY_LEN]);
    SystemRandom::new()
        .fill(&mut out)
        .map_err(|_| CryptoError::Random)?;
    Ok(SecretBytes::new(out.to_vec()))
}

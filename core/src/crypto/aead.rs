//! AES-256-GCM (ring).

use super::error::CryptoError;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use zeroize::Zeroizing;

/// Length of a data key and of every derived key.
pub const KEY_LEN: usize = 32;
/// AES-GCM nonce length.
pub const NONCE_LEN: usize = 12;
/// AES-GCM tag length.
pub const TAG_LEN: usize = 16;

fn aead_key(key: &[u8]) -> Result<LessSafeKey, CryptoError> {
    let unbound =
        UnboundKey::new(&AES_256_GCM, key).map_err(|_| CryptoError::Failed("bad key length"))?;
    Ok(LessSafeKey::new(unbound))
}

/// AES-256-GCM: returns `ciphertext || tag`.
pub fn seal(
    key: &[u8],
    nonce: [u8; NONCE_LEN],
    aad: &[u8],
    plain: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let key = aead_key(key)?;
    // Capacity for the tag up front: no reallocation leaves a plaintext copy behind.
    let mut buf = Vec::with_capacity(plain.len() + TAG_LEN);
    buf.extend_from_slice(plain);
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(aad),
        &mut buf,
    )
    .map_err(|_| CryptoError::Failed("encryption failed"))?;
    Ok(buf)
}

/// AES-256-GCM open; `None` when authentication fails (wrong key or changed bytes).
pub fn open(
    key: &[u8],
    nonce: [u8; NONCE_LEN],
    aad: &[u8],
    sealed: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    let key = aead_key(key).ok()?;
    let mut buf = Zeroizing::new(sealed.to_vec());
    let len = key
        .open_in_place(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(aad),
            &mut buf,
        )
        .ok()?
        .len();
    buf.truncate(len);
    Some(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_round_trip() {
        let key = [3u8; 32];
        let sealed = seal(&key, [1; 12], b"aad", b"hello").unwrap();
        assert_eq!(
            open(&key, [1; 12], b"aad", &sealed).unwrap().as_slice(),
            b"hello"
        );
        assert!(open(&key, [1; 12], b"aaD", &sealed).is_none());
        assert!(open(&key, [2; 12], b"aad", &sealed).is_none());
    }
}

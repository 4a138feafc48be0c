//! Sealing a key to an X25519 public key (an ECIES-style "sealed box"): anyone who knows
//! the public key can wrap a new data key for it, only the holder of the private seed can
//! unwrap it. The vault's recovery and keystore slots use it so that changing the password
//! re-keys the vault without the recovery code or the keystore (docs/vault-format.md).
//!
//! `kek = HKDF-SHA256(salt = "inkan sealed key v1", ikm = X25519(e, R), info = E || R)`,
//! `wrapped = AES-256-GCM(kek, nonce, aad, key)`, with `e`/`E` a fresh ephemeral key pair
//! and `R` the recipient's public key.

use super::aead::{self, KEY_LEN, NONCE_LEN, TAG_LEN};
use super::error::CryptoError;
use super::random::random;
use crate::secret::SecretBytes;
use ring::hkdf;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

/// Length of an X25519 public key.
pub const PUBLIC_LEN: usize = 32;
/// Bytes of a sealed key: ephemeral public key, nonce, wrapped key and tag.
pub const SEALED_LEN: usize = PUBLIC_LEN + NONCE_LEN + KEY_LEN + TAG_LEN;
const HKDF_SALT: &[u8] = b"inkan sealed key v1";

/// A 256-bit key sealed to a public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedKey {
    /// The ephemeral public key `E`.
    pub ephemeral: [u8; PUBLIC_LEN],
    /// AES-GCM nonce.
    pub nonce: [u8; NONCE_LEN],
    /// `AES-256-GCM(kek, nonce, aad, key)`: 32 bytes and the tag.
    pub wrapped: [u8; KEY_LEN + TAG_LEN],
}

/// The public key of the private key derived from a 32-byte `seed`.
pub fn public_key(seed: &[u8]) -> Result<[u8; PUBLIC_LEN], CryptoError> {
    Ok(PublicKey::from(&secret(seed)?).to_bytes())
}

fn secret(seed: &[u8]) -> Result<StaticSecret, CryptoError> {
    let bytes: Zeroizing<[u8; 32]> = Zeroizing::new(
        seed.try_into()
            .map_err(|_| CryptoError::Failed("seed length"))?,
    );
    Ok(StaticSecret::from(*bytes))
}

struct Len32;

impl hkdf::KeyType for Len32 {
    fn len(&self) -> usize {
        KEY_LEN
    }
}

fn kek(
    ours: &StaticSecret,
    theirs: &[u8; PUBLIC_LEN],
    ephemeral: &[u8; PUBLIC_LEN],
    recipient: &[u8; PUBLIC_LEN],
) -> Option<Zeroizing<[u8; KEY_LEN]>> {
    let shared = ours.diffie_hellman(&PublicKey::from(*theirs));
    // A low-order point gives an all-zero secret that anyone can compute: refuse it.
    if !shared.was_contributory() {
        return None;
    }
    let info = [ephemeral.as_slice(), recipient.as_slice()];
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    hkdf::Salt::new(hkdf::HKDF_SHA256, HKDF_SALT)
        .extract(shared.as_bytes())
        .expand(&info, Len32)
        .ok()?
        .fill(out.as_mut_slice())
        .ok()?;
    Some(out)
}

impl SealedKey {
    /// Seals `key` to `recipient`, binding `aad`.
    pub fn seal(
        recipient: &[u8; PUBLIC_LEN],
        aad: &[u8],
        key: &SecretBytes,
    ) -> Result<Self, CryptoError> {
        let e = secret(Zeroizing::new(random::<32>()?).as_slice())?;
        let ephemeral = PublicKey::from(&e).to_bytes();
        let kek = kek(&e, recipient, &ephemeral, recipient)
            .ok_or(CryptoError::Failed("recipient key is not usable"))?;
        let nonce = random::<NONCE_LEN>()?;
        let wrapped = aead::seal(kek.as_slice(), nonce, aad, key.expose())?
            .as_slice()
            .try_into()
            .map_err(|_| CryptoError::Failed("unexpected wrapped length"))?;
        Ok(Self {
            ephemeral,
            nonce,
            wrapped,
        })
    }

    /// Opens with the recipient's `seed`; `None` when the seed is not the recipient's or
    /// the bytes were changed.
    pub fn open(
        &self,
        seed: &[u8],
        recipient: &[u8; PUBLIC_LEN],
        aad: &[u8],
    ) -> Option<SecretBytes> {
        let ours = secret(seed).ok()?;
        let kek = kek(&ours, &self.ephemeral, &self.ephemeral, recipient)?;
        aead::open(kek.as_slice(), self.nonce, aad, &self.wrapped)
            .filter(|k| k.len() == KEY_LEN)
            .map(|k| SecretBytes::new(k.to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_needs_only_the_public_key_and_open_needs_the_seed() {
        let seed = [9u8; 32];
        let recipient = public_key(&seed).unwrap();
        let key = SecretBytes::new(vec![7u8; 32]);
        let sealed = SealedKey::seal(&recipient, b"aad", &key).unwrap();
        assert!(!sealed.wrapped.windows(32).any(|w| w == key.expose()));
        assert_eq!(sealed.open(&seed, &recipient, b"aad").unwrap(), key);
        assert!(sealed.open(&[8u8; 32], &recipient, b"aad").is_none());
        assert!(sealed.open(&seed, &recipient, b"other").is_none());
        let mut bad = sealed.clone();
        bad.wrapped[0] ^= 1;
        assert!(bad.open(&seed, &recipient, b"aad").is_none());
        // A low-order ephemeral point (all zero) never yields a key.
        let mut zero = sealed;
        zero.ephemeral = [0; 32];
        assert!(zero.open(&seed, &recipient, b"aad").is_none());
        assert!(SealedKey::seal(&[0; 32], b"aad", &key).is_err());
    }
}

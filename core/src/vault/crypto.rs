//! The vault's primitives: AES-256-GCM (ring), Argon2id (RFC 9106, RustCrypto `argon2`),
//! and the OS random generator (ring's `SystemRandom`).
//!
//! Argon2id parameters come from the file, so they are checked against caps before any
//! memory is allocated: a hostile file cannot make unlocking take minutes or gigabytes.

use super::error::VaultError;
use crate::secret::SecretBytes;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::Zeroizing;

/// Length of the data key and of every derived key.
pub const KEY_LEN: usize = 32;
/// AES-GCM nonce length.
pub const NONCE_LEN: usize = 12;
/// AES-GCM tag length.
pub const TAG_LEN: usize = 16;
/// Argon2 salt length.
pub const SALT_LEN: usize = 16;

/// Argon2id cost parameters, as stored in a password or recovery slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// The default for new password slots: 32 MiB, 2 passes, 1 lane — stronger than
    /// OWASP's Argon2id minimum (19 MiB, t=2). Measured by `examples/vault_bench.rs` on the
    /// project's shared 2-core machine (see `tests/vault/bench.sh`): within the 150 ms
    /// unlock budget with headroom for a loaded machine.
    pub const DEFAULT: KdfParams = KdfParams {
        m_kib: 32 * 1024,
        t: 2,
        p: 1,
    };
    /// Deliberately weak parameters for tests that save thousands of times. Never the
    /// default; the CLI only uses them when `INKAN_INSECURE_TEST_KDF=1` is set.
    pub const INSECURE_TEST: KdfParams = KdfParams {
        m_kib: 8,
        t: 1,
        p: 1,
    };
    /// Largest memory accepted on read: 1 GiB.
    pub const MAX_M_KIB: u32 = 1024 * 1024;
    /// Most passes accepted on read.
    pub const MAX_T: u32 = 16;
    /// Most lanes accepted on read.
    pub const MAX_P: u32 = 16;

    /// Checks the caps (SEC-V2: refuse DoS values) and Argon2's own minimums.
    pub fn check(&self) -> Result<(), VaultError> {
        let over = |what, value: u32, limit: u32| {
            if value > limit {
                Err(VaultError::OverLimit {
                    what,
                    value: value.into(),
                    limit: limit.into(),
                })
            } else {
                Ok(())
            }
        };
        over("argon2 memory KiB", self.m_kib, Self::MAX_M_KIB)?;
        over("argon2 passes", self.t, Self::MAX_T)?;
        over("argon2 lanes", self.p, Self::MAX_P)?;
        if self.t == 0 || self.p == 0 || self.m_kib < 8 * self.p {
            return Err(VaultError::Kdf("argon2 parameters below the minimum"));
        }
        Ok(())
    }

    /// Derives a 256-bit key from `secret` and `salt` with Argon2id v1.3.
    pub fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<SecretBytes, VaultError> {
        self.check()?;
        let params = argon2::Params::new(self.m_kib, self.t, self.p, Some(KEY_LEN))
            .map_err(|_| VaultError::Kdf("argon2 refused the parameters"))?;
        let kdf = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = Zeroizing::new(vec![0u8; KEY_LEN]);
        kdf.hash_password_into(secret, salt, &mut out)
            .map_err(|_| VaultError::Kdf("argon2 failed"))?;
        Ok(SecretBytes::new(out.to_vec()))
    }
}

/// `N` bytes from the OS random generator.
pub fn random<const N: usize>() -> Result<[u8; N], VaultError> {
    let mut out = [0u8; N];
    SystemRandom::new()
        .fill(&mut out)
        .map_err(|_| VaultError::Random)?;
    Ok(out)
}

/// A fresh random 256-bit key.
pub fn random_key() -> Result<SecretBytes, VaultError> {
    let mut out = Zeroizing::new(vec![0u8; KEY_LEN]);
    SystemRandom::new()
        .fill(&mut out)
        .map_err(|_| VaultError::Random)?;
    Ok(SecretBytes::new(out.to_vec()))
}

fn aead_key(key: &[u8]) -> Result<LessSafeKey, VaultError> {
    let unbound =
        UnboundKey::new(&AES_256_GCM, key).map_err(|_| VaultError::Kdf("bad key length"))?;
    Ok(LessSafeKey::new(unbound))
}

/// AES-256-GCM: returns `ciphertext || tag`.
pub fn seal(
    key: &[u8],
    nonce: [u8; NONCE_LEN],
    aad: &[u8],
    plain: &[u8],
) -> Result<Vec<u8>, VaultError> {
    let key = aead_key(key)?;
    // Capacity for the tag up front: no reallocation leaves a plaintext copy behind.
    let mut buf = Vec::with_capacity(plain.len() + TAG_LEN);
    buf.extend_from_slice(plain);
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::from(aad),
        &mut buf,
    )
    .map_err(|_| VaultError::Kdf("encryption failed"))?;
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

/// Compares two byte strings in time independent of where they differ.
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_refuse_dos_values() {
        // SEC-V2
        let p = KdfParams {
            m_kib: u32::MAX,
            t: 1,
            p: 1,
        };
        assert!(matches!(p.check(), Err(VaultError::OverLimit { .. })));
        let p = KdfParams {
            m_kib: 64,
            t: 1000,
            p: 1,
        };
        assert!(matches!(p.check(), Err(VaultError::OverLimit { .. })));
        let p = KdfParams {
            m_kib: 64,
            t: 0,
            p: 1,
        };
        assert!(p.check().is_err());
        assert!(KdfParams::DEFAULT.check().is_ok());
    }

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

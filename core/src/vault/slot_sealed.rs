//! The recovery and keystore slots written since re-keying (format tags 4 and 5): the data
//! key is sealed to an X25519 public key (`crypto::SealedKey`) whose private key only the
//! credential yields — Argon2id of the recovery code, or a seed the OS keystore wraps. A
//! re-key (new data key after a password change) rewraps them from the public key alone,
//! so the recovery code keeps working and the keystore need not be asked.

use super::codec::{Reader, Writer};
use super::error::VaultError;
use super::format::{MAGIC, VERSION};
use crate::crypto::{self, KdfParams, SealedKey, KEY_LEN, NONCE_LEN, PUBLIC_LEN, SALT_LEN};
use crate::keystore::{Keystore, KeystoreError};
use crate::secret::SecretBytes;

/// Format tag of a sealed recovery slot.
pub(super) const RECOVERY_TAG: u8 = 4;
/// Format tag of a sealed keystore slot.
pub(super) const KEYSTORE_TAG: u8 = 5;

/// A recovery slot: `seed = Argon2id(code, salt)`, the data key sealed to its public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecoverySlot {
    pub(super) params: KdfParams,
    salt: [u8; SALT_LEN],
    recipient: [u8; PUBLIC_LEN],
    sealed: SealedKey,
}

/// A keystore slot: the keystore wraps a random seed, the data key is sealed to the
/// seed's public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeystoreSlot {
    pub(super) key_id: String,
    seed_blob: Vec<u8>,
    recipient: [u8; PUBLIC_LEN],
    sealed: SealedKey,
}

fn write_sealed(w: &mut Writer, recipient: &[u8; PUBLIC_LEN], s: &SealedKey) {
    w.bytes(recipient);
    w.bytes(&s.ephemeral);
    w.bytes(&s.nonce);
    w.bytes(&s.wrapped);
}

fn read_sealed(r: &mut Reader<'_>) -> Result<([u8; PUBLIC_LEN], SealedKey), VaultError> {
    Ok((
        r.array("recipient key")?,
        SealedKey {
            ephemeral: r.array("ephemeral key")?,
            nonce: r.array::<NONCE_LEN>("slot nonce")?,
            wrapped: r.array("wrapped key")?,
        },
    ))
}

impl RecoverySlot {
    fn aad(params: &KdfParams, salt: &[u8], recipient: &[u8]) -> Vec<u8> {
        let mut aad = Vec::with_capacity(80);
        aad.extend_from_slice(MAGIC);
        aad.extend_from_slice(&VERSION.to_be_bytes());
        aad.push(RECOVERY_TAG);
        for v in [params.m_kib, params.t, params.p] {
            aad.extend_from_slice(&v.to_be_bytes());
        }
        aad.extend_from_slice(salt);
        aad.extend_from_slice(recipient);
        aad
    }

    pub(super) fn new(
        code: &[u8],
        params: KdfParams,
        key: &SecretBytes,
    ) -> Result<Self, VaultError> {
        let salt = crypto::random::<SALT_LEN>()?;
        let seed = params.derive(code, &salt)?;
        let recipient = crypto::public_key(seed.expose())?;
        let sealed = SealedKey::seal(&recipient, &Self::aad(&params, &salt, &recipient), key)?;
        Ok(Self {
            params,
            salt,
            recipient,
            sealed,
        })
    }

    /// The same slot around another data key: no code needed.
    pub(super) fn rewrap(&self, key: &SecretBytes) -> Result<Self, VaultError> {
        let aad = Self::aad(&self.params, &self.salt, &self.recipient);
        Ok(Self {
            sealed: SealedKey::seal(&self.recipient, &aad, key)?,
            ..self.clone()
        })
    }

    /// `Ok(None)`: wrong code.
    pub(super) fn open(&self, code: &[u8]) -> Result<Option<SecretBytes>, VaultError> {
        let seed = self.params.derive(code, &self.salt)?;
        let aad = Self::aad(&self.params, &self.salt, &self.recipient);
        Ok(self.sealed.open(seed.expose(), &self.recipient, &aad))
    }

    pub(super) fn write(&self, w: &mut Writer) {
        for v in [self.params.m_kib, self.params.t, self.params.p] {
            w.u32(v);
        }
        w.bytes(&self.salt);
        write_sealed(w, &self.recipient, &self.sealed);
    }

    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self, VaultError> {
        let params = KdfParams {
            m_kib: r.u32("argon2 m")?,
            t: r.u32("argon2 t")?,
            p: r.u32("argon2 p")?,
        };
        // SEC-V2: refuse DoS (and weak) values before anything derives a key.
        params.check()?;
        let salt = r.array("salt")?;
        let (recipient, sealed) = read_sealed(r)?;
        Ok(Self {
            params,
            salt,
            recipient,
            sealed,
        })
    }
}

impl KeystoreSlot {
    fn aad(key_id: &str, recipient: &[u8]) -> Vec<u8> {
        let mut aad = Vec::with_capacity(80 + key_id.len());
        aad.extend_from_slice(MAGIC);
        aad.extend_from_slice(&VERSION.to_be_bytes());
        aad.push(KEYSTORE_TAG);
        aad.extend_from_slice(&(key_id.len() as u64).to_be_bytes());
        aad.extend_from_slice(key_id.as_bytes());
        aad.extend_from_slice(recipient);
        aad
    }

    pub(super) fn new(
        ks: &dyn Keystore,
        key_id: &str,
        key: &SecretBytes,
        max_blob: usize,
    ) -> Result<Self, VaultError> {
        let seed = crypto::random_key()?;
        let seed_blob = ks.wrap_key(key_id, &seed)?;
        if seed_blob.len() > max_blob {
            return Err(VaultError::InvalidField {
                field: "keystore blob",
                reason: "too long",
            });
        }
        let recipient = crypto::public_key(seed.expose())?;
        let sealed = SealedKey::seal(&recipient, &Self::aad(key_id, &recipient), key)?;
        Ok(Self {
            key_id: key_id.to_owned(),
            seed_blob,
            recipient,
            sealed,
        })
    }

    /// The same slot around another data key: the keystore is not asked.
    pub(super) fn rewrap(&self, key: &SecretBytes) -> Result<Self, VaultError> {
        let aad = Self::aad(&self.key_id, &self.recipient);
        Ok(Self {
            sealed: SealedKey::seal(&self.recipient, &aad, key)?,
            ..self.clone()
        })
    }

    pub(super) fn open(&self, ks: &dyn Keystore) -> Result<Option<SecretBytes>, VaultError> {
        let seed = ks.unwrap_key(&self.key_id, &self.seed_blob)?;
        if seed.len() != KEY_LEN || crypto::public_key(seed.expose())? != self.recipient {
            return Err(KeystoreError::Mismatch.into());
        }
        let aad = Self::aad(&self.key_id, &self.recipient);
        Ok(self.sealed.open(seed.expose(), &self.recipient, &aad))
    }

    pub(super) fn write(&self, w: &mut Writer) {
        w.blob(self.key_id.as_bytes());
        w.blob(&self.seed_blob);
        write_sealed(w, &self.recipient, &self.sealed);
    }

    pub(super) fn read(
        r: &mut Reader<'_>,
        max_key_id: usize,
        max_blob: usize,
    ) -> Result<Self, VaultError> {
        let key_id = r.string(max_key_id, "keystore key id")?;
        let seed_blob = r.blob(max_blob, "keystore blob")?.to_vec();
        let (recipient, sealed) = read_sealed(r)?;
        Ok(Self {
            key_id,
            seed_blob,
            recipient,
            sealed,
        })
    }
}

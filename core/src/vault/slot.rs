//! Key slots: each holds a copy of the data key wrapped by one credential (password,
//! recovery code, OS keystore), in the manner of LUKS and Aegis.
//!
//! Password slots wrap the data key with AES-256-GCM under an Argon2id key, with associated
//! data binding it to its kind and KDF parameters, so swapping parameters between slots
//! fails authentication. Recovery and keystore slots seal it to a public key
//! (`slot_sealed.rs`) so that a re-key can rewrap them without their credential. Files
//! from before re-keying may hold the older symmetric recovery (3) and keystore (2) slots:
//! they still open, and a re-key drops them. The whole header (all slots) is additionally
//! authenticated as the body's associated data.

use super::codec::{Reader, Writer};
use super::error::VaultError;
use super::format::{MAGIC, VERSION};
use super::slot_sealed::{self, KeystoreSlot, RecoverySlot};
use crate::crypto::{
    self, KdfParams, KEY_LEN, NONCE_LEN, PUBLIC_LEN, SALT_LEN, SEALED_LEN, TAG_LEN,
};
use crate::keystore::Keystore;
use crate::secret::SecretBytes;

/// Which credential a slot is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    /// Argon2id of the user's password.
    Password,
    /// A blob only the OS keystore can unwrap.
    Keystore,
    /// Argon2id of the recovery code shown once at creation.
    Recovery,
}

impl SlotKind {
    /// Lowercase name (`password`, `keystore`, `recovery`).
    pub fn name(self) -> &'static str {
        match self {
            SlotKind::Password => "password",
            SlotKind::Keystore => "keystore",
            SlotKind::Recovery => "recovery",
        }
    }
}

/// What `inspect` and `vault status` show about a slot (nothing secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotInfo {
    /// The credential kind.
    pub kind: SlotKind,
    /// Argon2id parameters for password and recovery slots.
    pub kdf: Option<KdfParams>,
    /// The keystore key name for keystore slots.
    pub key_id: Option<String>,
}

/// Most slots a file may declare (SEC bad-input: "thousands of slots").
pub const MAX_SLOTS: u16 = 16;
/// Largest slot payload accepted.
pub const MAX_SLOT_BYTES: usize = 2048;
/// Longest keystore key id.
const MAX_KEY_ID: usize = 128;
const WRAPPED_LEN: usize = KEY_LEN + TAG_LEN;

/// Room for the keystore's blob in a slot, after the key id and the sealed key.
const MAX_KEYSTORE_BLOB: usize = MAX_SLOT_BYTES - MAX_KEY_ID - 4 - PUBLIC_LEN - SEALED_LEN;
const PASSWORD_TAG: u8 = 1;
const LEGACY_KEYSTORE_TAG: u8 = 2;
const LEGACY_RECOVERY_TAG: u8 = 3;

/// A password slot, or a recovery slot from before re-keying (tag 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KdfSlot {
    params: KdfParams,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    wrapped: [u8; WRAPPED_LEN],
}

/// One slot as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot {
    Password(KdfSlot),
    Recovery(RecoverySlot),
    Keystore(KeystoreSlot),
    /// Tag 3: opens, cannot be rewrapped without the code; a re-key drops it.
    LegacyRecovery(KdfSlot),
    /// Tag 2: opens, is not rewrapped (the keystore may prompt); a re-key drops it.
    LegacyKeystore {
        key_id: String,
        wrapped: Vec<u8>,
    },
}

fn kdf_aad(tag: u8, params: &KdfParams, salt: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(48);
    aad.extend_from_slice(MAGIC);
    aad.extend_from_slice(&VERSION.to_be_bytes());
    aad.push(tag);
    for v in [params.m_kib, params.t, params.p] {
        aad.extend_from_slice(&v.to_be_bytes());
    }
    aad.extend_from_slice(salt);
    aad
}

impl KdfSlot {
    fn new(
        tag: u8,
        secret: &[u8],
        params: KdfParams,
        key: &SecretBytes,
    ) -> Result<Self, VaultError> {
        let salt = crypto::random::<SALT_LEN>()?;
        let nonce = crypto::random::<NONCE_LEN>()?;
        let kek = params.derive(secret, &salt)?;
        let sealed = crypto::seal(
            kek.expose(),
            nonce,
            &kdf_aad(tag, &params, &salt),
            key.expose(),
        )?;
        let wrapped: [u8; WRAPPED_LEN] = sealed
            .as_slice()
            .try_into()
            .map_err(|_| VaultError::Kdf("unexpected wrapped length"))?;
        Ok(Self {
            params,
            salt,
            nonce,
            wrapped,
        })
    }

    fn open(&self, tag: u8, secret: &[u8]) -> Result<Option<SecretBytes>, VaultError> {
        let kek = self.params.derive(secret, &self.salt)?;
        let aad = kdf_aad(tag, &self.params, &self.salt);
        Ok(crypto::open(kek.expose(), self.nonce, &aad, &self.wrapped)
            .filter(|k| k.len() == KEY_LEN)
            .map(|k| SecretBytes::new(k.to_vec())))
    }
}

impl Slot {
    pub(crate) fn password(
        secret: &[u8],
        params: KdfParams,
        key: &SecretBytes,
    ) -> Result<Self, VaultError> {
        Ok(Slot::Password(KdfSlot::new(
            PASSWORD_TAG,
            secret,
            params,
            key,
        )?))
    }

    pub(crate) fn recovery(
        secret: &[u8],
        params: KdfParams,
        key: &SecretBytes,
    ) -> Result<Self, VaultError> {
        Ok(Slot::Recovery(RecoverySlot::new(secret, params, key)?))
    }

    pub(crate) fn keystore(
        ks: &dyn Keystore,
        key_id: &str,
        key: &SecretBytes,
    ) -> Result<Self, VaultError> {
        if key_id.is_empty() || key_id.len() > MAX_KEY_ID {
            return Err(VaultError::InvalidField {
                field: "keystore key id",
                reason: "1 to 128 bytes",
            });
        }
        Ok(Slot::Keystore(KeystoreSlot::new(
            ks,
            key_id,
            key,
            MAX_KEYSTORE_BLOB,
        )?))
    }

    pub(crate) fn kind(&self) -> SlotKind {
        match self {
            Slot::Password(_) => SlotKind::Password,
            Slot::Recovery(_) | Slot::LegacyRecovery(_) => SlotKind::Recovery,
            Slot::Keystore(_) | Slot::LegacyKeystore { .. } => SlotKind::Keystore,
        }
    }

    /// The Argon2id parameters a credential would be derived with (password, recovery).
    pub(crate) fn kdf(&self) -> Option<KdfParams> {
        match self {
            Slot::Password(s) | Slot::LegacyRecovery(s) => Some(s.params),
            Slot::Recovery(s) => Some(s.params),
            Slot::Keystore(_) | Slot::LegacyKeystore { .. } => None,
        }
    }

    pub(crate) fn key_id(&self) -> Option<&str> {
        match self {
            Slot::Keystore(s) => Some(&s.key_id),
            Slot::LegacyKeystore { key_id, .. } => Some(key_id),
            _ => None,
        }
    }

    pub(crate) fn info(&self) -> SlotInfo {
        SlotInfo {
            kind: self.kind(),
            kdf: self.kdf(),
            key_id: self.key_id().map(str::to_owned),
        }
    }

    /// This slot around a new data key, or `None` when that needs a credential this vault
    /// does not hold: a password slot (the caller makes a new one) or a legacy slot.
    pub(crate) fn rewrap(&self, key: &SecretBytes) -> Result<Option<Self>, VaultError> {
        Ok(match self {
            Slot::Recovery(s) => Some(Slot::Recovery(s.rewrap(key)?)),
            Slot::Keystore(s) => Some(Slot::Keystore(s.rewrap(key)?)),
            Slot::Password(_) | Slot::LegacyRecovery(_) | Slot::LegacyKeystore { .. } => None,
        })
    }

    /// Tries to open this slot with a password or recovery code; `Ok(None)` = wrong secret.
    pub(crate) fn open_with_secret(
        &self,
        secret: &[u8],
    ) -> Result<Option<SecretBytes>, VaultError> {
        match self {
            Slot::Password(s) => s.open(PASSWORD_TAG, secret),
            Slot::LegacyRecovery(s) => s.open(LEGACY_RECOVERY_TAG, secret),
            Slot::Recovery(s) => s.open(secret),
            Slot::Keystore(_) | Slot::LegacyKeystore { .. } => Ok(None),
        }
    }

    pub(crate) fn open_with_keystore(
        &self,
        ks: &dyn Keystore,
    ) -> Result<Option<SecretBytes>, VaultError> {
        match self {
            Slot::Keystore(s) => s.open(ks),
            Slot::LegacyKeystore { key_id, wrapped } => {
                let key = ks.unwrap_key(key_id, wrapped)?;
                Ok((key.len() == KEY_LEN).then_some(key))
            }
            _ => Ok(None),
        }
    }

    fn tag(&self) -> u8 {
        match self {
            Slot::Password(_) => PASSWORD_TAG,
            Slot::LegacyKeystore { .. } => LEGACY_KEYSTORE_TAG,
            Slot::LegacyRecovery(_) => LEGACY_RECOVERY_TAG,
            Slot::Recovery(_) => slot_sealed::RECOVERY_TAG,
            Slot::Keystore(_) => slot_sealed::KEYSTORE_TAG,
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        let mut p = Writer::default();
        match self {
            Slot::Password(s) | Slot::LegacyRecovery(s) => {
                p.u32(s.params.m_kib);
                p.u32(s.params.t);
                p.u32(s.params.p);
                p.bytes(&s.salt);
                p.bytes(&s.nonce);
                p.bytes(&s.wrapped);
            }
            Slot::Recovery(s) => s.write(&mut p),
            Slot::Keystore(s) => s.write(&mut p),
            Slot::LegacyKeystore { key_id, wrapped } => {
                p.blob(key_id.as_bytes());
                p.blob(wrapped);
            }
        }
        w.u8(self.tag());
        w.blob(&p.buf);
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Self, VaultError> {
        let at = r.pos();
        let tag = r.u8("slot kind")?;
        let len_at = r.pos();
        let len = usize::from(r.u16("slot length")?);
        if len > MAX_SLOT_BYTES {
            return Err(VaultError::OverLimit {
                what: "slot bytes",
                value: len as u64,
                limit: MAX_SLOT_BYTES as u64,
            });
        }
        let mut p = Reader::new(r.bytes(len, "slot")?);
        let slot = match tag {
            PASSWORD_TAG | LEGACY_RECOVERY_TAG => {
                let params = KdfParams {
                    m_kib: p.u32("argon2 m")?,
                    t: p.u32("argon2 t")?,
                    p: p.u32("argon2 p")?,
                };
                // SEC-V2: refuse DoS (and weak) values before anything derives a key.
                params.check()?;
                let s = KdfSlot {
                    params,
                    salt: p.array("salt")?,
                    nonce: p.array("slot nonce")?,
                    wrapped: p.array("wrapped key")?,
                };
                if tag == PASSWORD_TAG {
                    Slot::Password(s)
                } else {
                    Slot::LegacyRecovery(s)
                }
            }
            LEGACY_KEYSTORE_TAG => {
                let key_id = p.string(MAX_KEY_ID, "keystore key id")?;
                let wrapped = p.blob(MAX_SLOT_BYTES, "keystore blob")?.to_vec();
                Slot::LegacyKeystore { key_id, wrapped }
            }
            slot_sealed::RECOVERY_TAG => Slot::Recovery(RecoverySlot::read(&mut p)?),
            slot_sealed::KEYSTORE_TAG => {
                Slot::Keystore(KeystoreSlot::read(&mut p, MAX_KEY_ID, MAX_SLOT_BYTES)?)
            }
            _ => {
                return Err(VaultError::Malformed {
                    what: "unknown slot kind",
                    offset: at,
                })
            }
        };
        if p.remaining() != 0 {
            return Err(VaultError::Malformed {
                what: "slot length",
                offset: len_at,
            });
        }
        Ok(slot)
    }
}

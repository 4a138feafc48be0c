//! Key slots: each holds a copy of the data key wrapped by one credential (password,
//! recovery code, OS keystore), in the manner of LUKS and Aegis.
//!
//! A slot's wrapped key is AES-256-GCM with associated data binding it to its kind and KDF
//! parameters, so swapping parameters between slots fails authentication. The whole header
//! (all slots) is additionally authenticated as the body's associated data.

use super::codec::{Reader, Writer};
use super::crypto::{self, KdfParams, KEY_LEN, NONCE_LEN, SALT_LEN, TAG_LEN};
use super::error::VaultError;
use super::format::{MAGIC, VERSION};
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

    fn tag(self) -> u8 {
        match self {
            SlotKind::Password => 1,
            SlotKind::Keystore => 2,
            SlotKind::Recovery => 3,
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

/// A password- or recovery-derived slot.
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
    Recovery(KdfSlot),
    Keystore { key_id: String, wrapped: Vec<u8> },
}

fn kdf_aad(kind: SlotKind, params: &KdfParams, salt: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(48);
    aad.extend_from_slice(MAGIC);
    aad.extend_from_slice(&VERSION.to_be_bytes());
    aad.push(kind.tag());
    for v in [params.m_kib, params.t, params.p] {
        aad.extend_from_slice(&v.to_be_bytes());
    }
    aad.extend_from_slice(salt);
    aad
}

impl KdfSlot {
    fn new(
        kind: SlotKind,
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
            &kdf_aad(kind, &params, &salt),
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

    fn open(&self, kind: SlotKind, secret: &[u8]) -> Result<Option<SecretBytes>, VaultError> {
        let kek = self.params.derive(secret, &self.salt)?;
        let aad = kdf_aad(kind, &self.params, &self.salt);
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
            SlotKind::Password,
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
        Ok(Slot::Recovery(KdfSlot::new(
            SlotKind::Recovery,
            secret,
            params,
            key,
        )?))
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
        let wrapped = ks.wrap_key(key_id, key)?;
        if wrapped.len() > MAX_SLOT_BYTES - MAX_KEY_ID - 4 {
            return Err(VaultError::InvalidField {
                field: "keystore blob",
                reason: "too long",
            });
        }
        Ok(Slot::Keystore {
            key_id: key_id.to_owned(),
            wrapped,
        })
    }

    pub(crate) fn kind(&self) -> SlotKind {
        match self {
            Slot::Password(_) => SlotKind::Password,
            Slot::Recovery(_) => SlotKind::Recovery,
            Slot::Keystore { .. } => SlotKind::Keystore,
        }
    }

    pub(crate) fn info(&self) -> SlotInfo {
        match self {
            Slot::Password(s) | Slot::Recovery(s) => SlotInfo {
                kind: self.kind(),
                kdf: Some(s.params),
                key_id: None,
            },
            Slot::Keystore { key_id, .. } => SlotInfo {
                kind: SlotKind::Keystore,
                kdf: None,
                key_id: Some(key_id.clone()),
            },
        }
    }

    /// Tries to open this slot with a password or recovery code; `Ok(None)` = wrong secret.
    pub(crate) fn open_with_secret(
        &self,
        secret: &[u8],
    ) -> Result<Option<SecretBytes>, VaultError> {
        match self {
            Slot::Password(s) => s.open(SlotKind::Password, secret),
            Slot::Recovery(s) => s.open(SlotKind::Recovery, secret),
            Slot::Keystore { .. } => Ok(None),
        }
    }

    pub(crate) fn open_with_keystore(
        &self,
        ks: &dyn Keystore,
    ) -> Result<Option<SecretBytes>, VaultError> {
        match self {
            Slot::Keystore { key_id, wrapped } => {
                let key = ks.unwrap_key(key_id, wrapped)?;
                Ok((key.len() == KEY_LEN).then_some(key))
            }
            _ => Ok(None),
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        let mut p = Writer::default();
        match self {
            Slot::Password(s) | Slot::Recovery(s) => {
                p.u32(s.params.m_kib);
                p.u32(s.params.t);
                p.u32(s.params.p);
                p.bytes(&s.salt);
                p.bytes(&s.nonce);
                p.bytes(&s.wrapped);
            }
            Slot::Keystore { key_id, wrapped } => {
                p.blob(key_id.as_bytes());
                p.blob(wrapped);
            }
        }
        w.u8(self.kind().tag());
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
            1 | 3 => {
                let params = KdfParams {
                    m_kib: p.u32("argon2 m")?,
                    t: p.u32("argon2 t")?,
                    p: p.u32("argon2 p")?,
                };
                // SEC-V2: refuse DoS values before anything derives a key.
                params.check()?;
                let s = KdfSlot {
                    params,
                    salt: p.array("salt")?,
                    nonce: p.array("slot nonce")?,
                    wrapped: p.array("wrapped key")?,
                };
                if tag == 1 {
                    Slot::Password(s)
                } else {
                    Slot::Recovery(s)
                }
            }
            2 => {
                let key_id = p.string(MAX_KEY_ID, "keystore key id")?;
                let wrapped = p.blob(MAX_SLOT_BYTES, "keystore blob")?.to_vec();
                Slot::Keystore { key_id, wrapped }
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

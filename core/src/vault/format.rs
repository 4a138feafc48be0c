//! The vault file layout (see `docs/vault-format.md`):
//!
//! ```text
//! magic "INKANVLT" | version u16 | slot count u16 | slots | body nonce (12) | AES-256-GCM(body) + tag
//! ```
//!
//! Everything before the ciphertext is the associated data of the body, so a changed
//! header byte (version, slot list, KDF parameters, nonce) fails authentication.

use super::codec::{Reader, Writer};
use super::error::VaultError;
use super::slot::{Slot, SlotInfo, MAX_SLOTS};
use crate::crypto::{NONCE_LEN, TAG_LEN};

/// First bytes of every vault file.
pub const MAGIC: &[u8; 8] = b"INKANVLT";
/// The format version this build reads and writes.
pub const VERSION: u16 = 1;
/// Largest vault file accepted (about 100,000 accounts with notes).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// A parsed, not yet decrypted, vault file.
pub(crate) struct Parsed<'a> {
    pub(crate) slots: Vec<Slot>,
    pub(crate) aad: &'a [u8],
    pub(crate) nonce: [u8; NONCE_LEN],
    pub(crate) ciphertext: &'a [u8],
}

/// Reads the header; bounds every count before allocating.
pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed<'_>, VaultError> {
    if bytes.is_empty() {
        return Err(VaultError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(VaultError::OverLimit {
            what: "file bytes",
            value: bytes.len() as u64,
            limit: MAX_FILE_BYTES as u64,
        });
    }
    let mut r = Reader::new(bytes);
    let magic = r
        .bytes(MAGIC.len(), "magic")
        .map_err(|_| VaultError::BadMagic)?;
    if magic != MAGIC {
        return Err(VaultError::BadMagic);
    }
    let version = r.u16("version")?;
    if version != VERSION {
        return Err(VaultError::UnsupportedVersion {
            found: version,
            supported: VERSION,
        });
    }
    let count = r.u16("slot count")?;
    if count > MAX_SLOTS {
        return Err(VaultError::OverLimit {
            what: "slots",
            value: count.into(),
            limit: MAX_SLOTS.into(),
        });
    }
    let mut slots = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        slots.push(Slot::read(&mut r)?);
    }
    let nonce = r.array::<NONCE_LEN>("body nonce")?;
    let aad_len = r.pos();
    if r.remaining() < TAG_LEN {
        return Err(VaultError::Truncated {
            what: "body",
            offset: aad_len,
        });
    }
    let aad = bytes.get(..aad_len).ok_or(VaultError::Truncated {
        what: "header",
        offset: 0,
    })?;
    let ciphertext = bytes.get(aad_len..).ok_or(VaultError::Truncated {
        what: "body",
        offset: aad_len,
    })?;
    Ok(Parsed {
        slots,
        aad,
        nonce,
        ciphertext,
    })
}

/// Encodes the header (the body's associated data).
pub(crate) fn header(slots: &[Slot], nonce: &[u8; NONCE_LEN]) -> Result<Vec<u8>, VaultError> {
    let count = u16::try_from(slots.len())
        .ok()
        .filter(|c| *c <= MAX_SLOTS)
        .ok_or(VaultError::OverLimit {
            what: "slots",
            value: slots.len() as u64,
            limit: MAX_SLOTS.into(),
        })?;
    let mut w = Writer::with_capacity(256);
    w.bytes(MAGIC);
    w.u16(VERSION);
    w.u16(count);
    for slot in slots {
        slot.write(&mut w);
    }
    w.bytes(nonce);
    Ok(w.buf.to_vec())
}

/// What can be learned from a vault file without a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultInfo {
    /// Format version.
    pub version: u16,
    /// The key slots, in file order.
    pub slots: Vec<SlotInfo>,
    /// File size in bytes.
    pub size: usize,
}

/// Reads the header of a vault file without decrypting it (for `inkan vault status`).
/// A header that parses says nothing about the body: only unlocking authenticates it.
pub fn inspect(bytes: &[u8]) -> Result<VaultInfo, VaultError> {
    let parsed = parse(bytes)?;
    Ok(VaultInfo {
        version: VERSION,
        slots: parsed.slots.iter().map(Slot::info).collect(),
        size: bytes.len(),
    })
}

//! Vault entries: an `Account` plus the metadata a user sees around it, and the binary
//! encoding of the decrypted body (a version byte, then the entries in display order).

use super::codec::{Reader, Writer};
use super::error::VaultError;
use crate::account::{Account, OtpKind};
use crate::otp::Algorithm;
use crate::secret::SecretBytes;

/// Stable id of an entry: 8 random bytes, shown as 16 lowercase hex characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub [u8; 8]);

impl std::fmt::Display for EntryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for EntryId {
    type Err = VaultError;
    fn from_str(s: &str) -> Result<Self, VaultError> {
        let bad = VaultError::InvalidField {
            field: "id",
            reason: "expected 16 hex characters",
        };
        if s.len() != 16 || !s.is_ascii() {
            return Err(bad);
        }
        let mut out = [0u8; 8];
        for (i, b) in out.iter_mut().enumerate() {
            let pair = s.get(i * 2..i * 2 + 2).ok_or(bad.clone())?;
            *b = u8::from_str_radix(pair, 16).map_err(|_| bad.clone())?;
        }
        Ok(EntryId(out))
    }
}

/// One account in the vault with its metadata. The position in `Vault::entries()` is its
/// display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable id (survives rename and reorder).
    pub id: EntryId,
    /// The credential; its secret never leaves the encrypted body.
    pub account: Account,
    /// Icon hint for front ends (e.g. a domain or a bundled icon name).
    pub icon: Option<String>,
    /// Free-text note.
    pub note: String,
    /// Unix seconds when added.
    pub created: i64,
    /// Unix seconds when a code was last requested for it.
    pub last_used: Option<i64>,
}

/// Longest issuer, account name or icon hint, in bytes.
pub const MAX_NAME_BYTES: usize = 512;
/// Longest note, in bytes.
pub const MAX_NOTE_BYTES: usize = 4096;
/// Longest secret, in bytes.
pub const MAX_SECRET_BYTES: usize = 1024;
/// Most entries a vault holds.
pub const MAX_ENTRIES: u32 = 100_000;
const BODY_VERSION: u8 = 1;

/// Checks a user-supplied text field: length and no control characters.
pub(crate) fn check_text(field: &'static str, s: &str, limit: usize) -> Result<(), VaultError> {
    if s.len() > limit {
        return Err(VaultError::InvalidField {
            field,
            reason: "too long",
        });
    }
    if s.chars()
        .any(|c| c.is_control() && !(field == "note" && c == '\n'))
    {
        return Err(VaultError::InvalidField {
            field,
            reason: "control characters",
        });
    }
    Ok(())
}

/// Checks every field of an entry against the limits the encoding relies on.
pub(crate) fn check_entry(e: &Entry) -> Result<(), VaultError> {
    check_text(
        "issuer",
        e.account.issuer.as_deref().unwrap_or(""),
        MAX_NAME_BYTES,
    )?;
    check_text("account name", &e.account.name, MAX_NAME_BYTES)?;
    check_text("icon", e.icon.as_deref().unwrap_or(""), MAX_NAME_BYTES)?;
    check_text("note", &e.note, MAX_NOTE_BYTES)?;
    if e.account.secret.len() > MAX_SECRET_BYTES {
        return Err(VaultError::InvalidField {
            field: "secret",
            reason: "longer than 1024 bytes",
        });
    }
    Ok(())
}

fn algorithm_tag(a: Algorithm) -> u8 {
    match a {
        Algorithm::Sha1 => 1,
        Algorithm::Sha256 => 2,
        Algorithm::Sha512 => 3,
    }
}

fn write_entry(w: &mut Writer, e: &Entry) {
    w.bytes(&e.id.0);
    match e.account.kind {
        OtpKind::Totp { period } => {
            w.u8(1);
            w.u32(period);
        }
        OtpKind::Hotp { counter } => {
            w.u8(2);
            w.u64(counter);
        }
        OtpKind::Steam => w.u8(3),
    }
    w.u8(algorithm_tag(e.account.algorithm));
    w.u8(e.account.digits);
    w.opt_string(e.account.issuer.as_deref());
    w.blob(e.account.name.as_bytes());
    w.blob(e.account.secret.expose());
    w.opt_string(e.icon.as_deref());
    w.blob(e.note.as_bytes());
    w.i64(e.created);
    match e.last_used {
        None => w.u8(0),
        Some(t) => {
            w.u8(1);
            w.i64(t);
        }
    }
}

fn read_entry(r: &mut Reader<'_>) -> Result<Entry, VaultError> {
    let id = EntryId(r.array("entry id")?);
    let at = r.pos();
    let kind = match r.u8("kind")? {
        1 => OtpKind::Totp {
            period: r.u32("period")?,
        },
        2 => OtpKind::Hotp {
            counter: r.u64("counter")?,
        },
        3 => OtpKind::Steam,
        _ => {
            return Err(VaultError::Malformed {
                what: "kind",
                offset: at,
            })
        }
    };
    let at = r.pos();
    let algorithm = match r.u8("algorithm")? {
        1 => Algorithm::Sha1,
        2 => Algorithm::Sha256,
        3 => Algorithm::Sha512,
        _ => {
            return Err(VaultError::Malformed {
                what: "algorithm",
                offset: at,
            })
        }
    };
    let digits = r.u8("digits")?;
    let issuer = r.opt_string(MAX_NAME_BYTES, "issuer")?;
    let name = r.string(MAX_NAME_BYTES, "account name")?;
    let secret = SecretBytes::new(r.blob(MAX_SECRET_BYTES, "secret")?.to_vec());
    let account = Account::new(issuer, name, secret, algorithm, digits, kind)?;
    let icon = r.opt_string(MAX_NAME_BYTES, "icon")?;
    let note = r.string(MAX_NOTE_BYTES, "note")?;
    let created = r.i64("created")?;
    let at = r.pos();
    let last_used = match r.u8("last used")? {
        0 => None,
        1 => Some(r.i64("last used")?),
        _ => {
            return Err(VaultError::Malformed {
                what: "last used",
                offset: at,
            })
        }
    };
    Ok(Entry {
        id,
        account,
        icon,
        note,
        created,
        last_used,
    })
}

/// Encodes the body plaintext (zeroized when dropped).
pub(crate) fn encode_body(entries: &[Entry]) -> Writer {
    let mut w = Writer::with_capacity(64 + entries.len() * 96);
    w.u8(BODY_VERSION);
    w.u32(u32::try_from(entries.len()).unwrap_or(u32::MAX));
    for e in entries {
        write_entry(&mut w, e);
    }
    w
}

/// Decodes an authenticated body. It was written by inkan, but it is still checked as
/// untrusted input: a bug elsewhere must not become a panic here.
pub(crate) fn decode_body(plain: &[u8]) -> Result<Vec<Entry>, VaultError> {
    let mut r = Reader::new(plain);
    let at = r.pos();
    if r.u8("body version")? != BODY_VERSION {
        return Err(VaultError::Malformed {
            what: "body version",
            offset: at,
        });
    }
    let count = r.u32("entry count")?;
    if count > MAX_ENTRIES {
        return Err(VaultError::OverLimit {
            what: "entries",
            value: count.into(),
            limit: MAX_ENTRIES.into(),
        });
    }
    // Each entry takes at least 28 bytes: a count the body cannot hold is refused before
    // reserving memory for it.
    let count = usize::try_from(count).unwrap_or(usize::MAX);
    if count.saturating_mul(28) > r.remaining() {
        return Err(VaultError::Truncated {
            what: "entries",
            offset: r.pos(),
        });
    }
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        entries.push(read_entry(&mut r)?);
    }
    if r.remaining() != 0 {
        return Err(VaultError::Malformed {
            what: "trailing bytes",
            offset: r.pos(),
        });
    }
    Ok(entries)
}

/// Fuzzing entry point for the decrypted-body decoder, which is otherwise unreachable
/// without forging AES-GCM. Built only by cargo-fuzz (`--cfg fuzzing`).
#[cfg(fuzzing)]
pub fn fuzz_decode_body(plain: &[u8]) -> Result<usize, VaultError> {
    decode_body(plain).map(|e| e.len())
}

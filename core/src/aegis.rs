//! Aegis Authenticator vault import: plain JSON and password-encrypted files
//! (Aegis `docs/vault.md`: scrypt password slots wrapping a master key, AES-256-GCM over
//! the `db` JSON).
//!
//! Owns parsing and decryption of the Aegis file into `Account`s plus per-entry problems.
//! It does not touch the vault: callers apply the result with `Vault::import_entries`,
//! which is all-or-nothing. scrypt parameters come from the file and are capped before any
//! memory is allocated; error messages never quote file content (secrets live there).

use crate::account::{Account, OtpKind};
use crate::base32;
use crate::crypto::{self, CryptoError, ScryptParams};
use crate::migration::base64;
use crate::otp::Algorithm;
use crate::secret::{SecretBytes, SecretString};
use serde_json::Value;
use zeroize::Zeroizing;

/// Largest Aegis file accepted.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// Most entries accepted.
pub const MAX_ENTRIES: usize = 100_000;
/// Most scrypt memory accepted (128 · N · r bytes): 256 MiB, 8× Aegis' default.
pub const MAX_SCRYPT_BYTES: u64 = ScryptParams::MAX_MEMORY_BYTES;
/// Most password slots tried.
pub const MAX_SLOTS: usize = 16;

/// Why an Aegis file could not be imported as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AegisError {
    /// Not JSON, or not shaped like an Aegis vault.
    #[error("not an Aegis vault: {0}")]
    NotAegis(&'static str),
    /// JSON syntax error (position only; content is never quoted).
    #[error("the Aegis file is not valid JSON (line {line}, column {column})")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Over a size or count limit.
    #[error("the Aegis file has {what} = {value}, over the limit of {limit}")]
    OverLimit {
        /// Field.
        what: &'static str,
        /// Declared value.
        value: u64,
        /// Limit.
        limit: u64,
    },
    /// A version this importer does not know.
    #[error("unsupported Aegis {what} version {version}")]
    UnsupportedVersion {
        /// `vault` or `db`.
        what: &'static str,
        /// Version found.
        version: u64,
    },
    /// An encrypted file and no password given.
    #[error("the Aegis file is encrypted; a password is needed")]
    PasswordRequired,
    /// No password slot opened with the password.
    #[error("wrong password for the Aegis file")]
    WrongPassword,
    /// The file has no password slot.
    #[error("the Aegis file has no password slot (biometric-only vaults cannot be imported)")]
    NoPasswordSlot,
    /// A header field is missing or malformed.
    #[error("the Aegis file is malformed: {0}")]
    Malformed(&'static str),
    /// The master key opened but the contents fail authentication.
    #[error("the Aegis file is damaged or was tampered with (authentication failed)")]
    Tampered,
}

impl AegisError {
    /// A stable short class name for scripts and tests.
    pub fn class(&self) -> &'static str {
        match self {
            AegisError::NotAegis(_) | AegisError::Json { .. } => "not-aegis",
            AegisError::OverLimit { .. } => "over-limit",
            AegisError::UnsupportedVersion { .. } => "unsupported-version",
            AegisError::PasswordRequired => "password-required",
            AegisError::WrongPassword => "wrong-password",
            AegisError::NoPasswordSlot => "no-slot",
            AegisError::Malformed(_) => "malformed",
            AegisError::Tampered => "tampered",
        }
    }
}

/// One account read from the file, with the note Aegis keeps beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AegisItem {
    /// Position in the file's entry list.
    pub index: usize,
    /// The account.
    pub account: Account,
    /// Aegis' note, if any.
    pub note: String,
}

/// An entry that could not be imported, and why (safe to show).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AegisSkip {
    /// Position in the file's entry list.
    pub index: usize,
    /// `issuer (name)` as the file gives it.
    pub label: String,
    /// Why it was skipped.
    pub reason: String,
}

/// The parsed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AegisImport {
    /// Importable accounts in file order.
    pub items: Vec<AegisItem>,
    /// Entries with problems.
    pub skipped: Vec<AegisSkip>,
}

/// True when `bytes` look like an Aegis export (a JSON object with `header` and `db`).
pub fn looks_like_aegis(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    text.trim_start().starts_with('{') && text.contains("\"header\"") && text.contains("\"db\"")
}

fn json(bytes: &[u8]) -> Result<Value, AegisError> {
    serde_json::from_slice(bytes).map_err(|e| AegisError::Json {
        line: e.line(),
        column: e.column(),
    })
}

fn hex(s: Option<&Value>, what: &'static str) -> Result<Zeroizing<Vec<u8>>, AegisError> {
    let s = s
        .and_then(Value::as_str)
        .ok_or(AegisError::Malformed(what))?;
    if s.len() % 2 != 0 || s.len() > 8192 {
        return Err(AegisError::Malformed(what));
    }
    let mut out = Zeroizing::new(Vec::with_capacity(s.len() / 2));
    for pair in s.as_bytes().chunks(2) {
        let text = std::str::from_utf8(pair).map_err(|_| AegisError::Malformed(what))?;
        out.push(u8::from_str_radix(text, 16).map_err(|_| AegisError::Malformed(what))?);
    }
    Ok(out)
}

/// AES-256-GCM open with Aegis' split layout (ciphertext and tag stored apart, no AAD).
fn gcm_open(key: &[u8], nonce: &[u8], ciphertext: &[u8], tag: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let nonce: [u8; crypto::NONCE_LEN] = nonce.try_into().ok()?;
    let mut sealed = Zeroizing::new(Vec::with_capacity(ciphertext.len() + tag.len()));
    sealed.extend_from_slice(ciphertext);
    sealed.extend_from_slice(tag);
    crypto::open(key, nonce, b"", &sealed)
}

impl From<CryptoError> for AegisError {
    fn from(e: CryptoError) -> Self {
        match e {
            CryptoError::OverLimit { what, value, limit } => {
                AegisError::OverLimit { what, value, limit }
            }
            CryptoError::BadParameters(what) | CryptoError::Failed(what) => {
                AegisError::Malformed(what)
            }
            CryptoError::BelowMinimum { .. } | CryptoError::Random => {
                AegisError::Malformed("scrypt parameters")
            }
        }
    }
}

fn scrypt_params(slot: &Value) -> Result<ScryptParams, AegisError> {
    let num = |k: &'static str| {
        slot.get(k)
            .and_then(Value::as_u64)
            .ok_or(AegisError::Malformed(k))
    };
    // SEC-V2's rule for our own KDF applies to imported files too: cap before deriving.
    Ok(ScryptParams::new(num("n")?, num("r")?, num("p")?)?)
}

fn master_key(header: &Value, password: &SecretString) -> Result<SecretBytes, AegisError> {
    let slots = header
        .get("slots")
        .and_then(Value::as_array)
        .ok_or(AegisError::Malformed("slots"))?;
    if slots.len() > MAX_SLOTS {
        return Err(AegisError::OverLimit {
            what: "slots",
            value: slots.len() as u64,
            limit: MAX_SLOTS as u64,
        });
    }
    let password_slots: Vec<&Value> = slots
        .iter()
        .filter(|s| s.get("type").and_then(Value::as_u64) == Some(1))
        .collect();
    // Every slot's parameters are checked, and their total work capped, before the first
    // derivation: 16 slots at the per-slot cap would otherwise cost minutes.
    let params = password_slots
        .iter()
        .map(|s| scrypt_params(s))
        .collect::<Result<Vec<_>, _>>()?;
    ScryptParams::check_total_work(params.iter().copied())?;
    for (slot, params) in password_slots.iter().zip(&params) {
        let salt = hex(slot.get("salt"), "slot salt")?;
        let kek = params.derive(password.expose().as_bytes(), &salt)?;
        let params = slot
            .get("key_params")
            .ok_or(AegisError::Malformed("key_params"))?;
        let wrapped = hex(slot.get("key"), "slot key")?;
        let nonce = hex(params.get("nonce"), "slot nonce")?;
        let tag = hex(params.get("tag"), "slot tag")?;
        if let Some(key) = gcm_open(kek.expose(), &nonce, &wrapped, &tag) {
            if key.len() == 32 {
                return Ok(SecretBytes::new(key.to_vec()));
            }
        }
    }
    Err(if !password_slots.is_empty() {
        AegisError::WrongPassword
    } else {
        AegisError::NoPasswordSlot
    })
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_owned()
}

fn entry(v: &Value) -> Result<AegisItem, String> {
    let info = v.get("info").ok_or("no info object")?;
    let secret_text = info
        .get("secret")
        .and_then(Value::as_str)
        .ok_or("no secret")?;
    let secret =
        base32::decode(secret_text.trim_end_matches('=')).map_err(|e| format!("secret: {e}"))?;
    let algorithm = match info.get("algo").and_then(Value::as_str).unwrap_or("SHA1") {
        "SHA1" => Algorithm::Sha1,
        "SHA256" => Algorithm::Sha256,
        "SHA512" => Algorithm::Sha512,
        "MD5" => return Err("MD5 is not supported".into()),
        _ => return Err("unknown algorithm".into()),
    };
    let digits = info.get("digits").and_then(Value::as_u64).unwrap_or(6);
    let digits = u8::try_from(digits).map_err(|_| "digits out of range".to_owned())?;
    let kind = match v.get("type").and_then(Value::as_str).unwrap_or("") {
        "totp" => {
            let period = info.get("period").and_then(Value::as_u64).unwrap_or(30);
            OtpKind::Totp {
                period: u32::try_from(period).map_err(|_| "period out of range".to_owned())?,
            }
        }
        "hotp" => OtpKind::Hotp {
            counter: info.get("counter").and_then(Value::as_u64).unwrap_or(0),
        },
        "steam" => OtpKind::Steam,
        "" => return Err("no type".into()),
        other if other.len() <= 16 && other.chars().all(|c| c.is_ascii_alphanumeric()) => {
            return Err(format!("type '{other}' is not supported"));
        }
        _ => return Err("unknown type".into()),
    };
    let issuer = Some(text(v, "issuer")).filter(|s| !s.is_empty());
    let account = Account::new(
        issuer,
        text(v, "name"),
        SecretBytes::new(secret.to_vec()),
        algorithm,
        digits,
        kind,
    )
    .map_err(|e| e.to_string())?;
    Ok(AegisItem {
        index: 0,
        account,
        note: text(v, "note"),
    })
}

/// Parses an Aegis export; `password` is needed only for encrypted files. Per-entry
/// problems (unsupported type, bad secret) are reported in `skipped`, not as an error.
pub fn parse(bytes: &[u8], password: Option<&SecretString>) -> Result<AegisImport, AegisError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(AegisError::OverLimit {
            what: "file bytes",
            value: bytes.len() as u64,
            limit: MAX_FILE_BYTES as u64,
        });
    }
    let root = json(bytes)?;
    let version = root
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(AegisError::NotAegis("no version"))?;
    if version != 1 {
        return Err(AegisError::UnsupportedVersion {
            what: "vault",
            version,
        });
    }
    let header = root
        .get("header")
        .ok_or(AegisError::NotAegis("no header"))?;
    let db_value = root.get("db").ok_or(AegisError::NotAegis("no db"))?;
    let decrypted;
    let db = match db_value {
        Value::Object(_) => db_value,
        Value::String(b64) => {
            let password = password.ok_or(AegisError::PasswordRequired)?;
            let key = master_key(header, password)?;
            let params = header
                .get("params")
                .ok_or(AegisError::Malformed("params"))?;
            let nonce = hex(params.get("nonce"), "db nonce")?;
            let tag = hex(params.get("tag"), "db tag")?;
            let ciphertext = base64::decode(b64).ok_or(AegisError::Malformed("db base64"))?;
            let plain =
                gcm_open(key.expose(), &nonce, &ciphertext, &tag).ok_or(AegisError::Tampered)?;
            decrypted = json(&plain)?;
            &decrypted
        }
        _ => return Err(AegisError::NotAegis("db is neither an object nor a string")),
    };
    let db_version = db
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(AegisError::Malformed("db version"))?;
    if !(1..=3).contains(&db_version) {
        return Err(AegisError::UnsupportedVersion {
            what: "db",
            version: db_version,
        });
    }
    let entries = db
        .get("entries")
        .and_then(Value::as_array)
        .ok_or(AegisError::Malformed("entries"))?;
    if entries.len() > MAX_ENTRIES {
        return Err(AegisError::OverLimit {
            what: "entries",
            value: entries.len() as u64,
            limit: MAX_ENTRIES as u64,
        });
    }
    let mut out = AegisImport {
        items: Vec::new(),
        skipped: Vec::new(),
    };
    for (index, v) in entries.iter().enumerate() {
        match entry(v) {
            Ok(item) => out.items.push(AegisItem { index, ..item }),
            Err(reason) => {
                let (issuer, name) = (text(v, "issuer"), text(v, "name"));
                let label = if issuer.is_empty() {
                    name
                } else {
                    format!("{issuer} ({name})")
                };
                let label: String = label.chars().filter(|c| !c.is_control()).take(80).collect();
                out.skipped.push(AegisSkip {
                    index,
                    label,
                    reason,
                });
            }
        }
    }
    Ok(out)
}

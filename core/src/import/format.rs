//! The formats inkan reads, their `--format` names, and detection from the content
//! (never from the file name: phones hand over documents without a trustworthy one).

use super::ImportError;
use serde_json::Value;

/// A format inkan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// inkan's own encrypted backup.
    InkanBackup,
    /// Aegis JSON, plain or encrypted.
    Aegis,
    /// A text file of `otpauth://`, `steam://` or `otpauth-migration://` links, one a line.
    OtpauthText,
    /// 2FAS (`.2fas` / JSON, schemas 1–4, plain or encrypted).
    TwoFas,
    /// andOTP JSON (plain).
    AndOtp,
    /// andOTP encrypted backup (PBKDF2 header, andOTP ≥ 0.6).
    AndOtpEncrypted,
    /// andOTP encrypted backup of old versions (SHA-256 of the password as the key).
    AndOtpEncryptedOld,
    /// Bitwarden JSON export (unencrypted).
    BitwardenJson,
    /// Bitwarden CSV export.
    BitwardenCsv,
    /// FreeOTP+ JSON export.
    FreeOtpPlus,
    /// Proton Authenticator JSON export (plain).
    Proton,
    /// Steam Desktop Authenticator maFile (one account, or a manifest of several).
    Steam,
    /// Authenticator Pro / Stratum plain JSON backup.
    AuthenticatorPro,
    /// Duo Mobile JSON export.
    Duo,
    /// LastPass Authenticator JSON export.
    LastPass,
    /// An image with QR codes (Google Authenticator's migration batches, otpauth codes).
    Image,
}

impl Format {
    /// Every format, in detection order.
    pub const ALL: [Format; 16] = [
        Format::InkanBackup,
        Format::Aegis,
        Format::TwoFas,
        Format::AndOtp,
        Format::AndOtpEncrypted,
        Format::AndOtpEncryptedOld,
        Format::BitwardenJson,
        Format::BitwardenCsv,
        Format::FreeOtpPlus,
        Format::Proton,
        Format::Steam,
        Format::AuthenticatorPro,
        Format::Duo,
        Format::LastPass,
        Format::OtpauthText,
        Format::Image,
    ];

    /// The `--format` name.
    pub fn name(self) -> &'static str {
        match self {
            Format::InkanBackup => "inkan",
            Format::Aegis => "aegis",
            Format::OtpauthText => "otpauth",
            Format::TwoFas => "2fas",
            Format::AndOtp => "andotp",
            Format::AndOtpEncrypted => "andotp-encrypted",
            Format::AndOtpEncryptedOld => "andotp-encrypted-old",
            Format::BitwardenJson => "bitwarden-json",
            Format::BitwardenCsv => "bitwarden-csv",
            Format::FreeOtpPlus => "freeotp-plus",
            Format::Proton => "proton-authenticator",
            Format::Steam => "steam",
            Format::AuthenticatorPro => "authenticator-pro",
            Format::Duo => "duo",
            Format::LastPass => "lastpass",
            Format::Image => "image",
        }
    }

    /// The format with `--format` name `name` (case-insensitive).
    pub fn from_name(name: &str) -> Result<Format, ImportError> {
        let lower = name.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == lower)
            .ok_or_else(|| ImportError::UnknownFormatName {
                name: name
                    .chars()
                    .filter(|c| c.is_ascii_graphic())
                    .take(40)
                    .collect(),
                known: names(),
            })
    }
}

fn names() -> String {
    Format::ALL.map(Format::name).join(", ")
}

/// The format of `bytes`, from their content. andOTP's old encrypted backups are random
/// bytes with no header and are only read with `--format andotp-encrypted-old`.
pub fn detect(bytes: &[u8]) -> Result<Format, ImportError> {
    if bytes.starts_with(crate::vault::MAGIC) {
        return Ok(Format::InkanBackup);
    }
    if super::image::looks_like_image(bytes) {
        return Ok(Format::Image);
    }
    let trimmed = bytes.trim_ascii_start();
    if trimmed.starts_with(b"{") || trimmed.starts_with(b"[") {
        if let Ok(root) = serde_json::from_slice::<Value>(bytes) {
            if let Some(format) = detect_json(&root) {
                return Ok(format);
            }
        }
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        let first = text.lines().next().unwrap_or("").to_ascii_lowercase();
        if first.contains("login_totp") {
            return Ok(Format::BitwardenCsv);
        }
        if text.lines().any(|l| {
            let l = l.trim_start().to_ascii_lowercase();
            l.starts_with("otpauth://")
                || l.starts_with("otpauth-migration://")
                || l.starts_with("steam://")
        }) {
            return Ok(Format::OtpauthText);
        }
    } else if andotp_header(bytes) {
        return Ok(Format::AndOtpEncrypted);
    }
    Err(ImportError::UnknownFormat { tried: names() })
}

fn detect_json(root: &Value) -> Option<Format> {
    let has = |k: &str| root.get(k).is_some();
    if has("header") && has("db") {
        return Some(Format::Aegis);
    }
    if has("schemaVersion") || has("servicesEncrypted") || has("services") {
        return Some(Format::TwoFas);
    }
    if has("tokenOrder") && has("tokens") {
        return Some(Format::FreeOtpPlus);
    }
    if has("items") && (has("encrypted") || has("folders")) {
        return Some(Format::BitwardenJson);
    }
    // LastPass lists its accounts; Steam's manifest maps ids to accounts.
    if root.get("accounts").is_some_and(Value::is_array) {
        return Some(Format::LastPass);
    }
    if has("shared_secret") || has("accounts") {
        return Some(Format::Steam);
    }
    if has("Authenticators") {
        return Some(Format::AuthenticatorPro);
    }
    if has("entries") && has("version") {
        return Some(Format::Proton);
    }
    let first = root.as_array()?.first()?;
    if first.get("otpGenerator").is_some() {
        return Some(Format::Duo);
    }
    (first.get("secret").is_some() && first.get("type").is_some()).then_some(Format::AndOtp)
}

/// andOTP's PBKDF2 header: a big-endian iteration count in andOTP's range, then salt, IV,
/// and at least a GCM tag.
fn andotp_header(bytes: &[u8]) -> bool {
    let Some(head) = bytes.get(..4).and_then(|h| <[u8; 4]>::try_from(h).ok()) else {
        return false;
    };
    let iterations = u32::from_be_bytes(head);
    (1_000..=10_000_000).contains(&iterations) && bytes.len() >= 4 + 12 + 12 + 16
}

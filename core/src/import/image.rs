//! An image of QR codes (a screenshot of Google Authenticator's "Transfer accounts" batch,
//! or of any `otpauth://` code): every code decoded by `qr` (its size and work limits,
//! SEC-L3), each text read as links. A code that is no link is skipped, not an error.

use super::item::label;
use super::{ImportError, Item, Read, Skip};
use crate::qr;
use crate::text::parse_accounts;

/// File signatures of the image formats `qr` decodes.
pub(super) fn looks_like_image(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 5] = [
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8\xff",
        b"GIF8",
        b"BM",
        b"RIFF",
    ];
    MAGIC.iter().any(|m| bytes.starts_with(m))
        && (!bytes.starts_with(b"RIFF") || bytes.get(8..12) == Some(b"WEBP"))
}

pub(super) fn read(bytes: &[u8]) -> Result<Read, ImportError> {
    let texts = qr::decode_image(bytes)?;
    if texts.is_empty() {
        return Err(ImportError::Malformed {
            format: "image",
            what: "no QR code found",
        });
    }
    let mut out = Read::new();
    for (n, text) in texts.iter().enumerate() {
        let position = n + 1;
        match parse_accounts(text) {
            Ok(parsed) => {
                out.items
                    .extend(parsed.accounts.into_iter().map(|account| Item {
                        position,
                        account,
                        note: String::new(),
                        icon: None,
                        created: None,
                    }));
                out.skipped.extend(parsed.skipped.into_iter().map(|s| Skip {
                    position,
                    label: label(&s.name, &format!("migration item {}", s.index + 1)),
                    reason: s.reason.to_string(),
                }));
            }
            // The reason names the problem, never the text (it may hold a secret).
            Err(e) => out.skipped.push(Skip {
                position,
                label: format!("QR code {position}"),
                reason: e.to_string(),
            }),
        }
    }
    Ok(out)
}

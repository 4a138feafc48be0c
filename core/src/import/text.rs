//! A text file of links, one a line: `otpauth://`, `steam://`, `otpauth-migration://`
//! (Google Authenticator's export, several accounts a line). Blank lines and `#` comments
//! are ignored; a line that is no valid link is skipped with its line number.

use super::item::label;
use super::{ImportError, Item, Read, Skip};
use crate::text::parse_accounts;

pub(super) fn read(bytes: &[u8]) -> Result<Read, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::Malformed {
        format: "otpauth text",
        what: "not UTF-8 text",
    })?;
    let mut out = Read::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_accounts(line) {
            Ok(parsed) => {
                out.items
                    .extend(parsed.accounts.into_iter().map(|account| Item {
                        position: n + 1,
                        account,
                        note: String::new(),
                        icon: None,
                        created: None,
                    }));
                out.skipped.extend(parsed.skipped.into_iter().map(|s| Skip {
                    position: n + 1,
                    label: label(&s.name, &format!("migration item {}", s.index + 1)),
                    reason: s.reason.to_string(),
                }));
            }
            // The error names the problem, never the line (it holds a secret).
            Err(e) => out.skipped.push(Skip {
                position: n + 1,
                label: format!("line {}", n + 1),
                reason: e.to_string(),
            }),
        }
        if out.items.len() + out.skipped.len() > super::MAX_ITEMS {
            return Err(super::read::over_items(out.items.len() + out.skipped.len()));
        }
    }
    Ok(out)
}

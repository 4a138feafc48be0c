//! Texts: every string the app shows, from one Fluent catalog per language
//! (`app/locales/<lang>/app.ftl`, embedded at build time), and the stable error codes.
//!
//! Why Fluent (`fluent-bundle`, Mozilla's Rust implementation of Project Fluent): one
//! catalog source for both phones, plurals by CLDR rules (`{ $count ->` selectors),
//! arguments by name, and translators can reorder a sentence without touching code.
//! Platform catalogs (strings.xml, Localizable.strings) would mean two generated copies and
//! the rules for which text to show would drift back into the shells.
//!
//! Owns the language choice (`Lang::from_tag`: Japanese for any `ja*` tag, English
//! otherwise) and number formatting (digit grouping with `,`, the same in both languages).
//! It does not decide what to show: the flows pick keys.

mod catalog;
mod errors;

pub use catalog::{Arg, Lang, Texts};
pub use errors::{error_key, ErrorCode};

#[cfg(test)]
mod tests {
    use super::catalog::catalog_keys;
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// Prefixes of catalog keys; a string literal in the sources with one of them is a key.
    const PREFIXES: &[&str] = &[
        "title-",
        "field-",
        "password-",
        "create-",
        "recovery-",
        "unlock-",
        "new-password-",
        "notice-",
        "code-",
        "a11y-",
        "delete-",
        "action-",
        "accounts-",
        "add-",
        "push-",
        "scan-",
        "manual-",
        "confirm-",
        "lock-",
        "backup-",
        "notify-",
        "inbox-",
        "approve-",
        "error-",
    ];

    fn literals(dir: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                literals(&path, out);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, piece) in text.split('"').enumerate() {
                let is_key = i % 2 == 1
                    && !piece.ends_with('-')
                    && PREFIXES.iter().any(|p| piece.starts_with(p))
                    && piece
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if is_key {
                    out.insert(piece.to_owned());
                }
            }
        }
    }

    #[test]
    fn every_key_the_model_uses_is_in_both_catalogs_and_every_catalog_key_is_used() {
        let mut used = BTreeSet::new();
        literals(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut used,
        );
        assert!(used.len() > 50, "the scan found the keys: {}", used.len());
        let texts = Texts::new();
        for key in &used {
            for lang in Lang::ALL {
                assert!(
                    texts.has(lang, key),
                    "{key} is used but missing in {}",
                    lang.tag()
                );
            }
        }
        let error_keys: BTreeSet<_> = ErrorCode::ALL.iter().map(|c| c.key().to_owned()).collect();
        for key in catalog_keys(Lang::En) {
            assert!(
                used.contains(&key) || error_keys.contains(&key),
                "{key} is in the catalog but never used"
            );
        }
    }
}

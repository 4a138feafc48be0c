//! The one rule for outside text that inkan shows as plain text: otpauth labels and
//! issuers, migration item names, push enrollment fields, challenge titles and questions,
//! server messages.
//!
//! Refused (or, for texts that are only reported, removed) are the characters that make a
//! line look different from what it says (SECURITY.md SEC-P2, SEC-L1):
//! - control characters (C0, DEL, C1): they break lines, ring bells, move the cursor;
//! - bidi formatting (Unicode UAX #9): the explicit embeddings, overrides and isolates
//!   (U+202A–U+202E, U+2066–U+2069) and the implicit marks (U+200E, U+200F, U+061C),
//!   which reorder or regroup the visible text ("Approve" shown for "evorppA");
//! - the line and paragraph separators U+2028 and U+2029, which start a new line in most
//!   text views, so a question could push the real sign-in details off screen.
//!
//! What it does not refuse: letters of any script, joiners (U+200C/U+200D, needed by
//! several scripts and emoji), ordinary spaces.

/// Why a text was refused. Never carries the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// More characters than the field allows.
    #[error("longer than {limit} characters")]
    TooLong {
        /// The limit, in characters (Unicode scalar values).
        limit: usize,
    },
    /// A character that could hide or reorder what the text says, at this char offset.
    #[error("character {offset} is a control, bidi or line-separator character")]
    Forbidden {
        /// Zero-based character offset.
        offset: usize,
    },
}

/// True for a character that plain text from outside must not contain.
pub fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Checks `text`: at most `limit` characters, none of them [`is_forbidden`].
pub fn check(text: &str, limit: usize) -> Result<(), TextError> {
    if let Some(offset) = text.chars().position(is_forbidden) {
        return Err(TextError::Forbidden { offset });
    }
    if text.chars().nth(limit).is_some() {
        return Err(TextError::TooLong { limit });
    }
    Ok(())
}

/// `text` without forbidden characters and cut to `limit` characters: for texts that are
/// only reported (a server's error message, the name of a skipped item), never stored.
pub fn cleaned(text: &str, limit: usize) -> String {
    text.chars()
        .filter(|c| !is_forbidden(*c))
        .take(limit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_hides_or_reorders_text() {
        // SEC-P2: each of these changes how a line reads without being visible.
        for c in [
            '\u{0}', '\n', '\u{1b}', '\u{7f}', '\u{85}', '\u{61c}', '\u{200e}', '\u{200f}',
            '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{2028}', '\u{2029}',
        ] {
            let text = format!("ok{c}");
            assert!(is_forbidden(c), "U+{:04X}", u32::from(c));
            assert_eq!(check(&text, 10), Err(TextError::Forbidden { offset: 2 }));
            assert_eq!(cleaned(&text, 10), "ok");
        }
    }

    #[test]
    fn keeps_letters_joiners_and_spaces() {
        for text in [
            "Log in as Alice?",
            "楽天 ID",
            "שלום עולם",
            "👩\u{200d}💻",
            "a\u{200c}b",
        ] {
            assert_eq!(check(text, 64), Ok(()), "{text}");
            assert_eq!(cleaned(text, 64), text);
        }
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(check("楽天楽", 3), Ok(()));
        assert_eq!(check("楽天楽天", 3), Err(TextError::TooLong { limit: 3 }));
        assert_eq!(cleaned("楽天楽天", 3), "楽天楽");
    }
}

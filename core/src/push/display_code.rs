//! The code a `push_code_to_phone` server returns in its answer reply, for the user to type
//! at the sign-in screen (PROTOCOL.md §4, §5).
//!
//! The reply is not signed: it comes only over the TLS connection to the URL pinned at
//! pairing (SEC-P3). privacyIDEA sends two digits; anything but a short run of ASCII letters
//! and digits is hostile or broken text and is refused, so no markup, control, bidi or
//! look-alike character can reach the screen.

use super::error::PushError;
use crate::secret::SecretString;
use serde_json::Value;

/// Longest code accepted (privacyIDEA 3.14 sends 2 digits).
pub const MAX_DISPLAY_CODE: usize = 16;

/// A code to type at the sign-in screen. It completes a sign-in, so it is kept like a secret:
/// redacted in `Debug`, zeroized on drop, and never put in a notification (SEC-P7).
#[derive(Clone, PartialEq, Eq)]
pub struct DisplayCode(SecretString);

impl DisplayCode {
    /// The `detail.display_code` of an answer reply: `Ok(None)` when absent or null, an
    /// error when present but not 1..=[`MAX_DISPLAY_CODE`] ASCII letters and digits.
    pub fn from_reply(reply: &Value) -> Result<Option<Self>, PushError> {
        let bad = PushError::BadResponse("the code to type at the sign-in is malformed");
        match reply.pointer("/detail/display_code") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Self::parse(text).map(Some).ok_or(bad),
            Some(_) => Err(bad),
        }
    }

    /// `text` when it is a well-formed code.
    pub fn parse(text: &str) -> Option<Self> {
        let ok = (1..=MAX_DISPLAY_CODE).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_alphanumeric());
        ok.then(|| Self(SecretString::new(text.to_owned())))
    }

    /// The code, to show inside the unlocked app only.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl std::fmt::Debug for DisplayCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DisplayCode(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn code(detail: Value) -> Result<Option<String>, PushError> {
        DisplayCode::from_reply(&json!({ "result": {"value": true}, "detail": detail }))
            .map(|c| c.map(|c| c.expose().to_owned()))
    }

    #[test]
    fn the_servers_two_digits_and_short_alphanumerics_pass() {
        assert_eq!(code(json!({"display_code": "42"})), Ok(Some("42".into())));
        assert_eq!(code(json!({"display_code": "07"})), Ok(Some("07".into())));
        assert_eq!(
            code(json!({"display_code": "AB12cd"})),
            Ok(Some("AB12cd".into()))
        );
        assert_eq!(
            code(json!({"display_code": "1".repeat(16)})).map(|c| c.map(|s| s.len())),
            Ok(Some(16))
        );
    }

    #[test]
    fn no_code_is_none() {
        assert_eq!(code(Value::Null), Ok(None));
        assert_eq!(code(json!({})), Ok(None));
        assert_eq!(code(json!({"display_code": null})), Ok(None));
    }

    // SEC-P2: hostile server text never becomes a code to show.
    #[test]
    fn hostile_or_malformed_codes_are_refused() {
        for bad in [
            json!(""),
            json!("1".repeat(17)),
            json!("4 2"),
            json!("42\n"),
            json!("42\u{202e}"),
            json!("<b>42</b>"),
            json!("４２"),
            json!("42|x"),
            json!("Ⅻ"),
            json!(42),
            json!(["42"]),
            json!({"code": "42"}),
        ] {
            assert!(code(json!({ "display_code": bad })).is_err(), "{bad}");
        }
    }

    #[test]
    fn debug_does_not_show_the_code() {
        let c = DisplayCode::parse("42").unwrap();
        assert!(!format!("{c:?}").contains("42"));
    }
}

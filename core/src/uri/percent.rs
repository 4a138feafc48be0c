//! Percent-encoding as otpauth URIs use it (RFC 3986, UTF-8), through the `url` crate's
//! `percent-encoding`.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::borrow::Cow;

/// Everything but RFC 3986 unreserved characters and `@` (common in labels).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

/// Decodes `%XX` escapes; with `plus_is_space`, `+` becomes a space (query values).
/// A `%` not followed by two hex digits is kept as it is, as browsers do.
/// Returns `None` when the result is not UTF-8.
pub fn decode_component(input: &str, plus_is_space: bool) -> Option<String> {
    // `+` is replaced before decoding, so that `%2B` still gives a `+`.
    let input: Cow<'_, str> = if plus_is_space && input.contains('+') {
        Cow::Owned(input.replace('+', " "))
    } else {
        Cow::Borrowed(input)
    };
    percent_decode_str(&input)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}

/// Encodes everything but RFC 3986 unreserved characters and `@` (common in labels).
pub fn encode_component(input: &str) -> String {
    utf8_percent_encode(input, COMPONENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes() {
        assert_eq!(decode_component("a%20b+c", false).unwrap(), "a b+c");
        assert_eq!(decode_component("a%20b+c", true).unwrap(), "a b c");
        assert_eq!(decode_component("%E6%A5%BD", false).unwrap(), "楽");
        assert_eq!(decode_component("100%", false).unwrap(), "100%");
        assert_eq!(decode_component("%E6%A5", false), None);
        assert_eq!(
            decode_component("a%2Bb+c%zz%4", true).unwrap(),
            "a+b c%zz%4"
        );
        assert_eq!(encode_component("a b@c~d+é"), "a%20b@c~d%2B%C3%A9");
    }

    #[test]
    fn round_trips() {
        for s in ["AT&T", "a b:c", "楽天", "x+y@z", "%"] {
            assert_eq!(decode_component(&encode_component(s), true).unwrap(), s);
        }
    }
}

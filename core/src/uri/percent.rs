//! Percent-encoding as otpauth URIs use it (RFC 3986, UTF-8).

/// Decodes `%XX` escapes; with `plus_is_space`, `+` becomes a space (query values).
/// A `%` not followed by two hex digits is kept as it is, as browsers do.
/// Returns `None` when the result is not UTF-8.
pub fn decode_component(input: &str, plus_is_space: bool) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match b {
            b'%' => match (hex(i + 1), hex(i + 2)) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Encodes everything but RFC 3986 unreserved characters and `@` (common in labels).
pub fn encode_component(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for b in input.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    }

    #[test]
    fn round_trips() {
        for s in ["AT&T", "a b:c", "楽天", "x+y@z", "%"] {
            assert_eq!(decode_component(&encode_component(s), true).unwrap(), s);
        }
    }
}

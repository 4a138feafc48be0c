//! Standard base64 (RFC 4648 section 4), padding optional, no other characters.

use data_encoding::{Encoding, BASE64};
use zeroize::Zeroizing;

/// With `=` padding; the unused bits of the last character are not checked (as before:
/// exporters are not all canonical).
const PADDED: Encoding = data_encoding_macro::new_encoding! {
    symbols: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    padding: '=',
    check_trailing_bits: false,
};

/// The same alphabet without padding (a `=` is then a bad character).
const UNPADDED: Encoding = data_encoding_macro::new_encoding! {
    symbols: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    check_trailing_bits: false,
};

/// Decodes; `None` on a bad character, misplaced padding, or a length of 1 mod 4.
pub fn decode(input: &str) -> Option<Zeroizing<Vec<u8>>> {
    // Padding, when present, makes the length a multiple of 4.
    let encoding = if input.len().is_multiple_of(4) {
        &PADDED
    } else {
        &UNPADDED
    };
    let mut out = Zeroizing::new(vec![0; encoding.decode_len(input.len()).ok()?]);
    let written = encoding.decode_mut(input.as_bytes(), &mut out).ok()?;
    out.truncate(written);
    Some(out)
}

/// Encodes with padding.
pub fn encode(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), enc);
            assert_eq!(decode(enc).unwrap().as_slice(), plain.as_bytes());
            assert_eq!(
                decode(enc.trim_end_matches('=')).unwrap().as_slice(),
                plain.as_bytes()
            );
        }
        assert!(decode("Zg=").is_none());
        assert!(decode("Z").is_none());
        assert!(decode("Zm9v*").is_none());
        assert!(decode("Zm=v").is_none());
        assert!(decode("Zm9v====").is_none());
        // Unused bits of the last character are ignored, as exporters differ there.
        assert_eq!(decode("Zh").unwrap().as_slice(), b"f");
        assert_eq!(decode("Zh==").unwrap().as_slice(), b"f");
    }
}

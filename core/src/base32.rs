//! RFC 4648 base32 as authenticator QR codes use it: case-insensitive, padding optional.
//!
//! Decoding is strict about the alphabet (no `0 1 8 9`, no `=` inside) and lenient about
//! length: real services issue secrets of any length, so trailing bits that do not fill a
//! byte are dropped rather than rejected.

use data_encoding::{DecodeKind, Encoding, BASE32_NOPAD};
use zeroize::Zeroizing;

/// RFC 4648 base32 without padding; lower case is read as upper case, and the bits of the
/// last character beyond the last whole byte need not be zero (services differ there).
const LENIENT: Encoding = data_encoding_macro::new_encoding! {
    symbols: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
    translate_from: "abcdefghijklmnopqrstuvwxyz",
    translate_to: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    check_trailing_bits: false,
};

/// Why a base32 string could not be decoded. Never carries the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Base32Error {
    /// A character outside the base32 alphabet, at this character offset.
    #[error("character {offset} is not base32 (allowed: A-Z and 2-7)")]
    BadCharacter {
        /// Zero-based character offset.
        offset: usize,
    },
    /// Too few characters to make up a single byte.
    #[error("too short to hold one byte")]
    TooShort,
}

/// Decodes unpadded, case-insensitive base32. The output buffer is zeroized on drop.
pub fn decode(input: &str) -> Result<Zeroizing<Vec<u8>>, Base32Error> {
    let bytes = input.as_bytes();
    // A length of 1, 3 or 6 (mod 8) ends in a character that completes no byte; it is
    // dropped (after its alphabet check) rather than the whole secret refused.
    let whole = match bytes.len() % 8 {
        1 | 3 | 6 => bytes.len() - 1,
        _ => bytes.len(),
    };
    let (head, tail) = bytes.split_at(whole);
    let len = LENIENT
        .decode_len(whole)
        .map_err(|_| Base32Error::TooShort)?;
    let mut out = Zeroizing::new(vec![0; len]);
    let written = LENIENT
        .decode_mut(head, &mut out)
        .map_err(|e| match e.error.kind {
            DecodeKind::Symbol | DecodeKind::Padding | DecodeKind::Trailing => {
                Base32Error::BadCharacter {
                    offset: e.error.position,
                }
            }
            DecodeKind::Length => Base32Error::TooShort,
        })?;
    if let Some(&last) = tail.first() {
        if !is_symbol(last) {
            return Err(Base32Error::BadCharacter { offset: whole });
        }
    }
    out.truncate(written);
    if out.is_empty() {
        return Err(Base32Error::TooShort);
    }
    Ok(out)
}

fn is_symbol(c: u8) -> bool {
    // Two characters hold one byte: decoding `c` after a valid one says whether it is base32.
    LENIENT.decode(&[b'A', c]).is_ok()
}

/// Encodes bytes as uppercase base32 without padding (the canonical otpauth form).
pub fn encode(bytes: &[u8]) -> String {
    BASE32_NOPAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        for (plain, enc) in [
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(encode(plain.as_bytes()), enc);
            assert_eq!(decode(enc).unwrap().as_slice(), plain.as_bytes());
            assert_eq!(
                decode(&enc.to_lowercase()).unwrap().as_slice(),
                plain.as_bytes()
            );
        }
    }

    #[test]
    fn odd_lengths_and_trailing_bits_are_taken_as_services_issue_them() {
        // 9, 3 and 6 characters: the last one completes no byte and is dropped.
        assert_eq!(decode("MZXW6YTBO").unwrap().as_slice(), b"fooba");
        assert_eq!(decode("mzx").unwrap().as_slice(), b"f");
        assert_eq!(decode("MZXW6Y").unwrap().as_slice(), b"foo");
        // Non-zero bits after the last byte are ignored.
        assert_eq!(decode("MZXW6YR").unwrap().as_slice(), b"foob");
        assert_eq!(decode("MZ").unwrap().as_slice(), b"f");
        assert_eq!(decode("M7").unwrap().as_slice(), b"g");
        // The dropped character is still checked.
        assert_eq!(
            decode("MZXW6YTB1"),
            Err(Base32Error::BadCharacter { offset: 8 })
        );
    }

    #[test]
    fn rejects_bad_characters_and_empty() {
        assert_eq!(decode("AB1C"), Err(Base32Error::BadCharacter { offset: 2 }));
        assert_eq!(decode("A="), Err(Base32Error::BadCharacter { offset: 1 }));
        assert_eq!(decode("A"), Err(Base32Error::TooShort));
        assert_eq!(decode(""), Err(Base32Error::TooShort));
    }
}

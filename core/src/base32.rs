//! RFC 4648 base32 as authenticator QR codes use it: case-insensitive, padding optional.
//!
//! Decoding is strict about the alphabet (no `0 1 8 9`, no `=` inside) and lenient about
//! length: real services issue secrets of any length, so trailing bits that do not fill a
//! byte are dropped rather than rejected.

use zeroize::{Zeroize, Zeroizing};

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

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

fn value_of(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a'),
        b'2'..=b'7' => Some(c - b'2' + 26),
        _ => None,
    }
}

/// Decodes unpadded, case-insensitive base32. The output buffer is zeroized on error paths.
pub fn decode(input: &str) -> Result<Zeroizing<Vec<u8>>, Base32Error> {
    let mut out = Zeroizing::new(Vec::with_capacity(input.len() * 5 / 8 + 1));
    let mut buffer: u32 = 0;
    let mut bits: u32 = 0;
    for (offset, c) in input.bytes().enumerate() {
        let v = value_of(c).ok_or(Base32Error::BadCharacter { offset })?;
        buffer = (buffer << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
        buffer &= (1 << bits) - 1;
    }
    buffer.zeroize();
    if out.is_empty() {
        return Err(Base32Error::TooShort);
    }
    Ok(out)
}

/// Encodes bytes as uppercase base32 without padding (the canonical otpauth form).
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer: u32 = 0;
    let mut bits: u32 = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
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
    fn rejects_bad_characters_and_empty() {
        assert_eq!(decode("AB1C"), Err(Base32Error::BadCharacter { offset: 2 }));
        assert_eq!(decode("A="), Err(Base32Error::BadCharacter { offset: 1 }));
        assert_eq!(decode("A"), Err(Base32Error::TooShort));
        assert_eq!(decode(""), Err(Base32Error::TooShort));
    }
}

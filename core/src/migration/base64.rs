//! Standard base64 (RFC 4648 section 4), padding optional, no other characters.

use zeroize::Zeroizing;

fn value_of(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decodes; `None` on a bad character, misplaced padding, or a length of 1 mod 4.
pub fn decode(input: &str) -> Option<Zeroizing<Vec<u8>>> {
    let trimmed = input
        .strip_suffix("==")
        .or_else(|| input.strip_suffix('='))
        .unwrap_or(input);
    if trimmed.len() % 4 == 1 {
        return None;
    }
    if input.len() != trimmed.len() && !input.len().is_multiple_of(4) {
        return None; // padding present but the total is not a multiple of 4
    }
    let mut out = Zeroizing::new(Vec::with_capacity(trimmed.len() / 4 * 3 + 2));
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in trimmed.bytes() {
        acc = (acc << 6) | value_of(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    Some(out)
}

/// Encodes with padding.
pub fn encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
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
    }
}

//! PBKDF2 (RFC 8018 §5.2) over HMAC-SHA1 or HMAC-SHA256 (ring), for other apps' exports
//! (2FAS, andOTP). inkan's own files use Argon2id; PBKDF2 is only ever read here, so the
//! iteration count comes from a file and is capped before any work is done.

use super::CryptoError;
use ring::pbkdf2;
use std::num::NonZeroU32;
use zeroize::Zeroizing;

/// Most iterations accepted from a file: 2,000,000 (10× andOTP's most, 200× 2FAS'), about
/// a second of work; a file asking more is refused rather than derived.
pub const MAX_PBKDF2_ITERATIONS: u64 = 2_000_000;

/// The PRF of a PBKDF2 derivation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pbkdf2Prf {
    /// HMAC-SHA1 (andOTP).
    Sha1,
    /// HMAC-SHA256 (2FAS).
    Sha256,
}

/// Derives `len` bytes (≤ 64) from `password` and `salt`; refuses 0 or over-cap iterations.
pub fn pbkdf2(
    prf: Pbkdf2Prf,
    iterations: u64,
    password: &[u8],
    salt: &[u8],
    len: usize,
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if iterations > MAX_PBKDF2_ITERATIONS {
        return Err(CryptoError::OverLimit {
            what: "pbkdf2 iterations",
            value: iterations,
            limit: MAX_PBKDF2_ITERATIONS,
        });
    }
    let rounds = u32::try_from(iterations)
        .ok()
        .and_then(NonZeroU32::new)
        .ok_or(CryptoError::BadParameters("pbkdf2 iterations"))?;
    if len == 0 || len > 64 {
        return Err(CryptoError::BadParameters("pbkdf2 output length"));
    }
    let algorithm = match prf {
        Pbkdf2Prf::Sha1 => pbkdf2::PBKDF2_HMAC_SHA1,
        Pbkdf2Prf::Sha256 => pbkdf2::PBKDF2_HMAC_SHA256,
    };
    let mut out = Zeroizing::new(vec![0u8; len]);
    pbkdf2::derive(algorithm, rounds, salt, password, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6070 test vector 2 (HMAC-SHA1, 2 iterations).
    #[test]
    fn rfc6070_vector() {
        let out = pbkdf2(Pbkdf2Prf::Sha1, 2, b"password", b"salt", 20).unwrap();
        assert_eq!(
            data_encoding::HEXLOWER.encode(&out),
            "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"
        );
    }

    #[test]
    fn hostile_iterations_are_refused_before_work() {
        let err = pbkdf2(Pbkdf2Prf::Sha256, u64::from(u32::MAX), b"p", b"s", 32).unwrap_err();
        assert!(matches!(err, CryptoError::OverLimit { .. }));
        assert!(pbkdf2(Pbkdf2Prf::Sha256, 0, b"p", b"s", 32).is_err());
    }
}

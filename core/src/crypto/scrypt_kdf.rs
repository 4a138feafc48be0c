//! scrypt (RFC 7914, RustCrypto `scrypt`), for reading other apps' files (Aegis), with
//! caps on one derivation's memory and on the total work of one import.

use super::error::CryptoError;
use crate::secret::SecretBytes;
use zeroize::Zeroizing;

/// Checked scrypt parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScryptParams {
    log_n: u8,
    r: u32,
    p: u32,
}

impl ScryptParams {
    /// Most memory of one derivation (128 · N · r bytes): 256 MiB, 8× Aegis' default.
    pub const MAX_MEMORY_BYTES: u64 = 256 * 1024 * 1024;
    /// Most work (128 · N · r · p bytes, summed over every slot tried) of one import:
    /// 16× Aegis' default (N=2^15, r=8, p=1), about 2 s on the project's machine.
    pub const MAX_WORK_BYTES: u64 = 512 * 1024 * 1024;
    /// Most parallel passes.
    pub const MAX_P: u64 = 16;

    /// Checks `n`, `r`, `p` as read from a file: shape first, then the caps.
    pub fn new(n: u64, r: u64, p: u64) -> Result<Self, CryptoError> {
        if !n.is_power_of_two() || n < 2 || r == 0 || p == 0 {
            return Err(CryptoError::BadParameters("scrypt parameters"));
        }
        let memory = 128u64.saturating_mul(n).saturating_mul(r);
        if memory > Self::MAX_MEMORY_BYTES {
            return Err(CryptoError::OverLimit {
                what: "scrypt memory bytes",
                value: memory,
                limit: Self::MAX_MEMORY_BYTES,
            });
        }
        if p > Self::MAX_P {
            return Err(CryptoError::OverLimit {
                what: "scrypt p",
                value: p,
                limit: Self::MAX_P,
            });
        }
        let log_n =
            u8::try_from(n.trailing_zeros()).map_err(|_| CryptoError::BadParameters("scrypt n"))?;
        let r = u32::try_from(r).map_err(|_| CryptoError::BadParameters("scrypt r"))?;
        let p = u32::try_from(p).map_err(|_| CryptoError::BadParameters("scrypt p"))?;
        let out = Self { log_n, r, p };
        Self::check_total_work([out])?;
        Ok(out)
    }

    /// The work of one derivation (128 · N · r · p bytes).
    pub fn work(&self) -> u64 {
        (128u64 << self.log_n)
            .saturating_mul(self.r.into())
            .saturating_mul(self.p.into())
    }

    /// Refuses an import whose slots together would cost more than `MAX_WORK_BYTES`.
    pub fn check_total_work(params: impl IntoIterator<Item = Self>) -> Result<(), CryptoError> {
        let total = params
            .into_iter()
            .fold(0u64, |sum, p| sum.saturating_add(p.work()));
        if total > Self::MAX_WORK_BYTES {
            return Err(CryptoError::OverLimit {
                what: "scrypt work of one import (bytes, all slots tried)",
                value: total,
                limit: Self::MAX_WORK_BYTES,
            });
        }
        Ok(())
    }

    /// Derives a 256-bit key.
    pub fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<SecretBytes, CryptoError> {
        let params = scrypt::Params::new(self.log_n, self.r, self.p, 32)
            .map_err(|_| CryptoError::BadParameters("scrypt parameters"))?;
        let mut out = Zeroizing::new(vec![0u8; 32]);
        scrypt::scrypt(secret, salt, &params, &mut out)
            .map_err(|_| CryptoError::Failed("scrypt output"))?;
        Ok(SecretBytes::new(out.to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_and_total_work() {
        assert!(ScryptParams::new(1 << 15, 8, 1).is_ok());
        assert!(matches!(
            ScryptParams::new(1 << 20, 8, 1),
            Err(CryptoError::OverLimit { .. })
        ));
        // Memory within the cap, but 16 parallel passes of it: over one import's work.
        assert!(matches!(
            ScryptParams::new(1 << 17, 16, 16),
            Err(CryptoError::OverLimit { .. })
        ));
        assert!(ScryptParams::new(3, 8, 1).is_err());
        let default = ScryptParams::new(1 << 15, 8, 1).unwrap();
        assert!(ScryptParams::check_total_work([default; 16]).is_ok());
        assert!(ScryptParams::check_total_work([default; 17]).is_err());
    }
}

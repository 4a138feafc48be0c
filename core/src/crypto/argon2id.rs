//! Argon2id (RFC 9106, RustCrypto `argon2`) with the caps and floor inkan applies to the
//! parameters stored in its own files (password and recovery slots).
//!
//! Three checks, all before any memory is allocated: each derivation is capped (memory
//! suited to a phone), the total work of one unlock (every slot tried) is capped, and
//! parameters below OWASP's Argon2id minimum are refused — a weak file was written by a
//! test build or altered, and opening it quietly would hide that.

use super::aead::KEY_LEN;
use super::error::CryptoError;
use crate::secret::SecretBytes;
use zeroize::Zeroizing;

/// Argon2 salt length.
pub const SALT_LEN: usize = 16;

/// Argon2id cost parameters, as stored in a password or recovery slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// The default for new password slots: 32 MiB, 2 passes, 1 lane — stronger than
    /// OWASP's Argon2id minimum (19 MiB, t=2). Measured by `examples/vault_bench.rs` on the
    /// project's shared 2-core machine (see `tests/vault/bench.sh`): within the 150 ms
    /// unlock budget with headroom for a loaded machine.
    pub const DEFAULT: KdfParams = KdfParams {
        m_kib: 32 * 1024,
        t: 2,
        p: 1,
    };
    /// Deliberately weak parameters for tests that save thousands of times. They exist
    /// only in debug builds (tests), which accept exactly these below the minimum; a
    /// release build has no such constant and refuses files that use them.
    #[cfg(debug_assertions)]
    pub const INSECURE_TEST: KdfParams = KdfParams {
        m_kib: 8,
        t: 1,
        p: 1,
    };
    /// Largest memory of one derivation: 256 MiB, what a phone can spare.
    pub const MAX_M_KIB: u32 = 256 * 1024;
    /// Most passes of one derivation.
    pub const MAX_T: u32 = 16;
    /// Most lanes.
    pub const MAX_P: u32 = 16;
    /// Least memory accepted (OWASP Argon2id minimum: 19 MiB with t=2).
    pub const MIN_M_KIB: u32 = 19 * 1024;
    /// Fewest passes accepted.
    pub const MIN_T: u32 = 2;
    /// Most work (KiB × passes, summed over every slot tried) of one unlock or import:
    /// 16 default derivations, about 1.5 s on the project's machine. Argon2 time grows
    /// with memory × passes, so this caps CPU time as `MAX_M_KIB` caps memory.
    pub const MAX_WORK: u64 = 1024 * 1024;

    /// The work of one derivation (KiB × passes).
    pub fn work(&self) -> u64 {
        u64::from(self.m_kib) * u64::from(self.t)
    }

    /// Checks the caps (SEC-V2: refuse DoS values), Argon2's own minimums and inkan's
    /// floor. Debug builds (tests) also accept exactly `INSECURE_TEST`.
    pub fn check(&self) -> Result<(), CryptoError> {
        self.check_with(cfg!(debug_assertions))
    }

    /// `check`, with the test exception given explicitly (so tests cover both builds).
    fn check_with(&self, allow_test_params: bool) -> Result<(), CryptoError> {
        let over = |what, value: u64, limit: u64| {
            if value > limit {
                Err(CryptoError::OverLimit { what, value, limit })
            } else {
                Ok(())
            }
        };
        over(
            "argon2 memory KiB",
            self.m_kib.into(),
            Self::MAX_M_KIB.into(),
        )?;
        over("argon2 passes", self.t.into(), Self::MAX_T.into())?;
        over("argon2 lanes", self.p.into(), Self::MAX_P.into())?;
        over("argon2 work (KiB x passes)", self.work(), Self::MAX_WORK)?;
        if self.t == 0 || self.p == 0 || u64::from(self.m_kib) < 8 * u64::from(self.p) {
            return Err(CryptoError::BadParameters(
                "argon2 needs t >= 1 and m >= 8 p",
            ));
        }
        if allow_test_params && self.is_test_params() {
            return Ok(());
        }
        let under = |what, value: u32, minimum: u32| {
            if value < minimum {
                Err(CryptoError::BelowMinimum {
                    what,
                    value: value.into(),
                    minimum: minimum.into(),
                })
            } else {
                Ok(())
            }
        };
        under("argon2 memory KiB", self.m_kib, Self::MIN_M_KIB)?;
        under("argon2 passes", self.t, Self::MIN_T)
    }

    fn is_test_params(&self) -> bool {
        #[cfg(debug_assertions)]
        return *self == Self::INSECURE_TEST;
        #[cfg(not(debug_assertions))]
        return false;
    }

    /// Derives a 256-bit key from `secret` and `salt` with Argon2id v1.3.
    pub fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<SecretBytes, CryptoError> {
        self.check()?;
        let params = argon2::Params::new(self.m_kib, self.t, self.p, Some(KEY_LEN))
            .map_err(|_| CryptoError::BadParameters("argon2 refused the parameters"))?;
        let kdf = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = Zeroizing::new(vec![0u8; KEY_LEN]);
        kdf.hash_password_into(secret, salt, &mut out)
            .map_err(|_| CryptoError::Failed("argon2 failed"))?;
        Ok(SecretBytes::new(out.to_vec()))
    }
}

/// Refuses an unlock whose slots together would cost more than `KdfParams::MAX_WORK`:
/// a file may hold 16 slots, and unlocking tries each of them.
pub fn check_total_work(params: impl IntoIterator<Item = KdfParams>) -> Result<(), CryptoError> {
    let total = params
        .into_iter()
        .fold(0u64, |sum, p| sum.saturating_add(p.work()));
    if total > KdfParams::MAX_WORK {
        return Err(CryptoError::OverLimit {
            what: "argon2 work of one unlock (KiB x passes, all slots tried)",
            value: total,
            limit: KdfParams::MAX_WORK,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(m_kib: u32, t: u32, p: u32) -> KdfParams {
        KdfParams { m_kib, t, p }
    }

    #[test]
    fn caps_refuse_dos_values() {
        // SEC-V2
        for p in [
            params(u32::MAX, 2, 1),
            params(KdfParams::MAX_M_KIB + 1, 2, 1),
            params(64 * 1024, 1000, 1),
            params(64 * 1024, 2, 17),
            // Each field within its cap, the product over one unlock's work.
            params(KdfParams::MAX_M_KIB, 16, 1),
        ] {
            assert!(
                matches!(p.check(), Err(CryptoError::OverLimit { .. })),
                "{p:?}"
            );
        }
        assert!(params(64, 0, 1).check().is_err());
        assert!(KdfParams::DEFAULT.check().is_ok());
        assert!(params(KdfParams::MAX_M_KIB, 4, 1).check().is_ok());
    }

    #[test]
    fn weak_parameters_are_refused_and_test_ones_only_in_debug_builds() {
        // Issue 16 item 3: below OWASP's minimum is refused with a clear error.
        let weak = params(16 * 1024, 2, 1);
        assert_eq!(
            weak.check(),
            Err(CryptoError::BelowMinimum {
                what: "argon2 memory KiB",
                value: 16 * 1024,
                minimum: 19 * 1024
            })
        );
        assert!(matches!(
            params(64 * 1024, 1, 1).check(),
            Err(CryptoError::BelowMinimum {
                what: "argon2 passes",
                ..
            })
        ));
        // What a release build does with the test parameters, and what tests rely on.
        let test = params(8, 1, 1);
        assert!(matches!(
            test.check_with(false),
            Err(CryptoError::BelowMinimum { .. })
        ));
        assert!(test.check_with(true).is_ok());
        assert!(params(16, 1, 1).check_with(true).is_err());
        assert!(params(KdfParams::MIN_M_KIB, 2, 1).check_with(false).is_ok());
    }

    #[test]
    fn total_work_is_capped_across_slots() {
        let d = KdfParams::DEFAULT;
        assert!(check_total_work([d; 16]).is_ok());
        assert!(matches!(
            check_total_work([d; 17]),
            Err(CryptoError::OverLimit { .. })
        ));
        assert!(check_total_work([params(KdfParams::MAX_M_KIB, 4, 1); 16]).is_err());
    }
}

//! Key-derivation limits on files from elsewhere (issue 16, items 2 and 3): the total
//! work of one unlock or import is capped and refused before any derivation, and inkan's
//! own files with parameters below the minimum are refused with a clear error.

// Helpers outside #[test] functions are test code too; clippy.toml only exempts the latter.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkan_core::aegis::{self, AegisError};
use inkan_core::secret::SecretString;
use inkan_core::vault::{import_backup, inspect, Credential, KdfParams, Vault, VaultError};
use std::time::{Duration, Instant};

/// Refusals must come before any derivation: far below one capped derivation's time.
const QUICK: Duration = Duration::from_millis(500);

fn pw(s: &str) -> SecretString {
    SecretString::new(s.to_owned())
}

/// A vault file with `n` password slots using `params` (garbage keys: never opened).
fn vault_with_slots(n: u16, params: KdfParams) -> Vec<u8> {
    let mut out = b"INKANVLT".to_vec();
    out.extend_from_slice(&1u16.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    for i in 0..n {
        out.push(1);
        out.extend_from_slice(&88u16.to_be_bytes());
        for v in [params.m_kib, params.t, params.p] {
            out.extend_from_slice(&v.to_be_bytes());
        }
        out.extend_from_slice(&[i as u8; 16 + 12 + 48]);
    }
    out.extend_from_slice(&[0; 12 + 16]);
    out
}

#[test]
fn sixteen_slots_at_the_per_slot_cap_are_refused_before_deriving() {
    // SEC-V2: each slot is within the per-derivation caps, together they are not.
    let at_cap = KdfParams {
        m_kib: KdfParams::MAX_M_KIB,
        t: 4,
        p: 1,
    };
    assert!(at_cap.check().is_ok());
    let bytes = vault_with_slots(16, at_cap);
    let t0 = Instant::now();
    for result in [
        Vault::unlock(&bytes, Credential::Password(&pw("x"))).map(|_| ()),
        import_backup(&bytes, &pw("x")).map(|_| ()),
    ] {
        let e = result.unwrap_err();
        assert!(
            matches!(e, VaultError::OverLimit { limit, .. } if limit == KdfParams::MAX_WORK),
            "{e:?}"
        );
        assert!(e.to_string().contains("argon2 work of one unlock"), "{e}");
    }
    assert!(t0.elapsed() < QUICK, "{:?}", t0.elapsed());
}

#[test]
fn one_slot_over_the_memory_cap_is_refused() {
    // A phone cannot spare 1 GiB for one derivation (accepted before issue 16).
    let bytes = vault_with_slots(
        1,
        KdfParams {
            m_kib: 1024 * 1024,
            t: 2,
            p: 1,
        },
    );
    let e = Vault::unlock(&bytes, Credential::Password(&pw("x"))).unwrap_err();
    assert!(
        matches!(
            e,
            VaultError::OverLimit {
                what: "argon2 memory KiB",
                ..
            }
        ),
        "{e:?}"
    );
}

fn aegis_with_slots(n: usize, log_n: u32, r: u64, p: u64) -> Vec<u8> {
    let slot = serde_json::json!({
        "type": 1, "uuid": "a8325752-c1be-458a-9b3e-5e0a8154d9ec", "key": "00".repeat(32),
        "key_params": {"nonce": "00".repeat(12), "tag": "00".repeat(16)},
        "n": 1u64 << log_n, "r": r, "p": p, "salt": "00".repeat(32),
    });
    serde_json::to_vec(&serde_json::json!({
        "version": 1,
        "header": {"slots": vec![slot; n], "params": {"nonce": "00".repeat(12), "tag": "00".repeat(16)}},
        "db": "AAAA",
    }))
    .unwrap()
}

#[test]
fn aegis_file_with_sixteen_slots_at_the_memory_cap_is_refused_before_deriving() {
    // 16 × 256 MiB of scrypt: each slot within the cap, the import far over its budget.
    let bytes = aegis_with_slots(16, 17, 16, 1);
    let t0 = Instant::now();
    let e = aegis::parse(&bytes, Some(&pw("x"))).unwrap_err();
    assert!(t0.elapsed() < QUICK, "{:?}", t0.elapsed());
    assert!(matches!(e, AegisError::OverLimit { .. }), "{e:?}");
    assert!(e.to_string().contains("scrypt work of one import"), "{e}");
    // One slot with 16 parallel passes over 256 MiB: also over the budget.
    let e = aegis::parse(&aegis_with_slots(1, 17, 16, 16), Some(&pw("x"))).unwrap_err();
    assert!(matches!(e, AegisError::OverLimit { .. }), "{e:?}");
}

#[test]
fn parameters_below_the_minimum_are_refused_with_a_clear_error() {
    // Issue 16 item 3: 16 MiB is below OWASP's 19 MiB minimum for t=2.
    let weak = KdfParams {
        m_kib: 16 * 1024,
        t: 2,
        p: 1,
    };
    let bytes = vault_with_slots(1, weak);
    let expected = VaultError::WeakKdf {
        what: "argon2 memory KiB",
        value: 16 * 1024,
        minimum: 19 * 1024,
    };
    assert_eq!(
        Vault::unlock(&bytes, Credential::Password(&pw("x"))).unwrap_err(),
        expected
    );
    assert_eq!(import_backup(&bytes, &pw("x")).unwrap_err(), expected);
    assert_eq!(inspect(&bytes).unwrap_err(), expected);
    assert!(expected.to_string().contains("too weak"), "{expected}");
    assert_eq!(expected.class(), "weak-kdf");
    // Nor can weak parameters make a vault or a backup.
    assert_eq!(Vault::create(&pw("x"), weak).unwrap_err(), expected);
    assert_eq!(
        inkan_core::vault::export_backup(&[], &pw("x"), weak).unwrap_err(),
        expected
    );
}

#[test]
fn test_parameters_open_only_in_debug_builds() {
    // The fixture uses KdfParams::INSECURE_TEST's values (make_fixtures.py). Tests (debug
    // builds) open it; a release build refuses it (also checked on the release binary by
    // tests/ci.d/40-vault.sh).
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/vault/inkan_test_kdf.inkan");
    let bytes = std::fs::read(path).unwrap();
    let opened = Vault::unlock(&bytes, Credential::Password(&pw("fixture-password")));
    if cfg!(debug_assertions) {
        assert_eq!(opened.unwrap().entries().len(), 2);
    } else {
        assert!(matches!(opened, Err(VaultError::WeakKdf { .. })));
    }
}

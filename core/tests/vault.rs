//! The vault through its public API: round trips, credentials, the account rules, and
//! every bad-input case of SECURITY.md's vault row.

// Helpers outside #[test] functions are test code too; clippy.toml only exempts the latter.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inkan_core::keystore::{MemorySecretStore, SecretStoreKeystore};
use inkan_core::secret::SecretString;
use inkan_core::vault::{
    inspect, AddStatus, Credential, KdfParams, MemoryStore, SlotKind, Vault, VaultError, VaultStore,
};
use inkan_core::{uri, Account, OtpKind};
use proptest::prelude::*;

const FAST: KdfParams = KdfParams::INSECURE_TEST;

fn pw(s: &str) -> SecretString {
    SecretString::new(s.to_owned())
}

fn acct(uri_text: &str) -> Account {
    uri::parse(uri_text).unwrap()
}

fn sample() -> (Vault, SecretString) {
    let created = Vault::create(&pw("correct horse"), FAST).unwrap();
    let mut v = created.vault;
    v.add(
        acct("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME"),
        1,
    )
    .unwrap();
    v.add(
        acct("otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&counter=5"),
        2,
    )
    .unwrap();
    (v, created.recovery_code)
}

fn labels(v: &Vault) -> Vec<String> {
    v.entries().iter().map(|e| e.account.label()).collect()
}

#[test]
fn round_trip_with_every_credential() {
    let (mut v, code) = sample();
    let ks = SecretStoreKeystore::new(MemorySecretStore::default());
    v.add_keystore_slot(&ks, "inkan-test").unwrap();
    let bytes = v.seal().unwrap();
    for cred in [
        Credential::Password(&pw("correct horse")),
        Credential::RecoveryCode(&code),
        Credential::RecoveryCode(&SecretString::new(
            code.expose().to_lowercase().replace('-', " "),
        )),
        Credential::Keystore(&ks),
    ] {
        let back = Vault::unlock(&bytes, cred).unwrap();
        assert_eq!(back.entries(), v.entries());
    }
    let info = inspect(&bytes).unwrap();
    let kinds: Vec<SlotKind> = info.slots.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [SlotKind::Password, SlotKind::Recovery, SlotKind::Keystore]
    );
}

#[test]
fn fresh_nonce_every_save() {
    // SEC-V1
    let (v, _) = sample();
    assert_ne!(v.seal().unwrap(), v.seal().unwrap());
}

#[test]
fn secrets_are_not_in_the_file_or_debug() {
    // SEC-V1, SEC-V5
    let (v, code) = sample();
    let bytes = v.seal().unwrap();
    let secret = inkan_core::base32::decode("JBSWY3DPEHPK3PXP").unwrap();
    assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_slice()));
    assert!(!bytes.windows(5).any(|w| w == b"alice"));
    let password = pw("correct horse");
    let shown = format!("{v:?} {code:?} {:?}", Credential::Password(&password));
    assert!(!shown.contains("correct horse"));
    assert!(!shown.contains("JBSWY3DPEHPK3PXP"));
    assert!(!shown.contains(code.expose()));
}

#[test]
fn wrong_password_and_wrong_recovery_code() {
    let (v, _) = sample();
    let bytes = v.seal().unwrap();
    let e = Vault::unlock(&bytes, Credential::Password(&pw("correct horsf"))).unwrap_err();
    assert_eq!(e, VaultError::WrongPassword);
    assert_eq!(e.to_string(), "wrong password");
    let e = Vault::unlock(&bytes, Credential::RecoveryCode(&pw("AAAA-BBBB"))).unwrap_err();
    assert_eq!(e, VaultError::WrongRecoveryCode);
    let ks = SecretStoreKeystore::new(MemorySecretStore::default());
    let e = Vault::unlock(&bytes, Credential::Keystore(&ks)).unwrap_err();
    assert_eq!(e, VaultError::NoSuchSlot("keystore"));
}

#[test]
fn every_flipped_byte_is_a_clear_error() {
    // SEC-V3 and the "any flipped byte" row: never garbage accounts.
    let (v, _) = sample();
    let bytes = v.seal().unwrap();
    let password = pw("correct horse");
    for i in 0..bytes.len() {
        for bit in [0x01u8, 0x80] {
            let mut bad = bytes.clone();
            bad[i] ^= bit;
            let err = Vault::unlock(&bad, Credential::Password(&password))
                .expect_err(&format!("byte {i} bit {bit:#x} accepted"));
            assert!(!err.to_string().is_empty());
        }
    }
}

#[test]
fn truncated_empty_and_bad_headers() {
    let (v, _) = sample();
    let bytes = v.seal().unwrap();
    let password = pw("correct horse");
    let open = |b: &[u8]| Vault::unlock(b, Credential::Password(&password)).unwrap_err();
    assert_eq!(open(&[]), VaultError::Empty);
    for len in 1..bytes.len() {
        let e = open(&bytes[..len]);
        assert!(
            e.is_damage() || e == VaultError::WrongPassword,
            "len {len}: {e:?}"
        );
    }
    assert_eq!(open(b"PK\x03\x04 not a vault"), VaultError::BadMagic);
    let mut future = bytes.clone();
    future[8..10].copy_from_slice(&2u16.to_be_bytes());
    assert_eq!(
        open(&future),
        VaultError::UnsupportedVersion {
            found: 2,
            supported: 1
        }
    );
    let mut many = bytes[..10].to_vec();
    many.extend_from_slice(&5000u16.to_be_bytes());
    assert!(matches!(
        open(&many),
        VaultError::OverLimit { what: "slots", .. }
    ));
}

#[test]
fn kdf_params_over_the_cap_are_refused_before_deriving() {
    // SEC-V2: a file asking for 4 GiB of Argon2 memory is refused at once.
    let (v, _) = sample();
    let mut bytes = v.seal().unwrap();
    // First slot: magic(8) version(2) count(2) kind(1) len(2) then m_kib.
    bytes[15..19].copy_from_slice(&u32::MAX.to_be_bytes());
    let t0 = std::time::Instant::now();
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
    assert!(t0.elapsed().as_millis() < 500);
}

#[test]
fn adding_never_overwrites() {
    // SEC-V4
    let (mut v, _) = sample();
    let again = v
        .add(
            acct("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME"),
            3,
        )
        .unwrap();
    assert_eq!(again.status, AddStatus::Existing);
    assert_eq!(again.id, v.entries()[0].id);
    let other = v
        .add(
            acct("otpauth://totp/ACME:alice?secret=KRSXG5CTMVRXEZLU&issuer=ACME"),
            3,
        )
        .unwrap();
    assert_eq!(other.status, AddStatus::DuplicateKept);
    assert_eq!(v.entries().len(), 3);
    assert_eq!(
        v.entries()[0].account.secret.expose(),
        inkan_core::base32::decode("JBSWY3DPEHPK3PXP")
            .unwrap()
            .as_slice()
    );
}

#[test]
fn rename_reorder_delete_search_find() {
    let (mut v, _) = sample();
    let alice = v.entries()[0].id;
    v.rename(alice, Some("ACME Corp".into()), "alice@acme".into())
        .unwrap();
    assert_eq!(v.find("acme corp").unwrap().id, alice);
    assert_eq!(v.find(&alice.to_string()).unwrap().id, alice);
    v.move_to(alice, 5).unwrap();
    assert_eq!(labels(&v), ["Bank (bob)", "ACME Corp (alice@acme)"]);
    assert_eq!(v.search("BANK").len(), 1);
    assert!(matches!(v.find("zzz"), Err(VaultError::NotFound)));
    v.add(acct("otpauth://totp/Bank:carol?secret=JBSWY3DPEHPK3PXQ"), 4)
        .unwrap();
    assert!(matches!(
        v.find("bank"),
        Err(VaultError::Ambiguous { count: 2, .. })
    ));
    assert!(v.rename(alice, None, "bad\u{7}name".into()).is_err());
    let removed = v.remove(alice).unwrap();
    assert_eq!(removed.account.name, "alice@acme");
    assert!(v.remove(alice).is_err());
}

#[test]
fn hotp_counter_is_saved_before_the_code_is_returned() {
    // SEC-V4
    let (mut v, _) = sample();
    let store = MemoryStore::default();
    let bob = v.find("bob").unwrap().id;
    let first = v.use_code(bob, 10, &store).unwrap();
    let saved = Vault::unlock(
        &store.load().unwrap().unwrap(),
        Credential::Password(&pw("correct horse")),
    )
    .unwrap();
    assert_eq!(
        saved.find("bob").unwrap().account.kind,
        OtpKind::Hotp { counter: 6 }
    );
    let second = v.use_code(bob, 11, &store).unwrap();
    assert_ne!(first.text, second.text);
    // A store that cannot save: no code, counter unchanged.
    struct Broken;
    impl VaultStore for Broken {
        fn load(&self) -> Result<Option<Vec<u8>>, VaultError> {
            Ok(None)
        }
        fn load_previous(&self) -> Result<Option<Vec<u8>>, VaultError> {
            Ok(None)
        }
        fn save(&self, _: &[u8]) -> Result<(), VaultError> {
            Err(VaultError::Locked)
        }
        fn restore_previous(&self) -> Result<(), VaultError> {
            Err(VaultError::NoPrevious)
        }
    }
    assert_eq!(
        v.use_code(bob, 12, &Broken).unwrap_err(),
        VaultError::Locked
    );
    assert_eq!(
        v.find("bob").unwrap().account.kind,
        OtpKind::Hotp { counter: 7 }
    );
    // Listing codes never consumes a counter.
    assert!(v.codes(12).iter().any(|(e, c)| e.id == bob && c.is_none()));
}

#[test]
fn add_all_is_all_or_nothing() {
    // SEC-V7
    let (mut v, _) = sample();
    let before = v.entries().to_vec();
    let mut bad = acct("otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP");
    bad.name = "x".repeat(10_000);
    let e = v
        .add_all(
            vec![acct("otpauth://totp/New:one?secret=JBSWY3DPEHPK3PXP"), bad],
            5,
        )
        .unwrap_err();
    assert!(matches!(e, VaultError::InvalidField { .. }));
    assert_eq!(v.entries(), before.as_slice());
}

#[test]
fn password_change_keeps_recovery() {
    let (mut v, code) = sample();
    v.set_password(&pw("new one"), FAST).unwrap();
    let bytes = v.seal().unwrap();
    assert!(Vault::unlock(&bytes, Credential::Password(&pw("correct horse"))).is_err());
    assert!(Vault::unlock(&bytes, Credential::Password(&pw("new one"))).is_ok());
    assert!(Vault::unlock(&bytes, Credential::RecoveryCode(&code)).is_ok());
}

fn arb_account() -> impl Strategy<Value = Account> {
    (
        proptest::option::of("[A-Za-z0-9 .@-]{1,20}"),
        "[A-Za-z0-9 .@_-]{0,30}",
        proptest::collection::vec(any::<u8>(), 1..64),
        prop_oneof![
            (1u32..600).prop_map(|period| OtpKind::Totp { period }),
            any::<u64>().prop_map(|counter| OtpKind::Hotp { counter }),
            Just(OtpKind::Steam)
        ],
        6u8..=10,
    )
        .prop_map(|(issuer, name, secret, kind, digits)| {
            Account::new(
                issuer,
                name,
                inkan_core::SecretBytes::new(secret),
                inkan_core::Algorithm::Sha256,
                digits,
                kind,
            )
            .unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn save_load_round_trip(accounts in proptest::collection::vec(arb_account(), 0..20), note in "[ -~]{0,40}") {
        let mut v = Vault::create(&pw("p"), FAST).unwrap().vault;
        let n = accounts.len();
        v.add_all(accounts, 7).unwrap();
        if let Some(first) = v.entries().first().map(|e| e.id) {
            v.set_meta(first, Some(note), Some(Some("github.com".into()))).unwrap();
        }
        let back = Vault::unlock(&v.seal().unwrap(), Credential::Password(&pw("p"))).unwrap();
        prop_assert_eq!(back.entries(), v.entries());
        prop_assert!(back.entries().len() <= n);
    }
}

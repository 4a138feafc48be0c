//! Scenarios S13–S16 of `tests/scenarios.md` (the vault: `Authenticator`), through the
//! exported Rust API; the `KeyStore` is implemented here in Rust.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use inkan::{create_vault, AddStatus, Authenticator, CallbackError, InkanError, KeyStore};

const RFC_SHA1: &str = "otpauth://totp/RFC6238:sha1?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8&period=30&issuer=RFC6238";
const RFC_SHA1_OTHER_SECRET: &str =
    "otpauth://totp/RFC6238:sha1?secret=JBSWY3DPEHPK3PXP&digits=8&period=30&issuer=RFC6238";
const HOTP: &str =
    "otpauth://hotp/RFC4226:h?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0&issuer=RFC4226";
const NOW: i64 = 1_795_764_920;

fn vault_path(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("scenarios-vault");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    for suffix in ["", ".prev", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path.display().to_string()
}

#[test]
fn s13_vault_codes_hotp_and_reopen() {
    let path = vault_path("s13.inkan");
    let created = create_vault(path.clone(), "correct horse".into(), None).unwrap();
    assert!(!created.recovery_code.is_empty());
    let created_code = created.recovery_code.clone();
    let auth = created.authenticator;
    let added = auth.add_link(RFC_SHA1.into(), NOW).unwrap();
    assert_eq!(added[0].status, AddStatus::Added);
    let hotp = auth.add_link(HOTP.into(), NOW).unwrap()[0].id.clone();
    let codes = auth.codes_at(59).unwrap();
    assert_eq!(codes[0].code.as_ref().unwrap().text, "94287082");
    assert_eq!(codes[0].code.as_ref().unwrap().remaining_seconds, Some(1));
    assert_eq!(codes[1].code, None);
    assert_eq!(
        auth.next_hotp_code(hotp.clone(), NOW).unwrap().text,
        "755224"
    );
    drop(auth);

    let auth = Authenticator::open_with_password(path.clone(), "correct horse".into()).unwrap();
    assert_eq!(auth.accounts().unwrap().len(), 2);
    assert_eq!(auth.next_hotp_code(hotp, NOW).unwrap().text, "287082");
    drop(auth);
    let error = Authenticator::open_with_password(path.clone(), "wrong".into()).unwrap_err();
    assert!(
        matches!(error, InkanError::WrongPassword { .. }),
        "{error:?}"
    );
    // Forgotten password: the recovery code opens the vault; a wrong code does not.
    let auth = Authenticator::open_with_recovery_code(path.clone(), created_code).unwrap();
    assert_eq!(auth.accounts().unwrap().len(), 2);
    drop(auth);
    let error = Authenticator::open_with_recovery_code(path, "AAAA-BBBB".into()).unwrap_err();
    assert!(
        matches!(error, InkanError::WrongPassword { .. }),
        "{error:?}"
    );
}

#[test]
fn s14_duplicates_rename_remove() {
    let auth = create_vault(vault_path("s14.inkan"), "pw".into(), None)
        .unwrap()
        .authenticator;
    let first = auth.add_link(RFC_SHA1.into(), NOW).unwrap()[0].clone();
    let again = auth.add_link(RFC_SHA1.into(), NOW).unwrap()[0].clone();
    assert_eq!(again.status, AddStatus::Existing);
    assert_eq!(again.id, first.id);
    let other = auth.add_link(RFC_SHA1_OTHER_SECRET.into(), NOW).unwrap()[0].clone();
    assert_eq!(other.status, AddStatus::DuplicateKept);
    assert_eq!(auth.accounts().unwrap().len(), 2);
    auth.rename(other.id.clone(), Some("Work".into()), "me".into())
        .unwrap();
    assert_eq!(auth.accounts().unwrap()[1].info.label, "Work (me)");
    auth.remove(first.id).unwrap();
    assert_eq!(auth.accounts().unwrap().len(), 1);
    auth.change_password("new".into()).unwrap();
    let error = auth.remove("not-an-id".into()).unwrap_err();
    assert!(
        matches!(error, InkanError::InvalidInput { .. }),
        "{error:?}"
    );
}

/// XOR with a fixed byte; records the calls it saw.
#[derive(Default)]
struct XorKeyStore {
    calls: Mutex<Vec<String>>,
}

impl KeyStore for XorKeyStore {
    fn wrap_key(&self, key_id: String, key: Vec<u8>) -> Result<Vec<u8>, CallbackError> {
        self.calls.lock().unwrap().push("wrap".into());
        assert!(key_id.starts_with("vault-key-"));
        Ok(key.iter().map(|b| b ^ 0x5a).collect())
    }
    fn unwrap_key(&self, _: String, wrapped: Vec<u8>) -> Result<Vec<u8>, CallbackError> {
        self.calls.lock().unwrap().push("unwrap".into());
        Ok(wrapped.iter().map(|b| b ^ 0x5a).collect())
    }
    fn delete_key(&self, _: String) -> Result<(), CallbackError> {
        self.calls.lock().unwrap().push("delete".into());
        Ok(())
    }
}

struct RefusingKeyStore;

impl KeyStore for RefusingKeyStore {
    fn wrap_key(&self, _: String, _: Vec<u8>) -> Result<Vec<u8>, CallbackError> {
        Err(CallbackError::NotFound)
    }
    fn unwrap_key(&self, _: String, _: Vec<u8>) -> Result<Vec<u8>, CallbackError> {
        Err(CallbackError::Denied {
            reason: "user cancelled".into(),
        })
    }
    fn delete_key(&self, _: String) -> Result<(), CallbackError> {
        Ok(())
    }
}

#[test]
fn s15_open_with_foreign_key_store() {
    let path = vault_path("s15.inkan");
    let store = Arc::new(XorKeyStore::default());
    let auth = create_vault(path.clone(), "pw".into(), Some(store.clone()))
        .unwrap()
        .authenticator;
    auth.add_link(RFC_SHA1.into(), NOW).unwrap();
    drop(auth);
    let auth = Authenticator::open_with_key_store(path.clone(), store.clone()).unwrap();
    assert_eq!(
        auth.codes_at(59).unwrap()[0].code.as_ref().unwrap().text,
        "94287082"
    );
    assert_eq!(*store.calls.lock().unwrap(), ["wrap", "unwrap"]);
    drop(auth);
    let error =
        Authenticator::open_with_key_store(path.clone(), Arc::new(RefusingKeyStore)).unwrap_err();
    let InkanError::KeystoreUnavailable { reason } = error else {
        panic!("{error:?}")
    };
    assert!(reason.contains("user cancelled"), "{reason}");
    // Re-enable the key store after a password open: a new slot, the old key deleted.
    let auth = Authenticator::open_with_password(path.clone(), "pw".into()).unwrap();
    auth.use_key_store(store.clone()).unwrap();
    drop(auth);
    let auth = Authenticator::open_with_key_store(path, store.clone()).unwrap();
    assert_eq!(auth.accounts().unwrap().len(), 1);
    assert_eq!(
        *store.calls.lock().unwrap(),
        ["wrap", "unwrap", "wrap", "delete", "unwrap"]
    );
}

#[test]
fn s16_concurrent_codes_on_one_vault() {
    let auth = create_vault(vault_path("s16.inkan"), "pw".into(), None)
        .unwrap()
        .authenticator;
    auth.add_link(RFC_SHA1.into(), NOW).unwrap();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let auth = auth.clone();
            std::thread::spawn(move || {
                for _ in 0..20 {
                    let codes = auth.codes_at(59).unwrap();
                    assert_eq!(codes[0].code.as_ref().unwrap().text, "94287082");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

//! Changing or resetting a credential re-keys the vault (issue 16, item 1): afterwards the
//! old password or recovery code opens neither the file nor the previous generation, is
//! reported as wrong (not as damage), and a data key unlocked before the change no longer
//! decrypts the file. The other credentials keep working without being asked for.

// Helpers outside #[test] functions are test code too; clippy.toml only exempts the latter.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use inkan_core::crypto::{self, KdfParams};
use inkan_core::keystore::{MemorySecretStore, SecretStoreKeystore};
use inkan_core::secret::{SecretBytes, SecretString};
use inkan_core::uri;
use inkan_core::vault::{Credential, FileStore, Session, Vault, VaultError, VaultStore};
use std::path::PathBuf;

const FAST: KdfParams = KdfParams::INSECURE_TEST;

fn pw(s: &str) -> SecretString {
    SecretString::new(s.to_owned())
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("inkan-rekey-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A saved vault (two saves: a previous generation exists) with a password, a recovery
/// code and a keystore slot.
fn saved(store: &FileStore, ks: &SecretStoreKeystore<MemorySecretStore>) -> (Vault, SecretString) {
    let created = Vault::create(&pw("old password"), FAST).unwrap();
    let mut v = created.vault;
    v.add_keystore_slot(ks, "vault-key-test").unwrap();
    v.add(
        uri::parse("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP").unwrap(),
        1,
    )
    .unwrap();
    v.save(store).unwrap();
    v.save(store).unwrap();
    (v, created.recovery_code)
}

fn generations(store: &FileStore) -> [Vec<u8>; 2] {
    [
        store.load().unwrap().unwrap(),
        store.load_previous().unwrap().unwrap(),
    ]
}

#[test]
fn password_change_locks_the_old_password_out_of_file_and_previous_generation() {
    let dir = temp("passwd");
    let store = FileStore::open(dir.join("v.inkan")).unwrap();
    let ks = SecretStoreKeystore::new(MemorySecretStore::default());
    let (mut v, code) = saved(&store, &ks);
    let before = Vault::unlock(
        &store.load().unwrap().unwrap(),
        Credential::Password(&pw("old password")),
    )
    .unwrap();

    let change = v.set_password(&pw("new password"), FAST).unwrap();
    assert!(change.new_recovery_code.is_none());
    assert!(change.removed_keystore_keys.is_empty());
    v.save_rekeyed(&store).unwrap();

    for bytes in generations(&store) {
        assert_eq!(
            Vault::unlock(&bytes, Credential::Password(&pw("old password"))).unwrap_err(),
            VaultError::WrongPassword
        );
        // The data key the old password gave no longer decrypts anything.
        assert_eq!(before.reopen(&bytes).unwrap_err(), VaultError::Tampered);
        for cred in [
            Credential::Password(&pw("new password")),
            Credential::RecoveryCode(&code),
            Credential::Keystore(&ks),
        ] {
            assert_eq!(Vault::unlock(&bytes, cred).unwrap().entries(), v.entries());
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn recovery_reset_locks_the_old_code_out_of_file_and_previous_generation() {
    let dir = temp("recover");
    let store = FileStore::open(dir.join("v.inkan")).unwrap();
    let ks = SecretStoreKeystore::new(MemorySecretStore::default());
    let (_, old_code) = saved(&store, &ks);
    let mut v = Vault::unlock(
        &store.load().unwrap().unwrap(),
        Credential::RecoveryCode(&old_code),
    )
    .unwrap();
    let before = v.clone();

    let change = v.reset_credentials(&pw("new password"), FAST).unwrap();
    let new_code = change.new_recovery_code.unwrap();
    assert_ne!(new_code, old_code);
    v.save_rekeyed(&store).unwrap();

    for bytes in generations(&store) {
        assert_eq!(
            Vault::unlock(&bytes, Credential::RecoveryCode(&old_code)).unwrap_err(),
            VaultError::WrongRecoveryCode
        );
        assert_eq!(before.reopen(&bytes).unwrap_err(), VaultError::Tampered);
        assert_eq!(
            Vault::unlock(&bytes, Credential::Password(&pw("old password"))).unwrap_err(),
            VaultError::WrongPassword
        );
        for cred in [
            Credential::Password(&pw("new password")),
            Credential::RecoveryCode(&new_code),
            Credential::Keystore(&ks),
        ] {
            assert_eq!(Vault::unlock(&bytes, cred).unwrap().entries().len(), 1);
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn session_password_change_rekeys_both_generations() {
    // The app's path (`Authenticator.change_password`).
    let dir = temp("session");
    let path = dir.join("v.inkan");
    let created = Session::create(&path, &pw("old password"), FAST, None).unwrap();
    let mut s = created.session;
    s.add_link("otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP", 0)
        .unwrap();
    let change = s.change_password(&pw("new password"), FAST).unwrap();
    assert!(change.new_recovery_code.is_none());
    drop(s);
    let store = FileStore::open(&path).unwrap();
    for bytes in generations(&store) {
        assert_eq!(
            Vault::unlock(&bytes, Credential::Password(&pw("old password"))).unwrap_err(),
            VaultError::WrongPassword
        );
        assert!(Vault::unlock(&bytes, Credential::RecoveryCode(&created.recovery_code)).is_ok());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A vault as builds before re-keying wrote it: a password slot and a symmetric recovery
/// slot (tag 3), written from docs/vault-format.md with the crypto primitives.
fn legacy_vault(password: &str, code: &str) -> Vec<u8> {
    let key = SecretBytes::new(vec![42u8; 32]);
    let mut out = b"INKANVLT".to_vec();
    out.extend_from_slice(&1u16.to_be_bytes());
    out.extend_from_slice(&2u16.to_be_bytes());
    for (tag, secret) in [
        (1u8, password.as_bytes().to_vec()),
        (3, code.as_bytes().to_vec()),
    ] {
        let salt = [tag; 16];
        let nonce = [tag; 12];
        let kek = FAST.derive(&secret, &salt).unwrap();
        let mut aad = b"INKANVLT".to_vec();
        aad.extend_from_slice(&1u16.to_be_bytes());
        aad.push(tag);
        for v in [FAST.m_kib, FAST.t, FAST.p] {
            aad.extend_from_slice(&v.to_be_bytes());
        }
        aad.extend_from_slice(&salt);
        let wrapped = crypto::seal(kek.expose(), nonce, &aad, key.expose()).unwrap();
        out.push(tag);
        out.extend_from_slice(&88u16.to_be_bytes());
        for v in [FAST.m_kib, FAST.t, FAST.p] {
            out.extend_from_slice(&v.to_be_bytes());
        }
        out.extend_from_slice(&salt);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&wrapped);
    }
    let nonce = [7u8; 12];
    out.extend_from_slice(&nonce);
    let body = [1u8, 0, 0, 0, 0]; // body version 1, no entries
    let sealed = crypto::seal(key.expose(), nonce, &out, &body).unwrap();
    out.extend_from_slice(&sealed);
    out
}

#[test]
fn an_old_format_recovery_slot_is_replaced_by_a_new_code() {
    // Its code cannot be rewrapped without being typed: a new one is issued instead of
    // leaving a slot that no longer opens anything.
    let code = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH";
    let bytes = legacy_vault("old password", "AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH");
    let mut v = Vault::unlock(&bytes, Credential::RecoveryCode(&pw(code))).unwrap();
    let change = v.set_password(&pw("new password"), FAST).unwrap();
    let new_code = change.new_recovery_code.unwrap();
    let bytes = v.seal().unwrap();
    assert_eq!(
        Vault::unlock(&bytes, Credential::RecoveryCode(&pw(code))).unwrap_err(),
        VaultError::WrongRecoveryCode
    );
    assert!(Vault::unlock(&bytes, Credential::RecoveryCode(&new_code)).is_ok());
    assert!(Vault::unlock(&bytes, Credential::Password(&pw("new password"))).is_ok());
}

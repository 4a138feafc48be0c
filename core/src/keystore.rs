//! `Keystore`: where the OS keeps the key that unlocks the vault without a password.
//!
//! Owns the trait every platform keystore implements and an adapter for keystores that can
//! only store and return a secret (Secret Service, keyutils, Keychain generic passwords).
//! It holds no OS code: desktop implementations live in `cli/`, Android Keystore and iOS
//! Keychain implementations in the shells (through a uniffi foreign trait in `bindings/`).
//!
//! The interface is wrap/unwrap so that hardware-backed stores, whose keys never leave the
//! secure element, fit it directly: the vault hands over a 32-byte key (the seed of its
//! keystore slot, to whose public key the data key is sealed) and gets an opaque blob back,
//! stored in the slot. Stores that can only keep a secret use
//! [`SecretStoreKeystore`], which keeps a random key-encryption key in the store and does the
//! AES-256-GCM wrapping here.

use crate::crypto;
use crate::secret::SecretBytes;
use std::collections::HashMap;
use std::sync::Mutex;

/// Why a keystore operation failed. Every variant carries a display-safe reason (never key
/// material); the foreign-trait adapter maps platform exceptions onto these.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeystoreError {
    /// No keystore is reachable (no D-Bus session, no kernel keyring, locked device).
    #[error("the OS keystore is not available: {reason}")]
    Unavailable {
        /// Display-safe explanation.
        reason: String,
    },
    /// The keystore has no key under this id (deleted, or another machine's vault).
    #[error("the OS keystore has no key for this vault")]
    NotFound,
    /// The user or the OS refused (cancelled prompt, failed biometric).
    #[error("the OS keystore refused access: {reason}")]
    Denied {
        /// Display-safe explanation.
        reason: String,
    },
    /// The blob could not be unwrapped: it was damaged or wrapped by another key.
    #[error("the key in the vault's keystore slot does not match the OS keystore")]
    Mismatch,
    /// Any other failure.
    #[error("the OS keystore failed: {reason}")]
    Failed {
        /// Display-safe explanation.
        reason: String,
    },
}

/// A platform keystore that protects the vault's data key. Implementations must be
/// thread-safe; methods return simple errors so that a uniffi foreign trait can mirror them.
pub trait Keystore: Send + Sync {
    /// Encrypts `key` under the keystore key named `key_id` (creating that key if needed)
    /// and returns an opaque blob that only `unwrap_key` with the same id can open.
    fn wrap_key(&self, key_id: &str, key: &SecretBytes) -> Result<Vec<u8>, KeystoreError>;
    /// Recovers the key from a blob made by `wrap_key`.
    fn unwrap_key(&self, key_id: &str, wrapped: &[u8]) -> Result<SecretBytes, KeystoreError>;
    /// Forgets the keystore key named `key_id`; deleting a missing key is not an error.
    fn delete_key(&self, key_id: &str) -> Result<(), KeystoreError>;
}

/// A fresh random name for a vault's keystore key (`vault-key-` + 16 hex digits), so
/// that several vaults on one machine never share a key.
pub fn new_key_id() -> Result<String, KeystoreError> {
    let raw = crypto::random::<8>().map_err(|_| failed("no randomness"))?;
    let mut id = String::from("vault-key-");
    for b in raw {
        id.push_str(&format!("{b:02x}"));
    }
    Ok(id)
}

/// A store that can keep a secret under a name and give it back: what Secret Service,
/// kernel keyutils and the Keychain's generic passwords offer.
pub trait SecretStore: Send + Sync {
    /// Stores `secret` under `name`, replacing any previous value.
    fn store(&self, name: &str, secret: &SecretBytes) -> Result<(), KeystoreError>;
    /// Returns the secret under `name`, or `KeystoreError::NotFound`.
    fn load(&self, name: &str) -> Result<SecretBytes, KeystoreError>;
    /// Deletes the secret under `name`; a missing one is not an error.
    fn delete(&self, name: &str) -> Result<(), KeystoreError>;
}

/// Associated data binding a wrapped blob to its purpose.
const WRAP_AAD: &[u8] = b"inkan keystore wrap v1";

/// A [`Keystore`] over a [`SecretStore`]: a random 256-bit key-encryption key lives in the
/// store, the blob in the vault is `nonce || AES-256-GCM(kek, data key)`.
#[derive(Debug)]
pub struct SecretStoreKeystore<S> {
    store: S,
}

impl<S: SecretStore> SecretStoreKeystore<S> {
    /// Wraps a secret store.
    pub fn new(store: S) -> Self {
        Self { store }
    }

    /// The underlying store.
    pub fn store(&self) -> &S {
        &self.store
    }

    fn kek(&self, key_id: &str, create: bool) -> Result<SecretBytes, KeystoreError> {
        match self.store.load(key_id) {
            Err(KeystoreError::NotFound) if create => {
                let fresh = crypto::random_key().map_err(|_| failed("no randomness"))?;
                self.store.store(key_id, &fresh)?;
                Ok(fresh)
            }
            other => other,
        }
    }
}

fn failed(reason: &str) -> KeystoreError {
    KeystoreError::Failed {
        reason: reason.to_owned(),
    }
}

impl<S: SecretStore> Keystore for SecretStoreKeystore<S> {
    fn wrap_key(&self, key_id: &str, key: &SecretBytes) -> Result<Vec<u8>, KeystoreError> {
        let kek = self.kek(key_id, true)?;
        let nonce =
            crypto::random::<{ crypto::NONCE_LEN }>().map_err(|_| failed("no randomness"))?;
        let sealed = crypto::seal(kek.expose(), nonce, WRAP_AAD, key.expose())
            .map_err(|_| failed("encryption failed"))?;
        let mut blob = nonce.to_vec();
        blob.extend_from_slice(&sealed);
        Ok(blob)
    }

    fn unwrap_key(&self, key_id: &str, wrapped: &[u8]) -> Result<SecretBytes, KeystoreError> {
        let kek = self.kek(key_id, false)?;
        let nonce: [u8; crypto::NONCE_LEN] = wrapped
            .get(..crypto::NONCE_LEN)
            .and_then(|n| n.try_into().ok())
            .ok_or(KeystoreError::Mismatch)?;
        let body = wrapped
            .get(crypto::NONCE_LEN..)
            .ok_or(KeystoreError::Mismatch)?;
        let plain =
            crypto::open(kek.expose(), nonce, WRAP_AAD, body).ok_or(KeystoreError::Mismatch)?;
        Ok(SecretBytes::new(plain.to_vec()))
    }

    fn delete_key(&self, key_id: &str) -> Result<(), KeystoreError> {
        self.store.delete(key_id)
    }
}

/// A `SecretStore` in memory: for tests and for shells that have nothing better yet.
#[derive(Debug, Default)]
pub struct MemorySecretStore {
    items: Mutex<HashMap<String, SecretBytes>>,
}

impl MemorySecretStore {
    fn items(
        &self,
    ) -> Result<std::sync::MutexGuard<'_, HashMap<String, SecretBytes>>, KeystoreError> {
        // A poisoned lock becomes an error, never a panic across the FFI.
        self.items
            .lock()
            .map_err(|_| failed("memory store lock poisoned"))
    }
}

impl SecretStore for MemorySecretStore {
    fn store(&self, name: &str, secret: &SecretBytes) -> Result<(), KeystoreError> {
        self.items()?.insert(name.to_owned(), secret.clone());
        Ok(())
    }

    fn load(&self, name: &str) -> Result<SecretBytes, KeystoreError> {
        self.items()?
            .get(name)
            .cloned()
            .ok_or(KeystoreError::NotFound)
    }

    fn delete(&self, name: &str) -> Result<(), KeystoreError> {
        self.items()?.remove(name);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_unwrap_round_trip_and_mismatch() {
        let ks = SecretStoreKeystore::new(MemorySecretStore::default());
        let key = SecretBytes::new(vec![7u8; 32]);
        let blob = ks.wrap_key("v1", &key).unwrap();
        assert!(!blob.windows(32).any(|w| w == key.expose()));
        assert_eq!(ks.unwrap_key("v1", &blob).unwrap(), key);
        let mut bad = blob.clone();
        bad[20] ^= 1;
        assert_eq!(
            ks.unwrap_key("v1", &bad).unwrap_err(),
            KeystoreError::Mismatch
        );
        assert_eq!(
            ks.unwrap_key("other", &blob).unwrap_err(),
            KeystoreError::NotFound
        );
        assert_eq!(
            ks.unwrap_key("v1", &blob[..5]).unwrap_err(),
            KeystoreError::Mismatch
        );
        ks.delete_key("v1").unwrap();
        assert_eq!(
            ks.unwrap_key("v1", &blob).unwrap_err(),
            KeystoreError::NotFound
        );
    }
}

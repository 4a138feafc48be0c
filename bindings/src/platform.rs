//! What the platform owns, implemented in Kotlin/Swift: `Clock` and `KeyStore`.
//!
//! Each trait mirrors a core trait (`inkan_core::clock::Clock`; `KeyStore` the vault's key
//! wrapping). Every method returns `Result<_, CallbackError>`, so an exception thrown by
//! the app arrives as an error value, never as a panic across the FFI. Rust code never
//! holds a lock while calling these: an implementation may block or call back into Rust.

use crate::error::CallbackError;

/// The current time as the app knows it (system clock, server-corrected, or a test clock).
#[uniffi::export(foreign)]
pub trait Clock: Send + Sync {
    /// Seconds since 1970-01-01T00:00:00Z.
    fn now_unix(&self) -> Result<i64, CallbackError>;
}

/// The platform key store that protects the vault key: Android Keystore (an AES key that
/// never leaves the secure hardware) or the iOS Keychain / Secure Enclave.
///
/// Mirrors the core vault's `Keystore` trait, so the vault's adapter maps it one to one. The
/// app only wraps and unwraps the vault's data key; all vault cryptography happens in Rust
/// (the split of application-services' `KeyManager`). Errors: throw
/// `CallbackError.Unavailable` (no keystore, device locked), `NotFound` (no key under this
/// id), `Denied` (the user cancelled or failed the prompt), `Mismatch` (the blob does not
/// open: damaged, or the key was invalidated by new biometrics), `Failed` otherwise.
#[uniffi::export(foreign)]
pub trait KeyStore: Send + Sync {
    /// Encrypts `key` under the platform key named `key_id` (creating it if needed) and
    /// returns an opaque blob that only `unwrap_key` with the same id can open.
    fn wrap_key(&self, key_id: String, key: Vec<u8>) -> Result<Vec<u8>, CallbackError>;
    /// Recovers the key from a blob made by `wrap_key`.
    fn unwrap_key(&self, key_id: String, wrapped: Vec<u8>) -> Result<Vec<u8>, CallbackError>;
    /// Forgets the platform key named `key_id`; deleting a missing key is not an error.
    fn delete_key(&self, key_id: String) -> Result<(), CallbackError>;
}

/// The app's `KeyStore` as the core vault's `Keystore`: converts arguments and maps each
/// `CallbackError` onto the matching `KeystoreError`. Holds no lock: the vault calls it
/// while opening or creating, before the `Authenticator` exists.
pub(crate) struct KeyStoreAdapter(pub(crate) std::sync::Arc<dyn KeyStore>);

impl From<CallbackError> for inkan_core::keystore::KeystoreError {
    fn from(error: CallbackError) -> Self {
        use inkan_core::keystore::KeystoreError;
        match error {
            CallbackError::Unavailable { reason } => KeystoreError::Unavailable { reason },
            CallbackError::NotFound => KeystoreError::NotFound,
            CallbackError::Denied { reason } => KeystoreError::Denied { reason },
            CallbackError::Mismatch => KeystoreError::Mismatch,
            CallbackError::Failed { reason } | CallbackError::Unexpected { reason } => {
                KeystoreError::Failed { reason }
            }
        }
    }
}

impl inkan_core::keystore::Keystore for KeyStoreAdapter {
    fn wrap_key(
        &self,
        key_id: &str,
        key: &inkan_core::secret::SecretBytes,
    ) -> Result<Vec<u8>, inkan_core::keystore::KeystoreError> {
        Ok(self.0.wrap_key(key_id.to_owned(), key.expose().to_vec())?)
    }

    fn unwrap_key(
        &self,
        key_id: &str,
        wrapped: &[u8],
    ) -> Result<inkan_core::secret::SecretBytes, inkan_core::keystore::KeystoreError> {
        let key = self.0.unwrap_key(key_id.to_owned(), wrapped.to_vec())?;
        Ok(inkan_core::secret::SecretBytes::new(key))
    }

    fn delete_key(&self, key_id: &str) -> Result<(), inkan_core::keystore::KeystoreError> {
        Ok(self.0.delete_key(key_id.to_owned())?)
    }
}

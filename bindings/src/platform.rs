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

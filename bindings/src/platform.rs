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
/// The app only wraps and unwraps the 32-byte vault key; all vault cryptography happens in
/// Rust (the split of application-services' `KeyManager`). Throw `CallbackError.Failed`
/// when the key was invalidated (new biometrics, device reset) or the user cancelled.
#[uniffi::export(foreign)]
pub trait KeyStore: Send + Sync {
    /// Encrypts `key` with the platform key; returns an opaque blob the vault stores.
    fn wrap_key(&self, key: Vec<u8>) -> Result<Vec<u8>, CallbackError>;
    /// Decrypts a blob made by `wrap_key`.
    fn unwrap_key(&self, wrapped: Vec<u8>) -> Result<Vec<u8>, CallbackError>;
}

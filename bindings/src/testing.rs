//! Exports used only by the Kotlin/Swift test suites (cargo feature `testing`, never in a
//! release build): they exercise the FFI mechanics the product API will use before the
//! modules that need them (vault, QR) land.

use std::sync::Arc;

use crate::error::InkanError;
use crate::platform::KeyStore;

/// The vault's three key store calls, made from Rust: wraps `key` under `key_id`, unwraps
/// the blob, deletes the platform key. Returns what `unwrap_key` gave back.
#[uniffi::export]
pub fn key_store_round_trip(
    store: Arc<dyn KeyStore>,
    key_id: String,
    key: Vec<u8>,
) -> Result<Vec<u8>, InkanError> {
    let wrapped = store
        .wrap_key(key_id.clone(), key)
        .map_err(|e| e.into_key_store_error())?;
    let key = store
        .unwrap_key(key_id.clone(), wrapped)
        .map_err(|e| e.into_key_store_error())?;
    store
        .delete_key(key_id)
        .map_err(|e| e.into_key_store_error())?;
    Ok(key)
}

/// Takes a camera frame the way `QrScanner` will (`Vec<u8>`, copied across the FFI) and
/// returns its length: measures the cost of moving a frame into Rust.
#[uniffi::export]
pub fn frame_len(frame: Vec<u8>) -> u64 {
    frame.len() as u64
}

/// Calls `store.wrap_key` and returns its failure mapped to `InkanError`: lets the shell
/// tests check that a thrown `CallbackError` (or any exception) comes back as an error.
#[uniffi::export]
pub fn fail_with_key_store_error(store: Arc<dyn KeyStore>) -> Result<(), InkanError> {
    store
        .wrap_key("inkan-test".to_owned(), Vec::new())
        .map(|_| ())
        .map_err(|e| e.into_key_store_error())
}

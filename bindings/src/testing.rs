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

/// Takes a camera frame the way `QrScanner.feed_frame` does (`&[u8]`, borrowed across the
/// FFI) and returns its length: measures the cost of handing a frame to Rust.
#[uniffi::export]
pub fn frame_len(frame: &[u8]) -> u64 {
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

/// A synthetic camera frame for the scanner tests: a Y plane with padded rows.
#[derive(Debug, Clone, uniffi::Record)]
pub struct TestFrame {
    /// Visible pixels per row.
    pub width: u32,
    /// Rows.
    pub height: u32,
    /// Bytes between row starts (`width` + the padding asked for).
    pub row_stride: u32,
    /// The luma bytes, `row_stride` × `height`; padding bytes are 0 (black), so a
    /// scanner that ignored the stride would see garbage.
    pub y_plane: Vec<u8>,
}

/// Renders `text` as a QR code (4 px per module, 4-module quiet zone) into a Y plane whose
/// rows are `padding` bytes longer than the image, as camera buffers often are. Lets
/// Kotlin and Swift test `QrScanner.feed_frame` without an image decoder of their own.
#[uniffi::export]
pub fn qr_test_frame(text: String, padding: u32) -> Result<TestFrame, InkanError> {
    const SCALE: usize = 4;
    const QUIET: usize = 4;
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|e| InkanError::InvalidInput {
        reason: format!("cannot render a QR code: {e}"),
    })?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * SCALE;
    let stride = side + padding as usize;
    let mut plane = vec![0u8; stride * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (
                (x / SCALE).wrapping_sub(QUIET),
                (y / SCALE).wrapping_sub(QUIET),
            );
            let dark = mx < modules
                && my < modules
                && colors.get(my * modules + mx) == Some(&qrcode::Color::Dark);
            if let Some(px) = plane.get_mut(y * stride + x) {
                *px = if dark { 0 } else { 255 };
            }
        }
    }
    let len = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(TestFrame {
        width: len(side),
        height: len(side),
        row_stride: len(stride),
        y_plane: plane,
    })
}

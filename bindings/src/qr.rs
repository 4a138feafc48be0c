//! QR codes for the shells: `QrScanner` (the state of one camera scan, fed Y planes) and
//! the one-shot `decode_image` / `decode_luma` for a picked picture or a single frame.
//!
//! Owns only the conversion: decoding, limits and the enrollment-payload filter are core's
//! (`inkan_core::qr`). Camera frames cross the FFI as `&[u8]`, which uniffi 0.32 passes
//! without a copy (Kotlin: a direct `java.nio.ByteBuffer`; Swift: `Data`), where a `Vec<u8>`
//! was copied byte by byte (the S9 scenario measures it). Texts are returned as found:
//! callers parse them with `parse_link`.

use std::sync::Mutex;

use inkan_core::qr;

use crate::error::InkanError;

/// What one camera frame gave. All fields empty means nothing new was seen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScanResult {
    /// The enrollment payload (otpauth, migration, push or pairing link), the first time one
    /// is seen in this scan; `None` in every later frame. Hand it to `parse_link`.
    pub payload: Option<String>,
    /// Codes that are not enrollment payloads, each reported once per scan, so the app can
    /// say "this is not a sign-in code".
    pub other_codes: Vec<String>,
}

impl From<qr::FrameOutcome> for ScanResult {
    fn from(outcome: qr::FrameOutcome) -> Self {
        Self {
            payload: outcome.payload,
            other_codes: outcome.other_codes,
        }
    }
}

/// The state of one camera scan. Feed it the Y (luma) plane of each preview frame from a
/// background thread; show the payload it hands out once. Thread-safe: frames fed from two
/// threads are decoded one after the other.
#[derive(Debug, Default, uniffi::Object)]
pub struct QrScanner {
    inner: Mutex<qr::QrScanner>,
}

impl QrScanner {
    fn scanner(&self) -> Result<std::sync::MutexGuard<'_, qr::QrScanner>, InkanError> {
        // A panic while decoding an earlier frame poisons the lock: report it, never panic.
        self.inner.lock().map_err(|_| InkanError::Internal {
            reason: "the QR scanner failed on an earlier frame".to_owned(),
        })
    }
}

#[uniffi::export]
impl QrScanner {
    /// A scanner that accepts enrollment payloads (otpauth, otpauth-migration, push
    /// enrollment and pairing links) and spends at most ~150 ms per frame.
    #[uniffi::constructor]
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes one greyscale frame: `width` × `height` pixels, rows `row_stride` bytes
    /// apart (≥ `width`; Android's `ImageProxy.planes[0].rowStride`, iOS's
    /// `CVPixelBufferGetBytesPerRowOfPlane(_, 0)`); the last row needs only `width` bytes.
    /// The plane is borrowed for the call, not copied: from Kotlin a direct `ByteBuffer`
    /// (the camera's; its bytes from position to limit; uniffi refuses a heap buffer), from
    /// Swift a `Data`.
    /// Once the payload was handed out, later frames return an empty result without
    /// decoding. Throws `Internal` for impossible frame dimensions (a shell bug).
    pub fn feed_frame(
        &self,
        width: u32,
        height: u32,
        row_stride: u32,
        y_plane: &[u8],
    ) -> Result<ScanResult, InkanError> {
        let outcome = self.scanner()?.feed_luma(
            width as usize,
            height as usize,
            row_stride as usize,
            y_plane,
        );
        Ok(outcome.map_err(inkan_core::Error::from)?.into())
    }

    /// Whether the payload has been handed out (the app can stop the camera).
    pub fn is_done(&self) -> Result<bool, InkanError> {
        Ok(self.scanner()?.is_done())
    }

    /// Starts a new scan: the next payload is handed out again, other codes reported again.
    pub fn reset(&self) -> Result<(), InkanError> {
        self.scanner()?.reset();
        Ok(())
    }
}

/// Texts of every QR code in an image file the user picked (PNG, JPEG, WebP, GIF, BMP), in
/// detection order; empty when there is none. Throws `InvalidInput` when the file is not a
/// readable image or is too large (64 MiB, 16384 px a side, 50 MP).
#[uniffi::export]
pub fn decode_image(bytes: Vec<u8>) -> Result<Vec<String>, InkanError> {
    Ok(qr::decode_image(&bytes).map_err(inkan_core::Error::from)?)
}

/// Texts of every QR code in one greyscale frame (same layout as
/// `QrScanner.feed_frame`, also borrowed), without the scan state: for a single still frame.
#[uniffi::export]
pub fn decode_luma(
    width: u32,
    height: u32,
    row_stride: u32,
    y_plane: &[u8],
) -> Result<Vec<String>, InkanError> {
    let texts = qr::decode_luma(
        width as usize,
        height as usize,
        row_stride as usize,
        y_plane,
    );
    Ok(texts.map_err(inkan_core::Error::from)?)
}

/// Whether `text` is something inkan can enroll from (an otpauth, otpauth-migration, push
/// enrollment or pairing link), judged by its scheme only; parse it with `parse_link`.
#[uniffi::export]
pub fn is_enrollment_payload(text: String) -> bool {
    qr::is_enrollment_payload(&text)
}

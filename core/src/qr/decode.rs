//! The two entry points: a camera frame's luma plane, and an image file's bytes.

use super::luma::Luma;
use super::{load, pipeline, QrError, FILE_BUDGET};

/// Largest image file [`decode_image`] accepts, in bytes. Callers reading a file should stop
/// reading after this many bytes plus one.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Texts of every QR code in a greyscale camera frame: the Y plane that Android's
/// `YUV_420_888` and iOS's `420f` buffers give. `row_stride` is the distance between row
/// starts in bytes (≥ `width`; padding is ignored); the last row needs only `width` bytes.
///
/// Texts are returned without duplicates, in detection order; an empty list means no code
/// was found. Errors mean the frame itself is malformed. The work is bounded by
/// [`FILE_BUDGET`], not by time: the same frame gives the same texts on any machine (a live
/// camera stream goes through [`QrScanner`](super::QrScanner), which has a time budget).
pub fn decode_luma(
    width: usize,
    height: usize,
    row_stride: usize,
    bytes: &[u8],
) -> Result<Vec<String>, QrError> {
    let luma = Luma::from_plane(width, height, row_stride, bytes)?;
    Ok(pipeline::scan(&luma, FILE_BUDGET, None))
}

/// Texts of every QR code in an image file (PNG, JPEG, WebP, GIF — first frame — or BMP).
///
/// The declared size is checked before decoding (at most 16384 px a side and 50 MP), the
/// decoder's allocations are capped, and the work is bounded by [`FILE_BUDGET`] and the
/// working-size cap: the same texts on any machine, however loaded.
pub fn decode_image(bytes: &[u8]) -> Result<Vec<String>, QrError> {
    let t = std::time::Instant::now();
    let luma = load::load(bytes)?;
    if std::env::var_os("INKAN_QR_TRACE").is_some() {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "qr-trace load {}x{} ms={:.2}",
                luma.width,
                luma.height,
                t.elapsed().as_secs_f64() * 1e3
            );
        }
    }
    Ok(pipeline::scan(&luma, FILE_BUDGET, None))
}

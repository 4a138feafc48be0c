//! QR codes in image files and camera frames → the texts they carry.
//!
//! Owns image loading (with limits, SEC-L3), the decoding passes and the camera-stream
//! scanner. Knows nothing about otpauth: callers parse the texts (`text::parse_accounts`);
//! the scanner's payload filter only looks at URI schemes.

mod binarize;
mod bits;
mod budget;
mod decode;
mod engine;
mod error;
mod load;
mod luma;
mod payload;
mod pipeline;
mod preprocess;
mod scanner;

pub use budget::{Budget, FILE_BUDGET};
pub use decode::{decode_image, decode_luma, MAX_FILE_BYTES};
pub use error::QrError;
pub use payload::{is_enrollment_payload, ENROLLMENT_SCHEMES, PAIRING_PATH_PREFIX};
pub use scanner::{FrameOutcome, QrScanner, FRAME_BUDGET};

//! Why an image or frame was refused. Variants carry sizes and limits, never pixel data or
//! decoded text (a decoded code may be an otpauth URI with a secret in it).

/// A refused image file or camera frame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// Width or height is zero.
    #[error("the image is empty ({width}x{height})")]
    Empty {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
    },
    /// The declared size is over the limit; refused before any pixel buffer is allocated.
    #[error("the image is too large ({width}x{height}; the limit is {max_side} px a side, {max_pixels} px in all)")]
    TooLarge {
        /// Declared width.
        width: u64,
        /// Declared height.
        height: u64,
        /// Largest accepted width or height.
        max_side: u64,
        /// Largest accepted width × height.
        max_pixels: u64,
    },
    /// A frame's row stride is smaller than its width.
    #[error("the row stride ({stride}) is smaller than the width ({width})")]
    BadStride {
        /// Row stride in bytes.
        stride: usize,
        /// Width in pixels.
        width: usize,
    },
    /// A frame's buffer is shorter than its rows need.
    #[error("the frame buffer is too short ({len} bytes; {needed} needed)")]
    ShortBuffer {
        /// Bytes given.
        len: usize,
        /// Bytes needed: stride × (height − 1) + width.
        needed: usize,
    },
    /// The file is larger than the limit (bytes).
    #[error("the file is too large ({size} bytes; the limit is {limit})")]
    FileTooLarge {
        /// File size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The bytes are not in a supported image format (PNG, JPEG, WebP, GIF, BMP).
    #[error("not a supported image (expected PNG, JPEG, WebP, GIF or BMP)")]
    UnknownFormat,
    /// The image file is damaged or truncated.
    #[error("the {format} image could not be decoded: {reason}")]
    Corrupt {
        /// Format name, e.g. `png`.
        format: &'static str,
        /// The decoder's reason (about the file structure, not its content).
        reason: String,
    },
}

impl QrError {
    /// A stable short class name for scripts and tests.
    pub fn class(&self) -> &'static str {
        match self {
            QrError::Empty { .. } => "empty-image",
            QrError::TooLarge { .. } | QrError::FileTooLarge { .. } => "image-too-large",
            QrError::BadStride { .. } => "bad-stride",
            QrError::ShortBuffer { .. } => "short-buffer",
            QrError::UnknownFormat => "not-an-image",
            QrError::Corrupt { .. } => "corrupt-image",
        }
    }
}

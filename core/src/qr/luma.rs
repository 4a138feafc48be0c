//! `Luma`: a packed 8-bit greyscale image, the one form every decoding pass works on, and the
//! checks that turn a caller's camera plane into one.

use super::QrError;

/// Largest accepted width or height, for frames and files alike.
pub(crate) const MAX_SIDE: u64 = 16_384;
/// Largest accepted width × height (a 48 MP photo fits; a declared 60000×60000 bomb does not).
pub(crate) const MAX_PIXELS: u64 = 50_000_000;

/// A packed greyscale image: `data.len() == width * height`, row-major, 0 = black.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Luma {
    pub(crate) width: usize,
    pub(crate) height: usize,
    pub(crate) data: Vec<u8>,
}

/// Refuses sizes that are empty or over the limits, before anything is allocated.
pub(crate) fn check_size(width: u64, height: u64) -> Result<(), QrError> {
    if width == 0 || height == 0 {
        return Err(QrError::Empty {
            width: usize::try_from(width).unwrap_or(usize::MAX),
            height: usize::try_from(height).unwrap_or(usize::MAX),
        });
    }
    let pixels = width.saturating_mul(height);
    if width > MAX_SIDE || height > MAX_SIDE || pixels > MAX_PIXELS {
        return Err(QrError::TooLarge {
            width,
            height,
            max_side: MAX_SIDE,
            max_pixels: MAX_PIXELS,
        });
    }
    Ok(())
}

impl Luma {
    /// Copies a strided plane (camera Y plane) into a packed image. The last row may end
    /// right after its `width` bytes: Android's last row often lacks the padding.
    pub(crate) fn from_plane(
        width: usize,
        height: usize,
        row_stride: usize,
        bytes: &[u8],
    ) -> Result<Self, QrError> {
        check_size(width as u64, height as u64)?;
        if row_stride < width {
            return Err(QrError::BadStride {
                stride: row_stride,
                width,
            });
        }
        let needed = row_stride
            .checked_mul(height - 1)
            .and_then(|n| n.checked_add(width))
            .ok_or(QrError::ShortBuffer {
                len: bytes.len(),
                needed: usize::MAX,
            })?;
        if bytes.len() < needed {
            return Err(QrError::ShortBuffer {
                len: bytes.len(),
                needed,
            });
        }
        let mut data = Vec::with_capacity(width * height);
        for y in 0..height {
            let start = y * row_stride;
            let row = bytes
                .get(start..start + width)
                .ok_or(QrError::ShortBuffer {
                    len: bytes.len(),
                    needed,
                })?;
            data.extend_from_slice(row);
        }
        Ok(Luma {
            width,
            height,
            data,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stride_wider_than_width_drops_padding() {
        let bytes = [1, 2, 9, 9, 3, 4, 9, 9, 5, 6];
        let l = Luma::from_plane(2, 3, 4, &bytes).unwrap();
        assert_eq!(l.data, vec![1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn stride_smaller_than_width_is_refused() {
        let err = Luma::from_plane(4, 2, 3, &[0; 16]).unwrap_err();
        assert_eq!(
            err,
            QrError::BadStride {
                stride: 3,
                width: 4
            }
        );
    }

    #[test]
    fn short_buffer_is_refused() {
        let err = Luma::from_plane(4, 4, 8, &[0; 27]).unwrap_err();
        assert_eq!(
            err,
            QrError::ShortBuffer {
                len: 27,
                needed: 28
            }
        );
    }

    #[test]
    fn empty_and_huge_are_refused() {
        assert_eq!(
            Luma::from_plane(0, 5, 0, &[]).unwrap_err().class(),
            "empty-image"
        );
        assert_eq!(
            check_size(60_000, 60_000).unwrap_err().class(),
            "image-too-large"
        );
        assert_eq!(
            check_size(16_384, 16_384).unwrap_err().class(),
            "image-too-large"
        );
        assert!(check_size(8_000, 6_000).is_ok());
    }

    #[test]
    fn overflowing_stride_is_refused() {
        let err = Luma::from_plane(10, 10, usize::MAX, &[0; 100]).unwrap_err();
        assert_eq!(err.class(), "short-buffer");
    }
}

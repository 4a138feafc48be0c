//! Image files → `Luma`, with limits checked on the declared size before any pixel buffer is
//! allocated (SEC-L3: a PNG declaring 60000×60000 costs nothing), and only the first frame of
//! an animation decoded.

use super::luma::{check_size, Luma};
use super::QrError;
use image::{ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::JpegDecoder;

use super::decode::MAX_FILE_BYTES;
/// Ceiling for every allocation the image decoder makes (the 50 MP limit in RGBA is 200 MB).
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Decodes `bytes` (PNG, JPEG, WebP, GIF, BMP) to greyscale.
pub(crate) fn load(bytes: &[u8]) -> Result<Luma, QrError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(QrError::FileTooLarge {
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let format = image::guess_format(bytes).map_err(|_| QrError::UnknownFormat)?;
    let name = match format {
        ImageFormat::Png => "png",
        ImageFormat::Jpeg => "jpeg",
        ImageFormat::WebP => "webp",
        ImageFormat::Gif => "gif",
        ImageFormat::Bmp => "bmp",
        _ => return Err(QrError::UnknownFormat),
    };
    if format == ImageFormat::Jpeg {
        if let Some(luma) = load_jpeg_luma(bytes)? {
            return Ok(luma);
        }
    }
    if format == ImageFormat::WebP {
        if let Some(luma) = load_webp_luma(bytes)? {
            return Ok(luma);
        }
    }
    let corrupt = |e: image::ImageError| QrError::Corrupt {
        format: name,
        reason: e.to_string(),
    };
    let mut limits = Limits::default();
    limits.max_image_width = u32::try_from(super::luma::MAX_SIDE).ok();
    limits.max_image_height = u32::try_from(super::luma::MAX_SIDE).ok();
    limits.max_alloc = Some(MAX_ALLOC);

    // Header only: the declared size is checked before the pixel buffer exists.
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(corrupt)?;
    check_size(u64::from(w), u64::from(h))?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(corrupt)?;
    let img = image::DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    let (width, height) = (img.width() as usize, img.height() as usize);
    let data = match img {
        // Palette PNGs and lossless WebP arrive as 8-bit RGB(A): converted here in integers
        // (`image`'s general conversion goes through floats, several times slower).
        image::DynamicImage::ImageRgb8(rgb) => rgb_to_luma::<3>(rgb.as_raw()),
        image::DynamicImage::ImageRgba8(rgba) => rgb_to_luma::<4>(rgba.as_raw()),
        other => other.into_luma8().into_raw(),
    };
    Ok(Luma {
        width,
        height,
        data,
    })
}

/// Grey levels of 8-bit pixels of `N` channels (RGB first; alpha ignored, as `image` does):
/// Rec. 709 weights, rounded to nearest.
fn rgb_to_luma<const N: usize>(raw: &[u8]) -> Vec<u8> {
    raw.chunks_exact(N)
        .map(|px| match px {
            [r, g, b, ..] => {
                let l = 2126 * u32::from(*r) + 7152 * u32::from(*g) + 722 * u32::from(*b);
                u8::try_from((l + 5000) / 10_000).unwrap_or(u8::MAX)
            }
            _ => 0,
        })
        .collect()
}

/// A YCbCr or greyscale JPEG decoded to its Y channel only; `None` for other colour spaces
/// (CMYK, YCCK), which take the `image` path.
fn load_jpeg_luma(bytes: &[u8]) -> Result<Option<Luma>, QrError> {
    let corrupt = |e: zune_jpeg::errors::DecodeErrors| QrError::Corrupt {
        format: "jpeg",
        reason: e.to_string(),
    };
    let side = usize::try_from(super::luma::MAX_SIDE).unwrap_or(usize::MAX);
    let options = DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::Luma)
        .set_max_width(side)
        .set_max_height(side);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(corrupt)?;
    let Some(info) = decoder.info() else {
        return Err(QrError::Corrupt {
            format: "jpeg",
            reason: "no frame header".into(),
        });
    };
    let (width, height) = (usize::from(info.width), usize::from(info.height));
    check_size(width as u64, height as u64)?;
    if !matches!(
        decoder.input_colorspace(),
        Some(ColorSpace::YCbCr | ColorSpace::Luma)
    ) {
        return Ok(None);
    }
    let data = decoder.decode().map_err(corrupt)?;
    if data.len() != width * height {
        return Err(QrError::Corrupt {
            format: "jpeg",
            reason: "unexpected pixel count".into(),
        });
    }
    Ok(Some(Luma {
        width,
        height,
        data,
    }))
}

/// A simple lossy WebP (a RIFF file holding one `VP8 ` chunk) decoded to its Y plane only,
/// without the chroma upsampling and RGB conversion that are most of the `image` path's
/// work; `None` for the other layouts (lossless, alpha, animation, extended header).
fn load_webp_luma(bytes: &[u8]) -> Result<Option<Luma>, QrError> {
    let corrupt = |reason: String| QrError::Corrupt {
        format: "webp",
        reason,
    };
    let (Some(b"RIFF"), Some(b"WEBP"), Some(b"VP8 "), Some(&[s0, s1, s2, s3])) = (
        bytes.get(..4),
        bytes.get(8..12),
        bytes.get(12..16),
        bytes.get(16..20),
    ) else {
        return Ok(None);
    };
    let size = u32::from_le_bytes([s0, s1, s2, s3]);
    let end = usize::try_from(size)
        .ok()
        .and_then(|n| n.checked_add(20))
        .map_or(bytes.len(), |n| n.min(bytes.len()));
    let chunk = bytes.get(20..end).unwrap_or(&[]);
    // Frame tag (3 bytes), start code (3), then 14-bit width and height: checked before
    // the decoder allocates its planes.
    let (Some(&[0x9d, 0x01, 0x2a]), Some(&[w0, w1, h0, h1])) = (chunk.get(3..6), chunk.get(6..10))
    else {
        return Err(corrupt("no VP8 key frame header".into()));
    };
    let width = usize::from(u16::from_le_bytes([w0, w1]) & 0x3fff);
    let height = usize::from(u16::from_le_bytes([h0, h1]) & 0x3fff);
    check_size(width as u64, height as u64)?;
    let frame = image_webp::vp8::Vp8Decoder::decode_frame(Cursor::new(chunk))
        .map_err(|e| corrupt(e.to_string()))?;
    let stride = usize::from(frame.width).div_ceil(16) * 16;
    if (usize::from(frame.width), usize::from(frame.height)) != (width, height)
        || frame.ybuf.len() < stride * height
    {
        return Err(corrupt("unexpected frame size".into()));
    }
    // Y is studio range (16–235); stretched to full range as the RGB conversion of a grey
    // pixel would (libwebp's fixed-point constants), so thresholds see the same contrast.
    let mut stretch = [0u8; 256];
    for (y, out) in (0u32..).zip(stretch.iter_mut()) {
        let v = ((y * 19_077) >> 8) as i32 + ((128 * 26_149) >> 8) - 14_234;
        *out = u8::try_from((v >> 6).clamp(0, 255)).unwrap_or(u8::MAX);
    }
    let mut data = Vec::with_capacity(width * height);
    for row in frame.ybuf.chunks_exact(stride).take(height) {
        data.extend(row.iter().take(width).map(|&y| stretch[usize::from(y)]));
    }
    Ok(Some(Luma {
        width,
        height,
        data,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_an_image_is_refused() {
        assert_eq!(load(b"hello, world").unwrap_err(), QrError::UnknownFormat);
        assert_eq!(load(&[]).unwrap_err(), QrError::UnknownFormat);
    }

    /// A RIFF/WEBP file holding one `VP8 ` chunk of `payload`.
    fn lossy_webp(payload: &[u8]) -> Vec<u8> {
        let mut out = b"RIFF".to_vec();
        out.extend_from_slice(&(payload.len() as u32 + 12).to_le_bytes());
        out.extend_from_slice(b"WEBPVP8 ");
        out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        out.extend_from_slice(payload);
        out
    }

    #[test]
    fn lossy_webp_size_is_checked_before_decoding() {
        // Key frame tag, start code, 16383×16383 (over the pixel limit), no frame data.
        let header = [0x50, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0xff, 0x3f, 0xff, 0x3f];
        assert!(matches!(
            load_webp_luma(&lossy_webp(&header)),
            Err(QrError::TooLarge { .. })
        ));
        assert!(matches!(
            load_webp_luma(&lossy_webp(&[0; 4])),
            Err(QrError::Corrupt { .. })
        ));
        // A truncated frame is corrupt, not a panic.
        let header = [0x50, 0x00, 0x00, 0x9d, 0x01, 0x2a, 0x10, 0x00, 0x10, 0x00];
        assert!(matches!(
            load(&lossy_webp(&header)),
            Err(QrError::Corrupt { .. })
        ));
    }

    #[test]
    fn rgb_is_weighted_like_image_does() {
        let raw = [
            0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 77, 77, 77,
        ];
        assert_eq!(rgb_to_luma::<3>(&raw), vec![0, 255, 54, 182, 18, 77]);
        let img = image::RgbImage::from_raw(6, 1, raw.to_vec()).unwrap();
        let want = image::DynamicImage::ImageRgb8(img).into_luma8().into_raw();
        assert_eq!(rgb_to_luma::<3>(&raw), want);
        assert_eq!(
            rgb_to_luma::<4>(&[10, 20, 30, 0, 1, 2, 3, 255]),
            vec![19, 2]
        );
    }

    #[test]
    fn other_webp_layouts_take_the_image_path() {
        assert!(matches!(load_webp_luma(b"RIFF\0\0\0\0WEBPVP8L"), Ok(None)));
    }
}

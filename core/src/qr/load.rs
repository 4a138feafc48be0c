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
    let gray = img.into_luma8();
    let (width, height) = (gray.width() as usize, gray.height() as usize);
    Ok(Luma {
        width,
        height,
        data: gray.into_raw(),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_an_image_is_refused() {
        assert_eq!(load(b"hello, world").unwrap_err(), QrError::UnknownFormat);
        assert_eq!(load(&[]).unwrap_err(), QrError::UnknownFormat);
    }
}

//! One detection pass of the rxing QR reader (a pure-Rust port of zxing-cpp's QR detector and
//! decoder) over a greyscale image, with zxing's hybrid (local-average) binarizer.

use super::luma::Luma;
use rxing::common::HybridBinarizer;
use rxing::multi::MultipleBarcodeReader;
use rxing::qrcode::cpp_port::QrReader;
use rxing::{BarcodeFormat, BinaryBitmap, DecodeHints, Luma8LuminanceSource};
use std::collections::HashSet;

/// rxing's hybrid binarizer needs at least 5 blocks of 8 px a side.
const MIN_SIDE: usize = 40;

/// Texts of every QR code (Model 2, not Micro/rMQR) found in `img`, in detection order.
pub(crate) fn read_all(img: &Luma) -> Vec<String> {
    if img.width < MIN_SIDE || img.height < MIN_SIDE {
        return Vec::new();
    }
    let (Ok(w), Ok(h)) = (u32::try_from(img.width), u32::try_from(img.height)) else {
        return Vec::new();
    };
    let Ok(source) = Luma8LuminanceSource::new(img.data.clone(), w, h) else {
        return Vec::new();
    };
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    let hints = DecodeHints {
        TryHarder: Some(true),
        PossibleFormats: Some(HashSet::from([BarcodeFormat::QR_CODE])),
        ..DecodeHints::default()
    };
    match QrReader.decode_multiple_with_hints(&mut bitmap, &hints) {
        Ok(results) => results.iter().map(|r| r.getText().to_owned()).collect(),
        Err(_) => Vec::new(),
    }
}

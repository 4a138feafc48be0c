//! One detection pass of the rxing QR reader (a pure-Rust port of zxing-cpp's QR detector and
//! decoder) over an image we binarized ourselves (`binarize`): rxing's own binarizers are
//! bypassed, they cost more than the detection.

use super::binarize::Bits;
use rxing::common::{BitArray, BitMatrix, LineOrientation, Result as RxResult};
use rxing::multi::MultipleBarcodeReader;
use rxing::qrcode::cpp_port::QrReader;
use rxing::{BarcodeFormat, Binarizer, BinaryBitmap, DecodeHints, Luma8LuminanceSource};
use std::borrow::Cow;
use std::collections::HashSet;

/// rxing's bit-matrix word: 64 bits, or 32 on 32-bit targets (armeabi-v7a).
const WORD_BITS: usize = usize::BITS as usize;

/// Smallest side the detector is run on (a version-1 code with its quiet zone is 29 modules).
const MIN_SIDE: usize = 21;

/// Texts of every QR code (Model 2, not Micro/rMQR) found in `bits`, in detection order.
pub(crate) fn read_all(bits: &Bits) -> Vec<String> {
    if bits.width < MIN_SIDE || bits.height < MIN_SIDE {
        return Vec::new();
    }
    let Some(binarizer) = Prebinarized::new(bits) else {
        return Vec::new();
    };
    let mut bitmap = BinaryBitmap::new(binarizer);
    let hints = DecodeHints {
        TryHarder: Some(true),
        PossibleFormats: Some(HashSet::from([BarcodeFormat::QR_CODE])),
        ..DecodeHints::default()
    };
    // Last-resort safety net: rxing is a large port whose fuzzers have found panics in its QR
    // detector before (rxing issues #78: subtraction overflow in the detector; #58, #95, #96
    // in other symbologies). None is known in the reader we call, but a panic must not cross
    // the FFI into the app, so one is turned into "no code". Nothing is shared across the
    // boundary but `bitmap`, which is dropped with the failed pass.
    let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        QrReader.decode_multiple_with_hints(&mut bitmap, &hints)
    }));
    match decoded {
        Ok(Ok(results)) => results.iter().map(|r| r.getText().to_owned()).collect(),
        Ok(Err(_)) | Err(_) => Vec::new(),
    }
}

/// Packs up to `WORD_BITS` one-byte flags (0/1) into a word in rxing's layout: flag `i` is
/// bit `i`.
fn pack_word(flags: &[u8]) -> usize {
    let mut padded = [0u8; 64];
    if let Some(dst) = padded.get_mut(..flags.len()) {
        dst.copy_from_slice(flags);
    }
    let mut word = 0u64;
    for (k, bytes) in padded.chunks_exact(8).enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(bytes);
        // Each byte is 0 or 1; the multiplication gathers byte j's bit into bit 56 + j.
        let gathered = (u64::from_le_bytes(eight) & 0x0101_0101_0101_0101)
            .wrapping_mul(0x0102_0408_1020_4080)
            >> 56;
        word |= gathered << (8 * k);
    }
    // At most WORD_BITS flags were given, so the word fits a usize.
    usize::try_from(word).unwrap_or(0)
}

/// Hands a finished black/white matrix to rxing. The QR reader only asks for the matrix;
/// rows and lines are served from it for completeness.
struct Prebinarized {
    source: Luma8LuminanceSource,
    matrix: BitMatrix,
}

impl Prebinarized {
    fn new(bits: &Bits) -> Option<Self> {
        let (w, h) = (
            u32::try_from(bits.width).ok()?,
            u32::try_from(bits.height).ok()?,
        );
        let mut matrix = BitMatrix::new(w, h).ok()?;
        let mut line = BitArray::with_size(bits.width);
        for (y, row) in (0..h).zip(bits.data.chunks_exact(bits.width)) {
            for (i, chunk) in row.chunks(WORD_BITS).enumerate() {
                line.setBulk(i * WORD_BITS, pack_word(chunk));
            }
            matrix.setRow(y, &line);
        }
        // The source is never read by the QR reader; a 1×1 placeholder keeps it cheap.
        let source = Luma8LuminanceSource::new(vec![255], 1, 1).ok()?;
        Some(Self { source, matrix })
    }
}

impl Binarizer for Prebinarized {
    type Source = Luma8LuminanceSource;

    fn get_luminance_source(&self) -> &Self::Source {
        &self.source
    }

    fn get_black_row(&self, y: usize) -> RxResult<Cow<'_, BitArray>> {
        Ok(Cow::Owned(
            self.matrix.getRow(u32::try_from(y).unwrap_or(u32::MAX)),
        ))
    }

    fn get_black_row_from_matrix(&self, y: usize) -> RxResult<Cow<'_, BitArray>> {
        self.get_black_row(y)
    }

    fn get_black_matrix(&self) -> RxResult<&BitMatrix> {
        Ok(&self.matrix)
    }

    fn get_black_line(&self, l: usize, lt: LineOrientation) -> RxResult<Cow<'_, BitArray>> {
        let l = u32::try_from(l).unwrap_or(u32::MAX);
        Ok(Cow::Owned(match lt {
            LineOrientation::Row => self.matrix.getRow(l),
            LineOrientation::Column => self.matrix.getCol(l),
        }))
    }

    fn create_binarizer(&self, _source: Self::Source) -> Self {
        Self {
            source: self.source.clone(),
            matrix: self.matrix.clone(),
        }
    }

    fn get_width(&self) -> usize {
        self.matrix.width() as usize
    }

    fn get_height(&self) -> usize {
        self.matrix.height() as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_word_is_lsb_first() {
        let mut flags = [0u8; WORD_BITS];
        flags[0] = 1;
        flags[9] = 1;
        flags[WORD_BITS - 1] = 1;
        assert_eq!(pack_word(&flags), 1 | (1 << 9) | (1 << (WORD_BITS - 1)));
        assert_eq!(pack_word(&[1, 0, 1]), 0b101);
        assert_eq!(pack_word(&[]), 0);
    }
}

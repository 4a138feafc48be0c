//! One detection pass over an image we binarized ourselves (`binarize`), with the QR detector
//! and decoder of rxing (a pure-Rust port of zxing-cpp's). rxing's binarizers are bypassed
//! (they cost more than the detection), and so is its reader loop: the finder-pattern scan is
//! done here on our packed rows, whose runs are found a word at a time, where
//! rxing's scan reads the packed matrix bit by bit (most of its detection time). The rest,
//! locating each pattern, pairing them into codes, sampling and decoding, is rxing's, called
//! as its own reader calls it.

use super::bits::{Bits, WORD_BITS};
use rxing::common::cpp_essentials::{
    ConcentricPattern, FindLeftGuardBy, FixedPattern, IsPattern, LocateConcentricPattern,
    PatternType, PatternView,
};
use rxing::common::{BitArray, BitMatrix, DetectorRXingResult};
use rxing::qrcode::cpp_port::decoder::Decode;
use rxing::qrcode::cpp_port::detector::{GenerateFinderPatternSets, SampleQR};
use rxing::{point, Point};

/// Smallest side the detector is run on (a version-1 code with its quiet zone is 29 modules).
const MIN_SIDE: usize = 21;

/// The finder pattern: dark, light, dark (3 modules), light, dark.
const FINDER: FixedPattern<5, 7, false> = FixedPattern::new([1, 1, 3, 1, 1]);

/// Rows scanned for finder patterns: every third (zxing's "try harder" spacing; a pattern's
/// centre is at least 3 pixels tall).
const ROW_STEP: usize = 3;

/// What one pass read.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// Texts of every QR code (Model 2, not Micro/rMQR) found, in detection order.
    pub(crate) texts: Vec<String>,
    /// Finder patterns located but not part of a code read: the trace of a code the pass
    /// saw and could not read (or of noise). With none, every pattern seen is accounted for.
    pub(crate) unexplained: usize,
}

/// Every QR code found in `bits`.
pub(crate) fn read_all(bits: &Bits) -> Read {
    if bits.width < MIN_SIDE || bits.height < MIN_SIDE {
        return Read::default();
    }
    let Some(matrix) = to_matrix(bits) else {
        return Read::default();
    };
    // Last-resort safety net: rxing is a large port whose fuzzers have found panics in its QR
    // detector before (rxing issues #78: subtraction overflow in the detector; #58, #95, #96
    // in other symbologies). None is known in the code we call, but a panic must not cross
    // the FFI into the app, so one is turned into "no code". Nothing outlives the pass but
    // what it read.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_matrix(bits, &matrix)))
        .unwrap_or_default()
}

/// rxing's QR reader loop (`QrReader::decode_multiple`) with our finder-pattern scan: every
/// set of three patterns that could be a code is sampled and decoded, skipping sets that
/// reuse a pattern of a code already read.
fn read_matrix(bits: &Bits, matrix: &BitMatrix) -> Read {
    let mut patterns = finder_patterns(bits, matrix);
    let mut used: Vec<ConcentricPattern> = Vec::new();
    let mut texts = Vec::new();
    for set in GenerateFinderPatternSets(&mut patterns) {
        if used.contains(&set.bl) || used.contains(&set.tl) || used.contains(&set.tr) {
            continue;
        }
        let Ok(detected) = SampleQR(matrix, &set) else {
            continue;
        };
        let Ok(decoded) = Decode(detected.getBits()) else {
            continue;
        };
        if decoded.isValid() {
            used.extend([set.bl, set.tl, set.tr]);
            texts.push(decoded.text());
        }
    }
    let unexplained = patterns.iter().filter(|p| !used.contains(p)).count();
    Read { texts, unexplained }
}

/// Candidate finder patterns (zxing's `FindFinderPatterns`, trying harder, no minimum module
/// size): rows are cut into runs, each 1:1:3:1:1 run group is located in 2-D on the matrix,
/// and a candidate inside one already found is skipped.
fn finder_patterns(bits: &Bits, matrix: &BitMatrix) -> Vec<ConcentricPattern> {
    let mut found: Vec<ConcentricPattern> = Vec::new();
    let mut runs = Vec::new();
    for y in (ROW_STEP - 1..bits.height).step_by(ROW_STEP) {
        row_runs(&mut runs, bits.row(y), bits.width);
        let mut next = PatternView::from_slice(&runs);
        while let Some(view) = find_pattern(next) {
            next = view;
            if !next.isValid() {
                break;
            }
            let p = point(
                f32::from(next.pixelsInFront())
                    + f32::from(next[0])
                    + f32::from(next[1])
                    + f32::from(next[2]) / 2.0,
                y as f32 + 0.5,
            );
            if !found
                .iter()
                .any(|old| Point::distance(p, old.p) < old.size as f32 / 2.0)
            {
                let range = i32::from(next.iter().sum::<PatternType>()) * 3;
                if let Some(pattern) =
                    LocateConcentricPattern::<true, 5, 7>(matrix, &FINDER.into(), p, range)
                {
                    found.push(pattern);
                }
            }
            next.skipPair();
            next.skipPair();
            next.extend();
        }
    }
    found
}

/// The next 1:1:3:1:1 run group in `view` (zxing's `FindPattern`): a quick ratio test, then
/// rxing's full one.
fn find_pattern(view: PatternView<'_>) -> Option<PatternView<'_>> {
    FindLeftGuardBy::<5, _>(view, 5, |view: &PatternView, space: Option<f32>| {
        let at = |i: usize| view[i];
        if at(2) < 3 || at(2) < 2 * at(0).max(at(4)) || at(2) < at(1).max(at(3)) {
            return false;
        }
        IsPattern::<true, 5, 7, false>(view, &FINDER, space, 0.1, 0.0, 0.0) != 0.0
    })
    .ok()
}

/// `runs` set to the run lengths of one packed row of `width` pixels, light first and last
/// (zero-length runs added where the row starts or ends dark), as zxing's pattern rows are
/// laid out.
fn row_runs(runs: &mut Vec<PatternType>, row: &[usize], width: usize) {
    runs.clear();
    if width == 0 {
        return;
    }
    let (mut dark, mut start) = (false, 0usize);
    loop {
        let end = run_end(row, width, start, dark);
        runs.push(PatternType::try_from(end - start).unwrap_or(PatternType::MAX));
        if end >= width {
            break;
        }
        (dark, start) = (!dark, end);
    }
    if dark {
        runs.push(0);
    }
}

/// The first pixel at or after `from` that is not `dark` (or `width`): a word at a time.
fn run_end(row: &[usize], width: usize, from: usize, dark: bool) -> usize {
    let flip = if dark { usize::MAX } else { 0 };
    let mut i = from / WORD_BITS;
    // Pixels before `from` in its word are masked off.
    let mut word = row
        .get(i)
        .map_or(0, |w| (w ^ flip) & (usize::MAX << (from % WORD_BITS)));
    loop {
        if word != 0 {
            return (i * WORD_BITS + word.trailing_zeros() as usize).min(width);
        }
        i += 1;
        match row.get(i) {
            Some(w) => word = w ^ flip,
            None => return width,
        }
    }
}

/// The black/white image as rxing's packed matrix (the same word layout), which its pattern
/// locator, sampler and decoder read.
fn to_matrix(bits: &Bits) -> Option<BitMatrix> {
    let (w, h) = (
        u32::try_from(bits.width).ok()?,
        u32::try_from(bits.height).ok()?,
    );
    let mut matrix = BitMatrix::new(w, h).ok()?;
    let mut line = BitArray::with_size(bits.width);
    for y in 0..h {
        for (i, &word) in bits.row(y as usize).iter().enumerate() {
            line.setBulk(i * WORD_BITS, word);
        }
        matrix.setRow(y, &line);
    }
    Some(matrix)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as a QR code of 4-pixel modules with a 4-module quiet zone, on an image of
    /// `extra` more light modules to the right; with `stray`, a lone finder pattern (7×7
    /// modules) stands in that margin.
    fn frame(text: &str, extra: usize, stray: bool) -> Bits {
        let code = qrcode::QrCode::new(text).unwrap();
        let n = code.width();
        let colors = code.to_colors();
        let (cols, rows) = (n + 8 + extra, n + 8);
        let dark = |mx: usize, my: usize| -> bool {
            if (4..4 + n).contains(&mx) && (4..4 + n).contains(&my) {
                return colors[(my - 4) * n + mx - 4] == qrcode::Color::Dark;
            }
            let (fx, fy) = (mx.wrapping_sub(n + 10), my.wrapping_sub(4));
            stray && fx < 7 && fy < 7 && {
                let ring = fx.min(fy).min(6 - fx).min(6 - fy);
                ring != 1
            }
        };
        let mut bits = Bits::new(cols * 4, rows * 4);
        for y in 0..rows * 4 {
            let row: Vec<u8> = (0..cols * 4)
                .map(|x| u8::from(dark(x / 4, y / 4)))
                .collect();
            bits.set_row(y, &row);
        }
        bits
    }

    #[test]
    fn patterns_outside_the_codes_read_are_counted() {
        let text = "otpauth://totp/ACME:jo?secret=JBSWY3DPEHPK3PXP";
        let clean = read_all(&frame(text, 12, false));
        assert_eq!((clean.texts, clean.unexplained), (vec![text.to_owned()], 0));
        let stray = read_all(&frame(text, 12, true));
        assert_eq!((stray.texts, stray.unexplained), (vec![text.to_owned()], 1));
    }

    /// The runs of a row counted one flag at a time, as zxing lays them out.
    fn runs_reference(row: &[u8]) -> Vec<PatternType> {
        let (mut out, mut colour, mut count) = (Vec::new(), 0u8, 0);
        for &f in row {
            if f != colour {
                out.push(count);
                (count, colour) = (0, f);
            }
            count += 1;
        }
        if count != 0 {
            out.push(count);
        }
        if colour == 1 {
            out.push(0);
        }
        out
    }

    #[test]
    fn row_runs_match_a_flag_by_flag_count() {
        for len in [1usize, 7, 8, 9, 30, 64, 200] {
            for seed in 0..20u64 {
                // Runs of varied length, starting light or dark.
                let row: Vec<u8> = (0..len as u64)
                    .map(|i| u8::from(((i * (seed + 3)) / (seed % 5 + 1) + seed) % 7 < 3))
                    .collect();
                let mut bits = Bits::new(len, 1);
                bits.set_row(0, &row);
                let mut runs = vec![7];
                row_runs(&mut runs, bits.row(0), len);
                assert_eq!(runs, runs_reference(&row), "len={len} seed={seed}");
            }
        }
        let mut runs = vec![7];
        row_runs(&mut runs, &[], 0);
        assert!(runs.is_empty());
    }
}

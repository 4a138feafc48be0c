//! `Bits`: a black/white image packed one bit per pixel in rxing's word layout, what every
//! binarizer writes and the detector reads. Packing as each row is thresholded keeps the
//! per-pass buffer at an eighth of the image (a 12 MP photo: 1.5 MB, not 12 MB) and lets the
//! finder-pattern scan find runs a word at a time.

/// rxing's bit-matrix word: 64 bits, or 32 on 32-bit targets (armeabi-v7a).
pub(crate) const WORD_BITS: usize = usize::BITS as usize;

/// Row `y` is `words[y * stride..(y + 1) * stride]`; pixel `x` is bit `x % WORD_BITS` of
/// word `x / WORD_BITS`, 1 for dark. Bits past `width` are 0.
pub(crate) struct Bits {
    pub(crate) width: usize,
    pub(crate) height: usize,
    stride: usize,
    words: Vec<usize>,
}

impl Bits {
    /// An all-light image.
    pub(crate) fn new(width: usize, height: usize) -> Self {
        let stride = width.div_ceil(WORD_BITS);
        Self {
            width,
            height,
            stride,
            words: vec![0; stride * height],
        }
    }

    /// Sets row `y` from one flag (0 light, 1 dark) per pixel; `flags` holds `width` of them.
    pub(crate) fn set_row(&mut self, y: usize, flags: &[u8]) {
        let Some(row) = self.words.get_mut(y * self.stride..(y + 1) * self.stride) else {
            return;
        };
        let chunks = flags.chunks_exact(WORD_BITS);
        let rest = chunks.remainder();
        let mut words = row.iter_mut();
        // `chunks` first: when it runs out, zip has not taken a word for the remainder.
        for (chunk, word) in chunks.zip(&mut words) {
            *word = pack_word(chunk);
        }
        if let Some(word) = words.next().filter(|_| !rest.is_empty()) {
            *word = pack_word(rest);
        }
    }

    /// The packed words of row `y` (empty past the last row).
    pub(crate) fn row(&self, y: usize) -> &[usize] {
        self.words
            .get(y * self.stride..(y + 1) * self.stride)
            .unwrap_or(&[])
    }

    /// One flag per pixel, row-major: what tests compare against direct computations.
    #[cfg(test)]
    pub(crate) fn flags(&self) -> Vec<u8> {
        (0..self.height)
            .flat_map(|y| {
                let row = self.row(y);
                (0..self.width)
                    .map(move |x| u8::from(row[x / WORD_BITS] >> (x % WORD_BITS) & 1 == 1))
            })
            .collect()
    }
}

/// Packs up to `WORD_BITS` one-byte flags (0/1) into a word: flag `i` is bit `i`.
fn pack_word(flags: &[u8]) -> usize {
    match <&[u8; WORD_BITS]>::try_from(flags) {
        // A whole word (every one but a row's last): packed in place.
        Ok(full) => pack_full(full),
        Err(_) => {
            let mut padded = [0u8; WORD_BITS];
            if let Some(dst) = padded.get_mut(..flags.len()) {
                dst.copy_from_slice(flags);
            }
            pack_full(&padded)
        }
    }
}

/// Packs `WORD_BITS` one-byte flags (0/1), eight at a time.
fn pack_full(flags: &[u8; WORD_BITS]) -> usize {
    let mut word = 0usize;
    for (k, bytes) in flags.chunks_exact(8).enumerate() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(bytes);
        // Each byte is 0 or 1; the multiplication gathers byte j's bit into bit 56 + j.
        let gathered = (u64::from_le_bytes(eight) & 0x0101_0101_0101_0101)
            .wrapping_mul(0x0102_0408_1020_4080)
            >> 56;
        // At most WORD_BITS / 8 groups, so the shift stays inside the word.
        word |= usize::try_from(gathered).unwrap_or(0) << (8 * k);
    }
    word
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

    #[test]
    fn rows_round_trip() {
        // Partial last words, whole words only, and less than a word.
        for w in [70, 128, 5] {
            let h = 3;
            let flags: Vec<u8> = (0..w * h)
                .map(|i| u8::from(i % 3 == 0 || i % 7 == 1))
                .collect();
            let mut bits = Bits::new(w, h);
            for (y, row) in flags.chunks(w).enumerate() {
                bits.set_row(y, row);
            }
            assert_eq!(bits.flags(), flags, "width {w}");
            assert!(bits.row(h).is_empty());
        }
    }
}

//! Camera frames through `qr::decode_luma` and `QrScanner`. The first byte picks the mode:
//!
//! * even: a raw frame; the next 5 bytes choose width, height and row stride (so mismatched
//!   sizes are exercised), the rest are the pixels;
//! * odd: a QR-shaped frame; three finder patterns are drawn for a code of version
//!   1 + byte % 40 and every other module comes from the input's bits, so the detector finds
//!   the code and the sampler, format-info, Reed-Solomon and bit-stream parsers get fuzzed
//!   data (random pixels alone almost never reach them).
#![no_main]
use libfuzzer_sys::fuzz_target;

const SCALE: usize = 3;
const QUIET: usize = 4;

fn finder(x: usize, y: usize, ox: usize, oy: usize) -> Option<bool> {
    let (dx, dy) = (x.checked_sub(ox)?, y.checked_sub(oy)?);
    if dx > 7 || dy > 7 {
        return None;
    }
    if dx == 7 || dy == 7 {
        return Some(false); // separator
    }
    let ring = dx.min(dy).min(6 - dx).min(6 - dy);
    Some(ring != 1)
}

fn qr_frame(version: usize, bits: &[u8]) -> (usize, Vec<u8>) {
    let n = 17 + 4 * version;
    let side = (n + 2 * QUIET) * SCALE;
    let mut img = vec![255u8; side * side];
    let mut bit = 0usize;
    for my in 0..n {
        for mx in 0..n {
            let dark = finder(mx, my, 0, 0)
                .or_else(|| finder(n - 1 - mx, my, 0, 0))
                .or_else(|| finder(mx, n - 1 - my, 0, 0))
                .unwrap_or_else(|| {
                    let b = bits.get(bit / 8).map_or(false, |byte| byte >> (bit % 8) & 1 == 1);
                    bit += 1;
                    b
                });
            if dark {
                for py in 0..SCALE {
                    let row = ((my + QUIET) * SCALE + py) * side + (mx + QUIET) * SCALE;
                    img[row..row + SCALE].fill(0);
                }
            }
        }
    }
    (side, img)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode % 2 == 1 {
        let (side, img) = qr_frame(1 + usize::from(mode / 2) % 40, rest);
        let _ = inkan_core::qr::decode_luma(side, side, side, &img);
        return;
    }
    let Some((head, pixels)) = rest.split_first_chunk::<5>() else { return };
    let width = usize::from(u16::from_le_bytes([head[0], head[1]]) % 512);
    let height = usize::from(u16::from_le_bytes([head[2], head[3]]) % 512);
    let stride = (width + usize::from(head[4] % 16)).saturating_sub(usize::from(head[4] / 128));
    if let Ok(texts) = inkan_core::qr::decode_luma(width, height, stride, pixels) {
        assert!(texts.len() <= pixels.len());
    }
    let mut scanner = inkan_core::qr::QrScanner::new();
    let _ = scanner.feed_luma(width, height, stride, pixels);
});

//! Camera frames through `qr::decode_luma`: the first 6 bytes choose width, height and row
//! stride (so mismatched sizes are exercised), the rest are the pixels.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((head, pixels)) = data.split_first_chunk::<6>() else { return };
    let width = usize::from(u16::from_le_bytes([head[0], head[1]]) % 512);
    let height = usize::from(u16::from_le_bytes([head[2], head[3]]) % 512);
    let stride = (width + usize::from(head[4] % 16)).saturating_sub(usize::from(head[5] % 2));
    if let Ok(texts) = inkan_core::qr::decode_luma(width, height, stride, pixels) {
        assert!(texts.len() <= pixels.len());
    }
    let mut scanner = inkan_core::qr::QrScanner::new();
    let _ = scanner.feed_luma(width, height, stride, pixels);
});

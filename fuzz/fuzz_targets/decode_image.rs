//! Image files of any content through `qr::decode_image`: an error or texts, never a panic,
//! a hang or an allocation from a declared size (SEC-L3).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = inkan_core::qr::decode_image(data);
});

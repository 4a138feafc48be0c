//! otpauth-migration:// parsing: raw text, and arbitrary bytes as the protobuf payload.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = inkan_core::migration::parse(text);
    }
    let mut uri = String::from("otpauth-migration://offline?data=");
    uri.push_str(&inkan_core::uri::encode_component(&inkan_core::migration::base64::encode(data)));
    if let Ok(import) = inkan_core::migration::parse(&uri) {
        for a in &import.accounts {
            let _ = inkan_core::otp::generate(a, 1_700_000_000);
        }
    }
});


//! otpauth-migration:// parsing: raw text, and arbitrary bytes as the protobuf payload.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = inkan_core::migration::parse(text);
    }
    let mut uri = String::from("otpauth-migration://offline?data=");
    uri.push_str(&inkan_core::uri::encode_component(&base64_std(data)));
    if let Ok(import) = inkan_core::migration::parse(&uri) {
        for a in &import.accounts {
            let _ = inkan_core::otp::generate(a, 1_700_000_000);
        }
    }
});

fn base64_std(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..=c.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

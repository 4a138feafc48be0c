//! Any link or QR text: `pairing::parse` must never panic, never accept plain http or a
//! dangerous scheme, and a push enrollment it returns must name an https server.
#![no_main]
use inkan_core::pairing::{self, PairingRequest, TlsStatus};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(request) = pairing::parse(text, 1_795_764_920) {
        let lower = text.trim().to_ascii_lowercase();
        assert!(!lower.starts_with("http:") && !lower.starts_with("javascript:"));
        if let PairingRequest::Push(p) = request {
            assert!(p.url.to_ascii_lowercase().starts_with("https://"));
            assert!(matches!(p.tls, TlsStatus::Verified { .. }));
            assert!(p.expires_at > 1_795_764_920);
        }
    }
});

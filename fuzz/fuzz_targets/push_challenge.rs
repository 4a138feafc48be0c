//! A poll response from a hostile server or network: the whole client path (JSON, field
//! checks, signature verification, replay cache, expiry) must never panic, and nothing
//! unsigned may come out as a challenge.
#![no_main]
use inkan_core::clock::FixedClock;
use inkan_core::SecretBytes;
use inkan_core::push::{
    wire, HttpRequest, HttpResponse, MemoryPushStore, Monotonic, PushClient, PushConfig,
    PushToken, SoftwareKey, TokenKey, Transport, TransportError,
};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

struct Body(Vec<u8>);
impl Transport for Body {
    fn send(&self, _: &HttpRequest) -> Result<HttpResponse, TransportError> {
        Ok(HttpResponse { status: 200, date: Some("Fri, 27 Nov 2026 07:35:20 GMT".into()), body: self.0.clone() })
    }
}

struct Mono;
impl Monotonic for Mono {
    fn now_ms(&self) -> u64 {
        0
    }
}

fn keys() -> &'static (SoftwareKey, SoftwareKey) {
    static K: OnceLock<(SoftwareKey, SoftwareKey)> = OnceLock::new();
    // Fixed throwaway test keys (fuzz/keys/, made with openssl): generating RSA keys under
    // the fuzzer's instrumentation takes longer than libFuzzer's per-input timeout.
    let load = |der: &[u8]| SoftwareKey::from_pkcs8(SecretBytes::new(der.to_vec())).unwrap();
    K.get_or_init(|| {
        (load(include_bytes!("../keys/server.pk8.der")), load(include_bytes!("../keys/token.pk8.der")))
    })
}

fuzz_target!(|data: &[u8]| {
    let (server, token_key) = keys();
    let token = PushToken {
        serial: "PIPU0001".into(),
        label: "l".into(),
        issuer: "i".into(),
        url: "https://pi.example/ttype/push".into(),
        extra_ca_pem: None,
        server_key: server.public_key_pkcs1(),
        key: TokenKey::Platform { alias: "fuzz".into() },
        paired_at: 0,
    };
    let client = PushClient::new(
        Arc::new(Body(data.to_vec())),
        Arc::new(MemoryPushStore::default()),
        Arc::new(FixedClock::new(1_795_764_920)),
        Arc::new(Mono),
        PushConfig::default(),
    );
    if let Ok(out) = client.poll(&token, token_key) {
        // Random bytes cannot carry a valid RSA signature by the server key.
        assert!(out.challenges.is_empty() && out.muted.is_empty());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = wire::decode_signature(text);
        let _ = wire::parse_http_date(text);
        let _ = wire::decode_base64_lenient(text);
    }
});

//! Client-side cost of the push flow, excluding the network, and RSA-4096 key generation.
//!
//! `cargo run --release -p inkan-core --example push_bench`. The transport answers from
//! memory with challenges signed by a locally generated RSA-4096 "server" key, exactly in
//! the privacyIDEA 3.14 format, so every figure is CPU time of inkan itself: poll signing,
//! JSON parsing, field checks, server-signature verification, replay-cache bookkeeping,
//! answer signing. Targets (issue 5): poll → verify → sign → answer ≤ 50 ms. The last two
//! rows repeat the flow on `VaultPushStore` (the encrypted vault file: lock, reload, save
//! with fsync), so they include file I/O.
#![allow(clippy::print_stdout)]

use inkan_core::clock::SystemClock;
use inkan_core::push::{
    wire, HttpRequest, HttpResponse, MemoryPushStore, Method, PushClient, PushConfig, PushStore,
    PushToken, Response, SoftwareKey, SystemMonotonic, TokenKey, Transport, TransportError,
    TOKEN_KEY_BITS,
};
use inkan_core::secret::SecretString;
use inkan_core::vault::{FileStore, KdfParams, Vault, VaultPushStore};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const URL: &str = "https://pi.example/ttype/push";
const SERIAL: &str = "PIPU00BENCH";

struct Canned {
    poll: Mutex<Vec<u8>>,
}

impl Transport for Canned {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let body = match request.method {
            Method::Get => self
                .poll
                .lock()
                .map_err(|_| TransportError::Timeout)?
                .clone(),
            Method::Post => br#"{"result":{"status":true,"value":true},"detail":null}"#.to_vec(),
        };
        Ok(HttpResponse {
            status: 200,
            date: None,
            body,
        })
    }
}

fn poll_body(server: &SoftwareKey, nonce: &str) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let (q, t, opts) = ("Log in as alice from 127.0.0.1?", "inkan test", "09,84,01");
    let msg = wire::challenge_message(nonce, URL, SERIAL, q, t, "1", Some(opts));
    let sig = wire::encode_signature(&server.sign_message(msg.as_bytes())?);
    let caps = format!("{{\"capabilities\":{{\"decline_reason\":true}},\"nonce\":\"{nonce}\"}}");
    let caps_sig = wire::encode_signature(&server.sign_message(caps.as_bytes())?);
    let item = serde_json::json!({"nonce": nonce, "url": URL, "serial": SERIAL, "question": q,
        "title": t, "sslverify": "1", "require_presence": opts, "version": "2", "signature": sig,
        "capabilities": "{\"decline_reason\": true}", "capabilities_signature": caps_sig});
    Ok(serde_json::to_vec(
        &serde_json::json!({"result": {"status": true, "value": [item]}}),
    )?)
}

fn stats(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = samples.iter().map(|d| ms(*d)).sum::<f64>() / samples.len().max(1) as f64;
    let at = |q: f64| {
        samples
            .get(((samples.len() as f64 - 1.0) * q) as usize)
            .map_or(0.0, |d| ms(*d))
    };
    println!(
        "{name:<44} n={:<3} min {:>8.2} ms  median {:>8.2} ms  mean {:>8.2} ms  max {:>8.2} ms",
        samples.len(),
        at(0.0),
        at(0.5),
        mean,
        at(1.0)
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut keygen = Vec::new();
    let mut keys = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        keys.push(SoftwareKey::generate(TOKEN_KEY_BITS)?);
        keygen.push(t.elapsed());
    }
    let (server, token_key) = (keys.remove(0), keys.remove(0));
    let token = PushToken {
        serial: SERIAL.into(),
        label: "alice".into(),
        issuer: "privacyIDEA".into(),
        url: URL.into(),
        extra_ca_pem: None,
        server_key: server.public_key_pkcs1(),
        key: TokenKey::Software(token_key.pkcs8().clone()),
        paired_at: 0,
    };
    let transport = Arc::new(Canned {
        poll: Mutex::new(Vec::new()),
    });
    let client = |store: Arc<dyn PushStore>| {
        PushClient::new(
            transport.clone(),
            store,
            Arc::new(SystemClock),
            Arc::new(SystemMonotonic::new()),
            PushConfig::default(),
        )
    };
    let (mut polls, mut answers, mut flows, mut signs) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let memory = client(Arc::new(MemoryPushStore::default()));
    for i in 0..30 {
        let nonce = format!("BENCHNONCE{i:022}");
        *transport.poll.lock().map_err(|_| "lock")? = poll_body(&server, &nonce)?;
        let (p, a) = flow(&memory, &token, &token_key, &nonce)?;
        polls.push(p);
        answers.push(a);
        flows.push(p + a);
        let t = Instant::now();
        token_key.sign_message(nonce.as_bytes())?;
        signs.push(t.elapsed());
    }
    // The same flow on the real store: the encrypted vault file, locked, reloaded and
    // saved with fsync per change (a temp directory; the file system decides the fsync cost).
    let dir = std::env::temp_dir().join(format!("inkan-push-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("vault.inkan");
    let password = SecretString::new("bench".into());
    // The default KDF (release builds have no test parameters); the store reopens the
    // file with the data key, so only this one derivation costs Argon2 time.
    let vault = Vault::create(&password, KdfParams::DEFAULT)?.vault;
    vault.save(&FileStore::open(&path)?)?;
    let store = Arc::new(VaultPushStore::new(&path, vault));
    store.add_token(&token)?;
    let on_vault = client(store);
    let (mut vault_polls, mut vault_flows) = (Vec::new(), Vec::new());
    for i in 0..30 {
        let nonce = format!("VAULTNONCE{i:022}");
        *transport.poll.lock().map_err(|_| "lock")? = poll_body(&server, &nonce)?;
        let (p, a) = flow(&on_vault, &token, &token_key, &nonce)?;
        vault_polls.push(p);
        vault_flows.push(p + a);
    }
    std::fs::remove_dir_all(&dir)?;
    println!("push client benchmark (release build, no network; RSA-{TOKEN_KEY_BITS} keys on both sides)");
    stats("RSA-4096 key generation (rsa crate)", keygen);
    stats("one RSA-4096 signature (ring)", signs);
    stats("poll: sign + parse + verify challenge", polls);
    stats("answer: re-poll + verify + sign + send", answers);
    stats("poll -> verify -> sign -> answer (target 50)", flows);
    stats("  same, vault store: poll", vault_polls);
    stats("  same, vault store: whole flow (target 50)", vault_flows);
    Ok(())
}

/// One poll then one answer; returns their durations.
fn flow(
    client: &PushClient,
    token: &PushToken,
    key: &SoftwareKey,
    nonce: &str,
) -> Result<(Duration, Duration), Box<dyn std::error::Error>> {
    let t0 = Instant::now();
    let polled = client.poll(token, key)?;
    let t1 = Instant::now();
    let outcome = client.answer(token, key, nonce, &Response::Number("84".into()))?;
    let t2 = Instant::now();
    if polled.challenges.len() != 1 || !outcome.recorded() {
        return Err("benchmark flow did not verify".into());
    }
    Ok((t1 - t0, t2 - t1))
}

//! Vault benchmarks with plain timing (no criterion): prints the figures the vault issue
//! asks for. Run: `cargo run --release -p inkan-core --example vault_bench`
//! (or `bash tests/vault/bench.sh`). Medians over several runs; the machine is shared, so
//! read the numbers as indications.

// A benchmark program, not library code: failing loudly is the right behaviour.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use inkan_core::keystore::{MemorySecretStore, SecretStoreKeystore};
use inkan_core::secret::SecretString;
use inkan_core::vault::{Credential, FileStore, KdfParams, Vault};
use inkan_core::{Account, Algorithm, OtpKind, SecretBytes};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let params = KdfParams::DEFAULT;
    let password = SecretString::new("benchmark password".into());
    let ks = SecretStoreKeystore::new(MemorySecretStore::default());
    let mut vault = Vault::create(&password, params).unwrap().vault;
    vault.add_keystore_slot(&ks, "bench").unwrap();
    let accounts = (0..1000u32)
        .map(|i| {
            let secret = SecretBytes::new(format!("benchmark-secret-{i:05}").into_bytes());
            let kind = if i % 50 == 0 {
                OtpKind::Hotp { counter: 0 }
            } else {
                OtpKind::Totp { period: 30 }
            };
            Account::new(
                Some(format!("Issuer {i}")),
                format!("user{i}@example.com"),
                secret,
                Algorithm::Sha1,
                6,
                kind,
            )
            .unwrap()
        })
        .collect();
    vault.add_all(accounts, 1_700_000_000).unwrap();
    let bytes = vault.seal().unwrap();

    let unlock_pw = time(9, || {
        Vault::unlock(&bytes, Credential::Password(&password)).unwrap()
    });
    let unlock_codes = time(51, || {
        let v = Vault::unlock(&bytes, Credential::Keystore(&ks)).unwrap();
        v.codes(1_700_000_000)
            .iter()
            .filter(|(_, c)| c.is_some())
            .count()
    });
    let codes_only = time(51, || vault.codes(1_700_000_000).len());
    let seal = time(51, || vault.seal().unwrap());

    let dir = std::env::temp_dir().join(format!("inkan-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = FileStore::open(dir.join("bench.inkan")).unwrap();
    let save = time(21, || vault.save(&store).unwrap());
    drop(store);
    std::fs::remove_dir_all(&dir).unwrap();

    let verdict = |d: Duration, budget_ms: f64| if ms(d) <= budget_ms { "ok" } else { "OVER" };
    println!(
        "vault benchmarks (1000 accounts, vault file {} KiB, {} cores)",
        bytes.len() / 1024,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "  unlock with password (Argon2id m={} KiB t={} p={}) : {:7.2} ms  (target <= 150 ms: {})",
        params.m_kib,
        params.t,
        params.p,
        ms(unlock_pw),
        verdict(unlock_pw, 150.0)
    );
    println!(
        "  unlock after key derivation + all 1000 codes      : {:7.2} ms  (target <= 5 ms: {})",
        ms(unlock_codes),
        verdict(unlock_codes, 5.0)
    );
    println!(
        "    of which computing the codes                    : {:7.2} ms",
        ms(codes_only)
    );
    println!(
        "  save 1000 accounts: seal (encode + AES-GCM)       : {:7.2} ms  (target <= 20 ms: {})",
        ms(seal),
        verdict(seal, 20.0)
    );
    println!(
        "  save 1000 accounts: seal + crash-safe write       : {:7.2} ms  (includes 2 fsyncs; varies with the disk)",
        ms(save)
    );
}

//! Push tokens and the replay cache in the vault, through the public API: they survive a
//! save and a reopen, the token key is never in the file in plaintext, a serial is never
//! paired twice (SEC-P10), `claim_answer` lets exactly one of two processes win (SEC-P5),
//! and a vault written before push storage (body version 1) still opens.

// Helpers outside #[test] functions are test code too; clippy.toml only exempts the latter.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]

use data_encoding::{BASE64, BASE64URL_NOPAD, HEXLOWER};
use inkan_core::push::{PushStore, PushToken, ReplayCache, StoreError, TokenKey};
use inkan_core::secret::SecretString;
use inkan_core::vault::{Credential, FileStore, KdfParams, Vault, VaultPushStore};
use inkan_core::SecretBytes;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const PASSWORD: &str = "push vault test";

fn pw() -> SecretString {
    SecretString::new(PASSWORD.to_owned())
}

/// Bytes that look like a key (no repeating pattern), deterministic per seed.
fn key_bytes(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn token(serial: &str, seed: u64) -> PushToken {
    PushToken {
        serial: serial.into(),
        label: "alice".into(),
        issuer: "privacyIDEA".into(),
        url: "https://pi.example/ttype/push".into(),
        extra_ca_pem: Some("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".into()),
        server_key: key_bytes(seed + 1000, 526),
        key: TokenKey::Software(SecretBytes::new(key_bytes(seed, 2374))),
        paired_at: 1_700_000_000,
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("inkan-vp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A new vault saved at `dir/vault.inkan`; returns the path and the unlocked vault.
fn new_vault(dir: &Path) -> (PathBuf, Vault) {
    let path = dir.join("vault.inkan");
    let vault = Vault::create(&pw(), KdfParams::INSECURE_TEST)
        .unwrap()
        .vault;
    vault.save(&FileStore::open(&path).unwrap()).unwrap();
    (path, vault)
}

fn unlock_file(path: &Path) -> Vault {
    Vault::unlock(&std::fs::read(path).unwrap(), Credential::Password(&pw())).unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn tokens_survive_save_and_reopen_and_a_serial_is_never_paired_twice() {
    let dir = temp_dir("survive");
    let (path, vault) = new_vault(&dir);
    let store = VaultPushStore::new(&path, vault);
    store.add_token(&token("PIPU0001", 1)).unwrap();
    store.add_token(&token("PIPU0002", 2)).unwrap();

    // SEC-P10: the same serial with another server key is refused; the stored key stays.
    let mut evil = token("PIPU0001", 9);
    evil.url = "https://evil.example/ttype/push".into();
    assert_eq!(
        store.add_token(&evil),
        Err(StoreError::Duplicate("PIPU0001".into()))
    );
    drop(store);

    let reopened = unlock_file(&path);
    assert_eq!(
        reopened.push_tokens(),
        &[token("PIPU0001", 1), token("PIPU0002", 2)]
    );
    // Another process's store sees them too, and the recovery code / keystore slots are
    // untouched (still a password and a recovery slot).
    let other = VaultPushStore::new(&path, reopened);
    assert_eq!(other.tokens().unwrap().len(), 2);
    assert_eq!(unlock_file(&path).slots().len(), 2);
    // Debug output of the vault never shows the token key.
    let debug = format!("{:?}", unlock_file(&path));
    let key = key_bytes(1, 2374);
    assert!(!debug.contains(&BASE64.encode(&key)[..40]));
    assert!(!debug.contains(&HEXLOWER.encode(&key)[..40]));
    assert!(!debug.contains(&format!("{}, {}, {}, {}", key[0], key[1], key[2], key[3])));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_token_key_is_not_in_the_vault_file_in_plaintext() {
    // SEC-V1: the PKCS#8 DER (raw, or any 16-byte piece of it) and its base64/hex forms
    // appear nowhere in the file, nor in the previous generation.
    let dir = temp_dir("plaintext");
    let (path, vault) = new_vault(&dir);
    let store = VaultPushStore::new(&path, vault);
    store.add_token(&token("PIPU0001", 7)).unwrap();
    store.claim_answer("NONCE-A", 1).unwrap();
    let key = key_bytes(7, 2374);
    for file in [
        path.clone(),
        FileStore::open(&path).unwrap().previous_path(),
    ] {
        let bytes = std::fs::read(&file).unwrap();
        assert!(!contains(&bytes, &key));
        for piece in key.chunks(16) {
            assert!(!contains(&bytes, piece), "{}", file.display());
        }
        for text in [
            BASE64.encode(&key),
            BASE64URL_NOPAD.encode(&key),
            HEXLOWER.encode(&key),
        ] {
            assert!(!contains(&bytes, &text.as_bytes()[..24]));
        }
        // Public fields are encrypted too: nothing of the token is readable.
        assert!(!contains(&bytes, b"PIPU0001"));
        assert!(!contains(&bytes, b"pi.example"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn save_replay_merges_and_claim_answer_claims_once() {
    let dir = temp_dir("replay");
    let (path, vault) = new_vault(&dir);
    let a = VaultPushStore::new(&path, vault.clone());
    let b = VaultPushStore::new(&path, vault);
    let mut stale = ReplayCache::default();
    stale.observe("N1", "PIPU0001", 100);
    b.save_replay(&stale).unwrap();
    let mut seen_by_a = a.load_replay().unwrap();
    assert_eq!(seen_by_a, stale);
    assert!(a.claim_answer("N1", 101).unwrap());
    assert!(!b.claim_answer("N1", 102).unwrap());
    // B saves the copy it had before A answered: the answered mark stays (SEC-P5).
    b.save_replay(&stale).unwrap();
    assert!(a.load_replay().unwrap().is_answered("N1"));
    seen_by_a.strike("PIPU0001", 103);
    a.save_replay(&seen_by_a).unwrap();
    let now = b.load_replay().unwrap();
    assert!(now.is_answered("N1"));
    assert_eq!(now.recent_strikes("PIPU0001", 103, 900), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn strikes_from_two_processes_add_up() {
    // SEC-P8: `inkan push watch` and `inkan push answer` are two stores on one vault file.
    let dir = temp_dir("strikes");
    let (path, vault) = new_vault(&dir);
    let watch = VaultPushStore::new(&path, vault.clone());
    let answer = VaultPushStore::new(&path, vault);
    let mut polled = watch.load_replay().unwrap();
    // Meanwhile `answer` denies a prompt as "this wasn't me".
    let mut denied = answer.load_replay().unwrap();
    denied.strike("PIPU0001", 100);
    answer.save_replay(&denied).unwrap();
    // `watch` saves the copy it loaded before, with an expired prompt of its own.
    polled.strike("PIPU0001", 101);
    watch.save_replay(&polled).unwrap();
    for store in [&watch, &answer] {
        let now = store.load_replay().unwrap();
        assert_eq!(now.recent_strikes("PIPU0001", 101, 900), 2);
    }
    // A window later, a prune by either process lets both strikes go for good.
    let mut later = answer.load_replay().unwrap();
    later.prune(101 + 900, 120, 900);
    answer.save_replay(&later).unwrap();
    assert!(watch.load_replay().unwrap().strikes.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_vault_under_another_key_is_reported_not_used() {
    let dir = temp_dir("swap");
    let (path, vault) = new_vault(&dir);
    let store = VaultPushStore::new(&path, vault);
    store.add_token(&token("PIPU0001", 1)).unwrap();
    // Another vault (another data key) is put in its place.
    let other = Vault::create(&pw(), KdfParams::INSECURE_TEST)
        .unwrap()
        .vault;
    other.save(&FileStore::open(&path).unwrap()).unwrap();
    assert!(matches!(store.tokens(), Err(StoreError::Corrupt(_))));
    assert!(matches!(
        store.claim_answer("N", 1),
        Err(StoreError::Corrupt(_))
    ));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_body_version_1_vault_opens_and_gains_push_tokens() {
    // Written by make_fixtures.py before push storage existed (body version 1).
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vault/inkan_v1.inkan");
    let password = SecretString::new("fixture-password".to_owned());
    let old = std::fs::read(&fixture).unwrap();
    let mut v = Vault::unlock(&old, Credential::Password(&password)).unwrap();
    assert!(v.push_tokens().is_empty());
    assert_eq!(v.push_replay(), &ReplayCache::default());
    let entries = v.entries().to_vec();
    assert!(!entries.is_empty());
    assert!(v.add_push_token(token("PIPU0001", 3)).unwrap());
    assert!(!v.add_push_token(token("PIPU0001", 4)).unwrap());
    let mut replay = ReplayCache::default();
    replay.observe("N", "PIPU0001", 5);
    v.set_push_replay(replay.clone());
    let upgraded = Vault::unlock(&v.seal().unwrap(), Credential::Password(&password)).unwrap();
    assert_eq!(upgraded.entries(), &entries[..]);
    assert_eq!(upgraded.push_tokens(), &[token("PIPU0001", 3)]);
    assert_eq!(upgraded.push_replay(), &replay);
    // Without push data it is written as before and reads back the same.
    let plain = Vault::unlock(&old, Credential::Password(&password)).unwrap();
    let again = Vault::unlock(&plain.seal().unwrap(), Credential::Password(&password)).unwrap();
    assert_eq!(again.entries(), &entries[..]);
}

const CHILD_VAULT: &str = "INKAN_TEST_CLAIM_VAULT";
const CHILD_START: &str = "INKAN_TEST_CLAIM_START_MS";
const SLOT_MS: u128 = 80;
const NONCES: usize = 25;

fn unix_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis()
}

/// The body of one racing process: the test below, re-run by itself with `CHILD_VAULT` set.
fn claim_answer_child_process(path: &std::ffi::OsStr) {
    let start: u128 = std::env::var(CHILD_START).unwrap().parse().unwrap();
    let store = VaultPushStore::new(PathBuf::from(&path), unlock_file(Path::new(&path)));
    for i in 0..NONCES {
        // Both processes go for nonce i at the same instant (one slot per nonce), so every
        // nonce is a real race for the vault lock.
        let slot = start + SLOT_MS * i as u128;
        while unix_ms() < slot {
            std::thread::sleep(Duration::from_micros(200));
        }
        let nonce = format!("NONCE{i:03}");
        if store.claim_answer(&nonce, 1_000 + i as i64).unwrap() {
            println!("WON {nonce}");
        }
    }
}

#[test]
fn concurrent_claim_answer_from_two_processes_has_exactly_one_winner() {
    // SEC-P5 across processes: a `watch` and an `answer` racing on the same challenges.
    if let Some(path) = std::env::var_os(CHILD_VAULT) {
        claim_answer_child_process(&path);
        return; // the parent checks what this child printed and its exit status
    }
    let dir = temp_dir("race");
    let (path, vault) = new_vault(&dir);
    VaultPushStore::new(&path, vault)
        .add_token(&token("PIPU0001", 1))
        .unwrap();
    let start = unix_ms() + 700;
    let children: Vec<_> = (0..2)
        .map(|_| {
            Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "concurrent_claim_answer_from_two_processes_has_exactly_one_winner",
                    "--nocapture",
                ])
                .env(CHILD_VAULT, &path)
                .env(CHILD_START, start.to_string())
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut wins: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_child = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let mine: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("WON "))
            .collect();
        per_child.push(mine.len());
        for n in mine {
            *wins.entry(n.to_owned()).or_default() += 1;
        }
    }
    println!("claims won per process: {per_child:?}");
    assert_eq!(wins.len(), NONCES, "every nonce claimed once: {wins:?}");
    assert!(
        wins.values().all(|&n| n == 1),
        "a nonce won twice: {wins:?}"
    );
    // Durable: every mark is in the file.
    let replay = unlock_file(&path).push_replay().clone();
    assert!((0..NONCES).all(|i| replay.is_answered(&format!("NONCE{i:03}"))));
    assert_eq!(unlock_file(&path).push_tokens().len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

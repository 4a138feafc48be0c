//! Fault injection (SEC-V3): a child process saves the vault in a loop and is killed with
//! SIGKILL at random points, hundreds of times. After every kill the vault must open with
//! every account whose save had returned before the kill: zero loss, never a torn file.
//!
//! Uses `KdfParams::INSECURE_TEST` (Argon2id m=8 KiB t=1) so that thousands of saves fit
//! in about a minute; the save path (tmp, fsync, link, rename, fsync dir) is the real one.
//! Ignored by default (it is I/O heavy); `tests/ci.d/40-vault.sh` runs it:
//! `INKAN_FAULT_SAVES=1000 cargo test -p inkan-core --test fault_injection -- --ignored --nocapture`

// Helpers outside #[test] functions are test code too; clippy.toml only exempts the latter.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use inkan_core::secret::SecretString;
use inkan_core::vault::{Credential, FileStore, KdfParams, Vault, VaultStore};
use inkan_core::{Account, Algorithm, OtpKind, SecretBytes};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "INKAN_FAULT_CHILD_VAULT";

fn password() -> SecretString {
    SecretString::new("fault-injection".into())
}

fn account(i: u64) -> Account {
    let secret = SecretBytes::new(
        i.to_be_bytes()
            .iter()
            .chain(b"-seed-bytes")
            .copied()
            .collect(),
    );
    Account::new(
        Some("Fault".into()),
        format!("acct-{i}"),
        secret,
        Algorithm::Sha1,
        6,
        OtpKind::Totp { period: 30 },
    )
    .unwrap()
}

fn open(path: &std::path::Path) -> (FileStore, Vault) {
    let store = FileStore::open(path).unwrap();
    let bytes = store.load().unwrap().expect("vault present");
    let vault = Vault::unlock(&bytes, Credential::Password(&password()))
        .unwrap_or_else(|e| panic!("vault does not open after a kill: {e}"));
    (store, vault)
}

/// The saving process (the test below, re-run by itself with `CHILD_ENV` set): adds one
/// account per save and acknowledges each finished save, until it is killed.
fn fault_child(path: &std::ffi::OsStr) -> ! {
    let (store, mut vault) = open(std::path::Path::new(path));
    let mut next = vault.entries().len() as u64;
    let mut out = std::io::stdout().lock();
    loop {
        vault.add(account(next), 0).unwrap();
        vault.save(&store).unwrap();
        writeln!(out, "saved {next}").unwrap();
        out.flush().unwrap();
        next += 1;
    }
}

/// The save number in an acknowledgement line. The test harness prints "test … ... "
/// without a newline first, so the marker may not start the line.
fn ack(line: &str) -> Option<u64> {
    let at = line.find("saved ")?;
    line.get(at + 6..)?.trim().parse().ok()
}

/// xorshift: reproducible kill points without a rand dependency.
fn rng(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
#[ignore = "I/O heavy; run by tests/ci.d/40-vault.sh"]
fn sigkill_during_saves_loses_nothing() {
    if let Some(path) = std::env::var_os(CHILD_ENV) {
        fault_child(&path);
    }
    let target: u64 = std::env::var("INKAN_FAULT_SAVES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(500);
    let dir = std::env::temp_dir().join(format!("inkan-fault-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("vault.inkan");
    {
        let store = FileStore::open(&path).unwrap();
        Vault::create(&password(), KdfParams::INSECURE_TEST)
            .unwrap()
            .vault
            .save(&store)
            .unwrap();
    }
    let exe = std::env::current_exe().unwrap();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64 ^ u64::from(std::process::id());
    let (mut acked, mut kills, mut mid_save_kills) = (0u64, 0u64, 0u64);
    let start = Instant::now();
    while acked < target {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "sigkill_during_saves_loses_nothing",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let want = 1 + rng(&mut seed) % 8;
        let mut got = 0;
        let mut highest = None;
        while got < want {
            let Some(Ok(line)) = lines.next() else { break };
            if let Some(n) = ack(&line) {
                highest = Some(n);
                got += 1;
            }
        }
        // The child prints acknowledgements until killed: none means it never ran the loop.
        assert!(
            got > 0,
            "the child process ended without acknowledging a save"
        );
        // Land somewhere inside the next save: before, during the write, between renames.
        std::thread::sleep(Duration::from_micros(rng(&mut seed) % 1500));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        kills += 1;
        // Acknowledgements already written before the kill count as saved too.
        for line in lines.map_while(Result::ok) {
            if let Some(n) = ack(&line) {
                highest = Some(n);
                got += 1;
            }
        }
        acked += got;
        let (store, vault) = open(&path);
        let names: std::collections::HashSet<&str> = vault
            .entries()
            .iter()
            .map(|e| e.account.name.as_str())
            .collect();
        if let Some(h) = highest {
            for i in 0..=h {
                assert!(
                    names.contains(format!("acct-{i}").as_str()),
                    "acct-{i} lost after kill {kills}"
                );
            }
            if vault.entries().len() as u64 > h + 1 {
                mid_save_kills += 1; // the kill hit after the rename, before the acknowledgement
            }
        }
        // The previous generation must always be a valid vault too.
        let prev = store.load_previous().unwrap().expect("previous generation");
        Vault::unlock(&prev, Credential::Password(&password())).unwrap();
    }
    let (_, vault) = open(&path);
    // Exact accounting: every acknowledged save, plus saves that landed but were killed
    // before they could be acknowledged.
    assert_eq!(vault.entries().len() as u64, acked + mid_save_kills);
    println!(
        "fault injection: {acked} acknowledged saves, {kills} SIGKILLs ({mid_save_kills} after rename before ack), \
         0 lost, {} accounts in the vault, {:.1} s",
        vault.entries().len(),
        start.elapsed().as_secs_f64()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

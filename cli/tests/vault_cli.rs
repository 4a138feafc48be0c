//! The `inkan` binary's vault commands and their scriptable contract, run as a user would:
//! a real process, a real vault file in a temp directory. `INKAN_INSECURE_TEST_KDF=1` keeps
//! Argon2id tiny so the suite stays fast (the debug binary `cargo test` builds has that
//! switch, release builds do not); `INKAN_KEYSTORE=none` keeps the OS keystore out
//! (tests/ci.d/40-vault.sh covers Secret Service and keyutils with real daemons).

// Helpers outside #[test] functions are test code too; clippy.toml only exempts the latter.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ALICE: &str = "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME";
const ALICE2: &str = "otpauth://totp/ACME:alice?secret=KRSXG5CTMVRXEZLU&issuer=ACME";
const HOTP: &str =
    "otpauth://hotp/VPN:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=VPN&counter=0";

struct Env {
    dir: PathBuf,
}

impl Env {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("inkan-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self { dir }
    }

    fn vault(&self) -> PathBuf {
        self.dir.join("v.inkan")
    }

    /// Runs inkan with `--vault` and `stdin` (passwords), returning the output.
    fn run(&self, stdin: &str, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_inkan"));
        cmd.arg("--vault").arg(self.vault());
        if !stdin.is_empty() {
            cmd.arg("--password-stdin");
        }
        self.spawn(cmd.args(args), stdin)
    }

    fn spawn(&self, cmd: &mut Command, stdin: &str) -> Output {
        let mut child = cmd
            .env("INKAN_INSECURE_TEST_KDF", "1")
            .env("INKAN_KEYSTORE", "none")
            .env("HOME", &self.dir)
            .env("XDG_DATA_HOME", self.dir.join("xdg"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // A command may fail before it reads its passwords: a closed pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        child.wait_with_output().unwrap()
    }

    fn ok(&self, stdin: &str, args: &[&str]) -> String {
        let out = self.run(stdin, args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, stdin: &str, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(stdin, args)).unwrap()
    }

    fn fails(&self, stdin: &str, args: &[&str]) -> String {
        let out = self.run(stdin, args);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(out.stdout.is_empty(), "nothing on stdout when failing");
        String::from_utf8(out.stderr).unwrap()
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn scriptable_contract() {
    let e = Env::new("contract");
    let added = e.json("pw\n", &["add", "--json", ALICE]);
    assert_eq!(keys(&added[0]), ["account", "id", "issuer", "status"]);
    assert_eq!(added[0]["status"], "added");
    assert_eq!(added[0]["issuer"], "ACME");
    assert_eq!(added[0]["account"], "alice");
    let id = added[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        e.json("pw\n", &["add", "--json", ALICE])[0]["status"],
        "existing"
    );
    let dup = e.json("pw\n", &["add", "--json", ALICE2]);
    assert_eq!(dup[0]["status"], "duplicate-kept");
    assert_ne!(dup[0]["id"], id.as_str());

    let list = e.json("pw\n", &["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(keys(&list[0]), ["account", "id", "issuer", "kind"]);
    assert_eq!(list[0]["kind"], "totp");
    assert!(!list.to_string().contains("JBSWY3DPEHPK3PXP"));

    let codes = e.json("pw\n", &["codes", "--json", "--at", "1700000000"]);
    assert_eq!(keys(&codes[0]), ["account", "code", "id", "issuer"]);
    let reference = e.ok("", &["code", "--at", "1700000000", ALICE]);
    assert_eq!(codes[0]["code"], reference.trim());
    assert_eq!(codes[0]["id"], id.as_str());
    // `code NAME` vs `code URI`
    assert_eq!(
        e.ok("pw\n", &["code", "--at", "1700000000", &id]).trim(),
        reference.trim()
    );
}

#[test]
fn first_use_prints_the_recovery_code_once_on_stderr() {
    let e = Env::new("create");
    let out = e.run("pw\n", &["add", "--json", ALICE]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("recovery code"), "{stderr}");
    let code = stderr
        .lines()
        .find(|l| l.starts_with("    "))
        .unwrap()
        .trim()
        .to_owned();
    assert_eq!(code.len(), 39);
    // The recovery code opens the vault and sets a new password.
    let out = e.run(&format!("{code}\nnew-pw\n"), &["vault", "recover"]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("old recovery code no longer works"),
        "{stderr}"
    );
    let new_code = stderr
        .lines()
        .find(|l| l.starts_with("    "))
        .unwrap()
        .trim()
        .to_owned();
    e.ok("new-pw\n", &["list"]);
    // Issue 16 item 1: what the CLI says is true — the old code and the old password
    // open nothing, not even the previous generation, and are reported as wrong.
    let err = e.fails(&format!("{code}\nother\n"), &["vault", "recover"]);
    assert_eq!(err.trim(), "inkan: wrong recovery code");
    let err = e.fails("pw\n", &["list"]);
    assert_eq!(err.trim(), "inkan: wrong password");
    e.ok(&format!("{new_code}\nnewer-pw\n"), &["vault", "recover"]);
    e.ok("newer-pw\n", &["list"]);
    e.ok("newer-pw\nnew-pw\n", &["vault", "passwd"]);
    // Secrets are never printed without --show-secret.
    assert!(!e.ok("new-pw\n", &["list"]).contains("JBSWY3DPEHPK3PXP"));
    assert!(e
        .ok("new-pw\n", &["list", "--show-secret"])
        .contains("JBSWY3DPEHPK3PXP"));
}

#[test]
fn wrong_password_fails_and_changes_nothing() {
    let e = Env::new("wrongpw");
    e.ok("pw\n", &["add", ALICE]);
    let before = std::fs::read(e.vault()).unwrap();
    let err = e.fails("nope\n", &["add", ALICE2]);
    assert_eq!(err.trim(), "inkan: wrong password");
    assert_eq!(std::fs::read(e.vault()).unwrap(), before);
}

#[test]
fn tampered_vault_is_refused_then_recovered_on_request() {
    // SEC-V3
    let e = Env::new("tamper");
    e.ok("pw\n", &["add", ALICE]);
    e.ok("pw\n", &["add", HOTP]);
    let mut bytes = std::fs::read(e.vault()).unwrap();
    let last = bytes.len() - 20;
    bytes[last] ^= 0x01;
    std::fs::write(e.vault(), &bytes).unwrap();
    let err = e.fails("pw\n", &["list", "--json"]);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("damaged or was tampered with"), "{err}");
    assert!(err.contains("--recover-previous"), "{err}");
    assert_eq!(std::fs::read(e.vault()).unwrap(), bytes, "file unchanged");
    let err = e.fails("pw\n", &["codes", "--json", "--at", "1700000000"]);
    assert!(err.contains("damaged"));

    let list = e.json("pw\n", &["--recover-previous", "list", "--json"]);
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "the generation before the last save"
    );
    assert!(Path::new(&format!("{}.damaged", e.vault().display())).exists());
}

#[test]
fn damaged_password_slot_is_not_reported_as_wrong_password() {
    let e = Env::new("slot");
    e.ok("pw\n", &["add", ALICE]);
    e.ok("pw\n", &["add", ALICE2]);
    let mut bytes = std::fs::read(e.vault()).unwrap();
    bytes[60] ^= 0x01; // inside the password slot's wrapped key
    std::fs::write(e.vault(), &bytes).unwrap();
    let err = e.fails("pw\n", &["list"]);
    assert!(err.contains("damaged"), "{err}");
}

#[test]
fn odd_vault_paths_are_refused() {
    let e = Env::new("paths");
    std::fs::create_dir_all(e.vault()).unwrap();
    assert!(e.fails("pw\n", &["add", ALICE]).contains("a directory"));
    std::fs::remove_dir(e.vault()).unwrap();
    std::fs::write(e.vault(), b"").unwrap();
    assert!(e.fails("pw\n", &["list"]).contains("empty"));
    #[cfg(unix)]
    {
        std::fs::remove_file(e.vault()).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", e.vault()).unwrap();
        assert!(e.fails("pw\n", &["list"]).contains("symbolic link"));
    }
}

#[test]
fn hotp_counter_advances_and_persists() {
    // SEC-V4
    let e = Env::new("hotp");
    e.ok("pw\n", &["add", HOTP]);
    let first = e.ok("pw\n", &["code", "vpn"]);
    let second = e.ok("pw\n", &["code", "vpn"]);
    assert_ne!(first, second);
    // RFC 4226 appendix D secret: counters 0 and 1.
    assert_eq!(first.trim(), "755224");
    assert_eq!(second.trim(), "287082");
    let codes = e.json("pw\n", &["codes", "--json"]);
    assert_eq!(
        codes[0]["code"],
        Value::Null,
        "listing never consumes a counter"
    );
    assert_eq!(e.ok("pw\n", &["code", "vpn"]).trim(), "359152");
}

#[test]
fn hotp_resync_finds_the_counter_from_two_codes() {
    // RFC 4226 appendix D secret: the token is at counters 5 and 6, the vault at 0.
    let e = Env::new("resync");
    e.ok("pw\n", &["add", HOTP]);
    let before = std::fs::read(e.vault()).unwrap();
    let err = e.fails("pw\n", &["resync", "vpn", "254676", "162583"]);
    assert!(err.contains("nothing changed"), "{err}");
    assert_eq!(std::fs::read(e.vault()).unwrap(), before);
    let j = e.json("pw\n", &["resync", "--json", "vpn", "254676", "287922"]);
    assert_eq!(j["counter"], 7);
    assert_eq!(e.ok("pw\n", &["code", "vpn"]).trim(), "162583");
}

#[test]
fn codes_use_an_applied_clock_offset_and_say_so() {
    // A computer a day behind, after `inkan time` measured a right server Date (stored
    // beside the vault): codes are those of the real time, and `codes` says why.
    let e = Env::new("offset");
    e.ok("pw\n", &["add", ALICE]);
    let mut time = e.vault().into_os_string();
    time.push(".time.json");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let stored = |applied: bool| {
        format!(
            r#"{{"offset_s":86400,"source":"pi.example","measured_at":{now},"applied":{applied}}}"#
        )
    };
    let code_at = |t: i64| {
        let j = e.json("pw\n", &["codes", "--json", "--at", &t.to_string()]);
        j[0]["code"].as_str().unwrap().to_owned()
    };
    let (tomorrow, today) = (code_at(now + 86_400), code_at(now));
    assert_ne!(tomorrow, today);
    std::fs::write(&time, stored(true)).unwrap();
    let out = e.run("pw\n", &["codes", "--json"]);
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // The 30 s step may turn between the two reads: either side of it is right.
    let fresh = code_at(now + 86_400 + 30);
    assert!(j[0]["code"] == tomorrow.as_str() || j[0]["code"] == fresh.as_str());
    assert!(
        err.contains("86400 s behind pi.example") && err.contains("codes use the corrected time"),
        "{err}"
    );
    // Measured but not confirmed (over the ±5 min bound): codes keep the system time.
    std::fs::write(&time, stored(false)).unwrap();
    let out = e.run("pw\n", &["codes", "--json"]);
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(j[0]["code"] == today.as_str() || j[0]["code"] == code_at(now + 30).as_str());
    assert!(String::from_utf8_lossy(&out.stderr).contains("codes do NOT use it"));
    // `inkan time --json` shows what is kept.
    let t = e.json("", &["time", "--json"]);
    assert_eq!(t["offset_s"], 86_400);
    assert_eq!(t["source"], "pi.example");
    assert_eq!(t["measured_at"], now);
    // A plain http source is refused.
    let err = e.fails("", &["time", "--from", "http://127.0.0.1:9/"]);
    assert!(err.contains("https://"), "{err}");
}

#[test]
fn remove_asks_rename_and_move() {
    let e = Env::new("edit");
    e.ok("pw\n", &["add", ALICE]);
    e.ok("pw\n", &["add", HOTP]);
    let before = std::fs::read(e.vault()).unwrap();
    let err = e.fails("pw\n", &["remove", "vpn"]);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(std::fs::read(e.vault()).unwrap(), before);
    e.ok(
        "pw\n",
        &[
            "rename",
            "acme",
            "--issuer",
            "ACME Corp",
            "--account",
            "alice@acme",
        ],
    );
    e.ok("pw\n", &["move", "vpn", "1"]);
    let list = e.json("pw\n", &["list", "--json"]);
    assert_eq!(list[0]["issuer"], "VPN");
    assert_eq!(list[1]["issuer"], "ACME Corp");
    assert_eq!(list[1]["account"], "alice@acme");
    e.ok("pw\n", &["remove", "--yes", "vpn"]);
    assert_eq!(
        e.json("pw\n", &["list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(e
        .fails("pw\n", &["code", "nothing-like-this"])
        .contains("no account in the vault matches"));
}

#[test]
fn exports_and_imports() {
    // SEC-V6, SEC-V7
    let e = Env::new("export");
    e.ok("pw\n", &["add", ALICE]);
    e.ok("pw\n", &["add", HOTP]);
    let backup = e.dir.join("backup.inkan");
    e.ok(
        "pw\nbackup-pw\n",
        &["export", "-o", backup.to_str().unwrap()],
    );
    let err = e.fails("pw\n", &["export", "--format", "plain", "-o", "-"]);
    assert!(err.contains("NOT encrypted"), "{err}");
    let plain = e.ok("pw\n", &["export", "--format", "plain", "--yes", "-o", "-"]);
    assert!(plain.starts_with("# inkan plain export: UNENCRYPTED."));
    assert!(plain.contains("JBSWY3DPEHPK3PXP"));
    let qr_dir = e.dir.join("qr");
    let files = e.ok(
        "pw\n",
        &[
            "export",
            "--format",
            "google-qr",
            "--yes",
            "-o",
            qr_dir.to_str().unwrap(),
        ],
    );
    let png = std::fs::read(files.lines().next().unwrap()).unwrap();
    assert!(png.starts_with(b"\x89PNG"));

    let other = Env::new("import");
    let out = other.run("pw2\nwrong\n", &["import", backup.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(!other.vault().exists(), "failed import creates nothing");
    let imported = other.json(
        "pw2\nbackup-pw\n",
        &["import", "--json", backup.to_str().unwrap()],
    );
    assert_eq!(imported["format"], "inkan");
    assert_eq!(imported["applied"], true);
    assert_eq!(imported["added"].as_array().unwrap().len(), 2);
    let again = other.json(
        "pw2\nbackup-pw\n",
        &["import", "--json", backup.to_str().unwrap()],
    );
    // SEC-V4: the same kind and secret is reported as a duplicate, never overwritten.
    assert!(again["added"].as_array().unwrap().is_empty(), "{again}");
    assert_eq!(again["duplicate"].as_array().unwrap().len(), 2, "{again}");
    assert!(again["duplicate"][0]["id"].is_string(), "{again}");

    let aegis =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/data/vault/aegis_encrypted.json");
    let vault_before = std::fs::read(other.vault()).unwrap();
    let err = other.fails("pw2\ntest\n", &["import", aegis.to_str().unwrap()]);
    assert!(
        err.contains("type 'yandex' is not supported") && err.contains("nothing imported"),
        "{err}"
    );
    // SEC-V7: a refused import leaves the vault byte-for-byte unchanged.
    assert_eq!(std::fs::read(other.vault()).unwrap(), vault_before);
    let refused = other.run(
        "pw2\ntest\n",
        &["import", "--json", aegis.to_str().unwrap()],
    );
    assert!(!refused.status.success());
    let plan: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(plan["applied"], false);
    assert_eq!(
        plan["skipped"][0]["reason"],
        "type 'yandex' is not supported"
    );
    assert!(plan["skipped"][0]["position"].as_u64().unwrap() >= 1);
    assert_eq!(
        other
            .json("pw2\n", &["list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let got = other.json(
        "pw2\ntest\n",
        &["import", "--partial", "--json", aegis.to_str().unwrap()],
    );
    // Alice and Bob came in with the backup: reported, not added again.
    assert_eq!(got["added"].as_array().unwrap().len(), 1, "{got}");
    assert_eq!(got["duplicate"].as_array().unwrap().len(), 2, "{got}");
    assert_eq!(got["skipped"].as_array().unwrap().len(), 2, "{got}");
    assert_eq!(got["applied"], true);

    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/accounts.txt");
    let got = other.json("pw2\n", &["import", "--json", samples.to_str().unwrap()]);
    // Three sample accounts share a kind and secret with accounts already imported.
    assert_eq!(got["added"].as_array().unwrap().len(), 2, "{got}");
    assert_eq!(got["duplicate"].as_array().unwrap().len(), 3, "{got}");
    assert_eq!(got["format"], "otpauth");
}

#[test]
fn passwd_and_status() {
    let e = Env::new("passwd");
    e.ok("pw\n", &["add", ALICE]);
    e.ok("pw\nnew\n", &["vault", "passwd"]);
    // Issue 16 item 1: the old password is a wrong password, not "tampered" with a
    // previous generation to restore.
    let err = e.fails("pw\n", &["list"]);
    assert_eq!(err.trim(), "inkan: wrong password");
    e.fails("pw\n", &["--recover-previous", "list"]);
    e.ok("new\n", &["list"]);
    e.ok("new\n", &["--recover-previous", "list"]);
    let status = e.ok("", &["vault", "status"]);
    assert!(
        status.contains("slot password") && status.contains("slot recovery"),
        "{status}"
    );
    assert!(
        status.contains("previous generation: format v1"),
        "{status}"
    );
}

#[test]
fn images_and_non_links() {
    let e = Env::new("image");
    let img = e.dir.join("qr.png");
    std::fs::write(&img, b"\x89PNG").unwrap();
    // A file that is no image is refused before the vault is created (QR decoding: issue 3).
    assert!(e
        .fails("pw\n", &["add", img.to_str().unwrap()])
        .contains("not a supported image"));
    assert!(!e.vault().exists());
    // A pasted bare secret is refused before any vault lookup, and never echoed (SEC-V5).
    let err = e.fails("", &["code", "WA7SS5S7VKH5JLKKPLMT5WXTD7HFCHFC"]);
    assert!(
        err.contains("bare secret") && !err.contains("WA7SS5S7"),
        "{err}"
    );
}

#[test]
fn demo_creates_a_sample_vault_and_terminates() {
    let e = Env::new("demo");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_inkan"));
    let out = e.spawn(cmd.args(["demo", "--for", "1s"]), "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("GitHub (octocat)"), "{stdout}");
    assert!(e.dir.join("xdg/inkan/demo.inkan").exists());
    let out = e.spawn(
        Command::new(env!("CARGO_BIN_EXE_inkan")).args(["demo", "--for", "0s"]),
        "",
    );
    assert!(out.status.success());
}

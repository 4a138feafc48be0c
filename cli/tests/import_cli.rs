//! `inkan import` against other apps' files from `$INKAN_SHARED/imports/aegis` (issue 14's
//! contract): the file password on stdin line 2, `--format`, the JSON plan, and refusals
//! that leave the vault byte-for-byte unchanged (SEC-V7).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should abort the test

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn shared_file(name: &str) -> PathBuf {
    let base = match std::env::var_os("INKAN_SHARED") {
        Some(d) => PathBuf::from(d),
        None => {
            let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            [here.join("../../shared"), here.join("../../../shared")]
                .into_iter()
                .find(|p| p.join("imports").is_dir())
                .expect("../shared/imports not found; set INKAN_SHARED")
        }
    };
    base.join("imports/aegis").join(name)
}

struct Env {
    dir: PathBuf,
}

impl Env {
    fn new(tag: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("inkan-import-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Env { dir }
    }

    fn vault(&self) -> PathBuf {
        self.dir.join("v.inkan")
    }

    fn run(&self, stdin: &str, args: &[&str]) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_inkan"))
            .arg("--vault")
            .arg(self.vault())
            .arg("--password-stdin")
            .args(args)
            .env("INKAN_INSECURE_TEST_KDF", "1")
            .env("INKAN_KEYSTORE", "none")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The command may exit before reading stdin (a refused file): a closed pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        child.wait_with_output().unwrap()
    }

    fn import(&self, stdin: &str, args: &[&str]) -> (bool, Value) {
        let mut all = vec!["import", "--json"];
        all.extend_from_slice(args);
        let out = self.run(stdin, &all);
        let plan = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        (out.status.success(), plan)
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn encrypted_2fas_then_the_same_accounts_again_as_duplicates() {
    let e = Env::new("2fas");
    let file = shared_file("2fas_authenticator_encrypted_v4.2fas");
    let file = file.to_str().unwrap();
    let (ok, plan) = e.import("pw\ntest\n", &[file]);
    assert!(ok, "{plan}");
    assert_eq!(plan["format"], "2fas");
    let added = plan["added"].as_array().unwrap().len();
    assert_eq!(added, 5, "{plan}");
    // SEC-V4: same kind and secret again: reported, never overwritten, nothing added.
    let before = std::fs::read(e.vault()).unwrap();
    let plain = shared_file("2fas_authenticator_plain_v4.2fas");
    let (ok, plan) = e.import("pw\n", &[plain.to_str().unwrap()]);
    assert!(ok, "{plan}");
    assert!(plan["added"].as_array().unwrap().is_empty(), "{plan}");
    assert_eq!(plan["duplicate"].as_array().unwrap().len(), added, "{plan}");
    assert_eq!(std::fs::read(e.vault()).unwrap(), before);
}

#[test]
fn wrong_file_password_changes_nothing() {
    let e = Env::new("wrongpw");
    let seed = shared_file("steam.json");
    assert!(e.import("pw\n", &[seed.to_str().unwrap()]).0);
    let before = std::fs::read(e.vault()).unwrap();
    let file = shared_file("andotp_encrypted.bin");
    let out = e.run("pw\nnope\n", &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("wrong password for the andOTP file"), "{err}");
    assert_eq!(std::fs::read(e.vault()).unwrap(), before); // SEC-V7
}

#[test]
fn format_override_and_unknown_files() {
    let e = Env::new("format");
    let old = shared_file("andotp_encrypted_old.bin");
    let old = old.to_str().unwrap();
    // No header to detect: refused with the formats tried, and no vault is created.
    let out = e.run("pw\n", &["import", old]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tried: inkan, aegis, 2fas"), "{err}");
    assert!(!e.vault().exists());
    let (ok, plan) = e.import("pw\ntest\n", &["--format", "andotp-encrypted-old", old]);
    assert!(ok, "{plan}");
    assert_eq!(plan["added"].as_array().unwrap().len(), 6, "{plan}");
    let out = e.run("pw\n", &["import", "--format", "nope", old]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown format name 'nope'"), "{err}");
}

#[test]
fn a_skipped_item_refuses_the_whole_file_unless_partial() {
    let e = Env::new("partial");
    let file = e.dir.join("mixed.json");
    // Bitwarden JSON: one good TOTP, one with a bad secret.
    std::fs::write(
        &file,
        r#"{"encrypted":false,"folders":[],"items":[
          {"name":"good","login":{"totp":"otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP"}},
          {"name":"bad","login":{"totp":"not*base32"}}]}"#,
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let (ok, plan) = e.import("pw\n", &[file]);
    assert!(!ok);
    assert_eq!(plan["applied"], false);
    assert_eq!(plan["skipped"][0]["position"], 2);
    assert_eq!(plan["added"][0]["id"], Value::Null);
    assert!(!e.vault().exists(), "a refused import creates no vault");
    let (ok, plan) = e.import("pw\n", &["--partial", file]);
    assert!(ok, "{plan}");
    assert_eq!(plan["added"].as_array().unwrap().len(), 1);
}

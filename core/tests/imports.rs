//! Backups, exports and imports through the public API, against fixtures written by
//! `data/vault/make_fixtures.py` (an independent Python implementation of each format).

// Helpers outside #[test] functions are test code too; clippy.toml only exempts the latter.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use inkan_core::aegis::{self, AegisError};
use inkan_core::secret::SecretString;
use inkan_core::vault::{
    export_backup, export_migration_qr, export_plain, import_backup, AddStatus, Credential, Entry,
    KdfParams, Vault, VaultError,
};
use inkan_core::{otp, uri, OtpKind};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/vault")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pw(s: &str) -> SecretString {
    SecretString::new(s.to_owned())
}

#[test]
fn python_written_vault_opens() {
    // The format document is enough to write a vault inkan reads.
    let v = Vault::unlock(
        &fixture("inkan_v1.inkan"),
        Credential::Password(&pw("fixture-password")),
    )
    .unwrap();
    let e = v.entries();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].id.to_string(), "0123456789abcdef");
    assert_eq!(e[0].account.label(), "ACME (alice@example.com)");
    assert_eq!(e[0].icon.as_deref(), Some("acme.example"));
    assert_eq!(e[0].note, "made by make_fixtures.py");
    assert_eq!(
        otp::generate(&e[0].account, 1_700_000_000)
            .unwrap()
            .text
            .len(),
        6
    );
    assert_eq!(e[1].account.kind, OtpKind::Hotp { counter: 7 });
    assert_eq!(e[1].last_used, Some(1_700_000_200));
    let wrong = Vault::unlock(
        &fixture("inkan_v1.inkan"),
        Credential::Password(&pw("nope")),
    );
    assert_eq!(wrong.unwrap_err(), VaultError::WrongPassword);
}

#[test]
fn python_written_sealed_recovery_slot_opens() {
    // The sealed (X25519) recovery slot as docs/vault-format.md describes it, written by
    // make_fixtures.py with Python's `cryptography`; a password change keeps it working.
    let bytes = fixture("inkan_v1_recovery.inkan");
    let code = pw("abcd efgh-ijkl-mnop-qrst-uvwx-yz23-4567");
    let mut v = Vault::unlock(&bytes, Credential::RecoveryCode(&code)).unwrap();
    assert_eq!(v.entries().len(), 2);
    assert!(Vault::unlock(&bytes, Credential::Password(&pw("fixture-password"))).is_ok());
    assert_eq!(
        Vault::unlock(&bytes, Credential::RecoveryCode(&pw("ABCD"))).unwrap_err(),
        VaultError::WrongRecoveryCode
    );
    let change = v
        .set_password(&pw("new"), KdfParams::INSECURE_TEST)
        .unwrap();
    assert!(change.new_recovery_code.is_none());
    let bytes = v.seal().unwrap();
    assert_eq!(
        Vault::unlock(&bytes, Credential::RecoveryCode(&code))
            .unwrap()
            .entries()
            .len(),
        2
    );
}

fn check_aegis(import: &aegis::AegisImport) {
    let labels: Vec<String> = import.items.iter().map(|i| i.account.label()).collect();
    assert_eq!(
        labels,
        ["ACME (alice@example.com)", "Bank (bob)", "Steam (carol)"]
    );
    assert_eq!(import.items[0].note, "work laptop");
    assert_eq!(import.items[1].account.kind, OtpKind::Hotp { counter: 3 });
    assert_eq!(import.items[1].account.digits, 8);
    assert_eq!(import.items[2].account.kind, OtpKind::Steam);
    let skipped: Vec<(usize, &str)> = import
        .skipped
        .iter()
        .map(|s| (s.index, s.reason.as_str()))
        .collect();
    assert_eq!(skipped[0], (3, "type 'yandex' is not supported"));
    assert_eq!(skipped[1].0, 4);
    assert!(skipped[1].1.starts_with("secret:"), "{skipped:?}");
    // Same codes as the URI parser gives for the same secret.
    let reference =
        uri::parse("otpauth://totp/ACME:alice@example.com?secret=JBSWY3DPEHPK3PXP").unwrap();
    assert_eq!(
        otp::generate(&import.items[0].account, 1_700_000_000).unwrap(),
        otp::generate(&reference, 1_700_000_000).unwrap()
    );
}

#[test]
fn aegis_plain_import() {
    let bytes = fixture("aegis_plain.json");
    assert!(aegis::looks_like_aegis(&bytes));
    check_aegis(&aegis::parse(&bytes, None).unwrap());
}

#[test]
fn aegis_encrypted_import_and_failures() {
    let bytes = fixture("aegis_encrypted.json");
    check_aegis(&aegis::parse(&bytes, Some(&pw("test"))).unwrap());
    assert_eq!(
        aegis::parse(&bytes, None).unwrap_err(),
        AegisError::PasswordRequired
    );
    assert_eq!(
        aegis::parse(&bytes, Some(&pw("tesT"))).unwrap_err(),
        AegisError::WrongPassword
    );

    let mut root: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let db = root["db"].as_str().unwrap().to_owned();
    let flipped = format!(
        "{}{}",
        if db.starts_with('A') { "B" } else { "A" },
        &db[1..]
    );
    root["db"] = flipped.into();
    let e = aegis::parse(root.to_string().as_bytes(), Some(&pw("test"))).unwrap_err();
    assert_eq!(e, AegisError::Tampered);

    let mut root: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    root["header"]["slots"][1]["n"] = (1u64 << 40).into();
    let e = aegis::parse(root.to_string().as_bytes(), Some(&pw("test"))).unwrap_err();
    assert!(matches!(e, AegisError::OverLimit { .. }), "{e:?}");

    let e = aegis::parse(&bytes[..bytes.len() / 2], Some(&pw("test"))).unwrap_err();
    assert!(matches!(e, AegisError::Json { .. }));
    assert!(!e.to_string().contains("JBSWY3DPEHPK3PXP"));
    assert!(matches!(
        aegis::parse(b"{\"version\":1}", None),
        Err(AegisError::NotAegis(_))
    ));
    assert!(matches!(
        aegis::parse(b"[]", None),
        Err(AegisError::NotAegis(_))
    ));
}

fn entries_of(import: aegis::AegisImport) -> Vec<Entry> {
    let mut v = Vault::create(&pw("x"), KdfParams::INSECURE_TEST)
        .unwrap()
        .vault;
    for item in import.items {
        let id = v.add(item.account, 0).unwrap().id;
        v.set_meta(id, Some(item.note), None).unwrap();
    }
    v.entries().to_vec()
}

#[test]
fn import_entries_reports_existing_and_keeps_notes() {
    // SEC-V7
    let entries = entries_of(aegis::parse(&fixture("aegis_plain.json"), None).unwrap());
    let mut v = Vault::create(&pw("x"), KdfParams::INSECURE_TEST)
        .unwrap()
        .vault;
    let first = v.import_entries(entries.clone(), 5).unwrap();
    assert!(first.iter().all(|o| o.status == AddStatus::Added));
    assert_eq!(v.entries()[0].note, "work laptop");
    // The creation time comes from the imported entry, not the import's clock.
    assert_eq!(v.entries()[0].created, entries[0].created);
    assert_ne!(entries[0].created, 5);
    let again = v.import_entries(entries, 6).unwrap();
    assert!(again.iter().all(|o| o.status == AddStatus::Existing));
    assert_eq!(v.entries().len(), 3);
}

#[test]
fn encrypted_backup_round_trip() {
    // SEC-V6
    let entries = entries_of(aegis::parse(&fixture("aegis_plain.json"), None).unwrap());
    let backup = export_backup(&entries, &pw("backup pw"), KdfParams::INSECURE_TEST).unwrap();
    assert_eq!(import_backup(&backup, &pw("backup pw")).unwrap(), entries);
    assert_eq!(
        import_backup(&backup, &pw("other")).unwrap_err(),
        VaultError::WrongPassword
    );
    let secret = inkan_core::base32::decode("JBSWY3DPEHPK3PXP").unwrap();
    assert!(!backup.windows(secret.len()).any(|w| w == secret.as_slice()));
}

#[test]
fn plain_export_warns_and_round_trips() {
    // SEC-V6
    let entries = entries_of(aegis::parse(&fixture("aegis_plain.json"), None).unwrap());
    let text = export_plain(&entries);
    assert!(text.starts_with("# inkan plain export: UNENCRYPTED."));
    let uris: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(uris.len(), 3);
    for (line, e) in uris.iter().zip(&entries) {
        assert_eq!(uri::parse(line).unwrap().secret, e.account.secret);
    }
}

#[test]
fn migration_qr_export_is_png_and_skips_what_google_cannot_hold() {
    let entries = entries_of(aegis::parse(&fixture("aegis_plain.json"), None).unwrap());
    let out = export_migration_qr(&entries, 42).unwrap();
    assert_eq!(out.pngs.len(), 1);
    assert!(out.pngs[0].starts_with(b"\x89PNG\r\n\x1a\n"));
    // Steam cannot be carried by Google's format.
    assert_eq!(out.skipped.iter().map(|s| s.index).collect::<Vec<_>>(), [2]);
}

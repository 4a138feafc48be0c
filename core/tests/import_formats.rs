//! Readers checked with cases of inkan's own (beside the shared files of
//! `import_shared.rs`): Google migration QR images, detection of each format, per-item
//! skips with positions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure should abort the test

use inkan_core::import::{self, Format, ImportError};
use inkan_core::{Account, Algorithm, OtpKind, SecretBytes};

fn account(issuer: &str, name: &str, secret: &[u8], digits: u8, kind: OtpKind) -> Account {
    Account::new(
        Some(issuer.into()),
        name.into(),
        SecretBytes::new(secret.to_vec()),
        Algorithm::Sha1,
        digits,
        kind,
    )
    .unwrap()
}

#[test]
fn google_migration_qr_image_imports_every_account_of_the_batch() {
    let accounts = vec![
        account(
            "Deno",
            "Mason",
            b"0123456789abcdef",
            6,
            OtpKind::Totp { period: 30 },
        ),
        account(
            "Issuu",
            "James",
            b"fedcba9876543210",
            8,
            OtpKind::Hotp { counter: 42 },
        ),
    ];
    let export = inkan_core::migration::export(&accounts, 7, 1200);
    assert_eq!(export.uris.len(), 1);
    let png = inkan_core::vault::render_png(export.uris[0].as_bytes()).unwrap();
    assert_eq!(import::detect(&png).unwrap(), Format::Image);
    let (format, read) = import::read(&png, None, None).unwrap();
    assert_eq!(format, Format::Image);
    assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    let got: Vec<&Account> = read.items.iter().map(|i| &i.account).collect();
    assert_eq!(got, accounts.iter().collect::<Vec<_>>());
}

#[test]
fn an_image_without_a_qr_code_is_a_clear_error() {
    let mut png = Vec::new();
    image::DynamicImage::new_luma8(64, 64)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let err = import::read(&png, None, None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the image file is malformed: no QR code found"
    );
    // Truncated: the image decoder's error, not a panic.
    let err = import::read(&png[..40], Some(Format::Image), None).unwrap_err();
    assert!(matches!(err, ImportError::Image(_)), "{err:?}");
}

#[test]
fn each_format_is_detected_from_its_content() {
    let cases: [(&str, Format); 8] = [
        (r#"{"schemaVersion":4,"services":[]}"#, Format::TwoFas),
        (r#"[{"secret":"AAAA","type":"TOTP"}]"#, Format::AndOtp),
        (r#"{"encrypted":false,"items":[]}"#, Format::BitwardenJson),
        ("folder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp\n", Format::BitwardenCsv),
        (r#"{"tokenOrder":[],"tokens":[]}"#, Format::FreeOtpPlus),
        (r#"{"version":1,"entries":[]}"#, Format::Proton),
        (r#"{"shared_secret":"AAAA","account_name":"x"}"#, Format::Steam),
        (r#"{"Authenticators":[]}"#, Format::AuthenticatorPro),
    ];
    for (text, format) in cases {
        assert_eq!(import::detect(text.as_bytes()).unwrap(), format, "{text}");
    }
}

#[test]
fn one_bad_item_is_skipped_with_its_position_and_the_rest_kept() {
    // 2FAS: the second service has a bad secret, the third an unsupported algorithm.
    let file = r#"{"schemaVersion":4,"services":[
        {"name":"A","secret":"JBSWY3DPEHPK3PXP","otp":{"account":"a","tokenType":"TOTP"}},
        {"name":"B","secret":"not base32!","otp":{"account":"b"}},
        {"name":"C","secret":"JBSWY3DPEHPK3PXQ","otp":{"account":"c","algorithm":"MD5"}}]}"#;
    let (_, read) = import::read(file.as_bytes(), None, None).unwrap();
    assert_eq!(read.items.len(), 1);
    assert_eq!(read.items[0].position, 1);
    let skips: Vec<(usize, &str, &str)> = read
        .skipped
        .iter()
        .map(|s| (s.position, s.label.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(skips[0].0, 2);
    assert_eq!(skips[0].1, "B (b)");
    assert!(skips[0].2.starts_with("secret:"), "{skips:?}");
    assert_eq!(skips[1], (3, "C (c)", "MD5 is not supported"));
    // The reason never quotes the secret.
    assert!(!format!("{:?}", read.skipped).contains("not base32!"));
}

#[test]
fn lastpass_json_keeps_issuer_name_algorithm_digits_and_period() {
    // The shape of LastPass Authenticator's export (its other fields omitted).
    let file = r#"{"version":3,"accounts":[
        {"issuerName":"Deno","originalIssuerName":"","userName":"Mason","originalUserName":"",
         "secret":"4SJHB4GSD43FZBAI7C2HLRJGPQ","timeStep":20,"digits":7,"algorithm":"SHA256"},
        {"issuerName":"","originalIssuerName":"Orig","userName":"","originalUserName":"u",
         "secret":"5OM4WOOGPLQEF6UGN3CPEOOLWU","timeStep":30,"digits":6,"algorithm":"SHA1"}],
        "folders":[]}"#;
    let (format, read) = import::read(file.as_bytes(), None, None).unwrap();
    assert_eq!(format, Format::LastPass);
    let a = &read.items[0].account;
    assert_eq!(
        (a.issuer.as_deref(), a.name.as_str()),
        (Some("Deno"), "Mason")
    );
    assert_eq!(
        (a.algorithm, a.digits, a.kind),
        (Algorithm::Sha256, 7, OtpKind::Totp { period: 20 })
    );
    let b = &read.items[1].account;
    assert_eq!((b.issuer.as_deref(), b.name.as_str()), (Some("Orig"), "u"));
    // Steam's manifest also has `accounts`, as an object: still Steam.
    let steam =
        br#"{"accounts":{"x":{"shared_secret":"THIl8+Jl6ugxr8x0X6eRMg==","account_name":"s"}}}"#;
    assert_eq!(import::detect(steam).unwrap(), Format::Steam);
}

//! Scenarios S11–S12 of `tests/scenarios.md` (QR), through the exported Rust API.
//!
//! The dev image is read from `$INKAN_SHARED/qr/dev/…` (default: `../shared` beside the
//! checkout); CI (`tests/run-all.sh`) always sets `INKAN_SHARED`. A missing image fails the
//! test: it is never skipped.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::Arc;

use inkan::{decode_image, decode_luma, parse_link, qr_test_frame, InkanError, QrScanner};

const DEV_IMAGE: &str = "qr/dev/synthetic/nominal/nominal-02.png";
const DEV_IMAGE_PREFIX: &str = "otpauth://totp/ACME Corp VPN:ivan?secret=";
const FRAME_TEXT: &str = "otpauth://totp/ACME:frame?secret=JBSWY3DPEHPK3PXP&issuer=ACME";

fn dev_image() -> Vec<u8> {
    let shared = std::env::var_os("INKAN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    let path = shared.join(DEV_IMAGE);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "dev image {} unreadable ({e}); set INKAN_SHARED to the shared directory",
            path.display()
        )
    })
}

#[test]
fn s11_decode_dev_image() {
    let texts = decode_image(dev_image()).unwrap();
    assert_eq!(texts.len(), 1, "{}", texts.len());
    assert!(texts[0].starts_with(DEV_IMAGE_PREFIX));
    let parsed = parse_link(texts[0].clone()).unwrap();
    assert_eq!(parsed.accounts[0].info().name, "ivan");

    let error = decode_image(b"not an image".to_vec()).unwrap_err();
    assert!(
        matches!(error, InkanError::InvalidInput { .. }),
        "{error:?}"
    );
}

#[test]
fn s12_scanner_with_padded_rows() {
    let frame = qr_test_frame(FRAME_TEXT.to_owned(), 24).unwrap();
    assert_eq!(frame.row_stride, frame.width + 24);
    let scanner = Arc::new(QrScanner::new());
    let first = scanner
        .feed_frame(frame.width, frame.height, frame.row_stride, &frame.y_plane)
        .unwrap();
    assert_eq!(first.payload.as_deref(), Some(FRAME_TEXT));
    assert!(first.other_codes.is_empty());
    assert!(scanner.is_done().unwrap());
    let again = scanner
        .feed_frame(frame.width, frame.height, frame.row_stride, &frame.y_plane)
        .unwrap();
    assert_eq!(again.payload, None);

    let other = qr_test_frame("https://apps.example/inkan".to_owned(), 0).unwrap();
    scanner.reset().unwrap();
    let seen = scanner
        .feed_frame(other.width, other.height, other.row_stride, &other.y_plane)
        .unwrap();
    assert_eq!(seen.payload, None);
    assert_eq!(seen.other_codes, ["https://apps.example/inkan"]);

    let texts = decode_luma(frame.width, frame.height, frame.row_stride, &frame.y_plane).unwrap();
    assert_eq!(texts, [FRAME_TEXT]);

    // A stride shorter than the width is a shell bug: an error, not a crash.
    let error = scanner
        .feed_frame(frame.width, frame.height, frame.width - 1, &frame.y_plane)
        .unwrap_err();
    assert!(matches!(error, InkanError::Internal { .. }), "{error:?}");
}

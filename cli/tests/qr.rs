//! `inkan qr decode` and image arguments to `inkan parse` / `inkan code` (issue 3).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::path::{Path, PathBuf};
use std::process::Command;

const URI: &str = "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co";

fn inkan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_inkan"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A fresh directory for this test's files.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("inkan-qr-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes a PNG with a QR code of `text`, 4 px per module, 4 modules of quiet zone.
fn qr_png(dir: &Path, name: &str, text: &str) -> PathBuf {
    let code = qrcode::QrCode::new(text).unwrap();
    let modules = code.width();
    let colors = code.to_colors();
    let size = (modules + 8) * 4;
    let img = image::GrayImage::from_fn(size as u32, size as u32, |x, y| {
        let (mx, my) = (
            (x as usize / 4).wrapping_sub(4),
            (y as usize / 4).wrapping_sub(4),
        );
        let dark = mx < modules && my < modules && colors[my * modules + mx] == qrcode::Color::Dark;
        image::Luma([if dark { 0 } else { 255 }])
    });
    let path = dir.join(name);
    img.save(&path).unwrap();
    path
}

#[test]
fn decode_json_one_line_per_file_and_keeps_going() {
    let dir = temp_dir("decode");
    let good = qr_png(&dir, "good.png", URI);
    let not_image = dir.join("note.txt");
    std::fs::write(&not_image, "hello").unwrap();
    let missing = dir.join("missing.png");
    let args = ["qr", "decode", "--json"];
    let files = [&good, &not_image, &missing].map(|p| p.to_str().unwrap().to_owned());
    let all: Vec<&str> = args
        .iter()
        .copied()
        .chain(files.iter().map(String::as_str))
        .collect();
    let (code, out, err) = inkan(&all);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0],
        serde_json::json!({"file": files[0], "texts": [URI]})
    );
    for (line, file) in lines[1..].iter().zip(&files[1..]) {
        assert_eq!(line["file"], serde_json::json!(file));
        assert_eq!(line["texts"], serde_json::json!([]));
        assert!(
            line["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{line}"
        );
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn decode_human_output() {
    let dir = temp_dir("human");
    let good = qr_png(&dir, "good.png", "hello world");
    let (code, out, _) = inkan(&["qr", "decode", good.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(out, format!("{}: hello world\n", good.display()));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn parse_and_code_accept_an_image() {
    let dir = temp_dir("parse");
    let png = qr_png(&dir, "enroll.png", URI);
    let png = png.to_str().unwrap();
    assert_eq!(
        inkan(&["parse", "--json", png]).1,
        inkan(&["parse", "--json", URI]).1
    );
    let at = ["code", "--at", "1700000000"];
    let (c1, from_image, _) = inkan(&[at[0], at[1], at[2], png]);
    let (c2, from_uri, _) = inkan(&[at[0], at[1], at[2], URI]);
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(from_image, from_uri);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn parse_image_without_account_code_fails_clearly() {
    let dir = temp_dir("noacct");
    let png = qr_png(&dir, "wifi.png", "WIFI:S:home;T:WPA;P:pw;;");
    let (code, out, err) = inkan(&["parse", "--json", png.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.contains("not an account link") && !err.contains("pw;;"),
        "{err}"
    );
    let blank = dir.join("blank.png");
    image::GrayImage::from_pixel(50, 50, image::Luma([255]))
        .save(&blank)
        .unwrap();
    let (code, _, err) = inkan(&["parse", blank.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("no QR code found"), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

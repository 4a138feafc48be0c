//! Generated codes through `qr::decode_luma`: versions 1–40, every EC level, rotations,
//! inverted, scaled, noisy, and row strides wider than the width.

#![allow(clippy::unwrap_used)] // test code

mod qr_render;

use inkan_core::qr::{decode_luma, QrScanner, FILE_BUDGET};
use qr_render::{add_noise, modules_auto, modules_full, render, with_stride, Frame};
use qrcode::EcLevel;

const URI: &str = "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co";

const WIFI: &str = "WIFI:S:home;T:WPA;P:pw;;";

/// Every text `decode_luma` reads in a `width`-wide frame, sorted.
fn decode_sorted(width: usize, height: usize, data: &[u8]) -> Vec<String> {
    let mut got = decode_luma(width, height, width, data).unwrap();
    got.sort();
    got
}

/// A scanner whose budget counts passes, not time: a test reads the same on a loaded machine
/// (the default time budget is for live camera frames).
fn scanner() -> QrScanner {
    QrScanner::new().with_budget(FILE_BUDGET)
}

fn decode(frame: &Frame) -> Vec<String> {
    decode_luma(frame.width, frame.height, frame.width, &frame.data).unwrap()
}

/// The URI, smallest version for `ec`, rendered.
fn code(ec: EcLevel, scale: f64, deg: f64) -> Frame {
    let (w, flags) = modules_auto(URI, ec);
    render(w, &flags, scale, deg, 20, 235)
}

#[test]
fn every_version_decodes() {
    for version in 1..=40 {
        // Larger codes get fewer pixels per module, as on a real screen.
        let scale = if version <= 10 {
            4.0
        } else if version <= 25 {
            3.0
        } else {
            2.5
        };
        let ec = [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H][version as usize % 4];
        let (text, w, flags) = modules_full(version, ec);
        let frame = render(w, &flags, scale, 0.0, 20, 235);
        assert_eq!(decode(&frame), vec![text], "version {version} {ec:?}");
    }
}

#[test]
fn every_ec_level_decodes() {
    for ec in [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H] {
        let frame = code(ec, 4.0, 0.0);
        assert_eq!(decode(&frame), vec![URI], "{ec:?}");
    }
}

#[test]
fn rotations_decode() {
    for deg in [90.0, 180.0, 270.0, 17.0, 45.0, 133.0] {
        let frame = code(EcLevel::M, 5.0, deg);
        assert_eq!(decode(&frame), vec![URI], "{deg} degrees");
    }
}

#[test]
fn inverted_code_decodes() {
    let (w, flags) = modules_auto(URI, EcLevel::M);
    let frame = render(w, &flags, 4.0, 0.0, 235, 20);
    assert_eq!(decode(&frame), vec![URI]);
}

#[test]
fn scales_decode() {
    for scale in [2.0, 3.0, 7.5, 12.0] {
        let frame = code(EcLevel::Q, scale, 0.0);
        assert_eq!(decode(&frame), vec![URI], "scale {scale}");
    }
}

#[test]
fn low_contrast_decodes() {
    let (w, flags) = modules_auto(URI, EcLevel::M);
    let frame = render(w, &flags, 5.0, 3.0, 140, 165);
    assert_eq!(decode(&frame), vec![URI]);
}

#[test]
fn noisy_code_decodes() {
    let mut frame = code(EcLevel::H, 5.0, 8.0);
    add_noise(&mut frame, 60, 7);
    assert_eq!(decode(&frame), vec![URI]);
}

#[test]
fn stride_wider_than_width_decodes() {
    let frame = code(EcLevel::M, 4.0, 0.0);
    for pad in [1, 7, 64] {
        let (stride, buf) = with_stride(&frame, pad);
        let got = decode_luma(frame.width, frame.height, stride, &buf).unwrap();
        assert_eq!(got, vec![URI], "pad {pad}");
        // The last row may stop right after its pixels (Android's YUV planes do).
        let trimmed = &buf[..buf.len() - pad];
        assert_eq!(
            decode_luma(frame.width, frame.height, stride, trimmed).unwrap(),
            vec![URI]
        );
    }
}

/// Two frames side by side on a `background` of one grey level: (width, height, pixels).
fn side_by_side(a: &Frame, b: &Frame, background: u8) -> (usize, usize, Vec<u8>) {
    let height = a.height.max(b.height);
    let width = a.width + b.width;
    let mut data = vec![background; width * height];
    for y in 0..a.height {
        data[y * width..y * width + a.width]
            .copy_from_slice(&a.data[y * a.width..(y + 1) * a.width]);
    }
    for y in 0..b.height {
        let row = &b.data[y * b.width..(y + 1) * b.width];
        data[y * width + a.width..y * width + width].copy_from_slice(row);
    }
    (width, height, data)
}

#[test]
fn two_codes_in_one_frame() {
    let a = code(EcLevel::M, 4.0, 0.0);
    let (w, flags) = modules_auto(WIFI, EcLevel::M);
    let b = render(w, &flags, 4.0, 0.0, 20, 235);
    let (width, height, data) = side_by_side(&a, &b, 235);
    assert_eq!(
        decode_sorted(width, height, &data),
        vec![WIFI.to_owned(), URI.to_owned()]
    );

    let mut scanner = scanner();
    let out = scanner.feed_luma(width, height, width, &data).unwrap();
    assert_eq!(out.payload.as_deref(), Some(URI));
    assert_eq!(out.other_codes, vec![WIFI.to_owned()]);
    let again = scanner.feed_luma(width, height, width, &data).unwrap();
    assert_eq!((again.payload, again.other_codes.len()), (None, 0));
}

/// Light-on-dark codes are merged too: once the inverted pass reads one, merging keeps to
/// passes of that polarity.
#[test]
fn two_inverted_codes_in_one_frame() {
    let (w, flags) = modules_auto(URI, EcLevel::M);
    let a = render(w, &flags, 4.0, 0.0, 235, 20);
    let (w, flags) = modules_auto(WIFI, EcLevel::M);
    let b = render(w, &flags, 4.0, 0.0, 235, 20);
    let (width, height, data) = side_by_side(&a, &b, 20);
    assert_eq!(
        decode_sorted(width, height, &data),
        vec![WIFI.to_owned(), URI.to_owned()]
    );
}

#[test]
fn blank_and_random_frames_give_no_code() {
    let blank = Frame {
        width: 640,
        height: 480,
        data: vec![200; 640 * 480],
    };
    assert!(decode(&blank).is_empty());
    let mut noise = Frame {
        width: 640,
        height: 480,
        data: vec![128; 640 * 480],
    };
    add_noise(&mut noise, 127, 99);
    assert!(decode(&noise).is_empty());
}

/// A 1920×1080 page with `big` at 9 px per module beside `small` at `scale`.
fn full_hd_pair(big: &str, small: &str, scale: f64) -> (usize, usize, Vec<u8>) {
    let (w, flags) = modules_auto(big, EcLevel::M);
    let a = render(w, &flags, 9.0, 0.0, 20, 235);
    let (w, flags) = modules_auto(small, EcLevel::M);
    let b = render(w, &flags, scale, 0.0, 20, 235);
    let (pw, ph, pair) = side_by_side(&a, &b, 235);
    let (width, height) = (1920, 1080);
    let mut data = vec![235u8; width * height];
    for y in 0..ph {
        let at = (y + 40) * width + 100;
        data[at..at + pw].copy_from_slice(&pair[y * pw..(y + 1) * pw]);
    }
    (width, height, data)
}

/// A small code beside a large one on a camera-sized frame is read too, both by the search
/// for every code and by the scanner, whichever of them is the enrollment code (the
/// scanner's half-size first read must not hide a small enrollment code).
#[test]
fn small_code_beside_a_large_one_in_a_full_hd_frame() {
    for scale in [2.0, 2.5, 3.0, 4.0] {
        let (width, height, data) = full_hd_pair(URI, WIFI, scale);
        assert_eq!(
            decode_sorted(width, height, &data),
            vec![WIFI.to_owned(), URI.to_owned()],
            "{scale} px"
        );
        let out = scanner().feed_luma(width, height, width, &data).unwrap();
        assert_eq!(out.payload.as_deref(), Some(URI), "{scale} px");

        let (width, height, data) = full_hd_pair(WIFI, URI, scale);
        let out = scanner().feed_luma(width, height, width, &data).unwrap();
        assert_eq!(out.payload.as_deref(), Some(URI), "small, {scale} px");
        assert_eq!(out.other_codes, vec![WIFI.to_owned()], "small, {scale} px");
    }
}

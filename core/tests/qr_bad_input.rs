//! The "images/frames" row of SECURITY.md's bad-input table: each case is a clear error or
//! "no code", quickly, with no panic (SEC-L3).

#![allow(clippy::unwrap_used)] // test code

mod qr_render;

use image::codecs::gif::GifEncoder;
use image::{Delay, Frame as GifFrame, ImageFormat, RgbaImage};
use inkan_core::qr::{decode_image, decode_luma, QrError};
use qr_render::{modules, render};
use qrcode::EcLevel;
use std::io::Cursor;
use std::time::{Duration, Instant};

/// CRC-32 (PNG's), for hand-made chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut out = (body.len() as u32).to_be_bytes().to_vec();
    let mut typed = kind.to_vec();
    typed.extend_from_slice(body);
    out.extend_from_slice(&typed);
    out.extend_from_slice(&crc32(&typed).to_be_bytes());
    out
}

/// A PNG whose header declares `w`×`h` greyscale pixels, with a few bytes of data.
fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(chunk(b"IEND", &[]));
    png
}

fn encoded(format: ImageFormat) -> Vec<u8> {
    let (w, flags) = modules("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP", 4, EcLevel::M);
    let f = render(w, &flags, 4.0, 0.0, 0, 255);
    let img = image::GrayImage::from_raw(f.width as u32, f.height as u32, f.data).unwrap();
    let img = image::DynamicImage::ImageLuma8(img);
    let img = match format {
        ImageFormat::Gif | ImageFormat::WebP => image::DynamicImage::ImageRgba8(img.to_rgba8()),
        _ => img,
    };
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn quick<T>(f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "took {:?}",
        t.elapsed()
    );
    r
}

#[test]
fn bomb_is_refused_before_allocation() {
    let err = quick(|| decode_image(&png_declaring(60_000, 60_000))).unwrap_err();
    assert!(
        matches!(
            err,
            QrError::TooLarge {
                width: 60_000,
                height: 60_000,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn encoded_files_decode() {
    for format in [
        ImageFormat::Png,
        ImageFormat::Jpeg,
        ImageFormat::Bmp,
        ImageFormat::Gif,
        ImageFormat::WebP,
    ] {
        let got = decode_image(&encoded(format)).unwrap();
        assert_eq!(
            got,
            vec!["otpauth://totp/a?secret=JBSWY3DPEHPK3PXP"],
            "{format:?}"
        );
    }
}

#[test]
fn truncated_png_and_jpeg() {
    for (format, name) in [(ImageFormat::Png, "png"), (ImageFormat::Jpeg, "jpeg")] {
        let bytes = encoded(format);
        // Cut inside the header or the pixel data: a corrupt-image error naming the format.
        // A JPEG cut halfway may instead decode its first half (the rest grey): no code.
        for cut in [8, 30, bytes.len() / 2] {
            match quick(|| decode_image(&bytes[..cut])) {
                Err(QrError::Corrupt { format: f, .. }) => assert_eq!(f, name, "cut at {cut}"),
                Ok(texts) if format == ImageFormat::Jpeg && cut == bytes.len() / 2 => {
                    assert_eq!(texts, Vec::<String>::new(), "{name} cut at {cut}")
                }
                other => panic!("{name} cut at {cut}: {other:?}"),
            }
        }
        // Only the trailer lost (PNG's IEND, JPEG's EOI): every pixel is there, the code reads.
        let got = quick(|| decode_image(&bytes[..bytes.len() - 3]));
        assert_eq!(
            got,
            Ok(vec!["otpauth://totp/a?secret=JBSWY3DPEHPK3PXP".to_owned()]),
            "{name} without its trailer"
        );
    }
}

#[test]
fn not_an_image() {
    for bytes in [
        &b""[..],
        b"hello",
        b"otpauth://totp/a?secret=AA",
        &[0u8; 100],
    ] {
        assert_eq!(decode_image(bytes).unwrap_err(), QrError::UnknownFormat);
    }
}

#[test]
fn one_pixel() {
    let img = image::GrayImage::from_raw(1, 1, vec![0]).unwrap();
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png).unwrap();
    assert_eq!(decode_image(out.get_ref()).unwrap(), Vec::<String>::new());
    assert_eq!(decode_luma(1, 1, 1, &[0]).unwrap(), Vec::<String>::new());
}

#[test]
fn stride_smaller_than_width() {
    let err = decode_luma(100, 10, 99, &[0; 1000]).unwrap_err();
    assert_eq!(
        err,
        QrError::BadStride {
            stride: 99,
            width: 100
        }
    );
}

#[test]
fn buffer_shorter_than_stride_times_height() {
    let err = decode_luma(100, 10, 128, &[0; 128 * 9 + 99]).unwrap_err();
    assert_eq!(
        err,
        QrError::ShortBuffer {
            len: 128 * 9 + 99,
            needed: 128 * 9 + 100
        }
    );
}

#[test]
fn empty_and_oversized_frames() {
    assert_eq!(
        decode_luma(0, 0, 0, &[]).unwrap_err().class(),
        "empty-image"
    );
    let err = decode_luma(20_000, 20_000, 20_000, &[]).unwrap_err();
    assert_eq!(err.class(), "image-too-large");
}

#[test]
fn animated_gif_with_many_frames_reads_the_first_only() {
    let mut out = Vec::new();
    {
        let mut enc = GifEncoder::new(&mut out);
        let frames = (0..2_000u32).map(|i| {
            let img = RgbaImage::from_pixel(32, 32, image::Rgba([(i % 256) as u8, 0, 0, 255]));
            GifFrame::from_parts(img, 0, 0, Delay::from_numer_denom_ms(10, 1))
        });
        enc.encode_frames(frames).unwrap();
    }
    assert_eq!(quick(|| decode_image(&out)).unwrap(), Vec::<String>::new());
}

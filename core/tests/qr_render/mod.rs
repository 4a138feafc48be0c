//! Renders QR codes into greyscale frames for the qr tests: scale, quiet zone, rotation,
//! inversion, noise. Shared by `qr_generated.rs` and `qr_bad_input.rs` (`mod qr_render;`).
#![allow(dead_code, clippy::unwrap_used)] // test helper: not every test uses every function

use qrcode::{Color, EcLevel, QrCode, Version};

/// A packed greyscale frame.
pub struct Frame {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Row-major pixels, 0 = black.
    pub data: Vec<u8>,
}

/// The code for `text` at `version` (1–40) and `ec`, as rows of dark flags.
pub fn modules(text: &str, version: i16, ec: EcLevel) -> (usize, Vec<bool>) {
    let code = QrCode::with_version(text, Version::Normal(version), ec).unwrap();
    let colors = code.to_colors();
    (
        code.width(),
        colors.iter().map(|c| *c == Color::Dark).collect(),
    )
}

/// The smallest code for `text` at `ec`.
pub fn modules_auto(text: &str, ec: EcLevel) -> (usize, Vec<bool>) {
    let code = QrCode::with_error_correction_level(text, ec).unwrap();
    let colors = code.to_colors();
    (
        code.width(),
        colors.iter().map(|c| *c == Color::Dark).collect(),
    )
}

/// An otpauth URI as long as `version` at `ec` holds (a full code), with its modules.
pub fn modules_full(version: i16, ec: EcLevel) -> (String, usize, Vec<bool>) {
    let text = |n: usize| format!("otpauth://totp/t?secret={}", "A".repeat(n));
    let fits = |n: usize| QrCode::with_version(text(n), Version::Normal(version), ec).is_ok();
    let (mut lo, mut hi) = (0usize, 3000usize);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(mid) {
            lo = mid
        } else {
            hi = mid - 1
        }
    }
    let t = if fits(lo) { text(lo) } else { "1".to_owned() };
    let (w, flags) = modules(&t, version, ec);
    (t, w, flags)
}

/// Renders `modules` at `scale` px per module with a 4-module quiet zone, rotated by `deg`
/// about the centre (nearest neighbour), dark = `dark`, light = `light`.
pub fn render(
    width: usize,
    dark_flags: &[bool],
    scale: f64,
    deg: f64,
    dark: u8,
    light: u8,
) -> Frame {
    let side_modules = width as f64 + 8.0;
    let diag = (side_modules * scale * std::f64::consts::SQRT_2).ceil() as usize + 4;
    let size = diag.max(64);
    let c = size as f64 / 2.0;
    let (sin, cos) = deg.to_radians().sin_cos();
    let mut data = vec![light; size * size];
    for y in 0..size {
        for x in 0..size {
            let (dx, dy) = (x as f64 + 0.5 - c, y as f64 + 0.5 - c);
            // Inverse rotation into code space, in modules from the code's top-left corner.
            let u = (cos * dx + sin * dy) / scale + width as f64 / 2.0;
            let v = (-sin * dx + cos * dy) / scale + width as f64 / 2.0;
            let inside = u >= 0.0 && v >= 0.0 && (u as usize) < width && (v as usize) < width;
            if inside && dark_flags[v as usize * width + u as usize] {
                data[y * size + x] = dark;
            }
        }
    }
    Frame {
        width: size,
        height: size,
        data,
    }
}

/// Adds uniform noise of ±`amp` from a fixed-seed generator.
pub fn add_noise(frame: &mut Frame, amp: i32, seed: u64) {
    let mut state = seed | 1;
    for p in frame.data.iter_mut() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let n = (state % (2 * amp as u64 + 1)) as i32 - amp;
        *p = (i32::from(*p) + n).clamp(0, 255) as u8;
    }
}

/// Copies `frame` into a buffer with `pad` bytes of garbage after each row.
pub fn with_stride(frame: &Frame, pad: usize) -> (usize, Vec<u8>) {
    let stride = frame.width + pad;
    let mut out = Vec::with_capacity(stride * frame.height);
    for row in frame.data.chunks(frame.width) {
        out.extend_from_slice(row);
        out.extend(std::iter::repeat_n(0x55, pad));
    }
    (stride, out)
}

//! Time per image inside one process (no process start, no JSON, the file already in
//! memory), three ways: `decode_image` on the file's bytes (what the desktop pays per file),
//! `decode_luma` on its greyscale plane (every code in a camera frame, which arrives as a Y
//! plane, not a JPEG), and, for 1080p frames, a fresh `QrScanner` fed that plane (what the
//! phone's scan screen pays per frame: it looks for an enrollment payload, within its
//! per-frame budget).
//!
//! `cargo run --release -p inkan-core --example qr_frames -- MANIFEST...` (the shared QR
//! sets' `manifest.json`; files are read from beside each manifest). Each image is decoded
//! `REPS` times (default 5) and its fastest run kept; printed are the median, mean, 95th
//! percentile and maximum over all images and over 1080p frames (1920×1080 either way),
//! the figure issue 3 sets against zxing-cpp (`tests/qr/frames_zxing.py` measures it the
//! same way: `cv2.imdecode` plus `read_barcodes`, and `read_barcodes` alone). With `EACH=1`,
//! one line per image too.
#![allow(clippy::print_stdout)]

use inkan_core::qr::{decode_image, decode_luma, QrScanner};
use std::path::Path;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reps: usize = std::env::var("REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let each = std::env::var_os("EACH").is_some();
    for manifest in std::env::args().skip(1) {
        let dir = Path::new(&manifest).parent().unwrap_or(Path::new("."));
        let entries: serde_json::Value = serde_json::from_slice(&std::fs::read(&manifest)?)?;
        let (mut all, mut frames) = (Vec::new(), Vec::new());
        let (mut planes, mut frame_planes) = (Vec::new(), Vec::new());
        let mut frame_scans = Vec::new();
        for entry in entries.as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let Some(file) = entry.get("file").and_then(|f| f.as_str()) else {
                continue;
            };
            let bytes = std::fs::read(dir.join(file))?;
            let best = fastest(reps, || decode_image(&bytes));
            // The greyscale plane, as a camera would hand it over (`image`'s conversion).
            let plane = image::load_from_memory(&bytes).map(|i| i.into_luma8());
            let mut best_plane = Duration::MAX;
            let mut frame_1080p = false;
            if let Ok(plane) = &plane {
                let (w, h) = (plane.width() as usize, plane.height() as usize);
                frame_1080p = (w.max(h), w.min(h)) == (1920, 1080);
                best_plane = fastest(reps, || decode_luma(w, h, w, plane.as_raw()));
                planes.push(best_plane);
                if frame_1080p {
                    frame_scans.push(fastest(reps, || {
                        QrScanner::new().feed_luma(w, h, w, plane.as_raw())
                    }));
                }
            }
            if each {
                println!(
                    "  {file}: file {:.2} ms, plane {:.2} ms",
                    best.as_secs_f64() * 1e3,
                    best_plane.as_secs_f64() * 1e3
                );
            }
            all.push(best);
            if frame_1080p {
                frames.push(best);
                frame_planes.push(best_plane);
            }
        }
        println!("{manifest}");
        summary("files, all images", &mut all);
        summary("files, 1080p frames", &mut frames);
        summary("greyscale planes, all images", &mut planes);
        summary("greyscale planes, 1080p frames", &mut frame_planes);
        summary("camera scanner, 1080p frames", &mut frame_scans);
    }
    Ok(())
}

/// The fastest of `reps` runs of `decode`.
fn fastest<T>(reps: usize, mut decode: impl FnMut() -> T) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..reps {
        let t = Instant::now();
        let out = decode();
        best = best.min(t.elapsed());
        std::hint::black_box(out);
    }
    best
}

fn summary(label: &str, times: &mut [Duration]) {
    if times.is_empty() {
        println!("  {label}: none");
        return;
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let mean = times.iter().map(|&d| ms(d)).sum::<f64>() / times.len() as f64;
    println!(
        "  {label} ({}): median {:.2} ms, mean {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times.len(),
        ms(at(0.5)),
        mean,
        ms(at(0.95)),
        ms(at(1.0))
    );
}

//! The decoding strategy: which passes run on an image, in which order, within a budget.
//!
//! A cascade that stops at the first pass finding a code. Each pass transforms the image
//! ([`preprocess`](super::preprocess)) and runs the detector once. The order was chosen by
//! measuring every pass alone on the dev and public sets (`tests/qr/bench.sh`) and adding, at
//! each step, the pass that decoded the most images the earlier passes missed (weighed by
//! its cost); it holds general mechanisms, nothing tuned to single images.

use super::binarize::{hybrid, hybrid_inverted, local_mean, Bits};
use super::engine;
use super::luma::Luma;
use super::preprocess::{blur3, downscale, factor_for};
use super::Budget;
use std::time::{Duration, Instant};

/// Longest side a pass works on; larger images are box-downscaled first. 12 MP photos are
/// read at full size (a sheet of small codes needs it); the budget stops later passes.
pub(crate) const MAX_WORK_SIDE: usize = 4_200;

/// One transform before detection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Local-mean threshold (`binarize::local_mean`): window radius `1/divisor` of the longer
    /// side, dark below the mean by more than `delta`.
    Adaptive { divisor: usize, delta: u32 },
    /// 3×3 blur, then zxing's hybrid binarization.
    Blur,
    /// Dark and light swapped, hybrid binarizer.
    Inverted,
    /// Box-downscaled by `factor`, hybrid binarizer.
    Downscaled { factor: usize },
}

/// The cascade, most productive pass first, by codes read per unit of time: the downscaled
/// pass reads fewer images than the blurred one but costs a ninth of a full pass, so it goes
/// first among the rescues (public set: same images read, planes 7% faster on average).
const PASSES: [Pass; 7] = [
    Pass::Adaptive {
        divisor: 25,
        delta: 8,
    },
    Pass::Downscaled { factor: 3 },
    Pass::Blur,
    Pass::Inverted,
    Pass::Adaptive {
        divisor: 60,
        delta: 3,
    },
    Pass::Adaptive {
        divisor: 12,
        delta: 3,
    },
    Pass::Adaptive {
        divisor: 40,
        delta: 1,
    },
];

/// The most passes one image can get: the cascade on the image (or its reduced copy) plus one
/// full-resolution or half-size pass.
pub(crate) const MAX_PASSES: u32 = PASSES.len() as u32 + 1;

/// Pixels all passes on one image may process together: a backstop that does not depend on
/// the clock (every pass fits for a 12 MP photo; 4200×4200 gets five full-size passes).
const MAX_WORK_PIXELS: f64 = 90_000_000.0;

/// A pass that locates more than this many finder patterns outside the codes it read ends the
/// image's cascade, whatever the budget: pairing patterns into candidate codes is the
/// detector's costliest work and grows faster than their number. The most any pass leaves on
/// the dev and public sets is 64; the adversarial field of finder patterns leaves over 300,
/// at about half a second a pass (measured 2026-12-08, `INKAN_QR_TRACE`).
const MAX_STRAY_PATTERNS: usize = 200;

/// Downscaled passes are skipped when the result would be smaller than this (px a side).
const MIN_DOWNSCALED_SIDE: usize = 200;

impl Pass {
    fn apply(self, img: &Luma) -> Option<Bits> {
        let side = img.width.max(img.height);
        Some(match self {
            Pass::Adaptive { divisor, delta } => local_mean(img, side / divisor + 3, delta),
            Pass::Blur => hybrid(&blur3(img)),
            Pass::Inverted => hybrid_inverted(img),
            Pass::Downscaled { factor } => {
                if side / factor < MIN_DOWNSCALED_SIDE {
                    return None;
                }
                hybrid(&downscale(img, factor))
            }
        })
    }

    /// Whether the pass reads light-on-dark codes.
    fn inverted(self) -> bool {
        matches!(self, Pass::Inverted)
    }

    /// Work relative to a full-size detector pass, for the budget check.
    fn cost(self) -> f64 {
        match self {
            Pass::Downscaled { factor } => 1.0 / (factor * factor) as f64,
            _ => 1.0,
        }
    }
}

/// Longest side above which an image is first searched at reduced resolution: the whole
/// cascade runs on a copy box-downscaled to at most this size (a quarter of the pixels for a
/// 12 MP photo; blur, noise and JPEG blocking shrink with it, as in zxing's `try_downscale`),
/// then one full-resolution pass looks for codes too small for the copy (unless the copy read
/// exactly one code, or several that account for every finder pattern it saw). Finds are
/// merged at full resolution only: the copy's cascade stops at its first pass that finds a
/// code (on a sheet of small codes, further passes on the copy cost several full passes
/// each, in candidate finder patterns, and add less than the full-resolution pass).
const COARSE_SIDE: usize = 2_600;

/// Longest side from which a camera frame (up to `COARSE_SIDE`) is first read once at half
/// size when the caller looks for a particular code (the scanner, for an enrollment
/// payload): the first pass on a quarter of the pixels, as zxing's `try_downscale` reads
/// (first here, not last). If it reads a wanted code, the frame is done at about a third of
/// the cost; if not, the full-size cascade runs as it would have. Searches for every code
/// never stop there: a code too small for the half-size copy would go unseen.
const HALF_FIRST_SIDE: usize = 1_200;

/// While merging the finds of several codes, the cascade stops after this many passes in a
/// row that found nothing new.
const MAX_BARREN_PASSES: usize = 2;

/// Texts of every code found by the first successful pass, in detection order (a text
/// appears once per code). When that pass finds several codes (a page with an app-store
/// link beside the enrollment code, a sheet of labels), the later passes of the same
/// polarity run too and their finds are merged in (a code one binarization misses, another
/// often reads) until a pass reads codes that account for every finder pattern it located
/// (nothing is left that could be another code), or `MAX_BARREN_PASSES` passes in a row add
/// nothing. A pass is skipped when it would take the work over `MAX_WORK_PIXELS`; none
/// starts once `budget` is spent: its count of passes, or its time (a pass is expected to
/// take as long as the slowest full pass so far), nor after a pass that left more than
/// `MAX_STRAY_PATTERNS` finder patterns unexplained. With `wanted`, a large frame may end at a half-size read that found a wanted
/// code (see `HALF_FIRST_SIDE`).
pub(crate) fn scan(img: &Luma, budget: Budget, wanted: Option<fn(&str) -> bool>) -> Vec<String> {
    let base = match factor_for(img, MAX_WORK_SIDE) {
        1 => None,
        f => Some(downscale(img, f)),
    };
    let base = base.as_ref().unwrap_or(img);
    let mut cascade = Cascade::new(budget);
    let first = PASSES.get(..1).unwrap_or(&[]);
    match factor_for(base, COARSE_SIDE) {
        1 => {
            let side = base.width.max(base.height);
            if let Some(wanted) = wanted.filter(|_| side >= HALF_FIRST_SIDE) {
                cascade.run(&downscale(base, 2), first, false);
                if cascade.found.iter().any(|text| wanted(text)) {
                    return cascade.found;
                }
                // Nothing wanted: the full-size cascade runs as without this read (which
                // took a quarter-size pass's time).
                cascade.found.clear();
                cascade.slowest = cascade.slowest.mul_f64(4.0);
            }
            cascade.run(base, &PASSES, true);
        }
        f => {
            let coarse = downscale(base, f);
            let unexplained = cascade.run(&coarse, &PASSES, false);
            if cascade.found.is_empty() || (cascade.found.len() > 1 && unexplained > 0) {
                cascade.slowest = cascade.slowest.mul_f64((f * f) as f64);
                cascade.run(base, first, true);
            }
        }
    }
    cascade.found
}

/// The state of one image's cascade, shared by its resolution levels.
struct Cascade {
    start: Instant,
    budget: Budget,
    /// The slowest full-size pass so far (time per unit of `Pass::cost`).
    slowest: Duration,
    /// Passes run so far, against `Budget::Passes`.
    passes: u32,
    /// A pass left more than `MAX_STRAY_PATTERNS` patterns unexplained: no further pass.
    crowded: bool,
    /// Pixels processed so far, against `MAX_WORK_PIXELS`.
    work: f64,
    found: Vec<String>,
}

impl Cascade {
    fn new(budget: Budget) -> Self {
        Self {
            start: Instant::now(),
            budget,
            slowest: Duration::ZERO,
            passes: 0,
            crowded: false,
            work: 0.0,
            found: Vec::new(),
        }
    }

    /// Runs `passes` on `img` until one finds a single code (or, once codes were found,
    /// until `MAX_BARREN_PASSES` add nothing; without `merging`, until one finds any), the
    /// work cap or the budget. Returns how many finder patterns the last pass run left
    /// outside the codes it read (0 if none ran).
    fn run(&mut self, img: &Luma, passes: &[Pass], merging: bool) -> usize {
        let pixels = (img.width * img.height) as f64;
        let mut barren = 0;
        // Whether the codes found so far are light on dark: once one is read, merging runs
        // only passes of that polarity (the codes of one page share it, and the inverted
        // pass on a dark-on-light page costs a full pass for nothing).
        let mut inverted: Option<bool> = None;
        let mut unexplained = 0;
        for &pass in passes {
            if inverted.is_some_and(|i| i != pass.inverted()) {
                continue;
            }
            let cost = pixels * pass.cost();
            if self.work + cost > MAX_WORK_PIXELS {
                continue; // a cheaper (downscaled) pass may still fit
            }
            if self.spent(pass) {
                break;
            }
            self.work += cost;
            let t = Instant::now();
            let Some(layer) = pass.apply(img) else {
                continue;
            };
            self.passes += 1;
            let tb = t.elapsed();
            let read = engine::read_all(&layer);
            let texts = read.texts;
            trace(pass, tb, t.elapsed(), texts.len(), read.unexplained);
            self.slowest = self.slowest.max(t.elapsed().div_f64(pass.cost()));
            let had = self.found.len();
            let read_some = !texts.is_empty();
            if read_some && inverted.is_none() {
                inverted = Some(pass.inverted());
            }
            merge(&mut self.found, texts);
            unexplained = read.unexplained;
            if unexplained > MAX_STRAY_PATTERNS {
                self.crowded = true;
                break;
            }
            if self.found.len() == 1 || (!merging && !self.found.is_empty()) {
                break;
            }
            // Every finder pattern this pass saw belongs to a code it read: no trace of
            // another code is left for a later pass to read.
            if read_some && unexplained == 0 {
                break;
            }
            if had > 0 && self.found.len() == had {
                barren += 1;
                if barren >= MAX_BARREN_PASSES {
                    break;
                }
            } else {
                barren = 0;
            }
        }
        unexplained
    }

    /// Whether `budget` leaves no room for `pass` (or the image is a field of finder patterns).
    fn spent(&self, pass: Pass) -> bool {
        if self.crowded {
            return true;
        }
        match self.budget {
            Budget::Passes(n) => self.passes >= n,
            Budget::Time(limit) => self.start.elapsed() + self.slowest.mul_f64(pass.cost()) > limit,
        }
    }
}

/// With `INKAN_QR_TRACE` set, one line per pass on stderr (pass, binarize ms, total ms,
/// codes, finder patterns outside them): the profile the pass order is measured with.
fn trace(pass: Pass, binarize: Duration, total: Duration, codes: usize, unexplained: usize) {
    if std::env::var_os("INKAN_QR_TRACE").is_some() {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "qr-trace pass={pass:?} bin_ms={:.2} ms={:.2} codes={codes} unexplained={unexplained}",
                binarize.as_secs_f64() * 1e3,
                total.as_secs_f64() * 1e3
            );
        }
    }
}

/// Adds a pass's texts to `found` as a multiset union: a text read twice in one pass is two
/// codes (identical labels), a text read again by a later pass is the same code.
fn merge(found: &mut Vec<String>, texts: Vec<String>) {
    for (i, text) in texts.iter().enumerate() {
        let in_pass = texts.iter().take(i + 1).filter(|t| *t == text).count();
        let known = found.iter().filter(|t| *t == text).count();
        if in_pass > known {
            found.push(text.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn merge_is_a_multiset_union() {
        let mut found = v(&["a", "b"]);
        merge(&mut found, v(&["b", "a", "a", "c"]));
        assert_eq!(found, v(&["a", "b", "a", "c"]));
        merge(&mut found, v(&["a"]));
        assert_eq!(found, v(&["a", "b", "a", "c"]));
    }

    #[test]
    fn blank_image_gives_nothing() {
        let img = Luma {
            width: 300,
            height: 200,
            data: vec![255; 60_000],
        };
        assert!(scan(&img, crate::qr::FILE_BUDGET, None).is_empty());
    }

    /// A blank image large enough for every pass (the downscaled one needs 600 px): no pass
    /// finds anything, so only the budget stops the cascade.
    fn blank() -> Luma {
        Luma {
            width: 660,
            height: 440,
            data: vec![255; 660 * 440],
        }
    }

    #[test]
    fn a_pass_budget_counts_passes_whatever_the_time() {
        for n in [0, 1, 3, MAX_PASSES] {
            let mut cascade = Cascade::new(Budget::Passes(n));
            cascade.run(&blank(), &PASSES, true);
            assert_eq!(cascade.passes, n.min(PASSES.len() as u32), "Passes({n})");
        }
    }

    /// A 16×16 grid of lone finder patterns (7×7 modules of 4 px, dark-light-dark rings),
    /// no code: the adversarial "field of finder patterns".
    fn finder_field() -> Luma {
        let (cell, side) = (40usize, 16 * 40);
        let data = (0..side * side)
            .map(|i| {
                let (x, y) = ((i % side) % cell, (i / side) % cell);
                let (mx, my) = (x.wrapping_sub(6) / 4, y.wrapping_sub(6) / 4);
                let ring = mx
                    .min(my)
                    .min(6usize.wrapping_sub(mx))
                    .min(6usize.wrapping_sub(my));
                if mx < 7 && my < 7 && ring != 1 {
                    0
                } else {
                    255
                }
            })
            .collect();
        Luma {
            width: side,
            height: side,
            data,
        }
    }

    #[test]
    fn a_field_of_finder_patterns_ends_the_cascade_after_one_pass() {
        let mut cascade = Cascade::new(Budget::Passes(MAX_PASSES));
        let unexplained = cascade.run(&finder_field(), &PASSES, true);
        assert!(unexplained > MAX_STRAY_PATTERNS, "{unexplained}");
        assert_eq!((cascade.passes, cascade.crowded), (1, true));
        assert!(cascade.spent(PASSES[0]));
    }

    #[test]
    fn zero_time_budget_runs_one_pass_at_most() {
        let mut cascade = Cascade::new(Budget::Time(Duration::ZERO));
        cascade.run(&blank(), &PASSES, true);
        assert!(cascade.passes <= 1, "{} passes", cascade.passes);
    }
}

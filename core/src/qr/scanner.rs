//! `QrScanner`: the state of one camera scan. Frames come in at camera rate; the scanner
//! hands out the first enrollment payload once, reports other codes once each, and keeps
//! each frame's work under a time budget so the preview never stalls (the one place the
//! decoder looks at the clock: see [`Budget`]).

use super::luma::Luma;
use super::payload::is_enrollment_payload;
use super::{pipeline, Budget, QrError};
use std::time::Duration;

/// Default work per live frame: at 30 fps a frame arrives every 33 ms; decoding runs off the
/// preview thread, and a late frame is simply dropped by the caller.
pub const FRAME_BUDGET: Budget = Budget::Time(Duration::from_millis(150));

/// Distinct non-payload texts remembered for deduplication (a few posters in view).
const MAX_REMEMBERED: usize = 64;

/// What one frame gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameOutcome {
    /// The enrollment payload, the first time one is seen in this scan; `None` afterwards.
    pub payload: Option<String>,
    /// Codes that are not enrollment payloads (an app-store link, Wi-Fi), each reported the
    /// first time it is seen, so the app can say "this is not a sign-in code".
    pub other_codes: Vec<String>,
}

/// The state of one camera scan: feed frames with [`QrScanner::feed_luma`].
pub struct QrScanner {
    accept: fn(&str) -> bool,
    budget: Budget,
    delivered: bool,
    seen_other: Vec<String>,
}

impl std::fmt::Debug for QrScanner {
    // Texts seen are not printed: they may be anything the camera saw.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QrScanner")
            .field("budget", &self.budget)
            .field("delivered", &self.delivered)
            .field("seen_other", &self.seen_other.len())
            .finish()
    }
}

impl Default for QrScanner {
    fn default() -> Self {
        Self::new()
    }
}

impl QrScanner {
    /// A scanner that accepts [`is_enrollment_payload`] texts, with [`FRAME_BUDGET`].
    pub fn new() -> Self {
        Self::with_filter(is_enrollment_payload)
    }

    /// A scanner that accepts the texts `accept` says yes to.
    pub fn with_filter(accept: fn(&str) -> bool) -> Self {
        Self {
            accept,
            budget: FRAME_BUDGET,
            delivered: false,
            seen_other: Vec::new(),
        }
    }

    /// Sets the budget per frame: a time for live frames (the default, [`FRAME_BUDGET`]), a
    /// count of passes where every run must read the same (tests, recorded frames).
    pub fn with_budget(mut self, budget: Budget) -> Self {
        self.budget = budget;
        self
    }

    /// Whether the payload has been handed out.
    pub fn is_done(&self) -> bool {
        self.delivered
    }

    /// Starts a new scan: the next payload is handed out again, other codes reported again.
    pub fn reset(&mut self) {
        self.delivered = false;
        self.seen_other.clear();
    }

    /// Decodes one greyscale frame (see [`decode_luma`](super::decode_luma) for the layout).
    /// Once the payload was handed out, frames are not decoded any more. A frame of 1200 px
    /// or more a side is first read at half size, and ends there when that read finds a
    /// payload (about a third of the work); small other codes on such a frame may then go
    /// unreported.
    pub fn feed_luma(
        &mut self,
        width: usize,
        height: usize,
        row_stride: usize,
        bytes: &[u8],
    ) -> Result<FrameOutcome, QrError> {
        let luma = Luma::from_plane(width, height, row_stride, bytes)?;
        if self.delivered {
            return Ok(FrameOutcome::default());
        }
        let texts = pipeline::scan(&luma, self.budget, Some(self.accept));
        Ok(self.take(texts))
    }

    /// Sorts one frame's texts into the payload and the not-yet-reported others.
    fn take(&mut self, texts: Vec<String>) -> FrameOutcome {
        let mut outcome = FrameOutcome::default();
        for text in texts {
            if (self.accept)(&text) {
                if !self.delivered {
                    self.delivered = true;
                    outcome.payload = Some(text);
                }
            } else if !self.seen_other.contains(&text) {
                if self.seen_other.len() < MAX_REMEMBERED {
                    self.seen_other.push(text.clone());
                }
                outcome.other_codes.push(text);
            }
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn payload_is_handed_out_once() {
        let mut s = QrScanner::new();
        let first = s.take(texts(&["otpauth://totp/a?secret=AA"]));
        assert_eq!(first.payload.as_deref(), Some("otpauth://totp/a?secret=AA"));
        assert!(s.is_done());
        assert_eq!(
            s.take(texts(&["otpauth://totp/a?secret=AA"])),
            FrameOutcome::default()
        );
    }

    #[test]
    fn first_payload_of_a_frame_wins() {
        let mut s = QrScanner::new();
        let out = s.take(texts(&["steam://X", "otpauth://totp/b?secret=AA"]));
        assert_eq!(out.payload.as_deref(), Some("steam://X"));
    }

    #[test]
    fn other_codes_are_reported_once() {
        let mut s = QrScanner::new();
        let out = s.take(texts(&["https://apps.example/app", "WIFI:S:x;;"]));
        assert_eq!(out.payload, None);
        assert_eq!(
            out.other_codes,
            texts(&["https://apps.example/app", "WIFI:S:x;;"])
        );
        let again = s.take(texts(&["WIFI:S:x;;", "otpauth://totp/c?secret=AA"]));
        assert!(again.other_codes.is_empty());
        assert!(again.payload.is_some());
    }

    #[test]
    fn reset_starts_over() {
        let mut s = QrScanner::new();
        s.take(texts(&["otpauth://totp/a?secret=AA", "hello"]));
        s.reset();
        let out = s.take(texts(&["otpauth://totp/a?secret=AA", "hello"]));
        assert!(out.payload.is_some());
        assert_eq!(out.other_codes, texts(&["hello"]));
    }

    #[test]
    fn custom_filter() {
        let mut s = QrScanner::with_filter(|t| t.starts_with("WIFI:"));
        let out = s.take(texts(&["otpauth://totp/a?secret=AA", "WIFI:S:x;;"]));
        assert_eq!(out.payload.as_deref(), Some("WIFI:S:x;;"));
        assert_eq!(out.other_codes, texts(&["otpauth://totp/a?secret=AA"]));
    }

    #[test]
    fn debug_does_not_print_texts() {
        let mut s = QrScanner::new();
        s.take(texts(&["private note"]));
        assert!(!format!("{s:?}").contains("private"));
    }

    #[test]
    fn bad_frames_are_errors_and_blank_frames_give_nothing() {
        let mut s = QrScanner::new().with_budget(Budget::Time(Duration::from_millis(50)));
        assert!(s.feed_luma(100, 100, 99, &[0; 10_000]).is_err());
        let out = s.feed_luma(100, 100, 100, &[255; 10_000]).unwrap();
        assert_eq!(out, FrameOutcome::default());
    }
}

//! What stops one image's decoding cascade early, besides the work cap
//! (`pipeline::MAX_WORK_PIXELS`, which always applies).

use std::time::Duration;

/// The limit on the decoding passes run on one image or frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// At most this many detection passes start (a half-size or downscaled pass counts as
    /// one). It counts work, not time, so an image gives the same texts on any machine,
    /// however loaded: files, single frames and tests use it ([`FILE_BUDGET`]).
    Passes(u32),
    /// No pass starts when it is expected to end after this much wall time since the frame
    /// came in. For live camera frames only, where a late answer is worth nothing and the
    /// next frame is another try: what is read then depends on the machine's speed.
    Time(Duration),
}

/// Files and single frames ([`decode_image`](super::decode_image),
/// [`decode_luma`](super::decode_luma)): every pass the cascade can run, so only the work
/// cap bounds them; their time is bounded through that cap (about a second for a 12 MP photo
/// on one core).
pub const FILE_BUDGET: Budget = Budget::Passes(super::pipeline::MAX_PASSES);

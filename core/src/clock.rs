//! Time as a dependency: `Clock` for long-lived objects; pure functions take the instant.

use std::sync::atomic::{AtomicI64, Ordering};

/// A source of the current Unix time in seconds.
pub trait Clock: Send + Sync {
    /// Seconds since 1970-01-01T00:00:00Z; negative when the device clock is set before 1970.
    fn now_unix(&self) -> i64;
}

/// The operating system's wall clock. The only `Clock` that touches the OS.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_unix(&self) -> i64 {
        match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
        }
    }
}

/// A clock that says what it is told: for tests and for `--at`.
#[derive(Debug, Default)]
pub struct FixedClock(AtomicI64);

impl FixedClock {
    /// A clock stopped at `unix`.
    pub fn new(unix: i64) -> Self {
        Self(AtomicI64::new(unix))
    }

    /// Moves the clock to `unix` (it may go backwards, as real clocks do).
    pub fn set(&self, unix: i64) {
        self.0.store(unix, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now_unix(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

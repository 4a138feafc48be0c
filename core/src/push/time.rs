//! Monotonic time for challenge expiry (SEC-P4): the wall clock can be changed by the user
//! or jump after sleep; a monotonic clock cannot be moved back to revive a challenge.

use std::time::Instant;

/// Milliseconds from an arbitrary, fixed origin that never goes backwards.
pub trait Monotonic: Send + Sync {
    /// Milliseconds since the clock's origin.
    fn now_ms(&self) -> u64;
}

/// `std::time::Instant` based; the origin is the moment the value was created.
#[derive(Debug, Clone, Copy)]
pub struct SystemMonotonic {
    origin: Instant,
}

impl SystemMonotonic {
    /// Starts counting now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl Default for SystemMonotonic {
    fn default() -> Self {
        Self::new()
    }
}

impl Monotonic for SystemMonotonic {
    fn now_ms(&self) -> u64 {
        u64::try_from(self.origin.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

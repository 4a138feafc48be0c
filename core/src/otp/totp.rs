//! RFC 6238 TOTP: HOTP with T = ⌊(now − T0) / period⌋, T0 = 0.

/// The time step counter for `unix_seconds`.
pub fn step(unix_seconds: u64, period: u32) -> u64 {
    unix_seconds / u64::from(period.max(1))
}

/// Start and end (exclusive) of the step that contains `unix_seconds`.
pub fn window(unix_seconds: u64, period: u32) -> (u64, u64) {
    let p = u64::from(period.max(1));
    let start = step(unix_seconds, period).saturating_mul(p);
    (start, start.saturating_add(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        assert_eq!(step(59, 30), 1);
        assert_eq!(window(59, 30), (30, 60));
        assert_eq!(window(60, 30), (60, 90));
        assert_eq!(window(u64::MAX, 30).1, u64::MAX);
    }
}

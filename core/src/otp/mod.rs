//! One-time codes: HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard.
//!
//! Time is always an argument (Unix seconds); nothing here reads a clock. HMAC comes from
//! ring. totp-rs was considered: it has no HOTP/counter API and refuses secrets under
//! 128 bits, which real services still issue, so the small RFC 4226 core lives here.

mod algorithm;
mod code;
pub mod hotp;
pub mod hotp_resync;
pub mod steam;
pub mod totp;

pub use algorithm::Algorithm;
pub use code::{generate, Code, OtpError};

//! Pairing: one entry point for every link the OS hands the app and every scanned QR text,
//! returning what the confirmation screen shows. Nothing is stored here: the caller stores
//! the accounts, or runs the push rollout, only after the user confirmed (SEC-L1).
//!
//! Accepted: `otpauth://totp|hotp/…`, `steam://…`, `otpauth-migration://…`,
//! `otpauth://pipush/…` and `pia://pipush/…` (privacyIDEA push, PROTOCOL.md §1), and the
//! https pairing link of `docs/pairing-links.md`
//! (`https://<host>/.well-known/inkan/pair#<percent-encoded enrollment URI>`).
//! Refused with a reason (SEC-L2): unknown schemes, `javascript:`/`intent:`/`data:`/`file:`,
//! plain `http:` links and push servers, Microsoft `phonefactor://`, expired enrollments.

mod error;
mod link;
mod parse;
mod pipush;
mod request;

pub use error::PairingError;
pub use link::{parse_server_url, ServerUrl, PAIR_PATH};
pub use parse::{parse, parse_with, PairingPolicy, MAX_LINK_BYTES};
pub use request::{LinkSource, PairingRequest, PushEnrollment, TlsStatus};

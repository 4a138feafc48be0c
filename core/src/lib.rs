//! inkan-core: every domain rule of the inkan authenticator.
//!
//! Owns code generation (`otp`), `otpauth://` parsing (`uri`), Google Authenticator
//! exports (`migration`), pairing links (`pairing`), privacyIDEA push approval (`push`) and
//! the shared `Account` type. It performs no I/O of its own:
//! the clock, storage, keystore, network and signing keys come in through traits.

pub mod account;
pub mod base32;
pub mod clock;
pub mod codes;
pub mod error;
pub mod migration;
pub mod otp;
pub mod pairing;
pub mod push;
pub mod secret;
pub mod text;
pub mod uri;

pub use account::{Account, OtpKind};
pub use error::Error;
pub use otp::{Algorithm, Code};
pub use secret::SecretBytes;

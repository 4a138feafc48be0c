//! inkan-core: every domain rule of the inkan authenticator.
//!
//! Owns code generation (`otp`), `otpauth://` parsing (`uri`), Google Authenticator
//! exports (`migration`), other apps' export files with a plan before anything is written
//! (`import`), pairing links (`pairing`), privacyIDEA push approval (`push`), the
//! encrypted `vault`, the `keystore` trait and the shared `Account` type. The clock, storage,
//! keystore, network and signing keys come in through traits; the only default
//! implementations that touch the OS are `clock::SystemClock` and `vault::FileStore`.

pub mod account;
pub mod aegis;
pub mod base32;
pub mod clock;
pub mod clock_offset;
pub mod codes;
pub mod crypto;
pub mod error;
pub mod import;
pub mod keystore;
pub mod migration;
pub mod otp;
pub mod pairing;
pub mod plain_text;
pub mod push;
pub mod qr;
pub mod secret;
pub mod text;
pub mod uri;
pub mod vault;

pub use account::{Account, OtpKind};
pub use error::Error;
pub use otp::{Algorithm, Code};
pub use secret::SecretBytes;

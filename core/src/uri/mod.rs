//! `otpauth://` and `steam://` URIs: parse into an `Account`, serialise back.
//!
//! Follows Google's Key Uri Format where it speaks and what real services emit where it
//! does not; every rule is listed in `shared/vectors/README.md` and has a test in
//! `core/tests/uri_quirks.rs`.

mod error;
mod parse;
mod percent;
mod serialize;

pub use error::UriError;
pub use parse::{parse, MAX_URI_BYTES};
pub use percent::{decode_component, encode_component};
pub use serialize::to_uri;

//! Google Authenticator exports: `otpauth-migration://offline?data=<base64 protobuf>`.
//!
//! Import is strict about the wire format (any protobuf error rejects the URI) and lenient
//! per item (an MD5 or empty item is skipped and reported, the rest imported). Export
//! writes accounts back in batches that each fit one QR code.

pub mod base64;
mod error;
mod export;
mod import;
mod wire;

pub use error::{ItemError, MigrationError};
pub use export::{export, Export, ExportSkip, DEFAULT_MAX_URI_LEN};
pub use import::{parse, Batch, Import, SkippedItem, MAX_ITEMS};

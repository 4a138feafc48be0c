//! inkan-ffi: the app-facing API of inkan-core for Kotlin and Swift (uniffi).
//!
//! A placeholder until the bindings issue: it only proves the crate builds as a library.

/// The core version this library was built from.
pub fn core_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

//! The uniffi bindgen for inkan, pinned to the library's uniffi version.
//!
//! `cargo run -p inkan-ffi --features bindgen-cli --bin uniffi-bindgen -- generate \
//!  target/debug/libinkan.so --language kotlin --out-dir <dir>` (library mode: the
//! metadata is read from the built cdylib, names from `bindings/uniffi.toml`).

fn main() {
    uniffi::uniffi_bindgen_main()
}

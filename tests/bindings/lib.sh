# Shared by kotlin.sh and swift.sh (source it): build libinkan.so and the bindgen once,
# generate bindings from that one build.
#
# Both scripts call build_ffi; the second call is a no-op for cargo, so the cdylib is
# built once per CI run and both languages test the same file. The bindgen is the
# `uniffi-bindgen` bin of inkan-ffi (feature bindgen-cli), cached per machine; `testing`
# adds the test-only exports (tests/scenarios.md).
set -euo pipefail
INKAN_ROOT="${INKAN_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
INKAN_SHARED="${INKAN_SHARED:-$(cd "$INKAN_ROOT/../shared" 2>/dev/null && pwd)}"
INKAN_BUILD="${INKAN_BUILD:-$INKAN_ROOT/target/inkan-ci}"
export INKAN_ROOT INKAN_SHARED INKAN_BUILD
# INKAN_FFI_PROFILE=release tests the size-optimised library (LTO; used for the copy-cost
# figures); the default debug build is what CI runs.
FFI_PROFILE="${INKAN_FFI_PROFILE:-debug}"
FFI_LIBDIR="$INKAN_ROOT/target/$FFI_PROFILE"
FFI_LIB="$FFI_LIBDIR/libinkan.so"
# The bindgen (uniffi's `cli` feature: clap, cargo_metadata, askama, goblin…) takes ~4.5 min
# from clean on two cores. It depends only on the uniffi version, so it is built once per
# machine and kept outside the checkout: a fresh clone in CI then only builds the library.
UNIFFI_VERSION=$(grep -A1 '^name = "uniffi_bindgen"' "$INKAN_ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')
FFI_BINDGEN="${INKAN_BINDGEN_CACHE:-/var/cache/inkan/bindgen}/uniffi-bindgen-${UNIFFI_VERSION:-unknown}"
mkdir -p "$INKAN_BUILD"

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }

build_ffi() {
  local t0=$SECONDS
  if [ ! -x "$FFI_BINDGEN" ]; then
    (cd "$INKAN_ROOT" && cargo build --quiet -p inkan-ffi --features bindgen-cli,testing --bin uniffi-bindgen)
    mkdir -p "$(dirname "$FFI_BINDGEN")"
    cp "$INKAN_ROOT/target/debug/uniffi-bindgen" "$FFI_BINDGEN.tmp.$$" && mv "$FFI_BINDGEN.tmp.$$" "$FFI_BINDGEN"
    log "built uniffi-bindgen $UNIFFI_VERSION into $FFI_BINDGEN"
  fi
  # Same features as `cargo test --workspace` (the dev-dependency turns on `testing`), so
  # after CI step 10 this is usually a no-op; kotlin.sh and swift.sh share the result.
  (cd "$INKAN_ROOT" && cargo build --quiet -p inkan-ffi --features testing --lib)
  if [ "$FFI_PROFILE" = release ]; then
    (cd "$INKAN_ROOT" && cargo build --quiet --release -p inkan-ffi --features testing --lib)
  fi
  log "libinkan.so ready ($((SECONDS - t0)) s)"
}

# generate <kotlin|swift> <out-dir>: bindings for the freshly built library (a stale file
# would fail uniffi's checksum check at first call). Always from the debug build: the
# release profile strips symbols, and with them the uniffi metadata the bindgen reads; the
# API checksums are the same for both profiles.
generate() {
  rm -rf "$2" && mkdir -p "$2"
  (cd "$INKAN_ROOT" && "$FFI_BINDGEN" generate --no-format target/debug/libinkan.so \
    --language "$1" --out-dir "$2" >/dev/null)
}

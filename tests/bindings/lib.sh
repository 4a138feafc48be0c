# Shared by kotlin.sh and swift.sh (source it): build libinkan.so and the bindgen once,
# generate bindings from that one build.
#
# Both scripts call build_ffi; the second call is a no-op for cargo, so the cdylib is
# built once per CI run and both languages test the same file. The bindgen is the
# `uniffi-bindgen` bin of inkan-ffi (feature bindgen-cli), built in the same target dir;
# `testing` adds the test-only exports (tests/scenarios.md).
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
FFI_BINDGEN="$INKAN_ROOT/target/debug/uniffi-bindgen"
mkdir -p "$INKAN_BUILD"

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }

build_ffi() {
  local t0=$SECONDS
  # One command builds the debug library and the bindgen (the bin links the lib).
  (cd "$INKAN_ROOT" && cargo build --quiet -p inkan-ffi --features bindgen-cli,testing --lib --bin uniffi-bindgen)
  if [ "$FFI_PROFILE" = release ]; then
    (cd "$INKAN_ROOT" && cargo build --quiet --release -p inkan-ffi --features testing --lib)
  fi
  log "libinkan.so and uniffi-bindgen ready ($((SECONDS - t0)) s)"
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

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
FFI_FEATURES="bindgen-cli,testing"
FFI_LIBDIR="$INKAN_ROOT/target/debug"
FFI_LIB="$FFI_LIBDIR/libinkan.so"
FFI_BINDGEN="$FFI_LIBDIR/uniffi-bindgen"
mkdir -p "$INKAN_BUILD"

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }

build_ffi() {
  local t0=$SECONDS
  (cd "$INKAN_ROOT" && cargo build --quiet -p inkan-ffi --features "$FFI_FEATURES" --lib --bin uniffi-bindgen)
  log "libinkan.so and uniffi-bindgen ready ($((SECONDS - t0)) s)"
}

# generate <kotlin|swift> <out-dir>: bindings for the freshly built library (a stale file
# would fail uniffi's checksum check at first call).
generate() {
  rm -rf "$2" && mkdir -p "$2"
  (cd "$INKAN_ROOT" && "$FFI_BINDGEN" generate --no-format "$FFI_LIB" --language "$1" --out-dir "$2" >/dev/null)
}

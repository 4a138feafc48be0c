# Shared by kotlin.sh, swift.sh and ios/check.sh (source it): build libinkan.so and the bindgen once,
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

# swift_bindings <package dir> <generated dir>: Swift 6 chroot, library and bindgen, then the
# generated Swift bindings copied into the package's InkanCore/InkanCoreFFI targets.
swift_bindings() {
  local pkg="$1" gen="$2"
  bash "$INKAN_SHARED/toolchains/swift-setup" >/dev/null
  build_ffi
  generate swift "$gen"
  mkdir -p "$pkg/Sources/InkanCoreFFI" "$pkg/Sources/InkanCore"
  cp "$gen/InkanCoreFFI.h" "$pkg/Sources/InkanCoreFFI/"
  cp "$gen/InkanCoreFFI.modulemap" "$pkg/Sources/InkanCoreFFI/module.modulemap"
  cp "$gen/InkanCore.swift" "$pkg/Sources/InkanCore/"
}

# swift_test <label> <package dir> [VAR=value ...]: runs the package's XCTest suite in the
# chroot (which sees only INKAN_ROOT, bind-mounted at the same path), prints XCTest's output
# and summary, then "<label>: N passed, M failed"; fails unless the suite ran and passed.
swift_test() {
  local label="$1" pkg="$2"; shift 2
  local rc=0 out summary passed=0 failed=0
  out=$(bash "$INKAN_SHARED/toolchains/swift-run" "$INKAN_ROOT" \
    env INKAN_RUST_LIB_DIR="$FFI_LIBDIR" "$@" \
    swift test --package-path "$pkg" --disable-swift-testing 2>&1) || rc=$?
  printf '%s\n' "$out" | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
  summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" <<<"$out" | tail -n 1 || true)
  if [[ "$summary" =~ Executed\ ([0-9]+)\ tests?,\ with\ ([0-9]+)\ failure ]]; then
    failed=${BASH_REMATCH[2]}; passed=$(( BASH_REMATCH[1] - failed ))
  fi
  echo "$label: $passed passed, $failed failed"
  [ "$rc" -eq 0 ] && [ -n "$summary" ]
}

#!/usr/bin/env bash
# Swift binding tests (tests/scenarios.md): swift-setup (Swift 6 in a Debian trixie chroot),
# build libinkan.so + bindgen on the host, generate the Swift bindings into the SwiftPM
# package bindings/swift, run its XCTest suite through swift-run. Prints XCTest's summary
# and one closing line "swift: N passed, M failed". Idempotent; run as root.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$INKAN_SHARED/toolchains/swift-setup" >/dev/null
build_ffi
pkg="$INKAN_ROOT/bindings/swift"
gen="$INKAN_BUILD/swift/generated"
generate swift "$gen"
mkdir -p "$pkg/Sources/InkanCoreFFI" "$pkg/Sources/InkanCore"
cp "$gen/InkanCoreFFI.h" "$pkg/Sources/InkanCoreFFI/"
cp "$gen/InkanCoreFFI.modulemap" "$pkg/Sources/InkanCoreFFI/module.modulemap"
cp "$gen/InkanCore.swift" "$pkg/Sources/InkanCore/"

# The chroot sees only INKAN_ROOT: the S11 dev image is copied into the build directory
# (git-ignored target/), never into the repository.
dev_image="$INKAN_BUILD/swift/nominal-02.png"
cp "$INKAN_SHARED/qr/dev/synthetic/nominal/nominal-02.png" "$dev_image"

rc=0
# The chroot sees only INKAN_ROOT (bind-mounted at the same path): package and target/ are in it.
out=$(bash "$INKAN_SHARED/toolchains/swift-run" "$INKAN_ROOT" \
  env INKAN_RUST_LIB_DIR="$FFI_LIBDIR" INKAN_DEV_IMAGE="$dev_image" \
  swift test --package-path "$pkg" --disable-swift-testing 2>&1) || rc=$?
printf '%s\n' "$out" | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" <<<"$out" | tail -n 1 || true)
passed=0; failed=0
if [[ "$summary" =~ Executed\ ([0-9]+)\ tests?,\ with\ ([0-9]+)\ failure ]]; then
  failed=${BASH_REMATCH[2]}; passed=$(( BASH_REMATCH[1] - failed ))
fi
echo "swift: $passed passed, $failed failed"
[ "$rc" -eq 0 ] && [ -n "$summary" ]

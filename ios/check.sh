#!/usr/bin/env bash
# iOS shell check on Linux: swift-setup (Swift 6 chroot), build libinkan.so + bindgen on the
# host, generate the Swift bindings into Sources/InkanCore(FFI), build the package
# (InkanCore, InkanKit, and InkanApp's platform-neutral part: Apple-only files are behind
# #if canImport) and run the InkanKit XCTest suite through swift-run. Prints XCTest's
# summary and "ios: N passed, M failed". Idempotent; run as root.
. "$(dirname "${BASH_SOURCE[0]}")/../tests/bindings/lib.sh"

bash "$INKAN_SHARED/toolchains/swift-setup" >/dev/null
build_ffi
pkg="$INKAN_ROOT/ios"
gen="$INKAN_BUILD/ios/generated"
generate swift "$gen"
mkdir -p "$pkg/Sources/InkanCoreFFI" "$pkg/Sources/InkanCore"
cp "$gen/InkanCoreFFI.h" "$pkg/Sources/InkanCoreFFI/"
cp "$gen/InkanCoreFFI.modulemap" "$pkg/Sources/InkanCoreFFI/module.modulemap"
cp "$gen/InkanCore.swift" "$pkg/Sources/InkanCore/"

rc=0
out=$(bash "$INKAN_SHARED/toolchains/swift-run" "$INKAN_ROOT" \
  env INKAN_RUST_LIB_DIR="$FFI_LIBDIR" \
  swift test --package-path "$pkg" --disable-swift-testing 2>&1) || rc=$?
printf '%s\n' "$out" | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" <<<"$out" | tail -n 1 || true)
passed=0; failed=0
if [[ "$summary" =~ Executed\ ([0-9]+)\ tests?,\ with\ ([0-9]+)\ failure ]]; then
  failed=${BASH_REMATCH[2]}; passed=$(( BASH_REMATCH[1] - failed ))
fi
echo "ios: $passed passed, $failed failed"
[ "$rc" -eq 0 ] && [ -n "$summary" ]

#!/usr/bin/env bash
# Apple packaging: InkanCoreFFI.xcframework (iOS device, iOS simulator arm64+x86_64, macOS
# arm64+x86_64) from the staticlib, the generated Swift bindings, and a Swift package that
# ties them together (bindings/apple/Package.swift). Runs on macOS with Xcode only.
#
#   bindings/scripts/build-xcframework.sh        # -> target/apple/InkanCore/ (a Swift package)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-$ROOT/target/apple}"
PKG="$OUT/InkanCore"
cd "$ROOT"
[ "$(uname -s)" = Darwin ] || { echo "build-xcframework: needs macOS with Xcode" >&2; exit 1; }

targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "${targets[@]}"
export IPHONEOS_DEPLOYMENT_TARGET=15.0 MACOSX_DEPLOYMENT_TARGET=12.0
for t in "${targets[@]}"; do
  cargo build --release -p inkan-ffi --lib --target "$t"
done

rm -rf "$OUT" && mkdir -p "$OUT/ios-sim" "$OUT/macos" "$OUT/headers" "$PKG/Sources/InkanCore"
lib() { echo "target/$1/release/libinkan.a"; }
lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" -output "$OUT/ios-sim/libinkan.a"
lipo -create "$(lib aarch64-apple-darwin)" "$(lib x86_64-apple-darwin)" -output "$OUT/macos/libinkan.a"

# Swift bindings from a host debug build (library mode; names from bindings/uniffi.toml): the
# release profile strips symbols, and with them the uniffi metadata the bindgen reads.
cargo build -p inkan-ffi --features bindgen-cli --lib --bin uniffi-bindgen
gen="$OUT/generated"
target/debug/uniffi-bindgen generate target/debug/libinkan.dylib --language swift --out-dir "$gen"
cp "$gen/InkanCoreFFI.h" "$OUT/headers/"
cp "$gen/InkanCoreFFI.modulemap" "$OUT/headers/module.modulemap"
cp "$gen/InkanCore.swift" "$PKG/Sources/InkanCore/"

xcodebuild -create-xcframework \
  -library "$(lib aarch64-apple-ios)" -headers "$OUT/headers" \
  -library "$OUT/ios-sim/libinkan.a" -headers "$OUT/headers" \
  -library "$OUT/macos/libinkan.a" -headers "$OUT/headers" \
  -output "$PKG/InkanCoreFFI.xcframework"
cp "$ROOT/bindings/apple/Package.swift" "$PKG/Package.swift"
echo "build-xcframework: Swift package in $PKG"

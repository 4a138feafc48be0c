#!/usr/bin/env bash
# Builds InkanCoreFFI.xcframework and the generated Swift bindings (via
# bindings/scripts/build-xcframework.sh) and puts them where ios/Package.swift expects them
# on Apple platforms. macOS with Xcode only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/target/apple" bash "$ROOT/bindings/scripts/build-xcframework.sh"
mkdir -p "$ROOT/ios/Frameworks" "$ROOT/ios/Sources/InkanCore"
rm -rf "$ROOT/ios/Frameworks/InkanCoreFFI.xcframework"
cp -R "$ROOT/target/apple/InkanCore/InkanCoreFFI.xcframework" "$ROOT/ios/Frameworks/"
cp "$ROOT/target/apple/InkanCore/Sources/InkanCore/InkanCore.swift" "$ROOT/ios/Sources/InkanCore/"
echo "build-xcframework: ios/Frameworks/InkanCoreFFI.xcframework + ios/Sources/InkanCore ready"

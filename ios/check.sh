#!/usr/bin/env bash
# iOS shell check on Linux: swift-setup (Swift 6 chroot), build libinkan.so + bindgen on the
# host, generate the Swift bindings into Sources/InkanCore(FFI), build the package
# (InkanCore, InkanKit, and InkanApp's platform-neutral part: Apple-only files are behind
# #if canImport) and run the InkanKit XCTest suite through swift-run. Prints XCTest's
# summary and "ios: N passed, M failed", then the share of the shell's Swift that this
# build compiles, "Swift compiled on Linux: NN %" (scripts/linux-share.py). Idempotent; run
# as root.
. "$(dirname "${BASH_SOURCE[0]}")/../tests/bindings/lib.sh"

swift_bindings "$INKAN_ROOT/ios" "$INKAN_BUILD/ios/generated"
rc=0
# A screenshot of a code, for the scan sheet's photo picker path (the chroot sees only
# INKAN_ROOT, so the image is copied into the build directory).
dev_image="$INKAN_BUILD/ios/nominal-02.png"
cp "$INKAN_SHARED/qr/dev/synthetic/nominal/nominal-02.png" "$dev_image"
swift_test ios "$INKAN_ROOT/ios" INKAN_DEV_IMAGE="$dev_image" || rc=$?
python3 "$INKAN_ROOT/ios/scripts/linux-share.py"
exit "$rc"

#!/usr/bin/env bash
# Swift binding tests (tests/scenarios.md): swift-setup (Swift 6 in a Debian trixie chroot),
# build libinkan.so + bindgen on the host, generate the Swift bindings into the SwiftPM
# package bindings/swift, run its XCTest suite through swift-run. Prints XCTest's summary
# and one closing line "swift: N passed, M failed". Idempotent; run as root.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pkg="$INKAN_ROOT/bindings/swift"
swift_bindings "$pkg" "$INKAN_BUILD/swift/generated"

# The chroot sees only INKAN_ROOT: the S11 and A1 dev images are copied into the build
# directory (git-ignored target/), never into the repository.
dev_image="$INKAN_BUILD/swift/nominal-02.png"
cp "$INKAN_SHARED/qr/dev/synthetic/nominal/nominal-02.png" "$dev_image"
app_image="$INKAN_BUILD/swift/nominal-04.jpg"
cp "$INKAN_SHARED/qr/dev/synthetic/nominal/nominal-04.jpg" "$app_image"
swift_test swift "$pkg" INKAN_DEV_IMAGE="$dev_image" INKAN_APP_DEV_IMAGE="$app_image"

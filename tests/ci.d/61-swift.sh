#!/usr/bin/env bash
# Swift binding tests (XCTest in the Swift 6 chroot): see tests/bindings/swift.sh.
# Reuses the libinkan.so that 60-kotlin built (same cargo features: no rebuild).
set -euo pipefail
exec bash "$INKAN_ROOT/tests/bindings/swift.sh"

#!/usr/bin/env bash
# iOS shell: build the Swift package on Linux and run the InkanKit XCTest suite (ios/check.sh).
set -euo pipefail
exec bash "$INKAN_ROOT/ios/check.sh"

#!/usr/bin/env bash
# iOS shell: build the Swift package on Linux and run the InkanKit XCTest suite (ios/check.sh).
set -euo pipefail
# No user-facing literal in iOS shell files that render the app model; the legacy
# screens' literal counts may only go down (tests/lib/shell_literals.known).
python3 "$INKAN_ROOT/tests/lib/shell_literals.py" ios
exec bash "$INKAN_ROOT/ios/check.sh"

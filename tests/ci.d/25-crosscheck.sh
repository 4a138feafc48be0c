#!/usr/bin/env bash
# inkan's codes against real pyotp and oathtool installs (600 random accounts).
set -euo pipefail
cd "$INKAN_ROOT"
command -v oathtool >/dev/null && python3 -c "import pyotp" || { echo "run 00-setup first" >&2; exit 1; }
cargo test -p inkan-interop --test crosscheck --quiet -- --ignored --nocapture 2>&1 | grep -E "agree|test result|panicked|FAILED|assert"

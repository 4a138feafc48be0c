#!/usr/bin/env bash
# The shared URI/code vectors against the release binary.
set -euo pipefail
cd "$INKAN_ROOT"
cargo build --release -p inkan-cli --quiet
python3 "$INKAN_SHARED/vectors/check.py" target/release/inkan "$INKAN_SHARED"/vectors/*.json

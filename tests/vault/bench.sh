#!/usr/bin/env bash
# Prints the vault benchmark figures (release build). Not a pass/fail test.
set -euo pipefail
cd "${INKAN_ROOT:-$(dirname "$0")/../..}"
cargo run --release -q -p inkan-core --example vault_bench

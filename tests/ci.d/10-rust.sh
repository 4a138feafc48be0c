#!/usr/bin/env bash
# fmt, clippy (-D warnings), and every Rust test in the workspace.
set -euo pipefail
cd "$INKAN_ROOT"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
# The summary lines are printed; the step's status is cargo's own (pipefail; grep finding
# nothing is not a failure).
cargo test --workspace --quiet 2>&1 | tee "$INKAN_BUILD/cargo-test.log" \
  | { grep -E "^(test result|error|failures)|panicked" || true; }

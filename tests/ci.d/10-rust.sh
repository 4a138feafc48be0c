#!/usr/bin/env bash
# fmt, clippy (-D warnings), and every Rust test in the workspace.
set -euo pipefail
cd "$INKAN_ROOT"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo test --workspace --quiet 2>&1 | tee "$INKAN_BUILD/cargo-test.log" | grep -E "^(test result|error|failures)|panicked" || true
grep -q "test result: FAILED" "$INKAN_BUILD/cargo-test.log" && exit 1
grep -q "^error" "$INKAN_BUILD/cargo-test.log" && exit 1
grep -q "test result: ok" "$INKAN_BUILD/cargo-test.log"

#!/usr/bin/env bash
# Figures for the foundation issue: `inkan code` latency (hyperfine) and release binary size.
set -euo pipefail
ROOT="${INKAN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$ROOT"
cargo build --release -p inkan-cli --quiet
BIN="$ROOT/target/release/inkan"
URI='otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co'
echo "release binary: $(stat -c %s "$BIN") bytes ($(numfmt --to=iec-i --suffix=B "$(stat -c %s "$BIN")"))"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 5 --runs "${RUNS:-100}" --style basic "$BIN code --at 1700000000 '$URI'" 2>&1 \
    | grep -E "Time|Range"
else
  echo "hyperfine not installed; skipped the latency figure"
fi

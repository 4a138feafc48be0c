#!/usr/bin/env bash
# Prints benchmark figures (not pass/fail on speed): every tests/bench/*.sh.
set -euo pipefail
for b in "$INKAN_ROOT"/tests/bench/*.sh; do
  echo "--- $(basename "$b")"
  bash "$b"
done

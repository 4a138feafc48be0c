#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need, then runs every
# step in tests/ci.d/ in name order. Each step is a bash script that exits non-zero on failure.
# Idempotent; safe to re-run. Set INKAN_ONLY=pattern to run only matching steps.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export INKAN_ROOT="$ROOT"
export INKAN_SHARED="${INKAN_SHARED:-$(cd "$ROOT/../shared" 2>/dev/null && pwd)}"
export INKAN_BUILD="${INKAN_BUILD:-$ROOT/target/inkan-ci}"
export CARGO_TERM_COLOR=never
# One-off CI builds gain nothing from incremental caches; they cost ~0.7 GB of disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
mkdir -p "$INKAN_BUILD"
cd "$ROOT"
if [ -z "$INKAN_SHARED" ] || [ ! -d "$INKAN_SHARED/vectors" ]; then
  echo "run-all: ../shared (beside the checkout) is missing; set INKAN_SHARED" >&2
  exit 1
fi

# Free space where the build goes, and what target/ holds: a full disk was a CI failure once.
disk() { echo "disk: $(df -Ph "$ROOT" | awk 'NR==2 {print $4}') free, target/ $(du -sh "$ROOT/target" 2>/dev/null | cut -f1)"; }

passed=0; failed=0; failures=()
disk
# A full run writes ~2.5 GB under target/ and ~3.5 GB of toolchains (Swift chroot, Maven,
# privacyIDEA venv) on a fresh machine; say so up front rather than fail mid-way.
free_kb=$(df -Pk "$ROOT" | awk 'NR==2 {print $4}')
[ "${free_kb:-0}" -lt $((7 * 1024 * 1024)) ] && echo "run-all: warning: under 7 GiB free; a fresh run needs about 6 GiB"
start_all=$(date +%s)
for step in "$ROOT"/tests/ci.d/*.sh; do
  name="$(basename "$step" .sh)"
  if [ -n "${INKAN_ONLY:-}" ] && [[ "$name" != *${INKAN_ONLY}* ]]; then continue; fi
  echo
  echo "=== step $name"
  t0=$(date +%s)
  if bash "$step"; then
    passed=$((passed + 1)); echo "=== step $name: ok ($(( $(date +%s) - t0 )) s)"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "=== step $name: FAILED ($(( $(date +%s) - t0 )) s)"
  fi
  disk
done
echo
echo "total time: $(( $(date +%s) - start_all )) s"
[ "$failed" -gt 0 ] && echo "failed steps: ${failures[*]}"
echo "steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Runs every cargo-fuzz target for INKAN_FUZZ_SECONDS (default 60) and prints executions.
set -euo pipefail
. "$INKAN_ROOT/tests/lib/install.sh"
cd "$INKAN_ROOT/fuzz"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal >/dev/null
cargo_install cargo-fuzz cargo-fuzz 0.13.2
secs="${INKAN_FUZZ_SECONDS:-60}"
# No AddressSanitizer: inkan denies unsafe code, so what fuzzing finds here is panics, hangs
# and runaway memory, which libFuzzer catches without it; the ASan build alone took ~5 min of
# the 2-core CI budget. INKAN_FUZZ_SANITIZER=address brings it back for a deeper local run.
san="${INKAN_FUZZ_SANITIZER:-none}"
targets=$(cargo +nightly fuzz list)
cargo +nightly fuzz build -O -s "$san" >/dev/null 2>&1 || cargo +nightly fuzz build -O -s "$san"
status=0
seeds_root="$INKAN_BUILD/fuzz-seeds"
python3 "$INKAN_ROOT/tests/lib/fuzz_seeds.py" "$INKAN_SHARED/vectors" "$seeds_root"
# The import target starts from other apps' exports, read from ../shared (never copied into
# the project); a leading 0 byte makes the target detect the format from the content.
if [ -d "$INKAN_SHARED/imports/aegis" ]; then
  mkdir -p "$seeds_root/import"
  for f in "$INKAN_SHARED"/imports/aegis/*; do
    { printf '\0'; cat "$f"; } > "$seeds_root/import/$(basename "$f")"
  done
fi
for t in $targets; do
  mkdir -p "corpus/$t"
  seeds=""
  for d in "$seeds_root/$t" "$INKAN_ROOT/fuzz/seeds/$t"; do [ -d "$d" ] && seeds="$seeds $d"; done
  log="$INKAN_BUILD/fuzz-$t.log"
  if cargo +nightly fuzz run -O -s "$san" "$t" "corpus/$t" $seeds -- \
      -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "fuzz $t: ok, ${execs:-?} executions in ${secs} s"
  else
    echo "fuzz $t: FAILED (see $log)"; tail -40 "$log"; status=1
  fi
done
exit $status

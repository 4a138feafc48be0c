#!/usr/bin/env bash
# QR regression floor: the shared dev set through `inkan qr decode --json` only (no anchors,
# one repetition) must fully decode at least QR_DEV_FLOOR images, and every adversarial file
# must give an error or no code within its time and memory bound. Images are read from
# $INKAN_SHARED/qr, never copied. Full comparison with the anchors: tests/qr/bench.sh.
set -euo pipefail
cd "$INKAN_ROOT"
# Last measured on the dev set: 150/162 fully decoded (tests/qr/bench.sh, 2026-12-08).
# Files are decoded within a count of passes, not a time, so a loaded machine reads the
# same: no slack.
LAST_MEASURED=150
floor="${QR_DEV_FLOOR:-$LAST_MEASURED}"
QR="$INKAN_SHARED/qr"
cargo build --release -p inkan-cli --quiet
cmd="$INKAN_ROOT/target/release/inkan qr decode --json"

python3 "$QR/bench.py" --set "$QR/dev/manifest.json" --cmd "$cmd" --anchors none --reps 1 \
  --out "$INKAN_BUILD/qr-dev.json" | tee "$INKAN_BUILD/qr-dev.txt" | grep -E "^(cmd |SUMMARY)"
full=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(next(d["full"] for d in r["decoders"] if d["name"]=="cmd"))' "$INKAN_BUILD/qr-dev.json")
crash=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(next(d.get("crash") or "" for d in r["decoders"] if d["name"]=="cmd"))' "$INKAN_BUILD/qr-dev.json")
status=0
if [ -n "$crash" ]; then
  echo "qr dev: the decoder crashed or timed out: $crash"; status=1
fi
if [ "$full" -lt "$floor" ]; then
  echo "qr dev: $full images fully decoded, below the floor of $floor (last measured $LAST_MEASURED)"
  status=1
else
  echo "qr dev: $full images fully decoded (floor $floor)"
fi

python3 "$QR/bench.py" --set "$QR/adversarial/manifest.json" --cmd "$cmd" --anchors none \
  --out "$INKAN_BUILD/qr-adversarial.json" | tee "$INKAN_BUILD/qr-adversarial.txt" | grep -E "^  |SUMMARY"
read -r ok total < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); d=r["decoders"][0]; print(d["ok"], d["images"])' "$INKAN_BUILD/qr-adversarial.json")
if [ "$ok" -ne "$total" ]; then
  echo "qr adversarial: only $ok of $total files behaved"; status=1
fi
exit $status

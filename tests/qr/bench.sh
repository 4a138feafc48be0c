#!/usr/bin/env bash
# The QR benchmark of issue 3: `inkan qr decode --json` side by side with zxing-cpp, ZBar and
# OpenCV on the shared dev, public and adversarial sets (bench.py in ../shared/qr).
# Installs the anchors, builds the release binary, prints bench.py's tables.
#   REPS=3 (repetitions per batch)   SETS="dev public adversarial"   ANCHORS=zxing-cpp,zbar,opencv
# Images are read from $INKAN_SHARED/qr only; never copy them into the project.
set -euo pipefail
ROOT="${INKAN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
SHARED="${INKAN_SHARED:-$(cd "$ROOT/../shared" && pwd)}"
export INKAN_ROOT="$ROOT"
. "$ROOT/tests/lib/install.sh"
apt_install libzbar0
pip_install zxing-cpp pyzbar opencv-python-headless numpy pillow
cd "$ROOT"
cargo build --release -p inkan-cli --quiet
BIN="$ROOT/target/release/inkan"
echo "release binary: $(stat -c %s "$BIN") bytes"
for set in ${SETS:-dev public adversarial}; do
  echo
  echo "=== $set"
  if [ "$set" = adversarial ]; then
    python3 "$SHARED/qr/bench.py" --set "$SHARED/qr/$set/manifest.json" \
      --cmd "$BIN qr decode --json" --anchors "${ANCHORS:-zxing-cpp,zbar,opencv}"
  else
    python3 "$SHARED/qr/bench.py" --set "$SHARED/qr/$set/manifest.json" \
      --cmd "$BIN qr decode --json" --anchors "${ANCHORS:-zxing-cpp,zbar,opencv}" \
      --reps "${REPS:-3}"
  fi
done

#!/usr/bin/env bash
# The QR benchmark of issue 3: `inkan qr decode --json` side by side with zxing-cpp, ZBar and
# OpenCV on the shared dev, public and adversarial sets (bench.py in ../shared/qr).
# Installs the anchors, builds the release binary, prints bench.py's tables.
#   REPS=3 (repetitions per batch)   SETS="dev public adversarial"   ANCHORS=zxing-cpp,zbar,opencv
#   JOBS="default 1": the dev and public sets run once per entry, with inkan's default worker
#   count (the machine's cores) and with `--jobs 1` (single-threaded, like the anchors), so the
#   time comparison is fair both ways. Per-pass timings: INKAN_QR_TRACE=1 inkan qr decode ...
#   FRAMES=1 (default): also time per image inside one process, inkan
#   (core/examples/qr_frames.rs) and zxing-cpp (tests/qr/frames_zxing.py) measured alike,
#   from the file and from the greyscale plane (the camera-frame path), with the median per
#   1080p frame that issue 3 targets; bench.py's batch figures include process start.
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
    for jobs in ${JOBS:-default 1}; do
      flag=""
      [ "$jobs" = default ] || flag=" --jobs $jobs"
      echo "--- $set, inkan jobs: $jobs"
      python3 "$SHARED/qr/bench.py" --set "$SHARED/qr/$set/manifest.json" \
        --cmd "$BIN qr decode --json$flag" --anchors "${ANCHORS:-zxing-cpp,zbar,opencv}" \
        --reps "${REPS:-3}"
    done
  fi
done
if [ "${FRAMES:-1}" = 1 ]; then
  manifests=""
  for set in ${SETS:-dev public adversarial}; do
    [ "$set" = adversarial ] || manifests="$manifests $SHARED/qr/$set/manifest.json"
  done
  if [ -n "$manifests" ]; then
    cargo build --release -p inkan-core --example qr_frames --quiet
    echo
    echo "=== time per image inside one process: inkan"
    "$ROOT/target/release/examples/qr_frames" $manifests
    echo "=== time per image inside one process: zxing-cpp"
    python3 "$ROOT/tests/qr/frames_zxing.py" $manifests
  fi
fi

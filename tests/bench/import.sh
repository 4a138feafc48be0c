#!/usr/bin/env bash
# Figure for issue 14: a 10,000-account Aegis plain file imported into a new vault by the
# release CLI (target ≤ 1 s; printed, not asserted). The file is generated here: random
# secrets, Aegis's own JSON layout (db version 1, no slots).
set -euo pipefail
ROOT="${INKAN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$ROOT"
cargo build --release -p inkan-cli --quiet
BIN="$ROOT/target/release/inkan"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/aegis-10k.json" <<'PY'
import base64, json, os, sys, uuid
entries = [{"type": "totp", "uuid": str(uuid.uuid4()), "name": f"user{i}", "issuer": f"Service {i % 97}",
            "icon": None, "info": {"secret": base64.b32encode(os.urandom(20)).decode().rstrip("="),
                                   "algo": "SHA1", "digits": 6, "period": 30}} for i in range(10000)]
json.dump({"version": 1, "header": {"slots": None, "params": None},
           "db": {"version": 1, "entries": entries}}, open(sys.argv[1], "w"))
PY
for run in 1 2 3; do
  rm -f "$work/v.inkan"*
  t0=$(date +%s.%N)
  printf 'bench-password\n' | "$BIN" --vault "$work/v.inkan" --password-stdin import --json "$work/aegis-10k.json" >"$work/out.json" 2>/dev/null
  t1=$(date +%s.%N)
  added=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["added"]))' "$work/out.json")
  echo "import 10,000-account Aegis plain file, new vault (run $run): $(python3 -c "print(f'{$t1-$t0:.2f}')") s, $added added (target ≤ 1 s)"
done

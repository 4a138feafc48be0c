#!/usr/bin/env bash
# Push interop against a real privacyIDEA 3.14 server (shared/peers/privacyidea): starts the
# peer (PI_HOME under $INKAN_BUILD; the first run pip-installs it into a venv, ~1-3 min),
# runs the scenarios of tests/tests/push/ through the inkan CLI (the code-to-phone ones switch the
# push_auth policy at runtime through the admin API, tests/push/peer_admin.py, and back: no
# restart), prints the results table,
# then the client-side benchmark, and stops the peer on exit whatever happened.
set -euo pipefail
cd "$INKAN_ROOT"
PEER="$INKAN_SHARED/peers/privacyidea"
export PI_HOME="$INKAN_BUILD/privacyidea-peer"
# The phone is told to use the test's tampering proxy, which forwards to the server.
export PI_PUBLIC_URL="https://127.0.0.1:5444"
trap 'bash "$PEER/down.sh" || true' EXIT
t0=$(date +%s)
bash "$PEER/up.sh" >"$INKAN_BUILD/privacyidea-up.log" 2>&1 || { cat "$INKAN_BUILD/privacyidea-up.log"; exit 1; }
echo "privacyIDEA peer up in $(( $(date +%s) - t0 )) s (PI_HOME=$PI_HOME)"
cargo build -q --release -p inkan-cli
INKAN_BIN="$INKAN_ROOT/target/release/inkan" \
  cargo test -q -p inkan-interop --test push -- --ignored --nocapture --test-threads=1 2>&1 \
  | grep -v '^\[interop\]'
cargo run -q --release -p inkan-core --example push_bench

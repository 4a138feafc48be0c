#!/usr/bin/env bash
# The vault against real components: Secret Service (gnome-keyring-daemon on a private
# D-Bus session), kernel keyutils (a fresh session keyring), a real pty for the live view,
# OpenCV reading the QR export, SIGKILL fault injection over 1000+ saves, and the
# benchmark figures.
set -euo pipefail
. "$INKAN_ROOT/tests/lib/install.sh"
apt_install gnome-keyring dbus-daemon dbus-x11 libsecret-tools keyutils strace
pip_install opencv-python-headless
cd "$INKAN_ROOT"
cargo build --release -p inkan-cli --quiet
B="$INKAN_ROOT/target/release/inkan"

# Secret Service: a private bus and a throwaway keyring in its own HOME, unlocked with a
# throwaway password (gnome-keyring creates the login collection on first unlock).
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
HOME="$keyring_home" XDG_DATA_HOME="$keyring_home/share" dbus-run-session -- bash -c '
  set -euo pipefail
  echo -n "ci-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  bash "$0" secret-service "$1"
' "$INKAN_ROOT/tests/vault/keystore-check.sh" "$B" 2> >(grep -v "Failed to set fd limit" >&2)

# keyutils: a new anonymous session keyring, discarded afterwards.
keyctl session - bash "$INKAN_ROOT/tests/vault/keystore-check.sh" keyutils "$B" 2> >(grep -v "Joined session keyring" >&2)

# Issue 16 item 3: the release binary has no test-only KDF switch, and refuses a file
# made with the test parameters (core/tests/data/vault/inkan_test_kdf.inkan) as too weak.
kdf_home=$(mktemp -d)
trap 'rm -rf "$keyring_home" "$kdf_home"' EXIT
echo pw | HOME="$kdf_home" INKAN_KEYSTORE=none INKAN_INSECURE_TEST_KDF=1 "$B" --vault "$kdf_home/v.inkan" \
  --password-stdin add 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP' >/dev/null 2>&1
HOME="$kdf_home" INKAN_KEYSTORE=none "$B" --vault "$kdf_home/v.inkan" vault status \
  | grep -q "slot password  Argon2id m=32768 KiB t=2 p=1" \
  || { echo "INKAN_INSECURE_TEST_KDF=1 changed the release binary's KDF" >&2; exit 1; }
cp core/tests/data/vault/inkan_test_kdf.inkan "$kdf_home/weak.inkan"
if echo fixture-password | HOME="$kdf_home" INKAN_KEYSTORE=none "$B" --vault "$kdf_home/weak.inkan" \
  --password-stdin list 2>"$kdf_home/err" >/dev/null; then
  echo "the release binary opened a vault with test-only KDF parameters" >&2; exit 1
fi
grep -q "key derivation is too weak" "$kdf_home/err" || { cat "$kdf_home/err" >&2; exit 1; }
rm -rf "$kdf_home"
echo "kdf: the release binary ignores INKAN_INSECURE_TEST_KDF and refuses test-weak files"

# The live view in a real pseudo-terminal: redraws, Ctrl-C exits 0, cursor restored.
python3 "$INKAN_ROOT/tests/vault/live_view.py" "$B"

# Google-migration QR export read back by an independent decoder (OpenCV).
python3 "$INKAN_ROOT/tests/vault/qr_export_check.py" "$B"

# The README main job on a fresh data directory: creates the demo vault, then terminates.
demo_home=$(mktemp -d)
trap 'rm -rf "$keyring_home" "$kdf_home" "$demo_home"' EXIT
demo_out=$(HOME="$demo_home" XDG_DATA_HOME="$demo_home/share" "$B" demo --for 2s </dev/null)
grep -q "GitHub (octocat)" <<<"$demo_out"
HOME="$demo_home" XDG_DATA_HOME="$demo_home/share" "$B" demo --for 0s </dev/null >/dev/null
rm -rf "$demo_home"
echo "demo: first run created the sample vault, second run reopened it"

# Fault injection: SIGKILL during saves; zero loss required (see core/tests/fault_injection.rs).
INKAN_FAULT_SAVES="${INKAN_FAULT_SAVES:-1000}" cargo test -q -p inkan-core --test fault_injection -- \
  --ignored --nocapture sigkill_during_saves_loses_nothing 2>&1 | tee "$INKAN_BUILD/fault-injection.log" \
  | grep -E "^fault injection:|panicked|FAILED" || true
grep -q "^fault injection: .* 0 lost" "$INKAN_BUILD/fault-injection.log"

# Power cut: the real save's syscalls under strace, replayed through a model that drops
# every unsynced write (docs/vault-format.md, "Durability").
cargo build -q -p inkan-core --example vault_saves
python3 "$INKAN_ROOT/tests/vault/durability_trace.py" "$INKAN_ROOT/target/debug/examples/vault_saves" 20

bash "$INKAN_ROOT/tests/vault/bench.sh"

#!/usr/bin/env bash
# Checks inkan's keystore slot against a real OS keystore.
# Usage: keystore-check.sh secret-service|keyutils PATH_TO_INKAN
# Run it inside the store's session: `dbus-run-session -- …` with an unlocked
# gnome-keyring-daemon for secret-service, `keyctl session - …` for keyutils
# (tests/ci.d/40-vault.sh does both).
set -euo pipefail
backend=$1
B=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export INKAN_KEYSTORE=$backend HOME=$work XDG_DATA_HOME=$work/xdg
V=(--vault "$work/v.inkan")
fail() { echo "keystore $backend: FAIL: $*" >&2; exit 1; }

find_key() {
  case $backend in
    secret-service) secret-tool lookup service inkan username "$1" >/dev/null 2>&1 ;;
    keyutils) keyctl search @s user "keyring-rs:$1@inkan" >/dev/null 2>&1 ;;
  esac
}
drop_key() { # behind inkan's back, as a wiped keyring or a reboot would
  case $backend in
    secret-service) secret-tool clear service inkan ;;
    keyutils) keyctl invalidate "$(keyctl search @s user "keyring-rs:$1@inkan")" ;;
  esac
}
slot_key() { "$B" "${V[@]}" vault status | awk '/^current/ {c=1} /^previous/ {c=0} c && /slot keystore/ {print $4}'; }

echo pw | "$B" "${V[@]}" --password-stdin add 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME' >/dev/null 2>&1
echo pw | "$B" "${V[@]}" --password-stdin vault keystore-enable 2>"$work/err" || fail "enable: $(cat "$work/err")"
key=$(slot_key)
[ -n "$key" ] || fail "no keystore slot in the vault header"
find_key "$key" || fail "key $key is not in the $backend store"

out=$("$B" "${V[@]}" list --json </dev/null 2>"$work/err") || fail "the keystore did not open the vault: $(cat "$work/err")"
grep -q '"issuer": "ACME"' <<<"$out" || fail "unexpected list: $out"
code=$("$B" "${V[@]}" codes --json --at 1700000000 </dev/null) || fail "codes via keystore"
grep -q '"code": "' <<<"$code" || fail "no code"
# Push commands open the same vault through the same slot (no password on stdin).
if "$B" "${V[@]}" push poll --json </dev/null 2>"$work/err" >/dev/null; then fail "push poll without tokens succeeded"; fi
grep -q "no push token is paired yet" "$work/err" || fail "push commands did not open the vault via the keystore: $(cat "$work/err")"

drop_key "$key"
if "$B" "${V[@]}" list </dev/null 2>"$work/err" >/dev/null; then fail "opened although the key is gone"; fi
grep -q "password" "$work/err" || fail "no clear message without the key: $(cat "$work/err")"
echo pw | "$B" "${V[@]}" --password-stdin list >/dev/null || fail "password fallback"

echo pw | "$B" "${V[@]}" --password-stdin vault keystore-enable 2>/dev/null || fail "re-enable"
key=$(slot_key)
find_key "$key" || fail "re-enabled key $key missing"
# A password change re-keys the vault; the keystore slot is rewrapped without the store.
printf 'pw\nnew-pw\n' | "$B" "${V[@]}" --password-stdin vault passwd 2>/dev/null || fail "passwd"
[ "$(slot_key)" = "$key" ] || fail "passwd replaced the keystore slot"
"$B" "${V[@]}" list </dev/null >/dev/null 2>"$work/err" || fail "keystore after passwd: $(cat "$work/err")"
if echo pw | "$B" "${V[@]}" --password-stdin list >/dev/null 2>&1; then fail "old password still opens"; fi
echo new-pw | "$B" "${V[@]}" --password-stdin vault keystore-disable 2>/dev/null || fail "disable"
find_key "$key" && fail "key still in the store after disable"
[ -z "$(slot_key)" ] || fail "keystore slot still in the vault"
echo "keystore $backend: ok (stored in the real store, unlock without password, also for push commands, fallback when the key is gone, kept across a re-keying password change, delete)"

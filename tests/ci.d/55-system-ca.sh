#!/usr/bin/env bash
# SEC-P3 with the system trust store. The CLI verifies servers with the platform verifier
# (rustls-platform-verifier: on Debian the OpenSSL paths, /etc/ssl/certs). A throwaway CA
# signs a certificate for 127.0.0.1 and one for another name; `inkan push pair` to loopback
# HTTPS servers (tests/lib/tls_echo_server.py: any request → 404) must
#   1. refuse the certificate while the CA is not installed: the server sees no request;
#   2. accept it with the CA pinned (--ca-file), still not installed;
#   3. accept it once the CA is installed (update-ca-certificates): the server sees the
#      rollout POST, pairing then fails at the protocol level (404), not at TLS;
#   4. refuse the certificate for another name with the CA installed;
#      bad input "TLS certificate for another name";
#   5. refuse again once the CA is removed (update-ca-certificates --fresh).
# The store is changed inside a private mount namespace (unshare -m) over copies of
# /etc/ssl/certs and /usr/local/share/ca-certificates: the CLI sees the real paths, no other
# process does, and nothing outlives the step. Without unshare the real store is changed and
# restored by an EXIT trap. Hooks (the Java keystore) never run: --hooksdir is empty.
set -euo pipefail
cd "$INKAN_ROOT"

if [ -z "${INKAN_CA_WORK:-}" ]; then
  # INKAN_BIN picks another build (e.g. target/debug/inkan), as in tests/tests/push/.
  [ -n "${INKAN_BIN:-}" ] || cargo build -q --release -p inkan-cli
  INKAN_CA_WORK="$(mktemp -d)"
  export INKAN_CA_WORK
  trap 'rm -rf "$INKAN_CA_WORK"' EXIT
  bundle=/etc/ssl/certs/ca-certificates.crt
  before="$(sha256sum "$bundle")"
  rc=0
  if unshare -m --propagation private true 2>/dev/null; then
    unshare -m --propagation private bash "$0" ns || rc=$?
    # Nothing of the namespace may reach the real store.
    if [ "$(sha256sum "$bundle")" != "$before" ]; then
      echo "system-ca: FAIL the real $bundle changed"; rc=1
    fi
  else
    echo "system-ca: no mount namespace here; the real store is changed and restored"
    bash "$0" real || rc=$?
  fi
  if [ -f "$INKAN_CA_WORK/ca.pem" ] && grep -qF "$(sed -n 2p "$INKAN_CA_WORK/ca.pem")" "$bundle"; then
    echo "system-ca: FAIL the test CA is still in $bundle"; rc=1
  fi
  exit "$rc"
fi

work="$INKAN_CA_WORK"
mkdir -p "$work/nohooks"
if [ "${1:-}" = ns ]; then
  for d in /etc/ssl/certs /usr/local/share/ca-certificates; do
    copy="$work/store${d//\//_}"
    mkdir -p "$copy" "$d"
    cp -a "$d/." "$copy/"
    mount --bind "$copy" "$d"
  done
fi
installed="/usr/local/share/ca-certificates/inkan-throwaway-test-ca-$$.crt"
servers=()
# update-ca-certificates, quiet unless it fails (openssl rehash warns about the bundle).
update_store() {
  update-ca-certificates --hooksdir "$work/nohooks" "$@" >"$work/update.log" 2>&1 ||
    { cat "$work/update.log"; return 1; }
}
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -e "$installed" ]; then
    rm -f "$installed"
    update_store --fresh || true
  fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP # so that the EXIT trap restores the store on a kill too

# A CA (P-256, two days) and two server certificates it signs: 127.0.0.1 and another name.
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -keyout ca.key -out ca.pem -subj "/CN=inkan throwaway test CA $$" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
leaf() { # leaf NAME SAN
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" \
    -subj "/CN=$1" -out "$1.csr" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n' "$2" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
    -extfile "$1.ext" -out "$1.pem" 2>/dev/null
}
leaf loopback IP:127.0.0.1
leaf other DNS:other.invalid

serve() { # serve NAME: a TLS server with NAME's certificate; its port in NAME.port
  python3 "$INKAN_ROOT/tests/lib/tls_echo_server.py" "$1.pem" "$1.key" "$1.port" "$1.log" &
  servers+=($!)
  for _ in $(seq 100); do [ -s "$1.port" ] && return 0; sleep 0.1; done
  echo "system-ca: the $1 server did not start"; exit 1
}
serve loopback
serve other
touch loopback.log other.log

failed=0
check() { # check DESCRIPTION CONDITION...
  local what="$1"; shift
  local said; said="$( (tail -n 1 out || true) 2>/dev/null | head -c 200)"
  if "$@"; then echo "system-ca: PASS $what${said:+ ($said)}"; else
    echo "system-ca: FAIL $what"; echo "  inkan said: $(tail -n 3 out | tr '\n' ' ')"; failed=1; fi
}
# `inkan push pair` to the server NAME (extra arguments before the link); output in ./out.
pair() {
  local port; port="$(cat "$1.port")"; shift
  local link="otpauth://pipush/INKANCA1?url=https%3A//127.0.0.1%3A$port/ttype/push&ttl=10"
  link+="&issuer=inkan-ci&enrollment_credential=00112233445566778899&v=1&serial=INKANCA1&sslverify=1"
  # Only the system paths: no SSL_CERT_FILE/SSL_CERT_DIR from the caller.
  printf 'system-ca test password\n' | env -u SSL_CERT_FILE -u SSL_CERT_DIR \
    INKAN_INSECURE_TEST_KDF=1 INKAN_KEYSTORE=none "${INKAN_BIN:-$INKAN_ROOT/target/release/inkan}" \
    push pair --json --yes --vault "$work/vault.inkan" --password-stdin "$@" "$link" >out 2>&1 || true
}
tls_refused() { grep -q "TLS verification of the server failed" out; }
untrusted() { tls_refused && grep -qi "UnknownIssuer" out; }
wrong_name() { tls_refused && grep -q "certificate not valid for name" out; }
requests() { wc -l <"$1.log"; }
# Reached the server over verified TLS: it logged the rollout POST, and inkan reports the 404.
reached() { [ "$(requests loopback)" -gt "$1" ] && ! tls_refused && grep -q "refused the enrollment: HTTP 404" out; }

pair loopback
check "CA not installed: certificate refused, no request reached the server" \
  eval 'untrusted && [ "$(requests loopback)" -eq 0 ]'

pair loopback --ca-file ca.pem
check "CA pinned with --ca-file, not installed: TLS verified, then the protocol error" reached 0

cp ca.pem "$installed"
update_store
rm -f out
check "update-ca-certificates put the CA in the system bundle" \
  grep -qF "$(sed -n 2p ca.pem)" /etc/ssl/certs/ca-certificates.crt
seen="$(requests loopback)"
pair loopback
check "CA installed: TLS verified, then the protocol error" reached "$seen"

pair other
check "CA installed, certificate for another name: refused, no request" \
  eval 'wrong_name && [ "$(requests other)" -eq 0 ]'

rm -f "$installed"
update_store --fresh
seen="$(requests loopback)"
pair loopback
check "CA removed again: certificate refused" \
  eval 'untrusted && [ "$(requests loopback)" -eq "$seen" ]'
exit "$failed"

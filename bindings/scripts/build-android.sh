#!/usr/bin/env bash
# Android packaging: libinkan.so for arm64-v8a, armeabi-v7a and x86_64 into the AAR's
# jniLibs, plus the generated Kotlin bindings. Needs the Android NDK (ANDROID_NDK_HOME) and
# cargo-ndk; not runnable on the project's Linux machines (no NDK there).
#
#   bindings/scripts/build-android.sh            # release, into android/lib/src/main/
#   OUT=/tmp/aar-src bindings/scripts/build-android.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-$ROOT/android/lib/src/main}"
API="${ANDROID_API:-24}" # minSdk: Android 7.0 (BiometricPrompt needs 28, checked at runtime)
cd "$ROOT"

[ -n "${ANDROID_NDK_HOME:-}" ] || { echo "build-android: set ANDROID_NDK_HOME" >&2; exit 1; }
command -v cargo-ndk >/dev/null || cargo install --locked cargo-ndk --version 3.5.4
rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android

# 16 KB pages: required for apps targeting Android 15+ on 16 KB devices.
export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-Wl,-z,max-page-size=16384"
cargo ndk --platform "$API" -t arm64-v8a -t armeabi-v7a -t x86_64 \
  -o "$OUT/jniLibs" build --release -p inkan-ffi --lib

# Kotlin bindings from a host debug build: the release profile strips symbols, and with them
# the uniffi metadata that library mode reads. Same features as the release .so files (no
# `testing`), so the API checksums match.
cargo build -p inkan-ffi --features bindgen-cli --lib --bin uniffi-bindgen
rm -rf "$OUT/kotlin/dev/inkan/core"
target/debug/uniffi-bindgen generate target/debug/libinkan.so \
  --language kotlin --out-dir "$OUT/kotlin"

for abi in arm64-v8a armeabi-v7a x86_64; do
  printf '%-12s %s bytes\n' "$abi" "$(stat -c %s "$OUT/jniLibs/$abi/libinkan.so")"
done
echo "build-android: jniLibs and Kotlin bindings in $OUT"

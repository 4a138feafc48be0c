#!/usr/bin/env bash
# Android shell check without the Android SDK: compiles every Kotlin source of the app
# (framework code against org.robolectric:android-all, API 34, from Maven Central) together
# with the generated uniffi bindings, then runs the shell's pure-logic tests (JUnit 5) on
# the JVM against the real Rust library through JNA. android-all is on the compile classpath
# only, so a "pure" shell class that touched android.* fails at run time.
# Prints the JUnit summary and "android: N passed, M failed". Idempotent; run as root.
. "$(dirname "${BASH_SOURCE[0]}")/../tests/bindings/lib.sh"
. "$INKAN_ROOT/tests/lib/maven.sh"

bash "$INKAN_SHARED/toolchains/kotlin-setup" >/dev/null
. "${INKAN_KOTLIN_HOME:-/var/cache/inkan/kotlin}/env.sh"
ANDROID_ALL=$(maven_jar org.robolectric android-all 14-robolectric-10818077 \
  6be2218c6a53fe3c57bc22ebdc723edcb7270a8a6f187545708aa5c0ed813977)

build_ffi
out="$INKAN_BUILD/android"
generate kotlin "$out/generated"
rm -rf "$out/classes" && mkdir -p "$out/classes"
app="$INKAN_ROOT/android/app/src"
sources=$(find "$app/main/kotlin" -name '*.kt' | wc -l)
t0=$SECONDS
kotlinc -nowarn -jvm-target 17 -cp "$INKAN_KOTLIN_TEST_CP:$ANDROID_ALL" \
  "$out/generated" "$app/main/kotlin" "$app/test/kotlin" -d "$out/classes" 2>&1 \
  | grep -v '^warning: unable to find kotlin-stdlib.jar' || true
[ -f "$out/classes/dev/inkan/android/platform/ScanActivity.class" ] || { log "kotlinc failed"; exit 1; }
log "kotlinc: $sources app sources + bindings + tests compiled in $((SECONDS - t0)) s"

rc=0
junit=$(java -Djna.library.path="$FFI_LIBDIR" -jar "$INKAN_JUNIT_CONSOLE_JAR" \
  --class-path "$out/classes:$INKAN_KOTLIN_RUNTIME_CP" --scan-class-path \
  --fail-if-no-tests --disable-banner --disable-ansi-colors --details=tree 2>&1) || rc=$?
printf '%s\n' "$junit"
passed=$(sed -n 's/^\[ *\([0-9]*\) tests successful.*/\1/p' <<<"$junit")
failed=$(sed -n 's/^\[ *\([0-9]*\) tests failed.*/\1/p' <<<"$junit")
echo "android: $sources Kotlin sources compiled; ${passed:-0} passed, ${failed:-0} failed"
exit "$rc"

#!/usr/bin/env bash
# Kotlin binding tests (tests/scenarios.md): kotlin-setup, build libinkan.so + bindgen,
# generate the Kotlin bindings, compile them with the tests in one kotlinc call, run JUnit 5
# on the JVM (JNA loads the host-built library). Prints the JUnit summary and one
# closing line "kotlin: N passed, M failed". Idempotent; run as root (kotlin-setup needs it).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$INKAN_ROOT/tests/lib/maven.sh"

bash "$INKAN_SHARED/toolchains/kotlin-setup" >/dev/null
. "${INKAN_KOTLIN_HOME:-/var/cache/inkan/kotlin}/env.sh"
COROUTINES=$(coroutines_jar)

build_ffi
out="$INKAN_BUILD/kotlin"
generate kotlin "$out/generated"
rm -rf "$out/classes" && mkdir -p "$out/classes"
t0=$SECONDS
kotlinc -nowarn -cp "$INKAN_KOTLIN_TEST_CP:$COROUTINES" \
  "$out/generated" "$INKAN_ROOT/android/lib-test/src/test/kotlin" -d "$out/classes" 2>&1 \
  | grep -v '^warning: unable to find kotlin-stdlib.jar' || true
[ -n "$(ls -A "$out/classes")" ] || { log "kotlinc failed"; exit 1; }
log "kotlinc: $((SECONDS - t0)) s"

rc=0
junit=$(java -Djna.library.path="$FFI_LIBDIR" -jar "$INKAN_JUNIT_CONSOLE_JAR" \
  --class-path "$out/classes:$INKAN_KOTLIN_RUNTIME_CP:$COROUTINES" --scan-class-path \
  --fail-if-no-tests --disable-banner --disable-ansi-colors --details=tree 2>&1) || rc=$?
printf '%s\n' "$junit"
passed=$(sed -n 's/^\[ *\([0-9]*\) tests successful.*/\1/p' <<<"$junit")
failed=$(sed -n 's/^\[ *\([0-9]*\) tests failed.*/\1/p' <<<"$junit")
echo "kotlin: ${passed:-0} passed, ${failed:-0} failed"
exit "$rc"

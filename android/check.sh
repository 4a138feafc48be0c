#!/usr/bin/env bash
# Android shell check without the Android SDK: compiles every Kotlin source of the app
# (framework code against org.robolectric:android-all, API 34, from Maven Central) together
# with the generated uniffi bindings, then runs the shell's pure-logic tests (JUnit 5) on
# the JVM against the real Rust library through JNA. android-all is on the compile classpath
# only, so a "pure" shell class that touched android.* fails at run time.
# Then Robolectric (Maven Central, resolved with mvn) runs the framework code — activities,
# notifications — on the JVM, again with the real library (INKAN_ROBOLECTRIC=0 skips it).
# Prints the JUnit summaries and "android: N passed, M failed". Idempotent; run as root.
. "$(dirname "${BASH_SOURCE[0]}")/../tests/bindings/lib.sh"
. "$INKAN_ROOT/tests/lib/maven.sh"
. "$INKAN_ROOT/tests/lib/install.sh"
ROBOLECTRIC="${INKAN_ROBOLECTRIC:-1}"

bash "$INKAN_SHARED/toolchains/kotlin-setup" >/dev/null
. "${INKAN_KOTLIN_HOME:-/var/cache/inkan/kotlin}/env.sh"
ANDROID_ALL=$(maven_jar org.robolectric android-all 14-robolectric-10818077 \
  6be2218c6a53fe3c57bc22ebdc723edcb7270a8a6f187545708aa5c0ed813977)
COROUTINES=$(coroutines_jar)

build_ffi
out="$INKAN_BUILD/android"
app="$INKAN_ROOT/android/app/src"
generate kotlin "$out/generated"

robo_cp="" robo_src=""
if [ "$ROBOLECTRIC" = 1 ]; then
  apt_install maven
  robo_lib="$out/robolectric-lib"
  mkdir -p "$out"
  if [ ! -f "$robo_lib/.ready" ]; then
    rm -rf "$robo_lib"
    mvn -q -B -f "$INKAN_ROOT/android/robolectric/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$robo_lib" -DincludeScope=runtime -Dstyle.color=never >"$out/mvn.log" 2>&1 \
      || { cat "$out/mvn.log"; exit 1; }
    # androidx.test's monitor comes as an .aar: its classes.jar is what the JVM needs.
    for aar in "$robo_lib"/*.aar; do unzip -q -o -p "$aar" classes.jar >"${aar%.aar}.jar"; done
    touch "$robo_lib/.ready"
  fi
  robo_cp="$(find "$robo_lib" -name '*.jar' | sort | tr '\n' ':')"
  robo_src="$app/robolectric/kotlin"
fi

rm -rf "$out/classes" && mkdir -p "$out/classes"
sources=$(find "$app/main/kotlin" -name '*.kt' | wc -l)
t0=$SECONDS
# One kotlinc call (one cold JVM): bindings, app, JVM tests, Robolectric tests.
kotlinc -nowarn -jvm-target 17 -cp "$INKAN_KOTLIN_TEST_CP:$COROUTINES:$ANDROID_ALL:$robo_cp" \
  "$out/generated" "$app/main/kotlin" "$app/test/kotlin" $robo_src -d "$out/classes" 2>&1 \
  | grep -v '^warning: unable to find kotlin-stdlib.jar' || true
[ -f "$out/classes/dev/inkan/android/platform/ScanActivity.class" ] || { log "kotlinc failed"; exit 1; }
log "kotlinc: $sources app sources + bindings + tests compiled in $((SECONDS - t0)) s"

total_passed=0 total_failed=0 rc=0
# run_junit <title> <classes> <classpath>: the console launcher on the system class path (its
# -jar mode closes the test class loader before Robolectric's shutdown hooks run).
# <classes> is a space-separated list.
run_junit() {
  local junit r=0 c select=()
  for c in $2; do select+=(--select-class "$c"); done
  junit=$(java -Djna.library.path="$FFI_LIBDIR" -Dinkan.manifest="$app/main/AndroidManifest.xml" -cp "$INKAN_JUNIT_CONSOLE_JAR:$3" \
    org.junit.platform.console.ConsoleLauncher "${select[@]}" \
    --fail-if-no-tests --disable-banner --disable-ansi-colors --details=tree 2>&1) || r=$?
  printf '%s\n' "$junit"
  local passed failed
  passed=$(sed -n 's/^\[ *\([0-9]*\) tests successful.*/\1/p' <<<"$junit")
  failed=$(sed -n 's/^\[ *\([0-9]*\) tests failed.*/\1/p' <<<"$junit")
  echo "android $1: ${passed:-0} passed, ${failed:-0} failed"
  total_passed=$((total_passed + ${passed:-0})); total_failed=$((total_failed + ${failed:-0}))
  [ "$r" -eq 0 ] || rc=$r
}
# Shell logic without android-all at run time: proves it does not touch the framework.
run_junit "shell (JVM)" "ShellTest TransportTest PushFlowTest" "$out/classes:$COROUTINES:$INKAN_KOTLIN_RUNTIME_CP"
if [ "$ROBOLECTRIC" = 1 ]; then
  run_junit "framework (Robolectric)" "FrameworkTest ShellPlatformTest" "$out/classes:$COROUTINES:$ANDROID_ALL:$robo_cp$INKAN_KOTLIN_RUNTIME_CP"
fi
echo "android: $sources Kotlin sources compiled; $total_passed passed, $total_failed failed"
exit "$rc"

#!/usr/bin/env bash
# Android shell: compile every Kotlin source against android-all, JVM tests of the shell
# logic through JNA (android/check.sh). Reuses the library and bindgen of step 60.
set -euo pipefail
exec bash "$INKAN_ROOT/android/check.sh"

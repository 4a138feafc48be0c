#!/usr/bin/env bash
# Android shell: compile every Kotlin source against android-all, JVM tests of the shell
# logic through JNA (android/check.sh). Reuses the library and bindgen of step 60.
set -euo pipefail
# No user-facing literal in Android shell files that render the app model; the legacy
# screens' literal counts may only go down (tests/lib/shell_literals.known).
python3 "$INKAN_ROOT/tests/lib/shell_literals.py" android
exec bash "$INKAN_ROOT/android/check.sh"

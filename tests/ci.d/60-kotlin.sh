#!/usr/bin/env bash
# Kotlin/JVM binding tests (JUnit 5 via JNA): see tests/bindings/kotlin.sh.
set -euo pipefail
exec bash "$INKAN_ROOT/tests/bindings/kotlin.sh"

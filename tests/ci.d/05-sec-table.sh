#!/usr/bin/env bash
# Every line of SECURITY.md has a test that cites it, or is listed as a gap in
# docs/security.md (tests/lib/sec_table.py; notes when the table there is out of date).
set -euo pipefail
cd "$INKAN_ROOT"
python3 tests/lib/sec_table.py --check

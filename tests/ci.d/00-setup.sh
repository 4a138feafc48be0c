#!/usr/bin/env bash
# Installs what the Rust steps need: rustfmt/clippy, nightly + cargo-fuzz, pyotp, oathtool, hyperfine.
set -euo pipefail
. "$INKAN_ROOT/tests/lib/install.sh"
apt_install oathtool hyperfine
pip_install pyotp==2.12.1
rustup component add rustfmt clippy >/dev/null 2>&1 || true

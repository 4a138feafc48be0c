# Idempotent installers shared by the CI steps. Source it; do not run it.
apt_updated=""
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
pip_install() {
  local missing=()
  for spec in "$@"; do
    local name="${spec%%[=<>]*}"
    python3 -m pip show -q "$name" >/dev/null 2>&1 || missing+=("$spec")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  python3 -m pip install -q --disable-pip-version-check "${missing[@]}"
}
cargo_install() { # cargo_install <crate> <binary> [version]
  command -v "$2" >/dev/null 2>&1 && return 0
  cargo install -q --locked "$1" ${3:+--version "$3"}
}

#!/usr/bin/env bash
# support: installs every Debian package weft's build, tests and benchmarks need; idempotent.
# Works as root or through sudo; does nothing slow when everything is already present.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkgconf git python3
  default-jre-headless antlr4 libantlr4-runtime-dev uuid-dev
  libz3-dev z3 libboost-graph-dev libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev
  graphviz librsvg2-bin libxml2-utils
  chromium spin
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"

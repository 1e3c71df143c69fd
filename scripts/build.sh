#!/usr/bin/env bash
# scripts: configures and builds weft into a build directory (default build/, Release-with-debug-info).
# Usage: scripts/build.sh [BUILD_DIR] [extra cmake args...]   e.g. scripts/build.sh build-asan -DWEFT_SANITIZE=ON
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-build}
shift || true
[[ "$dir" = /* ]] || dir="$root/$dir"
jobs=${WEFT_JOBS:-$(nproc)}
cmake -G Ninja -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=${WEFT_BUILD_TYPE:-RelWithDebInfo} "$@" >/dev/null
ninja -C "$dir" -j "$jobs"

#!/usr/bin/env bash
# scripts: the whole test suite on a fresh machine: installs packages, builds weft normally and
# with AddressSanitizer + UndefinedBehaviorSanitizer, and runs every test (unit, golden, CLI,
# corpus, mutation robustness) in both builds. Exit status is ctest's. Under the sanitizers
# the corpus runs with one worker only (the 1-vs-2-worker identity is checked in the normal build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh

echo "== build (RelWithDebInfo) =="
bash scripts/build.sh build
echo "== tests (RelWithDebInfo) =="
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 900

if [ "${WEFT_SKIP_SANITIZERS:-0}" != "1" ]; then
  echo "== build (AddressSanitizer + UndefinedBehaviorSanitizer) =="
  bash scripts/build.sh build-asan -DWEFT_SANITIZE=ON
  echo "== tests (AddressSanitizer + UndefinedBehaviorSanitizer) =="
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$(nproc)" --timeout 1800 -E "corpus_w2" -LE slow_in_asan
fi

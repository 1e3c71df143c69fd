#!/usr/bin/env bash
# tests: builds weft and regenerates every golden file; review the diff before committing.
#
# Usage: scripts/regen_golden.sh [BUILD_DIR]      (default: $WEFT_BUILD_DIR or build-golden)
#
# Golden suites live in tests/golden/<suite>/, one folder per case. A suite is regenerated
#   - by tests/golden/run_golden.py --update when the folder holds a suite.json (the
#     generic runner: command line, compared outputs, allowed exit codes; see its header), or
#   - by the suite's own tests/golden/<suite>/run_*.py --weft BIN --update when it needs
#     custom logic (a later suite may add one; it must accept those two options).
# New suites hook in by adding either file; nothing here needs to change.
# Last, the examples in docs/diagnostics.md are refreshed from the diagnostics cases
# (tests/golden/diagnostics_doc.py --update), so the documented messages are the real ones.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-${WEFT_BUILD_DIR:-$ROOT/build-golden}}"

if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -G Ninja -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
ninja -C "$BUILD" -j2 weft
WEFT="$BUILD/cli/weft"
[ -x "$WEFT" ] || WEFT="$(find "$BUILD" -name weft -type f -perm -u+x | head -n1)"
[ -x "$WEFT" ] || { echo "regen_golden: weft binary not found under $BUILD" >&2; exit 1; }

status=0
for suite in "$ROOT"/tests/golden/*/; do
  suite="${suite%/}"
  if [ -f "$suite/suite.json" ]; then
    echo "== $(basename "$suite") (run_golden.py)"
    python3 "$ROOT/tests/golden/run_golden.py" --weft "$WEFT" --update "$suite" || status=1
  fi
  for runner in "$suite"/run_*.py; do
    [ -f "$runner" ] || continue
    echo "== $(basename "$suite") ($(basename "$runner"))"
    python3 "$runner" --weft "$WEFT" --update || status=1
  done
done
echo "== docs/diagnostics.md examples"
python3 "$ROOT/tests/golden/diagnostics_doc.py" --update --root "$ROOT" || status=1
if [ $status -ne 0 ]; then
  echo "regen_golden: some cases broke a suite rule (see FAIL lines above)" >&2
fi
exit $status

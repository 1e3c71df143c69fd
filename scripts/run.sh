#!/usr/bin/env bash
# scripts: the main job on a fresh machine: installs packages, builds weft, and checks every
# ext4 inline-data fix candidate (specs/ext4_inline) with `weft compare`: the verdict table on
# stdout, report.html / report.md with every shortest counterexample in out/ext4-report.
# Exit status: weft compare's (0 only when every verdict matches its spec's header).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
bash scripts/build.sh build
out=out/ext4-report
mkdir -p "$out"
status=0
build/cli/weft compare specs/ext4_inline/f*.weft specs/ext4_inline/r1_*.weft --out "$out" || status=$?
echo
echo "report: $root/$out/report.html (SVG diagrams) and $root/$out/report.md (Mermaid)"
exit $status

#!/usr/bin/env bash
# scripts: the main job on a fresh machine: installs packages, builds weft, and checks the
# specs. Today: typechecks every spec in examples/ and specs/ (the engines arrive next).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
bash scripts/build.sh build
weft=build/cli/weft
status=0
count=0
while IFS= read -r -d '' spec; do
  count=$((count + 1))
  if "$weft" typecheck "$spec"; then
    echo "ok    $spec"
  else
    echo "FAIL  $spec"
    status=1
  fi
done < <(find examples specs -name '*.weft' -print0 | sort -z)
echo "typechecked $count specs"
exit $status

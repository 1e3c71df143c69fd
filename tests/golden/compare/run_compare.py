#!/usr/bin/env python3
# tests/golden/compare: the verdict table of `weft compare` on the ext4 inline-data suite,
# compared with expected.txt (time column masked); --update rewrites it.
"""Golden runner for the `weft compare` table.

Runs, from the repository root (so spec paths in the output are relative and stable):

    weft compare specs/ext4_inline/f*.weft specs/ext4_inline/r1_*.weft \
        --no-bmc --mask-time --quiet --workers 2

and compares its stdout with expected.txt in this folder. The time column is printed as
'-' by --mask-time; everything else (verdicts, shortest counterexample lengths, distinct
state counts, mismatches) must be identical. The BMC cross-check is left to the ext4 suite
test (tests/ext4), whose run time depends on Z3.

Usage:
    run_compare.py --weft BUILD/cli/weft [--update]
Exit status: 0 when the table matches (or was updated), 1 otherwise.
"""
import argparse
import difflib
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
EXPECTED = os.path.join(HERE, "expected.txt")


def suite():
    specs = sorted(glob.glob(os.path.join(ROOT, "specs", "ext4_inline", "f*.weft")))
    specs += sorted(glob.glob(os.path.join(ROOT, "specs", "ext4_inline", "r1_*.weft")))
    return [os.path.relpath(s, ROOT) for s in specs]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--weft", required=True, help="path to the weft binary")
    ap.add_argument("--update", action="store_true", help="rewrite expected.txt")
    args = ap.parse_args()
    weft = os.path.abspath(args.weft)
    specs = suite()
    if not specs:
        print("run_compare.py: no specs found under specs/ext4_inline", file=sys.stderr)
        return 1
    cmd = [weft, "compare"] + specs + ["--no-bmc", "--mask-time", "--quiet", "--workers", "2"]
    proc = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=1500, env=dict(os.environ, LC_ALL="C"))
    out = proc.stdout.decode("utf-8", "replace")
    if proc.returncode not in (0, 12):
        print(f"weft compare exited {proc.returncode}:\n{out}\n"
              f"{proc.stderr.decode('utf-8', 'replace')}", file=sys.stderr)
        return 1
    if args.update:
        with open(EXPECTED, "w", encoding="utf-8") as f:
            f.write(out)
        print(f"updated {os.path.relpath(EXPECTED, ROOT)}")
        return 0
    try:
        with open(EXPECTED, encoding="utf-8") as f:
            expected = f.read()
    except OSError as e:
        print(f"cannot read {EXPECTED}: {e} (run with --update)", file=sys.stderr)
        return 1
    if out != expected:
        sys.stdout.writelines(difflib.unified_diff(
            expected.splitlines(keepends=True), out.splitlines(keepends=True),
            "expected.txt", "weft compare"))
        print("\nthe compare table differs from tests/golden/compare/expected.txt; if the change is "
              "intended, rerun with --update and review the diff")
        return 1
    print(f"compare table matches ({len(specs)} specs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# tests/golden/lockorder: `weft check` on small lock-order specs; compares the text report, the
# --json summary and the lock-order graph written by --out (DOT) with expected files, and renders
# that DOT with Graphviz; --update rewrites the expected files.
"""Golden runner for the lock-order analysis.

Each case folder holds spec.weft, optionally `args` (extra `weft check` arguments on one line),
and the expected files:

    expected.txt        stdout of `weft check spec.weft --workers 1 ARGS` (timings masked)
    expected.json       stdout of the same with --json (the "seconds" member removed)
    expected.exit       the exit code
    expected.dot        lock-order.dot written by --out DIR (only when the graph has edges)

The same run is repeated with --workers 2 and must print the same report. When Graphviz's `dot`
is installed, every lock-order.dot must render with `dot -Tsvg` (a missing `dot` fails the run
unless --no-graphviz is given).

Usage:
    run_lockorder.py --weft BUILD/cli/weft [--update] [--case NAME]... [--no-graphviz]
Exit status: 0 when every case matches, 1 otherwise.
"""
import argparse
import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def case_dirs():
    return sorted(d for d in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, d, "spec.weft")))


def mask_text(text):
    text = re.sub(r"\b\d+\.\d+ s\b", "T s", text)
    text = re.sub(r" \([0-9.]+[KM]? transitions/s\)", "", text)
    return text


def mask_json(text):
    obj = json.loads(text)
    obj.pop("seconds", None)
    return json.dumps(obj, indent=1, sort_keys=False) + "\n"


def weft_check(weft, cdir, args, extra):
    return subprocess.run([weft, "check", "spec.weft"] + extra + args, cwd=cdir, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120,
                          env=dict(os.environ, LC_ALL="C"))


def run_case(weft, name, update, graphviz):
    cdir = os.path.join(HERE, name)
    args = []
    if os.path.exists(os.path.join(cdir, "args")):
        args = shlex.split(open(os.path.join(cdir, "args"), encoding="utf-8").read())
    problems = []
    actual = {}
    p1 = weft_check(weft, cdir, args, ["--workers", "1"])
    actual["expected.txt"] = mask_text(p1.stdout.decode("utf-8", "replace"))
    actual["expected.exit"] = f"{p1.returncode}\n"
    p2 = weft_check(weft, cdir, args, ["--workers", "2"])
    if mask_text(p2.stdout.decode("utf-8", "replace")).replace("2 worker(s)", "1 worker(s)") != actual["expected.txt"]:
        problems.append("--workers 2 prints a different report than --workers 1")
    pj = weft_check(weft, cdir, args, ["--workers", "1", "--json", "--quiet"])
    try:
        actual["expected.json"] = mask_json(pj.stdout.decode("utf-8"))
    except ValueError as e:
        problems.append(f"--json output is not JSON: {e}")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        pd = weft_check(weft, cdir, args, ["--workers", "1", "--quiet", "--out", out])
        dot = os.path.join(out, "lock-order.dot")
        if pd.returncode != p1.returncode:
            problems.append(f"--out run exited {pd.returncode}, the plain run {p1.returncode}")
        if os.path.exists(dot):
            actual["expected.dot"] = open(dot, encoding="utf-8").read()
            if not os.path.exists(os.path.join(out, "lock-order.svg")):
                problems.append("--out wrote lock-order.dot but no lock-order.svg")
            if graphviz:
                if shutil.which("dot") is None:
                    problems.append("Graphviz `dot` is not installed (use --no-graphviz to skip)")
                else:
                    g = subprocess.run(["dot", "-Tsvg", dot, "-o", os.path.join(tmp, "dot.svg")],
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
                    if g.returncode != 0 or not os.path.getsize(os.path.join(tmp, "dot.svg")):
                        problems.append("dot -Tsvg failed on lock-order.dot: " +
                                        g.stdout.decode("utf-8", "replace").strip())
    updated = 0
    for fname in ["expected.txt", "expected.exit", "expected.json", "expected.dot"]:
        path = os.path.join(cdir, fname)
        have = actual.get(fname)
        if update:
            if have is None:
                if os.path.exists(path):
                    os.remove(path)
                    updated += 1
                continue
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if old != have:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(have)
                updated += 1
                print(f"updated {name}/{fname}")
            continue
        if have is None:
            if os.path.exists(path):
                problems.append(f"{fname} exists but the run wrote no such output")
            continue
        if not os.path.exists(path):
            problems.append(f"missing {fname} (run with --update)")
            continue
        want = open(path, encoding="utf-8").read()
        if want != have:
            problems.append(f"{fname} differs")
            sys.stdout.writelines(difflib.unified_diff(want.splitlines(keepends=True), have.splitlines(keepends=True),
                                                       f"{name}/{fname}", f"{name}/actual"))
    return problems, updated


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--weft", required=True, help="path to the weft binary")
    ap.add_argument("--update", action="store_true", help="rewrite the expected files")
    ap.add_argument("--case", action="append", default=[], help="run only this case (repeatable)")
    ap.add_argument("--no-graphviz", action="store_true", help="do not render the DOT files with dot")
    opts = ap.parse_args()
    weft = os.path.abspath(opts.weft)
    if not os.access(weft, os.X_OK):
        print(f"run_lockorder: {weft} is not an executable", file=sys.stderr)
        return 1
    names = case_dirs()
    failed = [f"{c}: no such case" for c in opts.case if c not in names]
    if opts.case:
        names = [n for n in names if n in opts.case]
    passed = updated = 0
    for name in names:
        problems, n = run_case(weft, name, opts.update, not opts.no_graphviz)
        updated += n
        for p in problems:
            print(f"FAIL {name}: {p}")
        if problems:
            failed.append(f"{name}: " + "; ".join(problems))
        else:
            passed += 1
    print(f"run_lockorder: {passed} passed, {len(failed)} failed" +
          (f", {updated} file(s) updated" if opts.update else ""))
    for f in failed:
        print(f"  {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

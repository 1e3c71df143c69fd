#!/usr/bin/env python3
# tests/golden/traces: renders each fixed counterexample (<case>/trace.json) with
# `weft render` in every format and compares with the expected files; --update rewrites them.
"""Golden runner for counterexample renderings.

Each case folder holds trace.json (a weft JSON trace, written by hand or by the report
tests' fixtures) and one expected file per format:

    expected.txt        weft render trace.json --format text
    expected.full.txt   weft render trace.json --format text --full
    expected.json       weft render trace.json --format json   (read back and rewritten)
    expected.itf.json   weft render trace.json --format itf
    expected.mmd        weft render trace.json --format mermaid
    expected.dot        weft render trace.json --format dot
    expected.svg        weft render trace.json --format svg
    expected.waits.dot  weft render trace.json --format waits-dot   (traces with waits only)
    expected.waits.svg  weft render trace.json --format waits-svg   (traces with waits only)

The same files are checked in-process by tests/unit/report/golden_traces_test.cpp, so the
library and the CLI must render identically.

Usage:
    run_traces.py --weft BUILD/cli/weft [--update] [--case NAME]... [--check-tools]
--check-tools also validates the outputs with xmllint, rsvg-convert and dot when installed.
Without --case, `weft render`'s error handling and -o are checked too (one extra case).
Exit status: 0 when every case matches, 1 otherwise.
"""
import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# (expected file, weft render arguments after the trace path, needs waits)
FORMATS = [
    ("expected.txt", ["--format", "text"], False),
    ("expected.full.txt", ["--format", "text", "--full"], False),
    ("expected.json", ["--format", "json"], False),
    ("expected.itf.json", ["--format", "itf"], False),
    ("expected.mmd", ["--format", "mermaid"], False),
    ("expected.dot", ["--format", "dot"], False),
    ("expected.svg", ["--format", "svg"], False),
    ("expected.waits.dot", ["--format", "waits-dot"], True),
    ("expected.waits.svg", ["--format", "waits-svg"], True),
]


def case_dirs():
    return sorted(d for d in os.listdir(HERE)
                  if os.path.isfile(os.path.join(HERE, d, "trace.json")))


def has_waits(trace_path):
    with open(trace_path, encoding="utf-8") as f:
        return bool(json.load(f).get("waits"))


def render(weft, case_dir, args):
    proc = subprocess.run([weft, "render", "trace.json"] + args, cwd=case_dir,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60,
                          env=dict(os.environ, LC_ALL="C"))
    return proc


def validate(expected_name, data):
    """Runs the external validators that apply to one output; returns problems."""
    suffix = {".svg": "svg", ".dot": "dot", ".json": "json"}.get(os.path.splitext(expected_name)[1])
    if suffix is None:
        return []
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "out." + suffix)
        with open(path, "wb") as f:
            f.write(data)
        checks = []
        if suffix == "svg":
            checks = [["xmllint", "--noout", path], ["rsvg-convert", path, "-o", path + ".png"]]
        elif suffix == "dot":
            checks = [["dot", "-Tsvg", path, "-o", path + ".svg"]]
        elif suffix == "json":
            try:
                json.loads(data.decode("utf-8"))
            except ValueError as e:
                problems.append(f"{expected_name}: not JSON: {e}")
        for cmd in checks:
            if shutil.which(cmd[0]) is None:
                continue
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
            if p.returncode != 0:
                problems.append(f"{expected_name}: {cmd[0]} failed: " +
                                p.stdout.decode("utf-8", "replace").strip())
    return problems


def cli_checks(weft):
    """`weft render`'s error handling and -o; returns problems."""
    problems = []
    case = next(iter(case_dirs()), None)
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad.json")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('{"format": "weft-trace", "states": [{"x": 1}, {"x": 2}], "steps": []}')
        runs = [
            (["render", bad], 2, b"needs 1 steps"),
            (["render", os.path.join(tmp, "missing.json")], 2, b"cannot read"),
            (["render"], 2, b"no trace file"),
        ]
        if case:
            trace = os.path.join(HERE, case, "trace.json")
            runs.append((["render", trace, "--format", "png"], 2, b"unknown format"))
            out = os.path.join(tmp, "out.svg")
            runs.append((["render", trace, "--format=svg", "-o", out], 0, b""))
        for args, want_rc, want_err in runs:
            p = subprocess.run([weft] + args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=60)
            if p.returncode != want_rc or want_err not in p.stderr:
                problems.append(f"weft {' '.join(args)}: exit {p.returncode}, stderr "
                                f"{p.stderr.decode('utf-8', 'replace').strip()!r}; expected exit "
                                f"{want_rc} and {want_err.decode()!r}")
        if case:
            expected = os.path.join(HERE, case, "expected.svg")
            if os.path.exists(expected) and open(expected, "rb").read() != open(out, "rb").read():
                problems.append("weft render -o wrote something else than stdout gives")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--weft", required=True, help="path to the weft binary")
    ap.add_argument("--update", action="store_true", help="rewrite the expected files")
    ap.add_argument("--case", action="append", default=[], help="run only this case (repeatable)")
    ap.add_argument("--check-tools", action="store_true",
                    help="also validate outputs with xmllint, rsvg-convert and dot")
    opts = ap.parse_args()
    weft = os.path.abspath(opts.weft)
    if not os.access(weft, os.X_OK):
        print(f"run_traces: {weft} is not an executable", file=sys.stderr)
        return 1

    names = case_dirs()
    missing = [c for c in opts.case if c not in names]
    failed = [f"{c}: no such case" for c in missing]
    if opts.case:
        names = [n for n in names if n in opts.case]
    passed = updated = 0
    if not opts.case:
        cli = cli_checks(weft)
        for p in cli:
            print(f"FAIL cli: {p}")
        if cli:
            failed.append("cli: " + "; ".join(cli))
        else:
            passed += 1
    for name in names:
        cdir = os.path.join(HERE, name)
        waits = has_waits(os.path.join(cdir, "trace.json"))
        problems = []
        for expected_name, args, needs_waits in FORMATS:
            path = os.path.join(cdir, expected_name)
            if needs_waits and not waits:
                if os.path.exists(path):
                    problems.append(f"{expected_name} exists but the trace has no waits")
                continue
            proc = render(weft, cdir, args)
            if proc.returncode != 0:
                problems.append(f"weft render {' '.join(args)} exited {proc.returncode}: " +
                                proc.stderr.decode("utf-8", "replace").strip())
                continue
            actual = proc.stdout
            if opts.check_tools:
                problems += validate(expected_name, actual)
            if opts.update:
                old = open(path, "rb").read() if os.path.exists(path) else None
                if old != actual:
                    with open(path, "wb") as f:
                        f.write(actual)
                    updated += 1
                    print(f"updated {name}/{expected_name}")
                continue
            if not os.path.exists(path):
                problems.append(f"missing {expected_name} (run with --update)")
                continue
            expected = open(path, "rb").read()
            if expected != actual:
                problems.append(f"{expected_name} differs")
                sys.stdout.writelines(difflib.unified_diff(
                    expected.decode("utf-8", "replace").splitlines(keepends=True),
                    actual.decode("utf-8", "replace").splitlines(keepends=True),
                    f"{name}/{expected_name}", f"{name}/actual"))
        for p in problems:
            print(f"FAIL {name}: {p}")
        if problems:
            failed.append(f"{name}: " + "; ".join(problems))
        else:
            passed += 1
    print(f"run_traces: {passed} passed, {len(failed)} failed" +
          (f", {updated} file(s) updated" if opts.update else ""))
    for f in failed:
        print(f"  {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

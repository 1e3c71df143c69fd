#!/usr/bin/env python3
# tests/golden: runs golden suites (one folder per case) against the weft binary, compares the
# outputs with the expected files (unified diff on mismatch); --update rewrites them.
"""Golden-file runner for weft.

A *suite* is a folder under tests/golden/ holding a suite.json and one sub-folder per case.
suite.json says how to run a case:

    {
      "command": ["typecheck", "input.weft"],  # weft arguments; the case's `args` file is appended
      "compare": ["stderr", "exit"],           # which outputs have expected.<name> files
                                               # (stdout, stderr, exit)
      "allowed_exits": [150, 2],               # optional: any other exit code fails the case
      "min_cases": 60,                          # optional: fewer case folders fail the run
      "require_carets": true,                  # optional: every located diagnostic must show
                                               # its source line and a caret
      "timeout": 30                            # optional, seconds per case
    }

A case folder holds the inputs (input.weft, imported files, ...), an optional `args` file
(extra command-line arguments, split like a shell would, e.g. `-D N=true`), an optional
`command` file that replaces the suite's command for this case (e.g. `compile input.weft`
for a diagnostic only lowering reports) and the expected
files expected.stdout / expected.stderr / expected.exit. Each case runs with the case folder
as its working directory, so paths in messages read `input.weft:3:5: ...`.

Usage:
    run_golden.py --weft BUILD/cli/weft [--update] [--case NAME]... [--count-only] [SUITE_DIR]...
With no SUITE_DIR, every folder next to this script that holds a suite.json is run.
Exit status: 0 when every case matches, 1 otherwise.
"""
import argparse
import difflib
import json
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# `path:line:col: error[E0302]: message` (and warnings); notes may be located too.
LOCATED = re.compile(rb"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
                     rb"(?P<kind>error|warning|note)(\[(?P<code>[EW]\d{4})\])?: ")
SNIPPET = re.compile(rb"^ +(?P<num>\d+) \| ")
CARET = re.compile(rb"^ +\| *\^+$")
UNLOCATED = re.compile(rb"^(error|warning)\[[EW]\d{4}\]: ")


def load_suite(suite_dir):
    with open(os.path.join(suite_dir, "suite.json"), encoding="utf-8") as f:
        cfg = json.load(f)
    cfg.setdefault("compare", ["stderr", "exit"])
    cfg.setdefault("timeout", 30)
    return cfg


def case_dirs(suite_dir):
    return sorted(d for d in os.listdir(suite_dir)
                  if os.path.isdir(os.path.join(suite_dir, d)) and not d.startswith("."))


def run_case(weft, suite_dir, cfg, name):
    """Runs one case; returns {"stdout": bytes, "stderr": bytes, "exit": bytes} or raises."""
    cdir = os.path.join(suite_dir, name)
    args = list(cfg["command"])
    command_file = os.path.join(cdir, "command")
    if os.path.exists(command_file):
        with open(command_file, encoding="utf-8") as f:
            args = shlex.split(f.read())
    args_file = os.path.join(cdir, "args")
    if os.path.exists(args_file):
        with open(args_file, encoding="utf-8") as f:
            args += shlex.split(f.read())
    env = dict(os.environ, LC_ALL="C", NO_COLOR="1", TERM="dumb")
    proc = subprocess.run([weft] + args, cwd=cdir, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=cfg["timeout"], env=env)
    return {"stdout": proc.stdout, "stderr": proc.stderr,
            "exit": (str(proc.returncode) + "\n").encode(), "returncode": proc.returncode}


def lint(cfg, out):
    """Checks that hold for every case of a suite regardless of the expected files."""
    problems = []
    rc = out["returncode"]
    if rc < 0:
        problems.append(f"killed by signal {-rc}")
    allowed = cfg.get("allowed_exits")
    if allowed and rc not in allowed:
        problems.append(f"exit code {rc}, expected one of {allowed}")
    if cfg.get("require_carets"):
        lines = out["stderr"].split(b"\n")
        if rc == 150 and not any(LOCATED.match(l) or UNLOCATED.match(l) for l in lines):
            problems.append("exit 150 but no `error[Exxxx]` diagnostic on stderr")
        for i, line in enumerate(lines):
            m = LOCATED.match(line)
            if not m:
                continue
            if m.group("kind") != b"note" and not m.group("code"):
                problems.append(f"stderr line {i + 1}: diagnostic without a code")
            nxt = lines[i + 1] if i + 1 < len(lines) else b""
            caret = lines[i + 2] if i + 2 < len(lines) else b""
            sm = SNIPPET.match(nxt)
            if not sm or sm.group("num") != m.group("line") or not CARET.match(caret):
                problems.append(f"stderr line {i + 1}: located diagnostic without its "
                                f"source line and caret")
    return problems


def show(data):
    return data.decode("utf-8", errors="backslashreplace").splitlines(keepends=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--weft", required=True, help="path to the weft binary")
    ap.add_argument("--update", action="store_true", help="rewrite the expected files")
    ap.add_argument("--case", action="append", default=[], help="run only this case (repeatable)")
    ap.add_argument("--count-only", action="store_true",
                    help="only check that each suite has at least its min_cases cases")
    ap.add_argument("suites", nargs="*", help="suite folders (default: all next to this script)")
    opts = ap.parse_args()

    weft = os.path.abspath(opts.weft)
    if not opts.count_only and not os.access(weft, os.X_OK):
        print(f"run_golden: {weft} is not an executable", file=sys.stderr)
        return 1
    suites = opts.suites or [os.path.join(HERE, d) for d in sorted(os.listdir(HERE))
                             if os.path.exists(os.path.join(HERE, d, "suite.json"))]
    failed, passed, updated = [], 0, 0
    for suite_dir in suites:
        suite_dir = os.path.abspath(suite_dir)
        suite = os.path.basename(suite_dir)
        cfg = load_suite(suite_dir)
        names = case_dirs(suite_dir)
        if not opts.case and len(names) < cfg.get("min_cases", 0):
            failed.append(f"{suite}: only {len(names)} cases, at least {cfg['min_cases']} required")
        if opts.case:
            missing = [c for c in opts.case if c not in names]
            if missing and len(suites) == 1:
                failed += [f"{suite}/{c}: no such case" for c in missing]
            names = [n for n in names if n in opts.case]
        if opts.count_only:
            print(f"run_golden: {suite} has {len(names)} cases")
            continue
        for name in names:
            label = f"{suite}/{name}"
            try:
                out = run_case(weft, suite_dir, cfg, name)
            except subprocess.TimeoutExpired:
                failed.append(f"{label}: timed out after {cfg['timeout']} s")
                print(f"FAIL {label}: timed out after {cfg['timeout']} s")
                continue
            problems = lint(cfg, out)
            for p in problems:
                print(f"FAIL {label}: {p}")
            if problems:
                failed.append(f"{label}: " + "; ".join(problems))
            mismatch = False
            for what in cfg["compare"]:
                path = os.path.join(suite_dir, name, "expected." + what)
                actual = out[what]
                if opts.update:
                    old = open(path, "rb").read() if os.path.exists(path) else None
                    if old != actual:
                        with open(path, "wb") as f:
                            f.write(actual)
                        updated += 1
                        print(f"updated {label}/expected.{what}")
                    continue
                expected = open(path, "rb").read() if os.path.exists(path) else None
                if expected is None:
                    print(f"FAIL {label}: missing expected.{what} (run with --update)")
                    mismatch = True
                elif expected != actual:
                    print(f"FAIL {label}: {what} differs")
                    sys.stdout.writelines(difflib.unified_diff(
                        show(expected), show(actual),
                        f"{label}/expected.{what}", f"{label}/actual.{what}"))
                    mismatch = True
            if mismatch:
                failed.append(f"{label}: output differs")
            if not problems and not mismatch:
                passed += 1
    print(f"run_golden: {passed} passed, {len(failed)} failed" +
          (f", {updated} file(s) updated" if opts.update else ""))
    for f in failed:
        print(f"  {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

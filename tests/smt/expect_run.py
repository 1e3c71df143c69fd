#!/usr/bin/env python3
"""smt test helper: runs one command and checks its exit status and output.

Usage: expect_run.py --exit N [--match REGEX]... [--no-match REGEX]... -- COMMAND...

Every --match regular expression must occur in stdout + stderr, no --no-match one may.
Prints the command, its exit status and (on failure) its output. Exit status: 0 when every
expectation holds, 1 otherwise, 2 usage error. Python 3 standard library only.
"""
import argparse
import re
import shlex
import subprocess
import sys


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        print("expect_run: missing `-- COMMAND`", file=sys.stderr)
        return 2
    cut = argv.index("--")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--exit", type=int, required=True)
    ap.add_argument("--match", action="append", default=[])
    ap.add_argument("--no-match", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=600)
    opts = ap.parse_args(argv[:cut])
    cmd = argv[cut + 1:]
    if not cmd:
        print("expect_run: empty command", file=sys.stderr)
        return 2
    print("$ " + " ".join(shlex.quote(c) for c in cmd), flush=True)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=opts.timeout)
    out = p.stdout + p.stderr
    problems = []
    if p.returncode != opts.exit:
        problems.append(f"exit status {p.returncode}, expected {opts.exit}")
    for rx in opts.match:
        if not re.search(rx, out):
            problems.append(f"output lacks /{rx}/")
    for rx in opts.no_match:
        if re.search(rx, out):
            problems.append(f"output has /{rx}/")
    print(f"exit {p.returncode}")
    if problems:
        print(out)
        for pr in problems:
            print("FAIL: " + pr)
        return 1
    # The summary lines, for the log.
    for line in out.splitlines():
        if "induction" in line or "verdict" in line.lower() or "proved" in line:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""cli tests: end-to-end runs of the weft binary: exit codes, help texts, stdout/stderr split.

Usage: run_cli_tests.py WEFT_BINARY SOURCE_DIR
Each case runs weft with arguments (cwd = SOURCE_DIR) and checks the exit code and that
given substrings appear on stdout or stderr.
"""
import os
import subprocess
import sys
import tempfile

WEFT, SRC = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="weft-cli-")


def write(name, text):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


OK_SPEC = write("ok.weft", "module ok\nconst N = 2\nvar x: 0..N = 0\n"
                "action Inc { require x < N  x' = x + 1 }\ninvariant small: x <= N\n")
BAD_SPEC = write("bad.weft", "module bad\nvar x: 0..3 = 0\ninvariant i: x + true\n")
# Two invariants: `low` fails after 2 steps, `y0` always holds.
TWO_SPEC = write("two.weft", "module two\nvar x: 0..3 = 0\nvar y: 0..1 = 0\n"
                 "action Up { require x < 3  x' = x + 1 }\ninvariant low: x < 2\ninvariant y0: y == 0\n")

# (name, args, expected exit, [(stream, substring), ...][, extra environment])
CASES = [
    ("no args is a usage error", [], 2, [("stderr", "Usage: weft COMMAND")]),
    ("--help lists commands", ["--help"], 0, [("stdout", "typecheck"), ("stdout", "Exit codes")]),
    ("--version", ["--version"], 0, [("stdout", "weft ")]),
    ("unknown command", ["frobnicate"], 2, [("stderr", "unknown command 'frobnicate'")]),
    ("typecheck --help", ["typecheck", "--help"], 0, [("stdout", "-D NAME=VALUE")]),
    ("parse --help", ["parse", "--help"], 0, [("stdout", "--dump ast")]),
    ("unknown flag", ["typecheck", OK_SPEC, "--bogus"], 2, [("stderr", "unknown option '--bogus'")]),
    ("missing file argument", ["typecheck"], 2, [("stderr", "missing SPEC file")]),
    ("two files", ["parse", OK_SPEC, OK_SPEC], 2, [("stderr", "unexpected argument")]),
    ("bad --dump value", ["parse", OK_SPEC, "--dump", "xml"], 2, [("stderr", "invalid value 'xml'")]),
    ("-D without value", ["typecheck", OK_SPEC, "-D", "N"], 2, [("stderr", "-D expects NAME=VALUE")]),
    ("file does not exist", ["typecheck", os.path.join(TMP, "nope.weft")], 150,
     [("stderr", "nope.weft")]),
    ("parse ok", ["parse", OK_SPEC], 0, []),
    ("typecheck ok", ["typecheck", OK_SPEC], 0, []),
    ("typecheck with -D", ["typecheck", OK_SPEC, "-D", "N=5"], 0, []),
    ("typecheck with -DN=5", ["typecheck", OK_SPEC, "-DN=5"], 0, []),
    ("-D unknown constant", ["typecheck", OK_SPEC, "-D", "M=5"], 150, [("stderr", "E0212")]),
    ("-D wrong kind", ["typecheck", OK_SPEC, "-D", "N=true"], 150, [("stderr", "E0312")]),
    ("type error exit 150", ["typecheck", BAD_SPEC], 150,
     [("stderr", "bad.weft:3:"), ("stderr", "error[E03")]),
    ("parse does not typecheck", ["parse", BAD_SPEC], 0, []),
    ("dump ast goes to stdout", ["parse", OK_SPEC, "--dump", "ast"], 0, [("stdout", "Inc")]),
    ("-D twice is a usage error", ["typecheck", OK_SPEC, "-D", "N=3", "-DN=4"], 2,
     [("stderr", "-D N given more than once")]),
    ("-D out of range", ["typecheck", OK_SPEC, "-D", "N=99999999999999999999"], 150,
     [("stderr", "error[E0106]"), ("stderr", "out of range")]),
    ("-D not a value", ["typecheck", OK_SPEC, "-D", "N=abc"], 150, [("stderr", "error[E0408]")]),
    ("directory as spec", ["typecheck", TMP], 150, [("stderr", "error[E0109]"), ("stderr", "is a directory")]),
    ("parse of a directory", ["parse", TMP], 150, [("stderr", "error[E0109]")]),
    # Limits of 0 would examine nothing; --depth 0 is BMC of the initial states.
    ("--max-states 0 is a usage error", ["check", OK_SPEC, "--max-states", "0"], 2,
     [("stderr", "--max-states must be at least 1")]),
    ("--max-depth 0 is a usage error", ["check", OK_SPEC, "--max-depth", "0"], 2,
     [("stderr", "--max-depth must be at least 1")]),
    ("induction --depth 0 is a usage error", ["check", OK_SPEC, "--engine", "induction", "--depth", "0"], 2,
     [("stderr", "--depth must be at least 1")]),
    ("bmc --depth 0 checks the initial states", ["check", TWO_SPEC, "--engine", "bmc", "--depth", "0"], 20,
     [("stdout", "paths of up to 1 states examined")]),
    # After a non-exhaustive search, a property without a violation is not said to hold.
    ("exhaustive explicit run: holds", ["check", TWO_SPEC], 12,
     [("stdout", "invariant y0: holds")]),
    ("--stop-at-first: not exhaustive", ["check", TWO_SPEC, "--stop-at-first"], 12,
     [("stdout", "invariant y0: not violated (search not exhaustive)")]),
    ("bmc to a bound with a violation: not exhaustive", ["check", TWO_SPEC, "--engine", "bmc", "--depth", "2", "--json"], 12,
     [("stderr", "invariant y0: not violated (search not exhaustive)"), ("stdout", "search not exhaustive")]),
    # An exception escaping the front end is a bug in weft: exit 255 and "internal error",
    # never a spec error (150) with a syntax-error code.
    ("internal error in the front end exits 255", ["typecheck", OK_SPEC], 255,
     [("stderr", "internal error"), ("stderr", "please report")], {"WEFT_INJECT_INTERNAL_ERROR": "frontend"}),
    ("internal error in compile exits 255", ["compile", OK_SPEC], 255,
     [("stderr", "internal error")], {"WEFT_INJECT_INTERNAL_ERROR": "frontend"}),
]


def main():
    failed = 0
    for name, args, code, checks, *extra in CASES:
        env = dict(os.environ, **(extra[0] if extra else {}))
        try:
            p = subprocess.run([WEFT] + args, cwd=SRC, capture_output=True, text=True,
                               timeout=60, errors="replace", env=env)
        except subprocess.TimeoutExpired:
            print(f"FAIL {name}: timed out")
            failed += 1
            continue
        problems = []
        if p.returncode != code:
            problems.append(f"exit {p.returncode}, expected {code}")
        for stream, text in checks:
            out = p.stdout if stream == "stdout" else p.stderr
            if text not in out:
                problems.append(f"{stream} lacks {text!r}")
        if problems:
            failed += 1
            print(f"FAIL {name}: {'; '.join(problems)}\n  stdout: {p.stdout[:500]!r}\n  stderr: {p.stderr[:500]!r}")
        else:
            print(f"ok   {name}")
    print(f"{len(CASES) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

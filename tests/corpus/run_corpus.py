#!/usr/bin/env python3
"""corpus runner: checks every .weft spec of tests/corpus against the expectations in its header.

Each spec carries one or more run blocks in `//!` comment lines:

    //! run: -D N=3 --no-deadlock          arguments after `weft check FILE` (may be empty)
    //! slow                               optional, right after `run:`: only with --slow or
                                           WEFT_SLOW_TESTS=1
    //! expect: exit=0 verdict=ok distinct_states=288 depth=15 transitions=651
    //! expect-violation: kind=invariant name=MutualExclusion trace_length=7

`expect` keys: exit, verdict, distinct_states, depth, transitions, and `vacuous` (a comma
list of cover names that must be exactly the JSON `vacuous_covers`; `-` for none). Keys not
given are not checked. `expect-violation` keys: kind (invariant|assert|deadlock|lock_order|
held_at_exit|runtime_error), optional name and trace_length. The violations reported must
match the expected ones exactly as a set of (kind, name): every expected one must be present
(trace_length is compared with the shortest matching report) and every reported one must
be expected (an expectation without a name matches any name of its kind). Add
`others=ignore` to an `expect` line to allow unexpected extra violations.

Each run executes `weft check FILE ARGS --json [--workers N]` (cwd = the source root) and
reads the JSON summary on stdout (DESIGN.md). Python 3 standard library only.

Usage: run_corpus.py [--weft PATH] [--workers N] [--slow] [--filter TEXT] [--examples]
                     [--specs] [--timeout S] [--jobs J] [--extra ARG]... [--list] [-v] [PATH...]
Exit status: 0 all runs passed, 1 some run failed, 2 usage or corpus format error.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(os.path.dirname(HERE))

EXPECT_KEYS = {"exit", "verdict", "distinct_states", "depth", "transitions", "vacuous", "others"}
INT_KEYS = {"exit", "distinct_states", "depth", "transitions"}
VIOLATION_KEYS = {"kind", "name", "trace_length"}
KINDS = {"invariant", "assert", "deadlock", "lock_order", "held_at_exit", "runtime_error"}
VERDICTS = {"ok", "violated", "inconclusive", "error"}


class FormatError(Exception):
    pass


class Run:
    def __init__(self, path, line, args):
        self.path = path
        self.line = line
        self.args = args
        self.slow = False
        self.expect = {}
        self.violations = []  # list of dicts

    def label(self):
        rel = os.path.relpath(self.path, SOURCE_ROOT)
        return f"{rel}:{self.line} [{' '.join(self.args) or '-'}]"


def parse_pairs(text, allowed, where):
    pairs = {}
    for tok in text.split():
        if "=" not in tok:
            raise FormatError(f"{where}: expected key=value, got '{tok}'")
        key, value = tok.split("=", 1)
        if key not in allowed:
            raise FormatError(f"{where}: unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
        if key in pairs:
            raise FormatError(f"{where}: key '{key}' given twice")
        if key in INT_KEYS or key == "trace_length":
            if not re.fullmatch(r"-?\d+", value):
                raise FormatError(f"{where}: '{key}' needs an integer, got '{value}'")
            value = int(value)
        pairs[key] = value
    return pairs


def parse_spec(path):
    """Returns the list of Run blocks of a spec file (empty if it has none)."""
    runs = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    prev_was_run = False
    for n, raw in enumerate(lines, 1):
        s = raw.strip()
        if not s.startswith("//!"):
            prev_was_run = False
            continue
        body = s[3:].strip()
        where = f"{os.path.relpath(path, SOURCE_ROOT)}:{n}"
        m = re.match(r"([a-z-]+)\s*(:?)\s*(.*)$", body)
        if not m:
            raise FormatError(f"{where}: cannot parse '{s}'")
        word, colon, rest = m.group(1), m.group(2), m.group(3)
        if word == "run" and colon:
            runs.append(Run(path, n, shlex.split(rest)))
            prev_was_run = True
            continue
        if word == "slow" and not colon and not rest:
            if not runs or not prev_was_run:
                raise FormatError(f"{where}: '//! slow' must directly follow a '//! run:' line")
            runs[-1].slow = True
            prev_was_run = False
            continue
        prev_was_run = False
        if not runs:
            raise FormatError(f"{where}: '{word}' before any '//! run:' line")
        if word == "expect" and colon:
            if runs[-1].expect:
                raise FormatError(f"{where}: second 'expect' line for one run")
            e = parse_pairs(rest, EXPECT_KEYS, where)
            if "verdict" in e and e["verdict"] not in VERDICTS:
                raise FormatError(f"{where}: unknown verdict '{e['verdict']}'")
            if "others" in e and e["others"] != "ignore":
                raise FormatError(f"{where}: others= only takes 'ignore'")
            runs[-1].expect = e
        elif word == "expect-violation" and colon:
            v = parse_pairs(rest, VIOLATION_KEYS, where)
            if "kind" not in v:
                raise FormatError(f"{where}: expect-violation needs kind=")
            if v["kind"] not in KINDS:
                raise FormatError(f"{where}: unknown violation kind '{v['kind']}'")
            runs[-1].violations.append(v)
        else:
            raise FormatError(f"{where}: unknown directive '{body}'")
    for r in runs:
        if not r.expect and not r.violations:
            raise FormatError(f"{r.label()}: run block without expectations")
    return runs


def find_specs(roots):
    out = []
    for root in roots:
        if os.path.isfile(root):
            out.append(os.path.abspath(root))
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for fn in sorted(filenames):
                if fn.endswith(".weft"):
                    out.append(os.path.join(dirpath, fn))
    return out


def check_result(run, code, doc):
    """Returns a list of mismatch descriptions (empty: pass)."""
    errs = []
    e = run.expect
    if "exit" in e and code != e["exit"]:
        errs.append(f"exit code {code}, expected {e['exit']}")
    if doc is None:
        errs.append("no JSON summary on stdout")
        return errs
    for key in ("verdict", "distinct_states", "depth", "transitions"):
        if key in e and doc.get(key) != e[key]:
            errs.append(f"{key} = {doc.get(key)!r}, expected {e[key]!r}")
    if "vacuous" in e:
        want = set() if e["vacuous"] in ("-", "") else set(e["vacuous"].split(","))
        got = set(doc.get("vacuous_covers") or [])
        if got != want:
            errs.append(f"vacuous_covers = {sorted(got)}, expected {sorted(want)}")
    reported = doc.get("violations") or []
    if not isinstance(reported, list):
        errs.append("'violations' is not a list")
        return errs
    used = [False] * len(reported)
    for v in run.violations:
        matches = [i for i, r in enumerate(reported)
                   if isinstance(r, dict) and r.get("kind") == v["kind"]
                   and ("name" not in v or r.get("name") == v["name"])]
        desc = " ".join(f"{k}={v[k]}" for k in ("kind", "name", "trace_length") if k in v)
        if not matches:
            errs.append(f"missing violation {desc}")
            continue
        for i in matches:
            used[i] = True
        if "trace_length" in v:
            lengths = [reported[i].get("trace_length") for i in matches]
            ints = [x for x in lengths if isinstance(x, int)]
            if not ints or min(ints) != v["trace_length"]:
                errs.append(f"violation {desc}: trace_length reported {lengths}")
    if e.get("others") != "ignore":
        for i, r in enumerate(reported):
            if not used[i]:
                errs.append(f"unexpected violation {json.dumps(r, sort_keys=True)}")
    return errs


def execute(run, opts):
    cmd = [opts.weft, "check", os.path.relpath(run.path, SOURCE_ROOT)] + run.args + ["--json"]
    if opts.workers is not None:
        cmd += ["--workers", str(opts.workers)]
    cmd += opts.extra
    timeout = opts.slow_timeout if run.slow else opts.timeout
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=SOURCE_ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return run, cmd, time.monotonic() - t0, [f"timeout after {timeout} s"], "", ""
    except OSError as ex:
        return run, cmd, time.monotonic() - t0, [f"cannot run weft: {ex}"], "", ""
    secs = time.monotonic() - t0
    doc = None
    errs = []
    out = p.stdout.strip()
    if out:
        try:
            doc = json.loads(out)
        except ValueError:
            # tolerate stray lines before the JSON object
            start = out.find("{")
            try:
                doc = json.loads(out[start:]) if start >= 0 else None
            except ValueError:
                doc = None
        if doc is not None and not isinstance(doc, dict):
            doc = None
    errs = check_result(run, p.returncode, doc)
    if "--compile" in opts.extra and doc is not None:
        # The configuration under test must really run compiled: a fallback is a failure.
        errs += [f"compile fallback: {w}" for w in doc.get("warnings", []) if w.startswith("--compile")]
        if not any(n.startswith("compiled:") for n in doc.get("notes", [])):
            errs.append("no 'compiled:' note in the --compile run")
    return run, cmd, secs, errs, p.stdout, p.stderr


def tail(text, n=15):
    lines = text.rstrip().splitlines()
    return "\n".join("      | " + l for l in lines[-n:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", help="spec files or folders (default: tests/corpus)")
    ap.add_argument("--weft", default=None, help="the weft binary (default: $WEFT or build*/cli/weft)")
    ap.add_argument("--workers", type=int, default=None, help="add --workers N to every run")
    ap.add_argument("--extra", action="append", default=[], metavar="ARG",
                    help="add ARG to every run (repeatable), e.g. --extra=--compile or --extra=--fingerprint")
    ap.add_argument("--slow", action="store_true", help="also run '//! slow' runs (or WEFT_SLOW_TESTS=1)")
    ap.add_argument("--filter", default=None, help="only specs whose path contains this text (regex)")
    ap.add_argument("--examples", action="store_true", help="also check examples/")
    ap.add_argument("--specs", action="store_true", help="also check specs/")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per normal run")
    ap.add_argument("--slow-timeout", type=float, default=3600.0, help="seconds per slow run")
    ap.add_argument("--jobs", "-j", type=int, default=1, help="runs in parallel")
    ap.add_argument("--list", action="store_true", help="list the runs, run nothing")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every run")
    opts = ap.parse_args()

    slow = opts.slow or os.environ.get("WEFT_SLOW_TESTS", "") not in ("", "0")
    roots = opts.paths or [HERE]
    if opts.examples:
        roots.append(os.path.join(SOURCE_ROOT, "examples"))
    if opts.specs:
        roots.append(os.path.join(SOURCE_ROOT, "specs"))

    runs = []
    bad_format = []
    for path in find_specs(roots):
        if opts.filter and not re.search(opts.filter, os.path.relpath(path, SOURCE_ROOT)):
            continue
        try:
            runs += parse_spec(path)
        except FormatError as ex:
            bad_format.append(str(ex))
        except (OSError, UnicodeDecodeError) as ex:
            bad_format.append(f"{path}: {ex}")
    for msg in bad_format:
        print(f"FORMAT {msg}")

    selected = [r for r in runs if slow or not r.slow]
    skipped = len(runs) - len(selected)
    if opts.list:
        for r in runs:
            print(("SLOW " if r.slow else "     ") + r.label())
        return 2 if bad_format else 0

    weft = opts.weft or os.environ.get("WEFT")
    if not weft:
        import glob
        cands = sorted(glob.glob(os.path.join(SOURCE_ROOT, "build*", "cli", "weft")),
                       key=os.path.getmtime, reverse=True)
        weft = cands[0] if cands else None
    if not weft or not os.access(weft, os.X_OK):
        print("error: no weft binary (use --weft PATH or set WEFT)", file=sys.stderr)
        return 2
    opts.weft = os.path.abspath(weft)

    failed = 0
    t_start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        for run, cmd, secs, errs, out, err in pool.map(lambda r: execute(r, opts), selected):
            if errs:
                failed += 1
                print(f"FAIL {run.label()} ({secs:.1f} s)")
                print("    $ " + " ".join(shlex.quote(c) for c in cmd))
                for e in errs:
                    print(f"    - {e}")
                if out.strip():
                    print("    stdout:\n" + tail(out))
                if err.strip():
                    print("    stderr:\n" + tail(err))
            elif opts.verbose:
                print(f"ok   {run.label()} ({secs:.1f} s)")
    total = time.monotonic() - t_start
    print(f"corpus: {len(selected) - failed} passed, {failed} failed, {skipped} slow skipped, "
          f"{len(bad_format)} format errors ({total:.1f} s, workers={opts.workers or 'default'})")
    if bad_format:
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

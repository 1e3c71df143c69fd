#!/usr/bin/env python3
"""smt cross-check: the explicit engine and BMC must agree on every spec.

For every `//! run:` block of every .weft file under examples/, specs/, tests/corpus/ and
tests/smt/ (runs marked `//! slow` are skipped), runs

    weft check FILE ARGS --json --workers 1                       (explicit)
    weft check FILE ARGS --json --engine bmc --depth D             (D = the explicit JSON depth)

and requires, for every property, the same verdict and the same shortest counterexample
length: the same set of (kind, name) violations with equal trace_length. D steps cover every
state the explicit engine examines (depth counts states, so constraint-violating successors of
the deepest states have trace_length D + 1). A BMC run without violations may say `ok`
(complete) or `inconclusive` (bound reached); `error`, or a BMC violation the explicit engine
does not report, is a failure. Lock-order cycles and same-class nesting (the explicit engine's
graph analysis) are outside BMC's scope and are not compared; declared orders are.

A run is skipped, and listed with the reason, when the explicit engine is inconclusive or
times out, when BMC exceeds its time limit, or when BMC reports that it cannot encode the
spec. With --induction the runner also runs `--engine induction` and checks that it is
consistent (proved only if the explicit engine found nothing; base-case violations equal).
--table prints the timing table (explicit / bmc / induction seconds per run).

Usage: run_crosscheck.py --weft PATH [--jobs N] [--timeout S] [--explicit-timeout S]
                         [--induction] [--table] [-v] [PATH...]
Exit status: 0 every compared run agrees, 1 a disagreement, 2 usage error.
Python 3 standard library only.
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
ROOTS = ["examples", "specs", "tests/corpus", "tests/smt"]


def runs_of(path):
    """(args, slow) per `//! run:` block."""
    out = []
    prev_run = False
    with open(path, encoding="utf-8") as f:
        for raw in f:
            s = raw.strip()
            if not s.startswith("//!"):
                prev_run = False
                continue
            body = s[3:].strip()
            m = re.match(r"run\s*:\s*(.*)$", body)
            if m:
                out.append([shlex.split(m.group(1)), False])
                prev_run = True
                continue
            if body == "slow" and prev_run:
                out[-1][1] = True
            prev_run = False
    return out


def find_specs(paths):
    files = []
    for p in paths:
        p = os.path.join(SOURCE_ROOT, p) if not os.path.isabs(p) else p
        if os.path.isfile(p):
            files.append(p)
            continue
        for d, dirs, names in os.walk(p):
            dirs.sort()
            files.extend(os.path.join(d, n) for n in sorted(names) if n.endswith(".weft"))
    return files


def comparable(doc):
    out = {}
    for v in doc.get("violations", []):
        if v["kind"] == "lock_order" and not v["name"].startswith("declared order"):
            continue
        key = (v["kind"], v["name"])
        out[key] = min(out.get(key, v["trace_length"]), v["trace_length"])
    return out


def weft(opts, path, args, extra, timeout):
    cmd = [opts.weft, "check", os.path.relpath(path, SOURCE_ROOT)] + args + ["--json"] + extra
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=SOURCE_ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, time.monotonic() - start, "timeout"
    secs = time.monotonic() - start
    try:
        return json.loads(p.stdout), secs, ""
    except json.JSONDecodeError:
        return None, secs, f"exit {p.returncode}, no JSON: {p.stderr.strip()[-300:]}"


def describe(m):
    return ", ".join(f"{k} {n} ({l})" for (k, n), l in sorted(m.items())) or "none"


def check_run(opts, path, args):
    r = {"spec": os.path.relpath(path, SOURCE_ROOT), "args": " ".join(args), "status": "", "why": "",
         "explicit": None, "bmc": None, "induction": None, "depth": None, "ind": ""}
    e, secs, err = weft(opts, path, args, ["--workers", "1"], opts.explicit_timeout)
    r["explicit"] = secs
    if e is None:
        r["status"], r["why"] = "skip", f"explicit: {err}"
        return r
    if e["verdict"] in ("inconclusive", "error"):
        r["status"], r["why"] = "skip", f"explicit {e['verdict']}: {'; '.join(e.get('warnings', []))[:200]}"
        return r
    depth = max(int(e["depth"]), 1)
    r["depth"] = depth
    E = comparable(e)
    b, secs, err = weft(opts, path, args, ["--engine", "bmc", "--depth", str(depth)], opts.timeout)
    r["bmc"] = secs
    if b is None:
        r["status"], r["why"] = "skip", f"bmc: {err if err != 'timeout' else f'over {opts.timeout:g} s'}"
        return r
    warn = "; ".join(b.get("warnings", []))
    if b["verdict"] == "inconclusive" and "cannot encode" in warn:
        r["status"], r["why"] = "skip", f"bmc: {warn[:200]}"
        return r
    B = comparable(b)
    problems = []
    if b["verdict"] == "error":
        problems.append(f"bmc error: {warn}")
    if b["verdict"] == "inconclusive" and not B and "bound reached" not in warn:
        problems.append(f"bmc inconclusive: {warn}")
    if E != B:
        problems.append(f"explicit: {describe(E)}; bmc: {describe(B)}")
    if opts.induction:
        i, secs, err = weft(opts, path, args, ["--engine", "induction"], opts.timeout)
        r["induction"] = secs
        if i is None:
            r["ind"] = "timeout" if err == "timeout" else "error"
        else:
            I = comparable(i)
            iw = "; ".join(i.get("warnings", []))
            if i["verdict"] == "ok":
                r["ind"] = "proved"
                if E:
                    problems.append(f"induction proved, explicit: {describe(E)}")
            elif i["verdict"] == "violated":
                r["ind"] = "violated"
                for k, l in I.items():
                    if E.get(k) != l:
                        problems.append(f"induction base case {k} ({l}), explicit: {describe(E)}")
            else:
                r["ind"] = "unsupported" if "cannot encode" in iw else "not proved"
    r["status"] = "FAIL" if problems else "ok"
    r["why"] = "; ".join(problems) if problems else describe(E)
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--weft", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=40, help="seconds per bmc (and induction) run")
    ap.add_argument("--explicit-timeout", type=float, default=60)
    ap.add_argument("--induction", action="store_true")
    ap.add_argument("--table", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("paths", nargs="*")
    opts = ap.parse_args()
    if not os.path.exists(opts.weft):
        print(f"run_crosscheck: no weft binary at {opts.weft}", file=sys.stderr)
        return 2
    jobs, skipped = [], []
    for path in find_specs(opts.paths or ROOTS):
        rs = runs_of(path)
        rel = os.path.relpath(path, SOURCE_ROOT)
        if not rs:
            skipped.append(f"{rel}: no run block (a module imported by other specs)")
            continue
        for args, slow in rs:
            if slow:
                skipped.append(f"{rel} [{' '.join(args) or '-'}]: marked slow")
                continue
            jobs.append((path, args))
    start = time.monotonic()
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as ex:
        futs = [ex.submit(check_run, opts, p, a) for p, a in jobs]
        for f in futs:
            r = f.result()
            results.append(r)
            if opts.verbose or r["status"] == "FAIL":
                print(f"{r['status']:4} {r['spec']} [{r['args'] or '-'}]: {r['why']}", flush=True)
    failed = [r for r in results if r["status"] == "FAIL"]
    for r in results:
        if r["status"] == "skip":
            skipped.append(f"{r['spec']} [{r['args'] or '-'}]: {r['why']}")
    if opts.table:
        fmt = lambda x: "-" if x is None else f"{x:.2f}"
        print("\n| spec | args | depth | explicit s | bmc s | induction s | induction | result |")
        print("|---|---|---|---|---|---|---|---|")
        for r in results:
            print(f"| {r['spec']} | {r['args'] or '-'} | {r['depth'] or '-'} | {fmt(r['explicit'])} | {fmt(r['bmc'])} | "
                  f"{fmt(r['induction'])} | {r['ind'] or '-'} | {r['status']}: {r['why'][:80]} |")
    compared = sum(1 for r in results if r["status"] in ("ok", "FAIL"))
    print(f"\nrun_crosscheck: {compared} runs compared, {len(failed)} disagreement(s), {len(skipped)} skipped, "
          f"{time.monotonic() - start:.0f} s")
    for s in skipped:
        print(f"  skipped: {s}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

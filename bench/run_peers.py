#!/usr/bin/env python3
"""bench: runs weft and SPIN side by side on the same peer models and prints medians and ratios.

For each model it builds SPIN's verifier once (spin -a; gcc -O2 -DNOREDUCE -DSAFETY; compile
time excluded), then runs the two tools alternately --runs times, measuring each whole
process's wall time and peak RSS (wait4), checks that both report the same number of states,
and prints medians, states/s, bytes/state and the weft/SPIN ratios (each the median of the
per-pair ratios, so a drift of the machine's speed during the call does not move it). weft runs with --compile
by default (its steps built to native code once, before timing, as SPIN's pan is; --interpreted
to time the interpreter). With the default models it also times the targets of the performance
issue that need no peer: 1 against 2 workers on the race model and the process-style race
against the action-style one, and prints whether every target is met.

  bench/run_peers.py [--weft build/cli/weft] [--runs 3] [--workers 2] [--models race-10-5,...]
                     [--interpreted] [--weft-args "..."]
  bench/run_peers.py --list

Models are the SPIN peer models in bench/peers/*.pml (copied from the project's shared peer
set) and their weft action-style translations in tests/corpus/peers/.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name: (pml file, cpp defines for spin, weft spec, weft -D args, expected states)
MODELS = {
    "race-2-2": ("race.pml", ["-DK=2", "-DNI=2"], "race_actions.weft", ["K=2", "NI=2", "RACE=false"], 448),
    "race-8-4": ("race.pml", ["-DK=8", "-DNI=4"], "race_actions.weft", ["K=8", "NI=4", "RACE=false"], 411750),
    "race-10-5": ("race.pml", ["-DK=10", "-DNI=5"], "race_actions.weft", ["K=10", "NI=5", "RACE=false"], 6581250),
    "peterson-4": ("peterson.pml", ["-DN=4"], "peterson_actions.weft", ["N=4"], 4752),
    "peterson-6": ("peterson.pml", ["-DN=6"], "peterson_actions.weft", ["N=6"], 1827936),
    "phil-asym-16": ("phil.pml", ["-DN=16", "-DASYM"], "philosophers_actions.weft", ["N=16", "ASYM=true"], 1136689),
}
DEFAULT = ["race-10-5", "peterson-6", "phil-asym-16"]


def run_measured(cmd, cwd=None, timeout=1800):
    """Runs cmd; returns (exit code, stdout, stderr, wall seconds, peak RSS bytes)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                p.kill()
                _, status, usage = os.wait4(p.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        return code, out.read().decode(errors="replace"), err.read().decode(errors="replace"), wall, usage.ru_maxrss * 1024


def build_pan(model, workdir):
    pml, defines, *_ = MODELS[model]
    src = os.path.join(ROOT, "bench", "peers", pml)
    shutil.copy(src, workdir)
    subprocess.run(["spin"] + defines + ["-a", pml], cwd=workdir, check=True, capture_output=True)
    subprocess.run(["gcc", "-O2", "-DNOREDUCE", "-DSAFETY", "-o", "pan", "pan.c"], cwd=workdir,
                   check=True, capture_output=True)
    return os.path.join(workdir, "pan")


def spin_states(text):
    m = re.search(r"(\d+) states, stored", text)
    return int(m.group(1)) if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--weft", default=os.path.join(ROOT, "build", "cli", "weft"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--models", default=",".join(DEFAULT))
    ap.add_argument("--weft-args", default="", help="extra arguments for weft check")
    ap.add_argument("--interpreted", action="store_true", help="time weft without --compile")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    if args.list:
        for k, v in MODELS.items():
            print(f"{k:14} {v[4]:>10,} states")
        return 0
    rows = []
    ok = True
    extra = ([] if args.interpreted else ["--compile"]) + args.weft_args.split()

    def weft_cmd_for(spec, dargs, workers):
        cmd = [args.weft, "check", os.path.join(ROOT, "tests", "corpus", "peers", spec), "--json",
               "--workers", str(workers), "--quiet"]
        for d in dargs:
            cmd += ["-D", d]
        return cmd + extra

    def weft_states(cmd, model):
        code, out, err, wall, rss = run_measured(cmd)
        try:
            return json.loads(out)["distinct_states"], wall, rss
        except (ValueError, KeyError):
            print(f"{model}: weft failed (exit {code}): {err[-500:]}", file=sys.stderr)
            sys.exit(1)

    for model in args.models.split(","):
        if model not in MODELS:
            print(f"unknown model {model}; see --list", file=sys.stderr)
            return 2
        pml, defines, spec, dargs, expected = MODELS[model]
        with tempfile.TemporaryDirectory(prefix="weft-bench-") as work:
            pan = build_pan(model, work)
            weft_cmd = weft_cmd_for(spec, dargs, args.workers)
            if "--compile" in extra:
                weft_states(weft_cmd, model)  # builds the native module (cached), untimed
            pan_cmd = [pan, "-m10000000"]
            w_times, w_rss, s_times, s_rss = [], [], [], []
            w_states = s_states = None
            for _ in range(args.runs):  # alternate the two tools
                w_states, wall, rss = weft_states(weft_cmd, model)
                w_times.append(wall)
                w_rss.append(rss)
                code, out, err, wall, rss = run_measured(pan_cmd, cwd=work)
                s_states = spin_states(out)
                s_times.append(wall)
                s_rss.append(rss)
            wt, ws = statistics.median(w_times), statistics.median(w_rss)
            st, ss = statistics.median(s_times), statistics.median(s_rss)
            # Ratios pair by pair (each weft run against the SPIN run right after it), then the
            # median: the machine's speed may drift during the call.
            rt = statistics.median(a / b for a, b in zip(w_times, s_times))
            rm = statistics.median(a / b for a, b in zip(w_rss, s_rss))
            agree = w_states == s_states == expected
            ok &= agree
            rows.append((model, w_states, s_states, agree, wt, ws, st, ss, rt, rm))
    print(f"{'model':14} {'states':>10} {'agree':>5} | {'weft s':>7} {'weft MB':>8} {'st/s':>10} {'B/st':>6} |"
          f" {'SPIN s':>7} {'SPIN MB':>8} | {'time':>6} {'mem':>6}")
    targets = []
    for model, w, s, agree, wt, ws, st, ss, rt, rm in rows:
        print(f"{model:14} {w:>10,} {'yes' if agree else 'NO':>5} | {wt:7.2f} {ws/2**20:8.0f} {w/wt:10,.0f} {ws/w:6.0f} |"
              f" {st:7.2f} {ss/2**20:8.0f} | {rt:6.2f} {rm:6.2f}")
        targets.append((f"{model}: weft time <= 1/3 of SPIN's", rt <= 1 / 3, f"{rt:.2f}"))
        targets.append((f"{model}: weft peak RSS <= 1/2 of SPIN's", rm <= 1 / 2, f"{rm:.2f}"))
    print(f"(medians of {args.runs} alternating runs; weft --workers {args.workers} {' '.join(extra)}; ratios are"
          " weft/SPIN, the median of the per-pair ratios; SPIN: spin -a, gcc -O2 -DNOREDUCE -DSAFETY, ./pan -m10000000; compile times excluded)")

    if "race-10-5" in args.models.split(","):
        # 1 against 2 workers, and process style against action style (weft only, alternating).
        race = MODELS["race-10-5"]
        one = weft_cmd_for(race[2], race[3], 1)
        two = weft_cmd_for(race[2], race[3], 2)
        proc = weft_cmd_for("race_processes.weft", race[3], args.workers)
        if "--compile" in extra:
            weft_states(proc, "race-processes")
        t1, t2, tp, ta = [], [], [], []
        for _ in range(args.runs):
            t1.append(weft_states(one, "race-10-5 w1")[1])
            t2.append(weft_states(two, "race-10-5 w2")[1])
            tp.append(weft_states(proc, "race-processes")[1])
            ta.append(weft_states(weft_cmd_for(race[2], race[3], args.workers), "race-10-5")[1])
        m1, m2, mp, ma = (statistics.median(x) for x in (t1, t2, tp, ta))
        speedup = statistics.median(a / b for a, b in zip(t1, t2))  # per pair, as above
        style = statistics.median(a / b for a, b in zip(tp, ta))
        print(f"race K=10 NI=5: 1 worker {m1:.2f} s, 2 workers {m2:.2f} s (speed-up {speedup:.2f}x);"
              f" process style {mp:.2f} s vs action style {ma:.2f} s ({style:.2f}x)")
        targets.append(("race: 2 workers >= 1.7x faster than 1", speedup >= 1.7, f"{speedup:.2f}x"))
        targets.append(("race: process style within 1.5x of action style", style <= 1.5, f"{style:.2f}x"))
    for name, met, figure in targets:
        print(f"  {'met    ' if met else 'NOT MET'}  {name} ({figure})")
    print("all targets met" if all(m for _, m, _ in targets) and ok else "some targets not met")
    return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main())

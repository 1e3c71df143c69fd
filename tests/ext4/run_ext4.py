#!/usr/bin/env python3
# tests/ext4: the ext4 inline-data spec suite must give every candidate the verdicts its header
# expects (`weft compare` exit 0, every row "match"), the report must be complete (every link
# of report.md/report.html resolves, a diagram per counterexample), and `weft compare` must
# fail (exit 12 / 150) on a header that expects the wrong verdict or is malformed.
"""ext4 suite test.

Usage:
    run_ext4.py --weft BUILD/cli/weft --out DIR [--no-bmc] [--bmc-depth K]
        [--suite-only | --negative-only]

--suite-only runs only the suite (with the BMC cross-check unless --no-bmc);
--negative-only runs only the header-mismatch and bad-header cases (fast).
Exit status 0 when every check passes, 1 otherwise (problems on stdout).
"""
import argparse
import glob
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def suite_specs():
    specs = sorted(glob.glob(os.path.join(ROOT, "specs", "ext4_inline", "f*.weft")))
    specs += sorted(glob.glob(os.path.join(ROOT, "specs", "ext4_inline", "r1_*.weft")))
    return [os.path.relpath(s, ROOT) for s in specs]


def run(cmd, timeout=1700):
    p = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout, env=dict(os.environ, LC_ALL="C"))
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids, self.svgs = [], set(), 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.svgs += 1
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])


def check_report(out_dir, specs, problems):
    md_path, html_path = os.path.join(out_dir, "report.md"), os.path.join(out_dir, "report.html")
    for p in (md_path, html_path):
        if not os.path.isfile(p):
            problems.append(f"missing {p}")
            return
    md = open(md_path, encoding="utf-8").read()
    page = open(html_path, encoding="utf-8").read()
    parser = Links()
    parser.feed(page)
    for link in parser.links:
        if link.startswith("#"):
            if link[1:] not in parser.ids:
                problems.append(f"report.html: dangling anchor {link}")
        elif not os.path.exists(os.path.join(out_dir, link)):
            problems.append(f"report.html: link to a missing file {link}")
    for link in re.findall(r"\]\(([^)#][^)]*)\)", md):
        if not os.path.exists(os.path.join(out_dir, link)):
            problems.append(f"report.md: link to a missing file {link}")
    # one Mermaid diagram per counterexample in report.md, one SVG per diagram in report.html
    traces = glob.glob(os.path.join(out_dir, "**", "*.mmd"), recursive=True)
    if md.count("```mermaid") != len(traces):
        problems.append(f"report.md has {md.count('```mermaid')} Mermaid diagrams for {len(traces)} counterexamples")
    if parser.svgs < len(traces):
        problems.append(f"report.html has {parser.svgs} SVG diagrams for {len(traces)} counterexamples")
    for spec in specs:
        if f"`{spec}`" not in md:
            problems.append(f"report.md does not mention {spec}")


def check_suite(args, problems):
    specs = suite_specs()
    out_dir = os.path.join(args.out, "ext4-report")
    shutil.rmtree(out_dir, ignore_errors=True)
    cmd = [args.weft, "compare"] + specs + ["--out", out_dir, "--quiet"]
    if args.no_bmc:
        cmd.append("--no-bmc")
    else:
        cmd += ["--bmc-depth", str(args.bmc_depth)]
    rc, out, err = run(cmd)
    print(out)
    if rc != 0:
        problems.append(f"weft compare on the suite exited {rc} (expected 0: every verdict as its header says)\n{err}")
    rows = [l for l in out.splitlines() if re.match(r"^(F\d|R\d)", l)]
    runs = sum(len(re.findall(r"^//! run:", open(os.path.join(ROOT, s), encoding="utf-8").read(), re.M)) for s in specs)
    if len(rows) != runs:
        problems.append(f"the table has {len(rows)} rows for {runs} runs")
    for row in rows:
        if not row.rstrip().endswith("match") or "MISMATCH" in row:
            problems.append(f"row does not match its header: {row}")
        if not args.no_bmc and "disagrees" in row:
            problems.append(f"BMC disagrees with the explicit engine: {row}")
    check_report(out_dir, specs, problems)


FIXTURE = """module fixture
import "{common}"
//! candidate: X
//! title: a fixture
//! scenario: the basic scenario
//! run:
//! verdicts: {verdicts}
process mapper {{
  vm_mmap_pgoff: acquire mmap_lock
  mmap_region: mapped := true
  mmap_write_unlock: release mmap_lock
}}
"""


def check_negative(args, problems):
    with tempfile.TemporaryDirectory() as tmp:
        common = os.path.join(ROOT, "specs", "ext4_inline", "common.weft")

        def fixture(name, verdicts):
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(FIXTURE.format(common=common, verdicts=verdicts))
            return path

        good = fixture("good.weft", "P1=ok deadlock=ok lock_order=ok P3=ok")
        wrong = fixture("wrong.weft", "P1=violated deadlock=ok lock_order=ok P3=ok")
        bad = fixture("bad.weft", "P1=maybe")
        cases = [
            ([good], 0, ["match", "1 of 1 runs match"]),
            ([wrong], 12, ["MISMATCH X: P1: expected violated, found ok", "0 of 1 runs match"]),
            ([good, wrong], 12, ["1 of 2 runs match"]),
            ([bad], 150, ["bad verdict 'P1=maybe'"]),
        ]
        for files, want_rc, needles in cases:
            rc, out, err = run([args.weft, "compare"] + files + ["--no-bmc", "--quiet"], timeout=300)
            if rc != want_rc:
                problems.append(f"weft compare {' '.join(map(os.path.basename, files))}: exit {rc}, expected {want_rc}\n{out}{err}")
            for n in needles:
                if n not in out and n not in err:
                    problems.append(f"weft compare {' '.join(map(os.path.basename, files))}: missing {n!r} in\n{out}{err}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--weft", required=True)
    ap.add_argument("--out", required=True, help="scratch directory for the report")
    ap.add_argument("--no-bmc", action="store_true")
    ap.add_argument("--bmc-depth", type=int, default=8)  # weft compare's default: CI checks what the main job reports
    ap.add_argument("--suite-only", action="store_true")
    ap.add_argument("--negative-only", action="store_true")
    args = ap.parse_args()
    args.weft = os.path.abspath(args.weft)
    os.makedirs(args.out, exist_ok=True)
    problems = []
    if not args.negative_only:
        check_suite(args, problems)
    if not args.suite_only:
        check_negative(args, problems)
    for p in problems:
        print("FAIL:", p)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())

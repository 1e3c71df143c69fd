#!/usr/bin/env python3
# tests/golden: keeps docs/diagnostics.md honest: every diagnostic code documented with an
# example, and every example's output equal to its golden case (--update rewrites them).
"""Usage: diagnostics_doc.py [--update] [--root REPO_ROOT]

Checks (the default; exit 1 on any problem):
  - every WEFT_DIAG code of support/diagnostic_codes.def has a heading
    `### E0302 — invalid operand types` in docs/diagnostics.md with the same title, and its
    section holds an example (a fenced code block);
  - no heading documents a code that is not in diagnostic_codes.def;
  - every example block between `<!-- golden: CASE -->` and `<!-- /golden -->` shows exactly
    the current input files, command line, stderr and exit code of the golden case
    tests/golden/diagnostics/CASE.
--update rewrites those example blocks from the golden files (scripts/regen_golden.sh runs it
after regenerating the golden files), so the documented messages are always the real ones.
"""
import argparse
import os
import re
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLOCK = re.compile(r"(<!-- golden: (?P<case>[\w.-]+)(?P<opts>[^>]*?) -->\n)(?P<body>.*?)(<!-- /golden -->)",
                   re.S)
HEADING = re.compile(r"^#{2,4}\s+`?([EW]\d{4})`?\s*(?:—|–|-|:)\s*(.+?)\s*$", re.M)


def text_of(data):
    return data.decode("utf-8", errors="backslashreplace")


def render_case(suite_dir, case, opts):
    """The Markdown for one golden case: its input files, then the command and its stderr."""
    cdir = os.path.join(suite_dir, case)
    if not os.path.isdir(cdir):
        raise FileNotFoundError(f"golden case {case} does not exist")
    with open(os.path.join(suite_dir, "suite.json"), encoding="utf-8") as f:
        command = __import__("json").load(f)["command"]
    if os.path.exists(os.path.join(cdir, "command")):
        command = shlex.split(open(os.path.join(cdir, "command"), encoding="utf-8").read())
    args = []
    if os.path.exists(os.path.join(cdir, "args")):
        args = shlex.split(open(os.path.join(cdir, "args"), encoding="utf-8").read())
    out = []
    files = ["input.weft"] + sorted(
        os.path.relpath(os.path.join(d, n), cdir)
        for d, _, names in os.walk(cdir) for n in names
        if n.endswith(".weft") and os.path.join(d, n) != os.path.join(cdir, "input.weft"))
    show_input = "no-input" not in opts
    for name in files:
        path = os.path.join(cdir, name)
        if not show_input or not os.path.exists(path):
            continue
        data = open(path, "rb").read()
        out.append(f"`{name}`:\n```weft\n{text_of(data).rstrip()}\n```\n")
    stderr = text_of(open(os.path.join(cdir, "expected.stderr"), "rb").read())
    code = open(os.path.join(cdir, "expected.exit"), encoding="utf-8").read().strip()
    cmdline = " ".join(shlex.quote(a) for a in ["weft"] + command + args)
    out.append(f"```console\n$ {cmdline}\n{stderr.rstrip()}\n[exit {code}]\n```\n")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--root", default=os.path.join(HERE, "..", ".."))
    opts = ap.parse_args()
    root = os.path.abspath(opts.root)
    suite_dir = os.path.join(root, "tests", "golden", "diagnostics")
    doc_path = os.path.join(root, "docs", "diagnostics.md")
    with open(os.path.join(root, "support", "diagnostic_codes.def"), encoding="utf-8") as f:
        codes = re.findall(r'^\s*WEFT_DIAG\(\s*([EW]\d{4})\s*,\s*"([^"]*)"\s*\)', f.read(), re.M)
    with open(doc_path, encoding="utf-8") as f:
        doc = f.read()
    problems = []

    # Example blocks from the golden cases.
    def replace(m):
        try:
            body = render_case(suite_dir, m.group("case"), m.group("opts"))
        except (FileNotFoundError, OSError) as e:
            problems.append(str(e))
            return m.group(0)
        if body != m.group("body") and not opts.update:
            problems.append(f"the example of golden case {m.group('case')} is out of date "
                            f"(run tests/golden/diagnostics_doc.py --update)")
        return m.group(1) + body + m.group(5)
    new_doc = BLOCK.sub(replace, doc)
    if opts.update and new_doc != doc:
        with open(doc_path, "w", encoding="utf-8") as f:
            f.write(new_doc)
        print("diagnostics_doc: docs/diagnostics.md updated")
    doc = new_doc

    # Every code documented, with its title and an example.
    if not codes:
        problems.append("no WEFT_DIAG entries found in diagnostic_codes.def")
    matches = list(HEADING.finditer(doc))
    sections = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(doc)
        sections[m.group(1)] = (m.group(2), doc[m.end():end])
    known = {code for code, _ in codes}
    for code, title in codes:
        if code not in sections:
            problems.append(f"{code} ({title}) is not documented in docs/diagnostics.md")
            continue
        doc_title, body = sections[code]
        if doc_title.strip("`*").lower() != title.lower():
            problems.append(f"{code}: doc title '{doc_title}' differs from '{title}'")
        if "```" not in body:
            problems.append(f"{code}: its section has no example (fenced code block)")
    for code in sections:
        if code not in known:
            problems.append(f"{code} is documented but not in diagnostic_codes.def")

    for p in problems:
        print("diagnostics_doc:", p)
    print(f"diagnostics_doc: {len(codes)} codes, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# tests/html: the HTML pages weft writes (index.html of `weft check --out`, report.html of
# `weft compare --out`) open in headless Chromium without console messages, and a screenshot
# of each is a real PNG with drawn content; skips (exit 77) when Chromium is not installed.
"""Headless-Chromium test of weft's HTML output.

Usage:
    run_html.py --weft BUILD/cli/weft --out DIR (--check | --compare [--bmc]) [--chromium PATH]

--check    runs `weft check SPEC --out DIR/<name>` on a few violated specs (a lost update, an
           ABBA deadlock, the three-thread queued-rwsem deadlock) and opens each index.html;
--compare  runs `weft compare` on the ext4 inline-data suite (specs/ext4_inline/f*.weft and
           r1_*.weft; --no-bmc unless --bmc) and opens its report.html.

For each page Chromium runs twice, headless, with its own throw-away profile:
  1. --screenshot (1280x2000) with --enable-logging=stderr: every message a page sends to the
     console (console.error/log, an uncaught exception) is logged on stderr as a line with
     `:CONSOLE` and the page's file:// URL. weft's pages contain no scripts, so any such line
     is a failure, as is an "Uncaught" anywhere, a crashed renderer or a missing screenshot.
  2. --dump-dom: the parsed page must hold as many <svg> elements as the file (a diagram the
     HTML parser swallowed or split would change the count).
The screenshot must be a well-formed PNG (signature, chunk CRCs, IHDR, zlib data, filters)
with more than one colour and at least 1% of its pixels differing from the background.

Before the pages, a canary page with `console.error(...)` and an uncaught exception is opened
the same way: if the log scan does not see both messages, the detection is broken on this
Chromium and the test fails rather than passing blind.

Screenshots are kept in DIR (index-<name>.png, report.png) for a person to look at.
Exit status: 0 all good, 1 a problem (listed on stdout), 77 Chromium missing (SKIP).
"""
import argparse
import glob
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SKIP = 77

# Violated specs whose index.html is opened: (name, spec relative to ROOT, weft check's exit
# code: 12 an invariant violated, 11 a deadlock or lock-order violation).
CHECK_SPECS = [
    ("lost_update", "examples/lost_update.weft", 12),
    ("abba", "tests/golden/lockorder/abba/spec.weft", 11),
    ("rwsem_queued_three", "tests/golden/lockorder/rwsem_queued_three/spec.weft", 11),
]

CONSOLE_RE = re.compile(r":CONSOLE[:(]")
CANARY = """<!DOCTYPE html>
<html><head><meta charset="utf-8"/><title>canary</title>
<script>console.error("weft-canary-console-error"); throw new Error("weft-canary-exception");</script>
</head><body><p>canary</p></body></html>
"""


def find_chromium(explicit):
    if explicit:
        return explicit if os.path.isfile(explicit) and os.access(explicit, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium_cmd(chromium, profile, extra, url):
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=" + profile, "--window-size=1280,2000"] + extra + [url]


def run_chromium(chromium, extra, url, timeout=120):
    profile = tempfile.mkdtemp(prefix="weft-chromium-")
    try:
        p = subprocess.run(chromium_cmd(chromium, profile, extra, url), stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def console_lines(stderr):
    """The lines of Chromium's log that carry a page's console message or an uncaught error."""
    return [l for l in stderr.splitlines() if CONSOLE_RE.search(l) or "Uncaught" in l]


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def png_pixels(path):
    """(width, height, colour counts) of an 8-bit non-interlaced PNG; raises ValueError."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG (bad signature)")
    pos, ihdr, idat, seen_end = 8, None, b"", False
    while pos + 12 <= len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        if len(body) != length or zlib.crc32(ctype + body) & 0xFFFFFFFF != crc:
            raise ValueError(f"chunk {ctype!r} is truncated or has a bad CRC")
        if ctype == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif ctype == b"IDAT":
            idat += body
        elif ctype == b"IEND":
            seen_end = True
            break
        pos += 12 + length
    if ihdr is None or not idat or not seen_end:
        raise ValueError("missing IHDR, IDAT or IEND")
    width, height, depth, colour, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError(f"unexpected PNG format (depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(idat)
    stride = width * channels
    if len(raw) != height * (stride + 1):
        raise ValueError("image data has the wrong size")
    counts, prev, pos = {}, bytearray(stride), 0
    for _ in range(height):
        ftype, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += stride + 1
        if ftype == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif ftype == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif ftype == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif ftype == 4:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                upleft = prev[i - channels] if i >= channels else 0
                line[i] = (line[i] + paeth(left, prev[i], upleft)) & 0xFF
        elif ftype != 0:
            raise ValueError(f"bad filter type {ftype}")
        row = bytes(line)
        for i in range(0, stride, channels):
            px = row[i:i + channels]
            counts[px] = counts.get(px, 0) + 1
        prev = line
    return width, height, counts


def check_png(path, problems):
    if not os.path.isfile(path) or os.path.getsize(path) == 0:
        problems.append(f"no screenshot written to {path}")
        return
    try:
        width, height, counts = png_pixels(path)
    except (ValueError, zlib.error, struct.error) as e:
        problems.append(f"{path}: {e}")
        return
    total = width * height
    background = max(counts.values())
    drawn = total - background
    if len(counts) < 2:
        problems.append(f"{path}: blank screenshot (one colour only)")
    elif drawn * 100 < total:
        problems.append(f"{path}: nearly blank screenshot ({drawn} of {total} pixels drawn)")
    else:
        print(f"  {os.path.basename(path)}: {width}x{height}, {len(counts)} colours, "
              f"{100.0 * drawn / total:.1f}% of the pixels drawn")


def open_page(chromium, page, png, problems):
    """Screenshot `page` into `png`, then dump its DOM; record every problem."""
    url = "file://" + os.path.abspath(page)
    if os.path.exists(png):
        os.remove(png)
    rc, out, err = run_chromium(chromium, ["--enable-logging=stderr", "--v=0", "--screenshot=" + png], url)
    name = os.path.relpath(page, os.path.dirname(os.path.dirname(page)))
    if rc != 0:
        problems.append(f"{name}: chromium --screenshot exited {rc}\n{err[-2000:]}")
    for line in console_lines(err):
        problems.append(f"{name}: console message: {line}")
    if "crashed" in err.lower():
        problems.append(f"{name}: the renderer crashed:\n{err[-2000:]}")
    check_png(png, problems)
    rc, dom, err = run_chromium(chromium, ["--dump-dom"], url)
    if rc != 0:
        problems.append(f"{name}: chromium --dump-dom exited {rc}\n{err[-2000:]}")
        return
    want = open(page, encoding="utf-8").read().count("<svg")
    got = dom.count("<svg")
    if got != want:
        problems.append(f"{name}: the parsed page has {got} <svg> elements, the file {want}")
    else:
        print(f"  {name}: {got} inline SVG diagrams parsed")


def check_canary(chromium, work, problems):
    page = os.path.join(work, "canary.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(CANARY)
    _, _, err = run_chromium(chromium, ["--enable-logging=stderr", "--v=0", "--screenshot=" +
                                        os.path.join(work, "canary.png")], "file://" + page)
    seen = "\n".join(console_lines(err))
    for marker in ("weft-canary-console-error", "weft-canary-exception"):
        if marker not in seen:
            problems.append(f"the console scan does not see {marker!r} on the canary page: console "
                            f"errors would go unnoticed with this Chromium\n{err[-2000:]}")


def run_weft(cmd, timeout):
    p = subprocess.run(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout, env=dict(os.environ, LC_ALL="C"))
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_pages(args, chromium, problems):
    for name, spec, want_rc in CHECK_SPECS:
        out = os.path.join(args.out, name)
        shutil.rmtree(out, ignore_errors=True)
        rc, _, err = run_weft([args.weft, "check", spec, "--out", out, "--quiet"], 300)
        page = os.path.join(out, "index.html")
        if rc != want_rc:
            problems.append(f"weft check {spec} --out: exit {rc}, expected {want_rc} (violated)\n{err}")
        if not os.path.isfile(page):
            problems.append(f"weft check {spec} --out wrote no index.html")
            continue
        open_page(chromium, page, os.path.join(args.out, f"index-{name}.png"), problems)


def compare_page(args, chromium, problems):
    specs = sorted(glob.glob(os.path.join(ROOT, "specs", "ext4_inline", "f*.weft")))
    specs += sorted(glob.glob(os.path.join(ROOT, "specs", "ext4_inline", "r1_*.weft")))
    if not specs:
        problems.append("no specs under specs/ext4_inline")
        return
    out = os.path.join(args.out, "ext4-report")
    shutil.rmtree(out, ignore_errors=True)
    cmd = [args.weft, "compare"] + [os.path.relpath(s, ROOT) for s in specs] + ["--out", out, "--quiet"]
    if not args.bmc:
        cmd.append("--no-bmc")
    rc, _, err = run_weft(cmd, 1500)
    page = os.path.join(out, "report.html")
    if rc != 0:
        problems.append(f"weft compare: exit {rc}, expected 0\n{err}")
    if not os.path.isfile(page):
        problems.append("weft compare --out wrote no report.html")
        return
    open_page(chromium, page, os.path.join(args.out, "report.png"), problems)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--weft", required=True, help="path to the weft binary")
    ap.add_argument("--out", required=True, help="work folder (outputs and screenshots are kept)")
    ap.add_argument("--chromium", help="the Chromium binary (default: chromium on PATH)")
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--check", action="store_true", help="index.html of weft check --out")
    what.add_argument("--compare", action="store_true", help="report.html of weft compare --out")
    ap.add_argument("--bmc", action="store_true", help="with --compare: keep the BMC cross-check")
    args = ap.parse_args()
    args.weft = os.path.abspath(args.weft)
    args.out = os.path.abspath(args.out)

    chromium = find_chromium(args.chromium)
    if chromium is None:
        print("SKIP: no Chromium found (chromium, chromium-browser, google-chrome); "
              "scripts/setup.sh installs Debian's chromium")
        return SKIP
    os.makedirs(args.out, exist_ok=True)
    problems = []
    check_canary(chromium, args.out, problems)
    if not problems:
        if args.check:
            check_pages(args, chromium, problems)
        else:
            compare_page(args, chromium, problems)
    for p in problems:
        print("FAIL:", p)
    if not problems:
        print(f"ok: screenshots in {args.out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

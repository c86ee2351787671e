#!/usr/bin/env python3
"""The HTML run report of spikecore-sim --html, rendered in headless Chromium.

Runs 20 digits of the fixture MLP on the SystemC backend with a verdict and
the compiler's mapping report, checks that the page fetches nothing (no
scripts, no external URLs), loads it in headless Chromium through a harness
page that measures every section's rendered size and pictures (DOM), and
saves a screenshot (the one README shows).

usage: check_html_report.py BIN_DIR ARTIFACTS_DIR OUT_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Section id -> the fewest pictures (SVG or table, drawn larger than a few
# pixels) it must show on the SystemC backend with a compile report.
SECTIONS = {
    "summary": 1, "mapping": 3, "mesh": 4, "layers": 2,
    "raster": 1, "cycles": 1, "energy": 2, "timesteps": 1,
}

HARNESS = """<!DOCTYPE html><html><body>
<iframe id="f" src="report.html" style="width:1100px;height:6000px"></iframe>
<pre id="out">pending</pre>
<script>
document.getElementById('f').addEventListener('load', function () {
  var d = this.contentDocument, lines = [];
  d.querySelectorAll('section').forEach(function (s) {
    var r = s.getBoundingClientRect(), pics = 0;
    s.querySelectorAll('svg, table').forEach(function (e) {
      var b = e.getBoundingClientRect(); if (b.width > 20 && b.height > 10) pics++; });
    lines.push('section ' + s.id + ' ' + Math.round(r.width) + ' ' + Math.round(r.height) + ' ' + pics);
  });
  var v = d.querySelector('.verdict');
  lines.push('verdict ' + (v ? v.textContent : 'missing'));
  document.getElementById('out').textContent = lines.join('\\n') + '\\nend-of-check';
});
</script></body></html>
"""


def fail(message):
    print("check_html_report: FAIL: " + message)
    sys.exit(1)


def chromium(args, profile, timeout=180):
    exe = shutil.which("chromium")
    if exe is None:
        fail("chromium is not installed (scripts/setup.sh installs Debian's chromium)")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--user-data-dir=" + profile, "--no-first-run"] + args
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        fail("chromium exited with %d: %s" % (r.returncode, r.stderr[-2000:]))
    return r.stdout


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    bin_dir, artifacts, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    report = os.path.join(out, "report.html")
    sim = [os.path.join(bin_dir, "spikecore-sim"),
           "--image", os.path.join(artifacts, "mnist_mlp.scimg"), "--count", "20",
           "--reference", os.path.join(artifacts, "mnist_mlp.pt"), "--min-agreement", "90",
           "--compile-report", os.path.join(artifacts, "mapping.json"),
           "--html", report, "--progress", "none"]
    r = subprocess.run(sim, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        fail("spikecore-sim exited with %d:\n%s%s" % (r.returncode, r.stdout, r.stderr))
    page = open(report, encoding="utf-8").read()

    # Self-contained: nothing to fetch, nothing to run.
    if re.search(r"<script|<link|<img|<iframe|@import|url\(", page, re.I):
        fail("the report loads or runs something: " +
             re.search(r"<script|<link|<img|<iframe|@import|url\(", page, re.I).group(0))
    for url in re.findall(r"https?://[^\"' <>]+", page):
        if url != "http://www.w3.org/2000/svg":
            fail("the report names an external URL: " + url)

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(report, os.path.join(tmp, "report.html"))
        with open(os.path.join(tmp, "harness.html"), "w") as f:
            f.write(HARNESS)
        dom = chromium(["--allow-file-access-from-files", "--virtual-time-budget=20000",
                        "--dump-dom", "file://" + os.path.join(tmp, "harness.html")],
                       os.path.join(tmp, "profile"))
        m = re.search(r'<pre id="out">(.*?)end-of-check', dom, re.S)
        if not m:
            fail("the harness did not report (the page did not load?):\n" + dom[-2000:])
        seen = {}
        verdict = ""
        for line in m.group(1).strip().splitlines():
            parts = line.split()
            if parts[0] == "section":
                seen[parts[1]] = (int(parts[2]), int(parts[3]), int(parts[4]))
            elif parts[0] == "verdict":
                verdict = line[len("verdict "):]
        for sid, pictures in SECTIONS.items():
            if sid not in seen:
                fail("section '%s' is missing from the rendered page (found: %s)" %
                     (sid, ", ".join(seen)))
            width, height, drawn = seen[sid]
            if width < 600 or height < 100 or drawn < pictures:
                fail("section '%s' rendered %dx%d px with %d picture(s); expected at least "
                     "600x100 and %d" % (sid, width, height, drawn, pictures))
            print("section %-10s %5d x %5d px, %d picture(s)" % (sid, width, height, drawn))
        if not verdict.startswith("PASS"):
            fail("the verdict box reads %r, expected PASS" % verdict)

        shot = os.path.join(out, "html_report.png")
        chromium(["--window-size=1100,2600", "--screenshot=" + shot,
                  "file://" + os.path.join(tmp, "report.html")], os.path.join(tmp, "profile"))
    with open(shot, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        fail(shot + " is not a PNG")
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    colours = subprocess.run(["convert", shot, "-format", "%k", "info:"], capture_output=True,
                             text=True, timeout=60).stdout.strip()
    if not colours.isdigit() or int(colours) < 50:
        fail("the screenshot looks blank (%s colours)" % colours)
    print("screenshot %s: %d x %d px, %s colours" % (shot, width, height, colours))
    print("check_html_report: PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())

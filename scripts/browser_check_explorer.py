"""Real-browser check of the threshold explorer: JupyterLab renders the widget in Chromium, and the explorer must
still hold the exact calibrated thresholds afterwards (a slider shows them rounded to its step and the browser may
send the rounded value back when it renders).

Needs JupyterLab (the dev extra), Chromium (e.g. Debian's `apt-get install chromium`) and the `playwright` Python
package (`pip install playwright`; do not run `playwright install`: the system Chromium is used). Run from the
repository root:

    python scripts/browser_check_explorer.py [--chromium /usr/bin/chromium] [--screenshot explorer.png]

Prints the thresholds before and after rendering and exits with 1 if they differ.
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat

CELLS = [
    "import math\n"
    "from saec.explore import Explorer, ExplorerWidget, simulated_records\n"
    "from saec.scheduler import Thresholds\n"
    "exact = Thresholds(tau_S=math.inf, tau_s=0.8537, tau_m=0.0, tau_h=1.0, tau=0.4567, tau_r=1.0)\n"
    "ex = Explorer(simulated_records(500, seed=2), calibrated=exact, front=False)\n"
    "w = ExplorerWidget(ex)\n"
    "w",
    "print('AFTER', json.dumps(ex.thresholds.to_dict(), sort_keys=True))\n"
    "print('EXACT', json.dumps(exact.to_dict(), sort_keys=True))",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--chromium", default="/usr/bin/chromium")
    p.add_argument("--screenshot", default=None, help="save a PNG of the rendered widget here")
    a = p.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="saec-browser-"))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import json\n" + CELLS[0]), nbformat.v4.new_code_cell(CELLS[1])])
    nbformat.write(nb, work / "check.ipynb")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ServerApp.token=",
                               "--ServerApp.password=", f"--ServerApp.root_dir={work}", "--allow-root"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=1); break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=a.chromium, args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/lab/tree/check.ipynb")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            time.sleep(3)
            for _ in range(3):   # a first start may ask which kernel to use: take the default
                dialog = page.locator(".jp-Dialog .jp-mod-accept")
                if dialog.count() == 0: break
                dialog.first.click(); time.sleep(1)
            page.locator(".jp-Cell").nth(0).click(timeout=30_000)
            page.keyboard.press("Shift+Enter")
            page.wait_for_selector(".widget-slider", timeout=120_000)
            time.sleep(3)   # let the rendered sliders send whatever they send
            if a.screenshot:
                page.locator(".jp-Cell").nth(0).screenshot(path=a.screenshot)
            page.keyboard.press("Shift+Enter")   # the second cell is selected now
            page.wait_for_selector("text=EXACT", timeout=60_000)
            out = page.locator(".jp-Cell").nth(1).locator(".jp-OutputArea").inner_text()
            browser.close()
    finally:
        server.terminate(); server.wait(30)
    lines = {l.split(" ", 1)[0]: json.loads(l.split(" ", 1)[1]) for l in out.splitlines() if l.startswith(("AFTER", "EXACT"))}
    print("calibrated:", lines["EXACT"])
    print("after rendering in Chromium:", lines["AFTER"])
    same = lines["AFTER"] == lines["EXACT"]
    print("exact thresholds kept" if same else "the rendered widget changed the thresholds")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

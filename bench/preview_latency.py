"""Seconds from saving a YAML file in `build.py serve` to the open page showing the change (real Chromium).

Usage: python bench/preview_latency.py [--content DIR] [--runs N]
Prints one line per run and the median; BENCHMARKS.md records the results.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from sitegen.commands.cms_backend import free_port  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content_data")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    shutil.copytree(args.content, work / "content")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", "content", "--docs", "docs", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    faq = work / "content" / "faq.yaml"
    url = f"http://127.0.0.1:{port}/faq/"
    timings = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            deadline = time.time() + 120
            while True:
                try:
                    page.goto(url)
                    if page.locator("h1").count():
                        break
                except Exception:
                    time.sleep(0.3)
                if time.time() > deadline:
                    raise SystemExit("serve did not start")
            time.sleep(2)  # let the first watcher cycle settle
            text = faq.read_text()
            for run in range(args.runs):
                marker = f"Preview check number{' again' * run}."
                start = time.perf_counter()
                # Prepend a paragraph to the first answer, whatever YAML block style it uses.
                head, rest = text.split("    answer: ", 1)
                style, body = rest.split("\n", 1)
                faq.write_text(f"{head}    answer: {style}\n      {marker}\n\n{body}")
                # textContent, not innerText: the answer sits in a collapsed <details>.
                page.wait_for_function(f"!!document.body && document.body.textContent.includes({marker!r})", timeout=60_000, polling=50)
                took = time.perf_counter() - start
                timings.append(took)
                print(f"run {run + 1}: {took:.2f} s")
                time.sleep(1)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print(f"median {statistics.median(timings):.2f} s, max {max(timings):.2f} s over {len(timings)} saves ({args.content.name})")


if __name__ == "__main__":
    main()

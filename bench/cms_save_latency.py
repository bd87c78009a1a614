"""Seconds from clicking 'Publish now' in the browser editor (/admin/) to the open preview page showing the change.

Usage: python bench/cms_save_latency.py [--content DIR] [--runs N]
Starts `build.py serve --cms` on a copy of the content and drives Decap CMS in Chromium; prints each run and the
median, split into click-to-file-written and file-written-to-preview (and the preview's own check and MkDocs times), with
the CPU the preview and Chromium spent per save. BENCHMARKS.md records the results.
"""

from __future__ import annotations

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
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from sitegen.commands.cms_backend import free_port  # noqa: E402


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc (Linux); 0 elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _main_thread_cpu(trace: bytes) -> float:
    """CPU seconds the editor page's main thread spent from the click to sending the save to decap-server, from a
    Chromium trace: the click's own task (Decap validates the form and writes the YAML in it) and any task after it
    before the request. A thread's CPU time does not grow while the machine runs other work, so load does not change it."""
    events = json.loads(trace)["traceEvents"]
    click = next(e for e in events if e.get("name") == "EventDispatch" and e.get("args", {}).get("data", {}).get("type") == "click")
    sent = min(e["ts"] for e in events if e.get("name") == "ResourceSendRequest" and "/api/v1" in json.dumps(e.get("args", {})))
    thread, click_end = (click["pid"], click["tid"]), click["ts"] + click["dur"]
    later = [
        e.get("tdur", 0)
        for e in events
        if e.get("name") == "RunTask" and (e["pid"], e["tid"]) == thread and click_end <= e["ts"] < sent and e.get("ph") == "X"
    ]
    return (click.get("tdur", 0) + sum(later)) / 1e6


RUN_NAMES = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content_data")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    load_at_start = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="cms-bench-"))
    shutil.copytree(args.content, work / "content")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--cms", "--content", "content", "--docs", "docs"]
    log = (work / "serve.log").open("w")
    server = subprocess.Popen([*command, "--dev-addr", f"127.0.0.1:{port}"], cwd=work, stdout=log, stderr=subprocess.STDOUT)
    faq = work / "content" / "faq.yaml"
    try:
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(base + "faq/what-is-ketamine/", timeout=2)
                break
            except OSError:
                assert time.time() < deadline, "the preview did not start"
                time.sleep(0.3)
        totals, writes, after_write, checks, rebuilds, cpus, editor_cpus, harness, main_thread = [], [], [], [], [], [], [], [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            chromium = browser.new_browser_cdp_session()

            def chromium_cpu() -> float:
                """CPU seconds all of Chromium's processes have used so far (the editor's page is one of them)."""
                return sum(info["cpuTime"] for info in chromium.send("SystemInfo.getProcessInfo")["processInfo"])

            context = browser.new_context(viewport={"width": 1280, "height": 900})
            admin, preview = context.new_page(), context.new_page()
            admin.goto(base + "admin/")
            admin.get_by_role("button", name="Login").click()
            for run in range(args.runs):
                # No digits: a figure in an answer needs a source (the claim guard would refuse the save).
                marker = f"Edited in the browser, {RUN_NAMES[run % len(RUN_NAMES)]} time."
                admin.goto(base + "admin/#/collections/pages/entries/faq")
                admin.reload()
                item = admin.locator("[class*='SortableListItem']", has=admin.get_by_text("What is ketamine?", exact=True)).first
                try:
                    item.locator("button").first.click(timeout=60_000)
                except Exception:
                    admin.screenshot(path=str(Path(tempfile.gettempdir()) / "cms-bench-failed.png"))
                    raise
                answer = item.get_by_label("Answer", exact=True)
                answer.fill(answer.input_value() + " " + marker)
                preview.goto(base + "faq/what-is-ketamine/")
                before = faq.stat().st_mtime_ns
                cpu_at = _cpu_seconds(server.pid)
                log_at = len((work / "serve.log").read_text())
                admin.get_by_role("button", name="Publish").click()
                menu = admin.get_by_text("Publish now")
                menu.wait_for()
                # The click's time as the page saw it (Playwright's own checks before clicking are not the editor's).
                admin.evaluate(
                    "() => document.addEventListener('click', () => { window.clickedAt = performance.timeOrigin + performance.now(); },"
                    " {capture: true, once: true})"
                )
                chromium_at = chromium_cpu()
                browser.start_tracing(page=admin, categories=["devtools.timeline", "toplevel"])
                called = time.time()
                menu.click()
                while faq.stat().st_mtime_ns == before:
                    time.sleep(0.005)
                editor_cpus.append(chromium_cpu() - chromium_at)
                main_thread.append(_main_thread_cpu(browser.stop_tracing()))
                preview.wait_for_function(
                    f"() => (document.body || {{innerText: ''}}).innerText.includes({marker!r})", timeout=30_000, polling=20
                )
                shown = time.time()
                clicked = admin.evaluate("() => window.clickedAt") / 1000
                harness.append(clicked - called)
                cpus.append(_cpu_seconds(server.pid) - cpu_at)
                written = faq.stat().st_mtime_ns
                totals.append(shown - clicked)
                writes.append(written / 1e9 - clicked)
                after_write.append(shown - written / 1e9)
                new_lines = (work / "serve.log").read_text()[log_at:]
                check_s = sum(float(x) for x in re.findall(r"checked and rendered in ([0-9.]+) s", new_lines))
                mkdocs_s = sum(float(x) for x in re.findall(r"site rebuilt in ([0-9.]+) s", new_lines))
                checks.append(check_s)
                rebuilds.append(mkdocs_s)
                print(
                    f"run {run + 1}: {shown - clicked:.2f} s (file written after {written / 1e9 - clicked:.2f} s; then shown after "
                    f"{shown - written / 1e9:.2f} s: check and render {check_s:.2f} s, MkDocs rebuild {mkdocs_s:.2f} s; "
                    f"preview CPU {cpus[-1]:.2f} s; Chromium CPU click to file written {editor_cpus[-1]:.2f} s, of it the editor's "
                    f"main thread, click to request {main_thread[-1] * 1000:.0f} ms; "
                    f"Playwright took {harness[-1]:.2f} s to click, not counted)"
                )
            browser.close()
        median = statistics.median
        print(
            f"median {median(totals):.2f} s, max {max(totals):.2f} s; medians: file written after {median(writes):.2f} s, "
            f"written to shown {median(after_write):.2f} s (check and render {median(checks):.2f} s, MkDocs rebuild {median(rebuilds):.2f} s)"
        )
        print(
            "CPU per save (does not depend on the machine's load): preview process, median "
            f"{median(cpus):.2f} s; Chromium (the editor), click to file written, median {median(editor_cpus):.2f} s, "
            f"of it the editor page's main thread from the click to the request to decap-server, median {median(main_thread) * 1000:.0f} ms "
            f"(min {min(main_thread) * 1000:.0f}, max {max(main_thread) * 1000:.0f})"
        )
        loads = " ".join(f"{x:.1f}" for x in load_at_start), " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"load average (1, 5, 15 min) at the start {loads[0]}, at the end {loads[1]} ({os.cpu_count()} cores; times are wall-clock)")
    except BaseException:
        print(
            "preview log (last lines):\n"
            + "\n".join(line for line in (work / "serve.log").read_text().splitlines() if "warning:" not in line)[-3000:],
            file=sys.stderr,
        )
        raise
    finally:
        server.terminate()
        server.wait(15)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    main()

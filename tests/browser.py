"""Browser test support: Debian's Chromium through Playwright, and the built site served on localhost."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def require_chromium() -> None:
    """Skip without a browser, unless REQUIRE_BROWSER is set (CI), where a missing browser is a failure."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"REQUIRE_BROWSER is set but Chromium was not found at {CHROMIUM}")
    pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's chromium to run browser tests")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_folder(folder: Path):
    """Serve a folder on 127.0.0.1 (random port) in a thread; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})" for v in results.response["violations"]]


WATCH_CSP = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"


def watched_tab(browser):
    """A desktop-sized page that records CSP violations (window.__csp) and every URL it requests (page.requests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_CSP)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.requests = requests  # type: ignore[attr-defined]
    return context, page


def switch_language(page, language: str) -> None:
    """What a reader does: open the language menu in the header, then pick the language."""
    page.locator(".md-header__option .md-select button").hover()
    link = page.locator(f".md-select__link[hreflang={language}]")
    link.wait_for(state="visible")
    link.click()
    page.wait_for_load_state("networkidle")

"""Live preview: saving a YAML file updates the open page; a content error shows on the page and in the terminal."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import ROOT
from test_build import edit

from sitegen.commands.cms_backend import free_port
from sitegen.core.security_policy import content_security_policy, security_headers

WATCH_CSP = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"


def _preview(workdir: Path, browser, first_page: str = "faq/what-is-ketamine/"):
    port = free_port()
    log = (workdir / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", "content", "--docs", "docs", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    context = browser.new_context()
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))  # type: ignore[attr-defined]
    deadline = time.time() + 60
    while True:
        try:
            page.goto(base + first_page)
            if page.locator("h1").count():
                break
        except Exception:
            pass
        assert time.time() < deadline, (workdir / "serve.log").read_text()
        time.sleep(0.3)
    yield page, workdir
    context.close()
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture
def preview(workdir: Path, browser):
    yield from _preview(workdir, browser)


@pytest.fixture
def spanish_preview(workdir: Path, browser):
    from test_i18n import with_spanish

    with_spanish(workdir)
    yield from _preview(workdir, browser, "es/faq/what-is-ketamine/")


def test_the_preview_shows_every_language_and_a_saved_translation_reloads_its_page(spanish_preview) -> None:
    page, workdir = spanish_preview
    assert page.evaluate("document.documentElement.lang") == "es"
    assert "La ketamina es un medicamento." in page.inner_text("article")
    # The language switch goes to the same page in English, which the preview serves too.
    english = page.locator('a[hreflang="en"]').first.get_attribute("href")
    page.goto(urljoin(page.url, english))
    assert page.evaluate("document.documentElement.lang") == "en" and "Ketamine is a medicine." in page.inner_text("article")
    page.go_back()
    edit(workdir / "content/translations/es/faq.yaml", "La ketamina es un medicamento.", "La ketamina es un medicamento antiguo.")
    page.wait_for_function(
        "() => document.querySelector('article')?.innerText.includes('La ketamina es un medicamento antiguo.')", timeout=30_000
    )
    assert page.evaluate("document.documentElement.lang") == "es" and page.console_errors == []  # type: ignore[attr-defined]
    assert page.evaluate("window.__csp") == []


def test_saving_yaml_reloads_the_open_page(preview) -> None:
    page, workdir = preview
    assert "Ketamine is a medicine." in page.inner_text("article")
    edit(workdir / "content/faq.yaml", "Ketamine is a medicine.", "Ketamine is an old medicine.")
    page.wait_for_function("() => document.querySelector('article')?.innerText.includes('Ketamine is an old medicine.')", timeout=30_000)
    log = (workdir / "serve.log").read_text()
    assert "preview: updated" in log, log
    # MkDocs logs this at the start of each rebuild, so it would be in the log by now; it is noise in a preview.
    assert "'dirty' build" not in log, log


def test_a_content_error_shows_on_the_preview_page_and_in_the_terminal(preview) -> None:
    page, workdir = preview
    edit(workdir / "content/faq.yaml", "answer: Ketamine", "answr: Ketamine")
    banner = page.locator(".preview-errors")
    banner.wait_for(timeout=30_000)
    assert "content/faq.yaml:13:5: unknown key 'answr' (did you mean 'answer'?)" in banner.inner_text()
    assert "content/faq.yaml:13:5: unknown key 'answr'" in (workdir / "serve.log").read_text()
    edit(workdir / "content/faq.yaml", "answr: Ketamine", "answer: Ketamine")
    page.wait_for_function("() => !document.querySelector('.preview-errors')", timeout=30_000)


def test_the_preview_keeps_the_sites_policy_and_refuses_injected_inline_code(preview) -> None:
    page, workdir = preview
    response = page.goto(page.url)
    for name, value in security_headers().items():
        assert response.headers[name.lower()] == value, name
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") == content_security_policy(for_meta=True)
    assert page.evaluate("window.__csp") == [] and page.console_errors == [], (page.evaluate("window.__csp"), page.console_errors)
    # Live reload is a script file, not inline code; injected inline code (an attribute handler) does not run.
    assert page.locator('script[src="/.preview/livereload.js"]').count() == 1
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=\"data:,\" onerror=\"window.__ran = true\">')")
    page.wait_for_function("() => window.__csp.some(v => v.startsWith('script-src'))", timeout=10_000)
    assert page.evaluate("window.__ran === undefined")
    # ...and the reload still works under that policy.
    edit(workdir / "content/faq.yaml", "Ketamine is a medicine.", "Ketamine is a long-used medicine.")
    page.wait_for_function("() => document.querySelector('article')?.innerText.includes('long-used medicine')", timeout=30_000)

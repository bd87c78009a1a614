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


def _wait_for(check, what: str, log: Path, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while not check():
        assert time.time() < deadline, f"{what}; log:\n{log.read_text()}"
        time.sleep(0.2)


def _status(url: str) -> int:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def _goto(page, url: str) -> None:
    """Open a page; a live reload of the page before it (a rebuild just finished) may abort the first try."""
    for attempt in range(5):
        try:
            page.goto(url)
            return
        except Exception:
            if attempt == 4:
                raise
            time.sleep(0.5)


def test_the_preview_says_where_it_is_and_when_the_errors_are_fixed(preview) -> None:
    page, workdir = preview
    log = workdir / "serve.log"
    port = page.url.split(":")[2].split("/")[0]
    assert f"preview: serving at http://127.0.0.1:{port}/ (Ctrl+C to stop)" in log.read_text(), log.read_text()
    edit(workdir / "content/faq.yaml", "answer: Ketamine", "answr: Ketamine")
    _wait_for(lambda: "unknown key 'answr'" in log.read_text(), "the error was not reported", log)
    assert "errors are fixed" not in log.read_text()
    edit(workdir / "content/faq.yaml", "answr: Ketamine", "answer: Ketamine")
    _wait_for(lambda: "preview: the errors are fixed; the preview shows the current version." in log.read_text(), "no line on the fix", log)


NEW_ANSWER = """  - id: how-long-is-a-visit
    question: How long is a visit?
    answer: Plan to stay for about two hours.
    category: basics
"""


def test_a_removed_answer_stops_being_served_and_leaves_the_menu(preview) -> None:
    page, workdir = preview
    log = workdir / "serve.log"
    faq = workdir / "content/faq.yaml"
    original = faq.read_text(encoding="utf-8")
    faq.write_text(original + NEW_ANSWER, encoding="utf-8")
    base = page.url.split("faq/")[0]
    _wait_for(lambda: _status(base + "faq/how-long-is-a-visit/") == 200, "the new answer was not served", log)
    _goto(page, base + "faq/")
    assert page.locator('a[href$="how-long-is-a-visit/"]').count() >= 1
    faq.write_text(original, encoding="utf-8")
    _wait_for(lambda: _status(base + "faq/how-long-is-a-visit/") == 404, "the removed answer is still served", log)
    _goto(page, base + "faq/")
    assert page.locator('a[href$="how-long-is-a-visit/"]').count() == 0
    assert _status(base + "faq/what-is-ketamine/") == 200


def test_a_busy_port_is_one_line_that_names_it_and_how_to_pick_another(workdir: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "serve", "--content", "content", "--docs", "docs", "--port", str(port)],
            cwd=workdir,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(f"build.py: error: port {port} on 127.0.0.1 is in use"), lines[0]
    suggested = int(lines[0].rsplit("--port ", 1)[1])
    assert suggested != port
    assert not (workdir / "docs").exists()  # refused before anything was built


LOGO_WIDE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 64" width="128" height="64"><rect width="128" height="64" fill="#1f3a6b"/></svg>'


@pytest.fixture
def clinic_preview(workdir: Path, browser):
    """`serve --clinic` on a copy of an example clinic (its folder: profile, overlay, lock, logos) over the fixture content."""
    clinics = workdir / "clinics"
    (clinics / "logos").mkdir(parents=True)
    for name in ("cedar-ridge.yaml", "cedar-ridge.overlay.yaml", "cedar-ridge.published.lock.yaml", "logos/cedar-ridge.svg"):
        (clinics / name).write_bytes((ROOT / "examples/clinics" / name).read_bytes())
    port = free_port()
    log_path = workdir / "serve.log"
    log = log_path.open("w")
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "serve",
        "--content",
        str(ROOT / "content_data"),
        "--clinic",
        "clinics/cedar-ridge.yaml",
    ]
    proc = subprocess.Popen([*command, "--docs", "docs", "--port", str(port)], cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    base = f"http://127.0.0.1:{port}/"
    _wait_for(lambda: proc.poll() is not None or _status(base + "glossary/") == 200, "the preview did not start", log_path, timeout=120)
    assert proc.poll() is None, log_path.read_text()
    page.goto(base + "glossary/")
    yield page, clinics, log_path
    context.close()
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


def _wait_in_page(page, script: str, log: Path, timeout: float = 60) -> None:
    """Wait until script is true in the open page, across the live reloads that happen meanwhile."""
    deadline = time.time() + timeout
    while True:
        try:
            if page.evaluate(script):
                return
        except Exception:  # the page reloaded while the script ran
            pass
        assert time.time() < deadline, f"not true in the page: {script}; log:\n{log.read_text()[-3000:]}"
        time.sleep(0.2)


def _logo(page) -> dict:
    page.wait_for_function("() => { const i = document.querySelector('.md-header .md-logo img'); return i && i.complete; }", timeout=10_000)
    return page.evaluate(
        "() => { const i = document.querySelector('.md-header .md-logo img');"
        " return {width: i.naturalWidth, height: i.naturalHeight, shown: i.getBoundingClientRect().width > 0}; }"
    )


def test_serve_clinic_shows_the_clinics_logo_and_follows_edits_of_its_name_logo_and_language(clinic_preview) -> None:
    page, clinics, log = clinic_preview
    assert _logo(page) == {"width": 64, "height": 64, "shown": True}
    assert page.locator(".md-header__topic").first.inner_text().strip() == "Cedar Ridge Ketamine Clinic"
    assert page.evaluate("document.documentElement.lang") == "en"
    profile = clinics / "cedar-ridge.yaml"

    # The logo file replaced under the same name: the header shows the new picture without a restart.
    (clinics / "logos/cedar-ridge.svg").write_text(LOGO_WIDE, encoding="utf-8")
    _wait_in_page(page, "document.querySelector('.md-header .md-logo img')?.naturalWidth === 128", log)

    # The name, on a page whose own text does not mention it, so only the header changes.
    edit(profile, "name: Cedar Ridge Ketamine Clinic\n", "name: Cedar Ridge Mind Clinic\n")
    _wait_in_page(page, "document.querySelector('.md-header__topic')?.innerText.trim() === 'Cedar Ridge Mind Clinic'", log)

    # Another logo file.
    (clinics / "logos/wide.svg").write_text(
        LOGO_WIDE.replace("#1f3a6b", "#6b1f3a").replace("128 64", "96 64").replace('"128"', '"96"'), "utf-8"
    )
    edit(profile, "logo: logos/cedar-ridge.svg", "logo: logos/wide.svg")
    _wait_in_page(page, "document.querySelector('.md-header .md-logo img')?.naturalWidth === 96", log)
    assert _logo(page)["shown"]

    # The language: the theme's own words and the page's lang attribute follow it.
    edit(profile, "language: en\n", "language: es\n")
    _wait_in_page(page, "document.documentElement.lang === 'es'", log)
    assert page.locator(".preview-errors").count() == 0, page.locator(".preview-errors").inner_text()


TEAM = """team:
  people:
    - id: ana-diaz
      name: Ana Diaz
      role: Nurse
"""


def test_a_page_added_while_the_preview_runs_is_served_and_in_the_menu(preview) -> None:
    page, workdir = preview
    log = workdir / "serve.log"
    clinic = workdir / "content/clinic.yaml"
    original = clinic.read_text(encoding="utf-8")
    base = page.url.split("faq/")[0]
    assert _status(base + "team/") == 404
    clinic.write_text(original + TEAM, encoding="utf-8")
    _wait_for(lambda: _status(base + "team/") == 200, "the team page was not served", log)
    # The rebuild writes the new page and then every other page with the new menu: wait for it to reach /faq/.
    _wait_for(lambda: 'href="../team/"' in _text(base + "faq/"), "the new page is not in the menu", log)
    _goto(page, base + "faq/")
    assert page.locator('nav a[href$="team/"]').count() >= 1, "the new page is not in the menu"
    clinic.write_text(original, encoding="utf-8")
    _wait_for(lambda: _status(base + "team/") == 404, "the removed team page is still served", log)
    _wait_for(lambda: 'href="../team/"' not in _text(base + "faq/"), "the removed page is still in the menu", log)
    _goto(page, base + "faq/")
    assert page.locator('nav a[href$="team/"]').count() == 0


def _text(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""

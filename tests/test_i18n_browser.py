"""The Spanish site in Chromium: the language switch opens the same page in the other language on every kind of page,
the self-check runs in Spanish, and Spanish pages pass axe and the W3C Nu checker like the English ones."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import axe_violations, serve_folder, switch_language, watched_tab
from test_html_validity import VNU, _deliberate
from test_i18n import build_spanish_site

PAGE_KINDS = ["", "side-effects/", "faq/", "faq/does-it-work/", "is-this-right-for-me/", "glossary/", "handouts/", "references/"]


@pytest.fixture(scope="module")
def spanish_build(tmp_path_factory) -> Path:
    return build_spanish_site(tmp_path_factory.mktemp("spanish-browser"))


@pytest.fixture(scope="module")
def spanish_site(spanish_build: Path):
    base, server = serve_folder(spanish_build)
    yield base
    server.shutdown()


@pytest.fixture
def tab(browser, spanish_site):
    context, page = watched_tab(browser)
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_the_language_switch_opens_the_same_page_in_the_other_language(tab, spanish_site, path) -> None:
    tab.goto(spanish_site + path)
    assert tab.evaluate("document.documentElement.lang") == "en"
    switch_language(tab, "es")
    assert tab.url == spanish_site + "es/" + path
    assert tab.evaluate("document.documentElement.lang") == "es"
    assert "¿Necesita ayuda ahora?" in tab.locator(".crisis-help").inner_text()
    switch_language(tab, "en")
    assert tab.url == spanish_site + path
    assert tab.evaluate("document.documentElement.lang") == "en"


def test_the_self_check_runs_in_spanish(tab, spanish_site) -> None:
    tab.goto(spanish_site + "es/is-this-right-for-me/")
    tab.wait_for_load_state("networkidle")
    tab.locator("#self-check-fallback").wait_for(state="hidden")
    tab.check("#q-safety-no")
    tab.check("#q-tried-no")
    tab.get_by_role("button", name="Ver mi siguiente paso").click()
    result = tab.locator("#self-check-result")
    result.wait_for(state="visible")
    text = result.inner_text()
    assert "Su siguiente paso" in text and "Primero vienen otros tratamientos" in text
    assert "Sus respuestas, para llevar a su cita" in text and "¿Ha probado un antidepresivo?" in text
    assert tab.get_by_role("button", name="Imprimir o guardar este resumen").is_visible()
    assert "Su siguiente paso: Primero vienen otros tratamientos" in tab.locator("#self-check-live").inner_text()
    for english in ("Your next step", "Start again", "Not answered"):
        assert english not in text
    # A crisis answer brings crisis help at once, in Spanish.
    tab.get_by_role("button", name="Empezar de nuevo").click()
    tab.check("#q-safety-yes")
    crisis = tab.locator("#self-check-crisis")
    crisis.wait_for(state="visible")
    assert "Hay ayuda ahora mismo" in crisis.inner_text() and "Consiga ayuda ahora" in crisis.inner_text()
    assert tab.evaluate("window.__csp") == []


@pytest.mark.parametrize("path", PAGE_KINDS + ["404.html"])
def test_spanish_pages_pass_axe_with_no_csp_violation_or_third_party(tab, spanish_site, path) -> None:
    tab.goto(spanish_site + "es/" + path)
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("document.documentElement.lang") == "es"
    assert axe_violations(tab) == []
    assert tab.evaluate("window.__csp") == []
    assert [u for u in tab.requests if not u.startswith(spanish_site)] == []
    assert not [u for u in tab.requests if u.endswith("sitemap.xml")], "no sitemap lookups by the theme"
    # Every hreflang link is one the browser reads as rel=alternate.
    assert tab.evaluate("[...document.querySelectorAll('link[hreflang]')].every(l => l.relList.contains('alternate'))")
    assert tab.evaluate("document.querySelectorAll('link[hreflang]').length") == (0 if path == "404.html" else 3)


def test_spanish_pages_are_valid_html(spanish_build: Path) -> None:
    if not (VNU.is_file() and shutil.which("java")):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("CI must install vnu-jar (npm ci) and Java to check HTML validity")
        pytest.skip("vnu-jar or Java missing: run 'npm ci' (Java 17 is needed)")
    pages = sorted(str(p) for p in (spanish_build / "es").rglob("*.html")) + [str(spanish_build / "index.html")]
    assert len(pages) >= 19
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True)
    messages = [m for m in json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"] if not _deliberate(m)]
    assert [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []

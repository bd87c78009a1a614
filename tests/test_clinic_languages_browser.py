"""The Sunrise example's own pages in Chromium in both languages: the language switch on the team page and on the clinic's
own page opens the same page in the other language, and the Spanish clinic pages pass axe and the W3C Nu checker."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import axe_violations, serve_folder, switch_language, watched_tab
from conftest import ROOT
from test_html_validity import VNU, _deliberate

SUNRISE = ROOT / "examples" / "clinics" / "sunrise.yaml"
CLINIC_PAGES = ["team/", "cost-and-insurance/", "locations/", "first-visit-at-sunrise/"]


@pytest.fixture(scope="module")
def sunrise_build(tmp_path_factory) -> Path:
    from sitegen.commands.cli import main

    out = tmp_path_factory.mktemp("sunrise-languages")
    assert main(["build", "--clinic", str(SUNRISE), "--out", str(out / "site"), "--docs", str(out / "docs")]) == 0
    return out / "site"


@pytest.fixture(scope="module")
def sunrise_base(sunrise_build: Path):
    base, server = serve_folder(sunrise_build)
    yield base
    server.shutdown()


@pytest.fixture
def tab(browser, sunrise_base):
    context, page = watched_tab(browser)
    yield page
    context.close()


@pytest.mark.parametrize(
    ("path", "english", "spanish"),
    [("team/", "Our team", "Nuestro equipo"), ("first-visit-at-sunrise/", "Before you come", "Antes de venir")],
)
def test_the_language_switch_on_a_clinic_page_opens_the_same_page(tab, sunrise_base, path, english, spanish) -> None:
    tab.goto(sunrise_base + path)
    assert english in tab.locator("article").inner_text()
    switch_language(tab, "es")
    assert tab.url == sunrise_base + "es/" + path
    assert tab.evaluate("document.documentElement.lang") == "es"
    assert spanish in tab.locator("article").inner_text() and english not in tab.locator("article").inner_text()
    switch_language(tab, "en")
    assert tab.url == sunrise_base + path
    assert english in tab.locator("article").inner_text()


@pytest.mark.parametrize("path", CLINIC_PAGES)
def test_the_spanish_clinic_pages_pass_axe_with_no_csp_violation_or_third_party(tab, sunrise_base, path) -> None:
    tab.goto(sunrise_base + "es/" + path)
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("document.documentElement.lang") == "es"
    assert axe_violations(tab) == []
    assert tab.evaluate("window.__csp") == []
    assert [u for u in tab.requests if not u.startswith(sunrise_base)] == []


def test_the_spanish_clinic_pages_are_valid_html(sunrise_build: Path) -> None:
    if not (VNU.is_file() and shutil.which("java")):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("CI must install vnu-jar (npm ci) and Java to check HTML validity")
        pytest.skip("vnu-jar or Java missing: run 'npm ci' (Java 17 is needed)")
    pages = [str(sunrise_build / "es" / path / "index.html") for path in CLINIC_PAGES]
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True)
    messages = [m for m in json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"] if not _deliberate(m)]
    assert [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []

"""The W3C Nu HTML checker (npm vnu-jar, run with Java) finds no error on any built page."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material sets autocomplete="off" on its drawer and search toggles on purpose: otherwise a browser restores a
# ticked toggle on back navigation and the phone menu reopens by itself. The checker allows the attribute on
# text-like inputs only. We keep Material's behaviour and accept exactly this message on exactly those inputs.
MATERIAL_TOGGLE = re.compile(
    r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)" autocomplete="off">'
)
AUTOCOMPLETE_MESSAGE = "Attribute “autocomplete” is only allowed when the input type is"


def _deliberate(message: dict) -> bool:
    return message["message"].startswith(AUTOCOMPLETE_MESSAGE) and bool(MATERIAL_TOGGLE.search(message.get("extract", "")))


def test_every_built_page_is_valid_html(tmp_path: Path, run) -> None:
    if not (VNU.is_file() and shutil.which("java")):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("CI must install vnu-jar (npm ci) and Java to check HTML validity")
        pytest.skip("vnu-jar or Java missing: run 'npm ci' (Java 17 is needed)")
    assert run("build", "--out", str(tmp_path / "site"), "--docs", str(tmp_path / "docs"))[0] == 0
    pages = sorted(str(p) for p in (tmp_path / "site").rglob("*.html"))
    assert len(pages) >= 60
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    deliberate = [m for m in messages if _deliberate(m)]
    assert len(deliberate) <= 2 * len(pages), "only Material's two toggles on each page"
    messages = [m for m in messages if not _deliberate(m)]
    assert [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


def test_a_clinics_front_page_header_and_own_page_are_valid_html(tmp_path: Path, run) -> None:
    if not (VNU.is_file() and shutil.which("java")):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("CI must install vnu-jar (npm ci) and Java to check HTML validity")
        pytest.skip("vnu-jar or Java missing: run 'npm ci' (Java 17 is needed)")
    clinic = str(ROOT / "examples/clinics/sunrise.yaml")
    assert run("build", "--clinic", clinic, "--out", str(tmp_path / "site"), "--docs", str(tmp_path / "docs"))[0] == 0
    pages = [str(tmp_path / "site" / name) for name in ("index.html", "first-visit-at-sunrise/index.html", "404.html")]
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True)
    messages = [m for m in json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"] if not _deliberate(m)]
    assert [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []

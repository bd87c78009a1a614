"""The W3C Nu HTML checker (npm vnu-jar, run with Java) finds no error on any built page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


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
    assert [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages] == []

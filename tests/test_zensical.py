"""The generated docs/ also builds with Zensical, Material's successor, which runs no MkDocs hooks."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, build_args

from sitegen.core.security_policy import content_security_policy


def test_generated_docs_build_with_zensical(workdir: Path, run) -> None:
    zensical = os.environ.get("ZENSICAL") or shutil.which("zensical")
    if not zensical:
        if os.environ.get("REQUIRE_ZENSICAL"):
            pytest.fail("REQUIRE_ZENSICAL is set but no zensical command was found (set ZENSICAL=path)")
        pytest.skip("zensical not installed (CI installs zensical==0.0.73 in its own venv)")
    assert run("build", *build_args(workdir))[0] == 0
    project = workdir / "zensical-project"
    project.mkdir()
    shutil.copytree(workdir / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    proc = subprocess.run([zensical, "build"], cwd=project, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    faq = (project / "site" / "faq" / "index.html").read_text()
    assert 'href="tel:988"' in faq and "application/ld+json" in faq
    # No hooks run there: the page's own front matter still gives it the site's policy.
    assert f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(for_meta=True)}">' in faq
    assert (project / "site" / "is-this-right-for-me" / "index.html").is_file()

"""The generated docs/ also builds with Zensical, Material's successor, which runs no MkDocs hooks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_args
from test_i18n import with_spanish

from sitegen.commands.check import load_resolved
from sitegen.core.options import Options
from sitegen.core.security_policy import content_security_policy
from sitegen.site.mkdocs_build import builder_config, builder_configs


def _zensical() -> str:
    zensical = os.environ.get("ZENSICAL") or shutil.which("zensical")
    if not zensical:
        if os.environ.get("REQUIRE_ZENSICAL"):
            pytest.fail("REQUIRE_ZENSICAL is set but no zensical command was found (set ZENSICAL=path)")
        pytest.skip("zensical not installed (CI installs zensical==0.0.73 in its own venv)")
    return zensical


def test_generated_docs_build_with_zensical(workdir: Path, run) -> None:
    zensical = _zensical()
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


def test_a_clinics_menu_and_header_links_build_with_zensical_from_the_written_config(workdir: Path, run) -> None:
    """Zensical reads no API settings: builder_config writes the clinic's menu (its own page, its order) and header into the file."""
    zensical = _zensical()
    clinic = ROOT / "examples/clinics/sunrise.yaml"
    assert run("build", "--clinic", str(clinic), "--out", "site", "--docs", "docs")[0] == 0
    project = workdir / "zensical-project"
    project.mkdir()
    shutil.copytree(workdir / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    options = Options(clinic_file=clinic)
    content = load_resolved(options).content
    assert content is not None
    (project / "mkdocs.yml").write_text(yaml.safe_dump(builder_config(content, options), sort_keys=False))
    proc = subprocess.run([zensical, "build"], cwd=project, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    home = (project / "site" / "index.html").read_text()
    menu = re.findall(r'href="\./([a-z-]+/)" class="md-nav__link', home)
    assert menu[:4] == ["first-visit-at-sunrise/", "team/", "cost-and-insurance/", "locations/"]
    assert 'class="clinic-contact__call" href="tel:5035550142"' in home and 'href="https://sunrise-mind.example/book/"' in home


def test_the_spanish_tree_builds_with_zensical_from_its_own_config(workdir: Path, run) -> None:
    """Zensical has no i18n plugin: docs/es/ is built from mkdocs.es.yml (docs_dir docs/es, site_dir site/es)."""
    zensical = _zensical()
    content_dir = with_spanish(workdir)
    assert run("build", *build_args(workdir))[0] == 0
    project = workdir / "zensical-project"
    project.mkdir()
    shutil.copytree(workdir / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    options = Options(content_dir=content_dir)
    content = load_resolved(options).content
    assert content is not None
    configs = builder_configs(content, options)
    assert list(configs) == ["mkdocs.yml", "mkdocs.es.yml"]
    for name, config in configs.items():
        (project / name).write_text(yaml.safe_dump(config, sort_keys=False))
        proc = subprocess.run([zensical, "build", "-f", name], cwd=project, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    site = project / "site"
    spanish = (site / "es" / "faq" / "index.html").read_text()
    assert '<html lang="es"' in spanish and "siete personas con depresión" in spanish and 'href="tel:988"' in spanish
    assert f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(for_meta=True)}">' in spanish
    assert (site / "es" / "faq" / "does-it-work" / "index.html").is_file() and (site / "es" / "404.html").is_file()
    english = (site / "faq" / "index.html").read_text()
    assert '<html lang="en"' in english and "seven people" in english
    # Each language searches its own pages only: the English build left out docs/es/.
    english_index = json.loads((site / "search.json").read_text())["items"]
    assert english_index and not [i for i in english_index if i["location"].startswith("es/")]
    assert "siete personas" in (site / "es" / "search.json").read_text()

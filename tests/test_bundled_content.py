"""The bundled default content: it passes every rule, builds, and is as complete as promised."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PAGE_URLS, ROOT

from sitegen.commands.check import check
from sitegen.core.options import Options


@pytest.fixture(scope="module")
def result():
    return check(Options())


def test_bundled_content_passes_validation_and_lint(result) -> None:
    assert result.content is not None
    assert [f.format() for f in result.findings.errors] == []


def test_every_patient_page_reads_at_grade_8_or_lower(result) -> None:
    patient = [g for g in result.grades if g.checked]
    assert len(patient) >= 11
    assert all(g.grade.flesch_kincaid <= 8.0 for g in patient), [(g.slug, g.grade) for g in patient]


def test_content_is_as_complete_as_promised(result) -> None:
    content = result.content
    sources = content.references.sources
    assert len([s for s in sources if s.doi or s.pmid]) >= 30
    assert all(s.doi or s.pmid for s in sources if s.kind == "journal-article")
    assert len(content.faq.items) >= 40
    assert len(content.glossary.terms) >= 25
    assert len(content.pages["conditions"].conditions) >= 10
    assert len(content.pages["history"].events) >= 12
    assert len(content.pages["myths"].myths) >= 8
    levels = {c.evidence_level for c in content.pages["conditions"].conditions}
    assert levels == {"fda-approved", "moderate-off-label", "early-mixed", "not-supported"}  # IV ketamine for TRD: moderate (facts C1)


def test_only_esketamine_is_called_fda_approved_for_depression(result) -> None:
    options = result.content.pages["treatment-options"].options
    approved = [o.name for o in options if o.fda_approved_for_depression]
    assert len(approved) == 1 and "Spravato" in approved[0]


def _files_in(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_bundled_site_builds_strictly(tmp_path: Path, run) -> None:
    defaults_before = {name: _files_in(ROOT / name) for name in ("site", "docs")}
    code, _out, err = run("build", "--out", str(tmp_path / "site"), "--docs", str(tmp_path / "docs"))
    assert code == 0, err
    for url in PAGE_URLS:
        assert (tmp_path / "site" / url / "index.html").is_file(), url
    # --out and --docs leave the default folders (the committed docs/, a local site/) exactly as they were.
    assert {name: _files_in(ROOT / name) for name in ("site", "docs")} == defaults_before


def test_every_page_has_valid_structured_data(tmp_path: Path, run) -> None:
    import json
    import re

    assert run("build", "--out", str(tmp_path / "site"), "--docs", str(tmp_path / "docs"))[0] == 0
    pages = [p for p in (tmp_path / "site").rglob("index.html") if 'http-equiv="refresh"' not in p.read_text()]
    assert len(pages) >= 60
    required = {"name", "description", "url", "lastReviewed", "reviewedBy", "medicalAudience", "about"}
    for page in pages:
        blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.S)]
        web = [b for b in blocks if b["@type"] == "MedicalWebPage"]
        assert len(web) == 1, page
        assert required <= web[0].keys(), (page, required - web[0].keys())
        assert web[0]["url"].startswith("https://ketamine-clinic.example/")
        assert all(b["@context"] == "https://schema.org" for b in blocks)

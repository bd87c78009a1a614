"""The committed docs/ is exactly what the bundled content renders to, so a reader of the repository sees the real pages."""

from __future__ import annotations

import pytest
from conftest import ROOT

from sitegen.commands.check import load_resolved
from sitegen.core.options import Options
from sitegen.site.docs_tree import docs_files, is_generated
from sitegen.site.output_folder import DOCS_STAMP


def test_committed_docs_match_a_fresh_render_of_the_bundled_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # generated files name their YAML source as a user types it, from the repository root
    options = Options()
    result = load_resolved(options)
    assert result.content is not None and not result.findings.errors, result.findings.items
    fresh = docs_files(result.content, options, result.findings)
    assert fresh is not None, result.findings.items
    rendered = {path: data if isinstance(data, bytes) else data.encode("utf-8") for path, data in fresh.items()}
    docs = ROOT / "docs"
    committed = {str(p.relative_to(docs)): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    generated = {path for path in committed if is_generated(docs / path) and path != DOCS_STAMP}  # the stamp marks the folder

    stale = sorted(path for path in rendered if committed.get(path) != rendered[path])
    left_over = sorted(generated - set(rendered))
    assert not stale and not left_over, (
        f"docs/ is not what the content renders to (differs or missing: {stale}; no longer made: {left_over}); "
        "run `python build.py` and commit docs/"
    )

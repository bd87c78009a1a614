"""Build and live preview make one and the same docs tree: same files, same bytes, the clinic's logo included."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from sitegen.commands import serve
from sitegen.core.options import Options


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_serve_writes_the_docs_tree_build_writes_logo_included(tmp_path: Path, run, monkeypatch) -> None:
    clinic = ROOT / "examples" / "clinics" / "cedar-ridge.yaml"
    code, _, err = run("build", "--clinic", str(clinic), "--out", str(tmp_path / "site"), "--docs", str(tmp_path / "built"))
    assert code == 0, err
    options = Options(clinic_file=clinic, docs_dir=tmp_path / "served")
    monkeypatch.setitem(serve._state, "options", options)
    assert not serve.regenerate().errors
    built, served = _tree(tmp_path / "built"), _tree(tmp_path / "served")
    assert "assets/logo.svg" in served, "the preview shows the clinic's logo"
    assert served["assets/logo.svg"] == (clinic.parent / "logos" / "cedar-ridge.svg").read_bytes()
    assert set(served) == set(built)
    assert all(served[name] == built[name] for name in served)

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


def test_a_second_build_and_preview_with_a_logo_replace_the_logo_they_copied_but_not_a_hand_made_file(tmp_path: Path, run) -> None:
    profile = tmp_path / "clinic"
    profile.mkdir()
    for name in ("cedar-ridge.yaml", "cedar-ridge.overlay.yaml", "cedar-ridge.published.lock.yaml", "logos/cedar-ridge.svg"):
        (profile / name).parent.mkdir(parents=True, exist_ok=True)
        (profile / name).write_bytes((ROOT / "examples/clinics" / name).read_bytes())
    args = ["build", "--clinic", str(profile / "cedar-ridge.yaml"), "--out", str(tmp_path / "site"), "--docs", str(tmp_path / "docs")]
    assert run(*args)[0] == 0
    logo = profile / "logos/cedar-ridge.svg"
    logo.write_text(logo.read_text().replace("#6b3a1f", "#1f3a6b"))  # the clinic replaces its logo
    code, _, err = run(*args)
    assert code == 0, err
    assert (tmp_path / "docs/assets/logo.svg").read_bytes() == logo.read_bytes()
    assert "#1f3a6b" in (tmp_path / "site/assets/logo.svg").read_text()
    # A file someone put where the logo goes is theirs: refused, not overwritten.
    (tmp_path / "docs/assets/logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    code, _, err = run(*args)
    assert code == 2 and "docs/assets/logo.svg was not written by this tool" in err, err
    assert (tmp_path / "docs/assets/logo.svg").read_text() == "<svg xmlns='http://www.w3.org/2000/svg'/>"

"""Our scripts and styles get content-hashed names, and every reference to them, and only those, follows."""

from __future__ import annotations

from pathlib import Path

from sitegen.site.asset_names import hash_asset_names


def test_references_after_a_quote_slash_or_bracket_are_renamed_and_look_alikes_are_not(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/brand.css").write_text("body{}")
    page = (
        '<link href="assets/brand.css"><link href="../assets/brand.css?v=1">'
        "<style>@import url(/assets/brand.css#x);</style> myassets/brand.css notassets/brand.css.map\n"
    )
    (tmp_path / "index.html").write_text(page)
    (tmp_path / "theme.js").write_text("var unrelated = 1;")
    renamed = hash_asset_names(tmp_path)
    new = renamed["assets/brand.css"]
    assert new.startswith("assets/brand.") and new.endswith(".css") and (tmp_path / new).is_file()
    assert not (tmp_path / "assets/brand.css").exists()
    assert (tmp_path / "index.html").read_text() == (
        f'<link href="{new}"><link href="../{new}?v=1"><style>@import url(/{new}#x);</style> myassets/brand.css notassets/brand.css.map\n'
    )
    assert (tmp_path / "theme.js").read_text() == "var unrelated = 1;"

"""Post-build HTML fixes that need no browser."""

from __future__ import annotations

import pytest

from sitegen.site import html_fixes
from sitegen.site.html_fixes import fix_html

PALETTE = '<link rel="stylesheet" href="../assets/stylesheets/palette.fb2fffe2.min.css">'


def page(scheme: str, primary: str, accent: str) -> str:
    return (
        f'<html><head><link rel="stylesheet" href="../assets/stylesheets/main.57a0d79d.min.css">\n      {PALETTE}\n</head>'
        f'<body dir="ltr" data-md-color-scheme="{scheme}" data-md-color-primary="{primary}" data-md-color-accent="{accent}"></body></html>'
    )


def test_unused_palette_stylesheet_is_dropped_for_the_custom_light_palette_only() -> None:
    fixed = fix_html(page("default", "custom", "custom"))
    assert PALETTE not in fixed and "main.57a0d79d.min.css" in fixed
    for other in [page("slate", "custom", "custom"), page("default", "indigo", "custom"), page("default", "custom", "red")]:
        assert PALETTE in fix_html(other)


@pytest.fixture(scope="module")
def material_pages(tmp_path_factory) -> dict[str, str]:
    """Pages exactly as Material writes them (no hooks): what each fix must still find after a theme update."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("material")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n## Part\n\nThe NMDA receptor. Again NMDA.\n\n*[NMDA]: a receptor\n", encoding="utf-8")
    (docs / "outside.md").write_text("# Outside the menu\n\n## A section\n\nText.\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: T\nsite_url: https://example.org/\nnav:\n  - index.md\n"
        "theme:\n  name: material\n  font: false\n  palette:\n    primary: custom\n    accent: custom\n"
        "plugins:\n  - search\nmarkdown_extensions:\n  - abbr\n  - toc:\n      permalink: true\n"
        "validation:\n  omitted_files: info\n",
        encoding="utf-8",
    )
    build(load_config(str(config), site_dir=str(folder / "site")))
    return {
        name: (folder / "site" / name / "index.html" if name else folder / "site" / "index.html").read_text() for name in ("", "outside")
    }


def test_each_fix_still_finds_what_it_fixes_in_real_material_output(material_pages) -> None:
    home, outside = material_pages[""], material_pages["outside"]
    assert html_fixes.TOC_LABEL in outside and 'id="__toc"' not in outside, "Material changed its table-of-contents label"
    assert html_fixes.SEARCH_DIALOG in home, "Material changed its search dialog markup"
    assert html_fixes.CUSTOM_PALETTE in home and html_fixes.PALETTE_CSS.search(home), "Material changed how it links palette.css"
    assert home.count('<abbr title="a receptor">') == 2


def test_each_fix_does_its_job_on_real_material_output(material_pages) -> None:
    home, outside = (fix_html(material_pages[name]) for name in ("", "outside"))
    assert 'for="__toc"' not in outside
    assert 'role="dialog" aria-label="Search this site">' in home
    assert "palette." not in home and "main." in home
    assert home.count('<abbr title="a receptor">') == 1 and home.count("NMDA") >= 2

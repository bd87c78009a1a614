"""Post-build HTML fixes that need no browser."""

from __future__ import annotations

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

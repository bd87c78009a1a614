"""What each built page needs where no theme block reaches (applied by hooks.py as MkDocs writes the page):
a table-of-contents label without its toggle, the search dialog's name, the unused palette stylesheet, and
glossary tooltips on a term's first use only. tests/test_html_fixes.py checks each against real Material output."""

from __future__ import annotations

import re

# Pages outside the menu (one page per FAQ answer) get a table-of-contents label pointing at a toggle they lack.
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
# Material's search dialog has role="dialog" but no accessible name.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# Material links palette.css (its named colour palettes and the dark scheme) whenever theme.palette is set. With the
# light scheme and 'custom' colours (brand.css) none of its rules apply: dropping it saves every page a
# render-blocking request (~2 KB gzipped). Matched by name, not hash, so a Material update keeps working.
CUSTOM_PALETTE = 'data-md-color-scheme="default" data-md-color-primary="custom" data-md-color-accent="custom"'
PALETTE_CSS = re.compile(r'<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">')
_ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)


def _first_use_tooltips(text: str) -> str:
    """Keep a glossary tooltip on a term's first use on the page only, as print glossaries do.

    Hundreds of tooltips (the FAQ had 312) cost the reader's phone most of a second of script work, and repeated
    dotted underlines make text harder to read.
    """
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        if match.group(1) in seen:
            return match.group(2)
        seen.add(match.group(1))
        return match.group(0)

    return _ABBR.sub(keep_first, text)


# The build escapes titles and the site name for the theme's unescaped uses; where the theme escapes them again
# (a few title="" and aria-label="" attributes) they come out twice. Content cannot write '&amp;' itself.
_TWICE_ESCAPED = re.compile(r"&amp;(amp|lt|gt|quot|#39|#34);")


def _without_palette_css(text: str) -> str:
    """The page without its first palette stylesheet link and the white space before it (found by the tag, which the
    search finds at once, and then widened over the white space: a pattern starting with white space is tried at
    every position of the page)."""
    link = PALETTE_CSS.search(text)
    if link is None:
        return text
    start = link.start()
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return text[:start] + text[link.end() :]


# Material links every page to each language's home page (extra.alternate); main.html links each to the same page in
# every language instead (hreflang), so Material's are dropped.
MATERIAL_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def fix_html(text: str, search_label: str = "Search this site") -> str:
    text = _TWICE_ESCAPED.sub(r"&\1;", text)
    if 'id="__toc"' not in text:
        text = text.replace(TOC_LABEL, '<label class="md-nav__title">')
    text = text.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{search_label}">')
    text = MATERIAL_ALTERNATE.sub("", text)
    if CUSTOM_PALETTE in text:
        text = _without_palette_css(text)
    return _first_use_tooltips(text)

"""Fixes to each built page where no theme block reaches: validity, the search dialog's name, first-use tooltips,
no unused palette stylesheet (applied by build_hooks as MkDocs writes the page)."""
from __future__ import annotations

import re

# Material puts autocomplete="off" on its menu and search toggles; HTML allows it on text-like inputs only.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?type="checkbox"[^>]*?) autocomplete="off"')
# Pages outside the menu (one page per FAQ answer) get a table-of-contents label pointing at a toggle they lack.
_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">')


# Material's search dialog has role="dialog" but no accessible name.
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# Material links palette.css (its named colour palettes and the dark scheme) whenever theme.palette is set. With the
# light scheme and 'custom' colours (brand.css) none of its rules apply: dropping it saves every page a
# render-blocking request (~2 KB gzipped). Matched by name, not hash, so a Material update keeps working.
_CUSTOM_PALETTE = 'data-md-color-scheme="default" data-md-color-primary="custom" data-md-color-accent="custom"'
_PALETTE_CSS = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">')
_ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)


_LOGO_ALT = re.compile(r'(<img src="[^"]*assets/logo\.(?:svg|png)" )alt="logo">')


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


def fix_html(text: str) -> str:
    text = _TOGGLE_AUTOCOMPLETE.sub(r"\1", text)
    if 'id="__toc"' not in text:
        text = _TOC_LABEL.sub('<label class="md-nav__title">', text)
    text = text.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search this site">')
    if _CUSTOM_PALETTE in text:
        text = _PALETTE_CSS.sub("", text, count=1)
    # The clinic's logo sits in a link already named after the clinic: a screen reader should not also say "logo".
    text = _LOGO_ALT.sub(r'\1alt="">', text)
    return _first_use_tooltips(text)

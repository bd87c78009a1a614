"""Site search in the page's language: which pages Pagefind indexes, and the fallback settings of Material's own search."""

from __future__ import annotations

# Set in extra by the build (mkdocs_build.mkdocs_overrides(..., pagefind=True)): Material's box then asks Pagefind.
# Without it (the live preview, builds without our hooks) Material's own search (lunr) runs as before.
PAGEFIND_FLAG = "pagefind_search"
# Pagefind reads only the article, as a reader would; the pilcrow after each heading is not part of a title.
PAGEFIND_BODY = '<article class="md-content__inner md-typeset">'
# The boxes every page repeats (crisis help, review, disclaimer, print handout) would match on every page.
PAGEFIND_EXCLUDE = (".headerlink", ".md-content__button", ".crisis-help", ".page-review", ".page-disclaimer", ".print-only")
# Material's defaults keep only the stop-word filter. Its query adds a wildcard to every word, which skips stemming
# of the query, so an index of stems finds no full word ('tratamientos*' is not a prefix of 'tratamient'); the
# fallback search therefore keeps whole words, and prefixes still match ('tratamiento' finds 'tratamientos').
PIPELINE = ["stopWordFilter", "trimmer"]


def search_plugin_settings(lang: str) -> dict:
    """Material's search plugin settings for a build whose pages are all in `lang` (e.g. 'en', 'es')."""
    return {"lang": [lang.split("-")[0].lower()], "pipeline": list(PIPELINE)}


def mark_for_pagefind(html: str, in_search: bool) -> str:
    """The page's article marked as what Pagefind indexes; a page kept out of search gets no mark, so it is skipped."""
    if not in_search:
        return html
    return html.replace(PAGEFIND_BODY, PAGEFIND_BODY[:-1] + " data-pagefind-body>", 1)

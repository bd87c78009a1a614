"""Site search in the page's language: the build's flag for our own index, and the settings of Material's search."""

from __future__ import annotations

# Set in extra by the build (mkdocs_build.mkdocs_overrides(..., site_search=True)): the hooks write our index
# (search_index.py) and Material's search box asks our worker. Without it (the live preview, builds without our
# hooks) Material's own search (lunr) runs as before.
SEARCH_FLAG = "site_search"
# Material's defaults keep only the stop-word filter. Its query adds a wildcard to every word, which skips stemming
# of the query, so an index of stems finds no full word ('tratamientos*' is not a prefix of 'tratamient'); the
# fallback search therefore keeps whole words, and prefixes still match ('tratamiento' finds 'tratamientos').
PIPELINE = ["stopWordFilter", "trimmer"]


def search_plugin_settings(lang: str) -> dict:
    """Material's search plugin settings for a build whose pages are all in `lang` (e.g. 'en', 'es')."""
    return {"lang": [lang.split("-")[0].lower()], "pipeline": list(PIPELINE)}

"""The words of site search: accents folded, split into words, stemmed by Snowball; search-worker.js does the same.

The browser runs the JavaScript that Snowball 3.1.1 generates from the same algorithms as the snowballstemmer
package (pinned to 3.1.1 in requirements.txt; it runs PyStemmer, the same stemmers in C, when that is installed),
kept in sitegen/site/snowball/; tests/test_search_browser.py stems every word of both bundled indexes in Chromium
and compares.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

SNOWBALL_JS = Path(__file__).resolve().parent / "snowball"
# The site's languages with a Snowball stemmer on both sides (Python and the generated JavaScript in SNOWBALL_JS).
STEMMERS = {"en": "english", "es": "spanish"}
# A word: letters and digits (Python's \w less the underscore; JavaScript's [\p{L}\p{N}]).
WORD = re.compile(r"[^\W_]+")
# Every combining mark but the tilde: 'dolór' and 'dolor' are one word, 'año' and 'ano' are not.
_MARKS = re.compile("[\u0300-\u0302\u0304-\u036f]")


def fold(text: str) -> str:
    """Lower case, accents dropped (the tilde of ñ kept), as a reader may type it."""
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text.lower())))


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return WORD.findall(fold(text))


def stemmer_name(lang: str) -> str | None:
    """Snowball's name of the stemmer for a language code ('es-MX' -> 'spanish'); None: words are kept as they are."""
    return STEMMERS.get(lang.split("-")[0].lower())


def stemmer(lang: str) -> Callable[[str], str]:
    """The stem of a folded word in `lang` (the same word back for a language without a stemmer)."""
    name = stemmer_name(lang)
    return _snowball(name) if name else _same


def _same(word: str) -> str:
    return word


@lru_cache(maxsize=None)
def _snowball(name: str) -> Callable[[str], str]:
    import snowballstemmer

    algorithm = snowballstemmer.stemmer(name)
    return lru_cache(maxsize=None)(algorithm.stemWord)

"""Ids on each built page are unique, and none is one the site's scripts create or look up: refused at the YAML line."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from markdown.extensions.toc import slugify as heading_slug

from sitegen.core.findings import Findings
from sitegen.core.paths import ROOT
from sitegen.core.urls import url_of
from sitegen.load.yaml_document import YamlDocument

# MkDocs, Material and our templates write every attribute in double quotes.
_ID = re.compile(r'\sid="([^"]+)"')
# Ids the scripts give the elements they make; the ids they look up are on the page already, so a second is a duplicate.
_SCRIPT_MADE_IDS = re.compile(r'\bid: "([^"]+)"|\.id = "([^"]+)"')


SCRIPTS_DIR = ROOT / "overrides" / "assets" / "javascripts"


def script_made_ids(scripts_dir: Path = SCRIPTS_DIR) -> set[str]:
    """Ids the site's own scripts give the elements they add to a page: no content may take one first."""
    found: set[str] = set()
    for script in sorted(scripts_dir.glob("*.js")):
        for match in _SCRIPT_MADE_IDS.finditer(script.read_text(encoding="utf-8")):
            found.add(next(g for g in match.groups() if g))
    return found


def _text_leaves(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _text_leaves(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _text_leaves(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


def _culprit(docs: list[YamlDocument], page_id: str) -> tuple[YamlDocument, tuple, str] | None:
    """The YAML value that gave the page this id: an id as written, or a text whose heading id it is (last one wins)."""
    found = None
    for doc in docs:
        for path, value in _text_leaves(doc.data):
            if value == page_id or (len(value) < 200 and heading_slug(value, "-") == page_id):
                found = (doc, path, value)
    return found


def check_page_ids(site_dir: Path, sources: dict[str, list[YamlDocument]], reserved: set[str], findings: Findings) -> None:
    """Each page built from `sources` (docs/ path -> the YAML it is written from) holds each id once, and none that a
    script will add."""
    for docs_path, docs in sources.items():
        html_file = site_dir / url_of(docs_path) / "index.html"
        if not html_file.is_file():
            continue
        counts = Counter(_ID.findall(html_file.read_text(encoding="utf-8")))
        clashes = [page_id for page_id, n in counts.items() if n > 1 or page_id in reserved]
        for page_id in clashes:
            culprit = _culprit(docs, page_id)
            if culprit is None:
                continue  # two parts of the template itself: a template bug, which the tests catch
            doc, path, value = culprit
            where = doc.position(path)
            field = next((p for p in reversed(path) if isinstance(p, str)), "text")
            findings.add(
                doc.path,
                where.line,
                where.col,
                f"'{value}' gives the id '{page_id}', which the page /{url_of(docs_path)} already uses for its own parts, "
                f"its scripts or another item; a second one breaks links and the page's scripts. Change this '{field}'",
            )

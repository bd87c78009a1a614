"""Warn about a page that no menu entry and no link on another page leads to: built, but no reader would find it."""

from __future__ import annotations

import posixpath
import re

from sitegen.core.findings import Findings
from sitegen.core.urls import page_file
from sitegen.load.content import Content

_MARKDOWN_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)")


def linked_files(files: dict[str, str | bytes]) -> set[str]:
    """Every docs/ Markdown file some other generated page links to (the printable handouts list aside: it lists them all)."""
    found: set[str] = set()
    for path, text in files.items():
        if not path.endswith(".md") or not isinstance(text, str) or path == page_file("handouts"):
            continue
        for target in _MARKDOWN_LINK.findall(text):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if resolved != path:
                found.add(resolved)
    return found


def check_reachable(content: Content, files: dict[str, str | bytes], findings: Findings) -> None:
    """One warning for each page outside the menu that no other page links to."""
    linked = linked_files(files) | {page_file(slug) for slug in content.menu}
    overlay = content.overlay
    doc = content.documents.get("overlay")
    for slug in [*content.pages, "handouts"]:
        if page_file(slug) in linked:
            continue
        if overlay is not None and doc is not None and slug in content.clinic_pages:
            i = [entry.address for entry in overlay.pages].index(slug)
            pos = doc.position(("pages", i, "address"))
            path = doc.path
        elif overlay is not None and doc is not None and overlay.menu is not None:
            pos = doc.position(("menu",), key=True)
            path = doc.path
        else:
            path, pos = content.source_path(slug) if slug != "handouts" else content.source_path("home"), None
        findings.add(
            path,
            pos.line if pos else 1,
            pos.col if pos else 1,
            f"no menu entry and no link on another page leads to the page '{slug}', so readers will not find it; add it to "
            "the menu, or link to it from a page with [text](page:" + slug + ")",
            severity="warning",
        )

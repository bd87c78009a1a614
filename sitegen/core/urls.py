"""The URL scheme: where a page's Markdown lives in docs/, its address on the site, and editors' content links."""

from __future__ import annotations

import posixpath
import re

# Editors link with [text](page:side-effects) or [text](faq:is-it-addictive); the build resolves them to files.
CONTENT_LINK = re.compile(r"\]\((page|faq):([a-z0-9-]+)(#[a-z0-9-]+)?\)")


def page_file(slug: str) -> str:
    """Where a page's Markdown lives inside docs/ (and so its URL)."""
    if slug == "home":
        return "index.md"
    if slug == "faq":
        return "faq/index.md"
    return f"{slug}.md"


def answer_file(item_id: str) -> str:
    """Where one FAQ answer's own page lives inside docs/."""
    return f"faq/{item_id}.md"


def url_of(path: str) -> str:
    """The site-relative URL of a docs/ file, with directory URLs: 'faq/index.md' -> 'faq/'."""
    stem = path[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def file_of_url(url: str) -> str:
    """The docs/ file for an address on the site: '/old-page/' -> 'old-page.md'."""
    return url.strip("/") + ".md"


def html_file(path: str) -> str:
    """Where MkDocs writes a docs/ file (directory URLs): 'faq/index.md' -> 'faq/index.html', 'a.md' -> 'a/index.html'."""
    return url_of(path) + "index.html"


def link_between(from_file: str, to_file: str) -> str:
    """A relative Markdown link from one docs/ file to another: ('faq/a.md', 'side-effects.md') -> '../side-effects.md'."""
    return posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")


def url_between(from_file: str, to_file: str) -> str:
    """The relative address of one page as seen from another's: ('faq/old.md', 'faq/new.md') -> '../new/'."""
    return posixpath.relpath(url_of(to_file).rstrip("/") or ".", url_of(from_file).rstrip("/") or ".") + "/"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

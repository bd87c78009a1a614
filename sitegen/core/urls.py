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


_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")
# Characters a web address may hold as typed: RFC 3986 unreserved and reserved ones, without quotes, brackets, braces,
# '*' and '!', which could end the Markdown link or the HTML attribute it is written into.
_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#@$&+,;=%()]+$")
_DOI = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$")


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def web_address_problem(value: str) -> str | None:
    """Why `value` is not a plain http(s) web address, or None: a scheme, a host, nothing that can break out of a link."""
    if not value:
        return "the web address is empty"
    bad = next((c for c in value if c.isspace() or ord(c) < 32 or ord(c) == 127), None)
    if bad is not None:
        return "the web address contains a space or a control character; remove it"
    bad = next((c for c in value if not _URL_CHARS.match(c)), None)
    if bad is not None:
        return f"the web address contains {bad!r}, which a web address cannot hold as typed; remove it, or write it as %{ord(bad):02X} if it is part of the address"
    if not _balanced(value):
        return "the web address has unbalanced parentheses; remove them"
    scheme, _, rest = value.partition("://")
    if scheme not in ("https", "http") or not _:
        return "the web address must start with https:// (or http://)"
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "@" in authority:
        return "the web address names a user before '@'; leave it out and give the site's own address"
    host = authority.rsplit(":", 1)[0] if re.search(r":\d+$", authority) else authority
    if not _HOST.match(host.lower()) or ("." not in host and host != "localhost"):
        return f"'{host}' is not a host name; write the site's address as https://name.example/"
    return None


def doi_problem(value: str) -> str | None:
    """Why `value` is not a DOI (10.NNNN/suffix, without https://doi.org/), or None."""
    if value.lower().startswith(("http://", "https://", "doi:")):
        return "write the DOI without 'https://doi.org/' or 'doi:', e.g. '10.1056/NEJMoa2302399'"
    if not _DOI.match(value) or not _balanced(value):
        return "a DOI is '10.', four to nine digits, '/' and letters, digits or - . _ ; ( ) / : (no spaces, quotes or brackets), e.g. '10.1056/NEJMoa2302399'"
    return None


def tel_number(phone: str) -> str:
    """A phone number as a tel: link takes it: '(303) 555-0126' -> '3035550126', '+44 20 7946 0321' -> '+442079460321'."""
    return re.sub(r"[^\d+]", "", phone)

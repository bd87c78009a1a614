"""Each built page's compressed weight, with the styles, scripts and images it loads at once, against the budget."""
from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path
from posixpath import dirname, join, normpath

from sitegen.core import cache
from sitegen.core.findings import Findings
from sitegen.core.urls import html_file

_TAG = re.compile(rb"<(link|script|img)\b([^>]*)>")
_PICTURE = re.compile(rb"<picture\b.*?</picture>", re.S)
_SOURCE = re.compile(rb"<source\b([^>]*)>")
_ATTR = re.compile(rb'([\w-]+)="([^"]*)"')
_LOADED_AT_ONCE = {b"link": b"href", b"script": b"src", b"img": b"src"}


def compressed_size(data: bytes) -> int:
    """Bytes sent with gzip at level 6, as web servers and CDNs compress by default."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weights(site: Path, pages: list[str], stop_below: int = 0) -> dict[str, int]:
    """{page: compressed bytes of the page and everything it loads at once} for pages given as paths in site/.

    A page whose uncompressed HTML plus its compressed resources stays under stop_below is not compressed (gzip
    never makes a page larger than a few bytes more); its weight is then that upper bound.
    """
    assets: dict[str, int] = {}
    weights = {}
    for page in pages:
        html = (site / page).read_bytes()
        resources = dict.fromkeys(_resources(html, page))
        for name in resources:
            if name not in assets:
                assets[name] = _asset_size(site / name)
        loads = sum(assets[name] for name in resources)
        bound = len(html) + 32 + loads
        weights[page] = bound if bound < stop_below else compressed_size(html) + loads
    return weights


def _asset_size(file: Path) -> int:
    # Material's script and stylesheet are a quarter of a megabyte and the same from build to build.
    if not file.is_file():
        return 0
    data = file.read_bytes()
    sizes = cache.bundle("page-weights")
    name = hashlib.sha256(data).hexdigest()[:40]
    known = sizes.get(name, str.isdigit) if sizes else None
    if known is None:
        known = str(compressed_size(data))
        if sizes:
            sizes.put(name, known)
    return int(known)


def _largest_candidate(srcset: bytes) -> bytes:
    """The widest file of a srcset ('a-200.webp 200w, a-400.webp 400w' -> 'a-400.webp')."""
    candidates = [c.split() for c in srcset.split(b",") if c.strip()]
    return max(candidates, key=lambda c: int(c[1][:-1]) if len(c) > 1 and c[1].endswith(b"w") else 0)[0]


def _resources(html: bytes, page: str) -> list[str]:
    """Site paths of the stylesheets, icons, scripts and images the page fetches as it loads.

    A photo (<picture>) counts once, as its widest first source (the WebP a sharp phone screen fetches): the most a
    browser loads for it, not the fallback beside it that no browser with WebP fetches too. A lazy one (further
    down the page, loaded as the reader scrolls) does not count, like any lazy image."""
    found = []
    pictures = []
    for picture in _PICTURE.findall(html):
        source = _SOURCE.search(picture)
        srcset = dict(_ATTR.findall(source.group(1))).get(b"srcset") if source else None
        if srcset and b'loading="lazy"' not in picture:
            pictures.append(b'<img src="' + _largest_candidate(srcset) + b'">')
    html = _PICTURE.sub(b"", html) + b"".join(pictures)
    for tag, attrs in _TAG.findall(html):
        values = dict(_ATTR.findall(attrs))
        if tag == b"link" and values.get(b"rel") not in (b"stylesheet", b"icon"):
            continue  # canonical, alternate and the like are links, not downloads
        if tag == b"img" and values.get(b"loading") == b"lazy":
            continue
        url = values.get(_LOADED_AT_ONCE[tag], b"").decode("utf-8").split("#")[0].split("?")[0]
        if url and "://" not in url and not url.startswith(("data:", "//")):
            found.append(normpath(join(dirname(page), url)) if not url.startswith("/") else url.lstrip("/"))
    return found


def check_page_weights(site: Path, sources: dict[str, Path], budget_kb: int, findings: Findings) -> None:
    """Warn, at the YAML file behind it, about every page heavier than budget_kb (KiB, compressed)."""
    pages = {html_file(doc): source for doc, source in sources.items()}
    pages = {page: source for page, source in pages.items() if (site / page).is_file()}
    budget = budget_kb * 1024
    for page, weight in page_weights(site, sorted(pages), stop_below=budget).items():
        if weight > budget:
            url = "/" + page.removesuffix("index.html")
            findings.add(
                pages[page], 1, 1,
                f"the page {url} weighs {weight / 1024:.0f} KB sent compressed, with the styles, scripts and images "
                f"it loads at once; the budget is {budget_kb} KB, so that pages open quickly on a phone. Shorten its "
                "text (on the FAQ page: the longest answers), or raise page_weight_budget_kb in lint.yaml", "warning")

"""Bytes a reader downloads for site search (our own index, sitegen/site/search_index.py), in English and Spanish.

Usage: python bench/search_transfer.py. Builds the bundled clinic twice with build.py: as shipped (English) and with
`languages: [en, es]` (its Spanish translation at /es/). Serves each gzipped (bench/serve_gzip.py, as a CDN would),
opens a page in Chromium, types a query key by key into Material's search box, as a reader does, and adds up the
bytes on the wire (Content-Length, gzipped, plus about 200 bytes of response headers each) of every search request
from opening the search to the results; then a second query on the same page (a later search), and what the page
loaded for search before any search. Also prints the indexer's CPU time in each build, and the pages found.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serve_gzip import serve  # noqa: E402

SEARCH_REQUEST = ("/search/", "search-worker.", "/workers/search.")
CASES = [  # (site, page, first query, later query)
    ("en", "faq/is-it-addictive/", "addictive", "liver"),
    ("en", "side-effects/", "bladder", "nausea"),
    ("en-es", "es/side-effects/", "vejiga", "náuseas"),
    ("en-es", "es/", "tratamientos", "embarazo"),
]


def build(work: Path, spanish: bool) -> tuple[Path, list[float]]:
    """The bundled clinic built by build.py in this process; returns the site and the indexer's CPU seconds per language."""
    from sitegen.commands.cli import main
    from sitegen.site.search_index import SiteIndex

    content = work / ("content-es" if spanish else "content")
    shutil.copytree(ROOT / "content_data", content)
    if spanish:
        clinic = content / "clinic.yaml"
        clinic.write_text(clinic.read_text(encoding="utf-8").replace("site_url:", "languages: [en, es]\nsite_url:", 1), encoding="utf-8")
    site = work / ("site-es" if spanish else "site")
    timed: list[float] = []
    spent = [0.0]
    add_page, write = SiteIndex.add_page, SiteIndex.write

    def timed_add(self, *args) -> None:
        start = time.process_time()
        add_page(self, *args)
        spent[0] += time.process_time() - start

    def timed_write(self, site_dir) -> None:  # the last step of each language's index: its total is complete
        start = time.process_time()
        write(self, site_dir)
        timed.append(spent[0] + time.process_time() - start)
        spent[0] = 0.0

    SiteIndex.add_page, SiteIndex.write = timed_add, timed_write  # type: ignore[method-assign]
    try:
        code = main(["build", "--content", str(content), "--out", str(site), "--docs", str(work / "docs")])
    finally:
        SiteIndex.add_page, SiteIndex.write = add_page, write  # type: ignore[method-assign]
    if code != 0:
        raise SystemExit(f"build failed ({code})")
    return site, timed


class Served:
    def __init__(self, folder: Path) -> None:
        self.server = serve(folder, 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()


def _transferred(requests) -> tuple[int, list[str]]:
    total, names = 0, []
    for request in requests:
        if not any(part in request.url for part in SEARCH_REQUEST):
            continue
        response = request.response()
        body = int(response.headers.get("content-length", 0)) if response else 0
        total += body + 200  # about 200 bytes of response headers each
        names.append(f"{request.url.split('/search/')[-1].rsplit('/', 1)[-1].split('?')[0]} {body / 1024:.1f}")
    return total, names


def _type(page, query: str) -> list[str]:
    box = page.locator("input[data-md-component=search-query]")
    box.fill("")
    box.press_sequentially(query, delay=60)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').textContent.trim() !== '' "
        "&& document.querySelector('input[data-md-component=search-query]').value === q",
        arg=query,
    )
    page.wait_for_timeout(800)
    page.wait_for_load_state("networkidle")
    return page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", "els => els.map(e => new URL(e.href).pathname)")


def measure(browser, base: str, page_path: str, first: str, later: str) -> dict:
    page = browser.new_page()
    requests: list = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(base + page_path, wait_until="networkidle")
    on_load = _transferred(requests)
    requests.clear()
    page.click("input[data-md-component=search-query]")
    found = _type(page, first)
    first_search = _transferred(requests)
    meta = page.inner_text(".md-search-result__meta")
    requests.clear()
    later_found = _type(page, later)
    later_search = _transferred(requests)
    page.close()
    return {"load": on_load, "first": first_search, "found": found, "meta": meta, "later": later_search, "later_found": later_found}


def main() -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="search-transfer-"))
    try:
        english, english_cpu = build(work, spanish=False)
        both, both_cpu = build(work, spanish=True)
        print(f"indexer CPU: English build {english_cpu[0]:.3f} s; two-language build: en {both_cpu[0]:.3f} s, es {both_cpu[1]:.3f} s")
        for site in (english, both):
            for lang_root in (site, site / "es"):
                if (lang_root / "search").is_dir():
                    import gzip

                    sections = gzip.compress((lang_root / "search" / "sections.json").read_bytes(), 6)
                    shards = sorted(len(gzip.compress(p.read_bytes(), 6)) for p in (lang_root / "search" / "terms").glob("*.json"))
                    print(
                        f"{lang_root.relative_to(work)}: sections.json {len(sections) / 1024:.1f} KB gzipped; {len(shards)} shards, "
                        f"median {shards[len(shards) // 2] / 1024:.2f} KB, largest {shards[-1] / 1024:.2f} KB"
                    )
        sites = {"en": english, "en-es": both}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for site, page_path, first, later in CASES:
                served = Served(sites[site])
                try:
                    result = measure(browser, served.base, page_path, first, later)
                finally:
                    served.close()
                load, first_search, later_search = result["load"], result["first"], result["later"]
                print(f"[{site}] /{page_path}")
                print(f"  on page load (search files): {load[0] / 1024:.1f} KB ({', '.join(load[1])})")
                print(f"  first search '{first}': {first_search[0] / 1024:.1f} KB ({', '.join(first_search[1])})")
                print(f"    {result['meta']!r}; found {result['found'][:8]}")
                print(
                    f"  later search '{later}': {later_search[0] / 1024:.1f} KB ({', '.join(later_search[1])}); found {result['later_found'][:5]}"
                )
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Bytes a reader downloads for a first search, Material's search (lunr) against Pagefind, in English and in Spanish.

Usage: python bench/search_transfer.py. Builds the bundled site (English) and the Spanish fixture
(tests/fixtures/search_es) twice each: with Material's search plugin set for the page's language
(sitegen/site/search_settings.py), and with Pagefind run over the built site (its bundled binary, --force-language).
Serves each gzipped (bench/serve_gzip.py, as a CDN would), opens a page in Chromium, types a query and counts the
transferred bytes (encoded body + headers) of every request the search made, from opening the search to the
first results, through Material's search box in both cases (typed key by key, as a reader does). Also prints
which pages were found and Pagefind's indexing CPU time.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serve_gzip import serve  # noqa: E402

from sitegen.site.mkdocs_build import BUILD_HOOKS  # noqa: E402
from sitegen.site.search_index import index_site_search  # noqa: E402
from sitegen.site.search_settings import PAGEFIND_FLAG, search_plugin_settings  # noqa: E402

SPANISH_FIXTURE = ROOT / "tests" / "fixtures" / "search_es"
SEARCH_REQUEST = ("search_index", "/workers/search.", "/lunr/", "/pagefind/", "search-worker.")


def _quiet(cmd: list[str]) -> None:
    subprocess.run(
        cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )


def build_english(work: Path) -> tuple[Path, Path, float]:
    """(our build with Pagefind, a build of the same Markdown with Material's search, Pagefind's CPU seconds)."""
    ours = work / "en"
    _quiet([sys.executable, "build.py", "--out", str(ours), "--docs", str(work / "en-docs")])
    material = _mkdocs(work / "en-docs", work / "en-material", "en", extra={})
    shutil.rmtree(ours / "pagefind")
    cpu = _timed_index(ours, "en")
    return ours, material, cpu


def build_spanish(work: Path) -> tuple[Path, Path, float]:
    ours = _mkdocs(SPANISH_FIXTURE / "docs", work / "es", "es", extra={PAGEFIND_FLAG: True})
    cpu = _timed_index(ours, "es")
    material = _mkdocs(SPANISH_FIXTURE / "docs", work / "es-material", "es", extra={})
    return ours, material, cpu


THEME = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]


def _mkdocs(docs: Path, site: Path, lang: str, extra: dict) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        str(ROOT / "mkdocs.yml"),
        docs_dir=str(docs),
        site_dir=str(site),
        hooks=[BUILD_HOOKS],
        extra=extra,
        plugins=[{"search": search_plugin_settings(lang)}],
        nav=None,
        strict=False,
        theme={**THEME, "language": lang, "custom_dir": str(ROOT / "overrides")},
    )
    build(config)
    return site


def _timed_index(site: Path, lang: str) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    index_site_search(site, lang)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
        # Content-Length (bytes on the wire, gzipped where the server gzips): workers' requests report no sizes.
        response = request.response()
        body = int(response.headers.get("content-length", 0)) if response else 0
        total += body + 200  # about 200 bytes of response headers each
        names.append(f"{request.url.rsplit('/', 1)[-1].split('?')[0]} {body / 1024:.1f}")
    return total, names


def material_search(browser, base: str, page_path: str, query: str) -> tuple[int, list[str], list[str]]:
    page = browser.new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(base + page_path, wait_until="networkidle")
    page.click("input[data-md-component=search-query]")
    page.locator("input[data-md-component=search-query]").press_sequentially(query, delay=60)
    page.wait_for_selector(".md-search-result__meta:not(:empty)", timeout=60_000)
    page.wait_for_timeout(1500)
    page.wait_for_load_state("networkidle")
    found = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
    total, names = _transferred(requests)
    page.close()
    return total, names, found


def main() -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="search-transfer-"))
    try:
        (en, en_material, en_cpu), (es, es_material, es_cpu) = build_english(work), build_spanish(work)
        print(f"pagefind indexer CPU: en {en_cpu:.2f} s, es fixture {es_cpu:.2f} s")
        cases = [
            ("en", "faq/is-it-addictive/", "addictive"),
            ("en", "side-effects/", "bladder"),
            ("es", "efectos-secundarios/", "tratamientos"),
            ("es", "preguntas/", "efectos"),
        ]
        sites = {("pagefind", "en"): en, ("material", "en"): en_material, ("pagefind", "es"): es, ("material", "es"): es_material}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for engine in ("material", "pagefind"):
                for lang, page_path, query in cases:
                    served = Served(sites[engine, lang])
                    total, names, found = material_search(browser, served.base, page_path, query)
                    served.close()
                    found = [f.replace(served.base, "/").split("?")[0] for f in found]
                    print(f"{engine} {lang} '{query}' on /{page_path}: {total / 1024:.1f} KB ({', '.join(names)}); found {found[:6]}")
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

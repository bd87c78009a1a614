"""Search in two languages in Chromium: Material's box answered by Pagefind, results in the page's language only,
Spanish stemming, under the site's own Content-Security-Policy header, with nothing fetched from another site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from sitegen.core.security_policy import CSP_DIRECTIVES, security_headers
from sitegen.site.mkdocs_build import BUILD_HOOKS
from sitegen.site.search_index import SearchIndexError, index_site_search, pages_glob
from sitegen.site.search_settings import PAGEFIND_FLAG, search_plugin_settings

ROOT = Path(__file__).resolve().parent.parent
SPANISH = ROOT / "tests" / "fixtures" / "search_es"


class _HeaderHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that sends the site's security headers on every response, as the hosting configurations do."""

    csp: str = ""

    def end_headers(self) -> None:
        for name, value in security_headers(self.csp or None).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


def _serve(folder: Path, csp: str = ""):
    handler = type("Handler", (_HeaderHandler,), {"csp": csp})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def _build_spanish(site: Path) -> None:
    """The Spanish fixture built as the real build builds a language: our hooks, theme and the Pagefind flag."""
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    theme = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]
    config = load_config(
        str(SPANISH / "mkdocs.yml"),
        site_dir=str(site),
        hooks=[BUILD_HOOKS],
        extra={PAGEFIND_FLAG: True},
        plugins=[{"search": search_plugin_settings("es")}],
        theme={**theme, "language": "es", "custom_dir": str(ROOT / "overrides")},
    )
    build(config)


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory) -> Path:
    """The bundled English site with the Spanish fixture at /es/, each language indexed on its own."""
    from sitegen.commands.cli import main

    out = tmp_path_factory.mktemp("two-languages") / "site"
    assert main(["build", "--out", str(out), "--docs", str(out.parent / "docs")]) == 0
    _build_spanish(out / "es")
    index_site_search(out / "es", "es")
    index_site_search(out, "en", skip=["es"])
    return out


def _search(browser, base: str, path: str, query: str, blocked: list[str]) -> tuple[list[str], str]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Offline but for this site: any request elsewhere is refused, and recorded.
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(base) else (blocked.append(route.request.url), route.abort()),
    )
    page = context.new_page()
    page.goto(base + path, wait_until="networkidle")
    page.click("input[data-md-component=search-query]")
    page.locator("input[data-md-component=search-query]").press_sequentially(query, delay=50)
    with contextlib.suppress(Exception):  # no result at all is an answer too; the caller checks
        page.wait_for_selector(".md-search-result__item", timeout=45_000)  # a wait, not a speed check (busy machines)
    found = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => new URL(a.href).pathname)")
    meta = page.inner_text(".md-search-result__meta")
    context.close()
    return found, meta


def test_a_spanish_page_finds_spanish_pages_only_with_stemming(browser, two_languages) -> None:
    base, server = _serve(two_languages)
    blocked: list[str] = []
    try:
        found, _ = _search(browser, base, "es/efectos-secundarios/", "tratamientos", blocked)
    finally:
        server.shutdown()
    assert found and all(path.startswith("/es/") for path in found), found
    # The home page says only 'tratamiento': found through the Spanish stemmer, not by the letters typed.
    assert "/es/tratamientos/" in found and "/es/" in found
    assert blocked == []


def test_an_english_page_finds_english_pages_only(browser, two_languages) -> None:
    base, server = _serve(two_languages)
    blocked: list[str] = []
    try:
        found, _ = _search(browser, base, "side-effects/", "Spravato", blocked)
        spanish_word, meta = _search(browser, base, "side-effects/", "vejiga", blocked)
    finally:
        server.shutdown()
    assert len(found) >= 3 and not [path for path in found if path.startswith("/es/")], found
    # 'vejiga' (bladder) is on a Spanish page only: whatever English pages Pagefind's loose matching offers, no Spanish one.
    assert not [path for path in spanish_word if path.startswith("/es/")], (spanish_word, meta)
    assert blocked == []


def test_search_needs_wasm_unsafe_eval_and_works_with_the_sites_policy(browser, two_languages) -> None:
    assert "'wasm-unsafe-eval'" in CSP_DIRECTIVES["script-src"] and "'unsafe-eval'" not in CSP_DIRECTIVES["script-src"]
    without = "; ".join(f"{k} {v.replace(' ' + chr(39) + 'wasm-unsafe-eval' + chr(39), '')}" for k, v in CSP_DIRECTIVES.items())
    for csp, works in (("", True), (without, False)):
        base, server = _serve(two_languages, csp)
        try:
            found, _ = _search(browser, base, "side-effects/", "bladder", [])
        finally:
            server.shutdown()
        assert bool(found) is works, (csp, found)


def test_the_index_leaves_out_other_languages_and_reports_a_failure(tmp_path: Path) -> None:
    (tmp_path / "es").mkdir()
    (tmp_path / "faq").mkdir()
    (tmp_path / "pagefind").mkdir()
    assert pages_glob(tmp_path, ["es"]) == "{*.html,{faq}/**/*.html}"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SearchIndexError):
        index_site_search(empty, "en")
    shutil.rmtree(empty)


def test_a_build_in_another_language_gets_that_languages_theme_and_search_settings(workdir: Path) -> None:
    from test_i18n import with_spanish

    from sitegen.commands.check import check
    from sitegen.core.options import Options
    from sitegen.site.mkdocs_build import mkdocs_overrides

    options = Options(content_dir=with_spanish(workdir))
    english = check(options).content
    spanish = mkdocs_overrides(english.translations["es"], options, english, pagefind=True)
    assert spanish["theme"]["language"] == "es" and spanish["extra"][PAGEFIND_FLAG] is True
    assert spanish["plugins"] == [{"search": {"lang": ["es"], "pipeline": ["stopWordFilter", "trimmer"]}}]
    preview = mkdocs_overrides(english, options)
    assert preview["theme"]["language"] == "en" and "plugins" not in preview and preview["extra"][PAGEFIND_FLAG] is False

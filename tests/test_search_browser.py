"""Site search in Chromium: Material's box answered by our worker from our own index, results in the page's language
only, Spanish stemming and accent folding, under the site's own Content-Security-Policy header, nothing fetched from
another site; and the browser's stemmer gives every word of both bundled indexes the stem the build gave it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from browser import axe_violations

from sitegen.core.security_policy import CSP_DIRECTIVES, security_headers
from sitegen.site.mkdocs_build import BUILD_HOOKS
from sitegen.site.search_index import SKIPPED_SECTIONS, SiteIndex, page_sections, without_excluded
from sitegen.site.search_settings import SEARCH_FLAG, search_plugin_settings
from sitegen.site.search_words import stemmer, words

ROOT = Path(__file__).resolve().parent.parent
SPANISH = ROOT / "tests" / "fixtures" / "search_es"
# Records every CSP violation the page reports, from before any of its own scripts run.
WATCH_CSP = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"


class _HeaderHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that sends the site's security headers on every response, as the hosting configurations do."""

    def end_headers(self) -> None:
        for name, value in security_headers().items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def _served(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_HeaderHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def bundled_two_languages(tmp_path_factory) -> tuple[Path, dict[str, list[tuple[str, str]]]]:
    """The bundled clinic with `languages: [en, es]`, built by build.py; and, per language, the (title, HTML) of
    every page the index was given, as the hooks gave it."""
    from sitegen.commands.cli import main

    work = tmp_path_factory.mktemp("two-languages")
    content = work / "content"
    shutil.copytree(ROOT / "content_data", content)
    clinic = content / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("site_url:", "languages: [en, es]\nsite_url:", 1), encoding="utf-8")
    indexed: dict[str, list[tuple[str, str]]] = {}
    add_page = SiteIndex.add_page

    def recording(self, url: str, title: str, html: str) -> None:
        indexed.setdefault(self.lang, []).append((title, html))
        add_page(self, url, title, html)

    SiteIndex.add_page = recording  # type: ignore[method-assign]
    try:
        assert main(["build", "--content", str(content), "--out", str(work / "site"), "--docs", str(work / "docs")]) == 0
    finally:
        SiteIndex.add_page = add_page  # type: ignore[method-assign]
    return work / "site", indexed


@pytest.fixture(scope="module")
def spanish_fixture(tmp_path_factory) -> Path:
    """The four-page Spanish fixture built with our hooks, theme and search flag, as the build builds a language."""
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path_factory.mktemp("search-es") / "site"
    theme = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]
    config = load_config(
        str(SPANISH / "mkdocs.yml"),
        site_dir=str(site),
        hooks=[BUILD_HOOKS],
        extra={SEARCH_FLAG: True},
        plugins=[{"search": search_plugin_settings("es")}],
        theme={**theme, "language": "es", "custom_dir": str(ROOT / "overrides")},
    )
    build(config)
    return site


class _Search:
    """One page in a fresh context, offline but for the site (any other request refused and recorded)."""

    def __init__(self, browser, base: str, path: str) -> None:
        self.blocked: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(WATCH_CSP)
        self.context.route("**/*", self._route)
        self.base = base
        self.page = self.context.new_page()
        self.page.goto(base + path, wait_until="networkidle")
        self.page.click("input[data-md-component=search-query]")

    def _route(self, route) -> None:
        self.requests.append(route.request.url)
        if route.request.url.startswith(self.base):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def find(self, query: str) -> tuple[list[str], str]:
        """The result links (page addresses, #section kept) and Material's count line, once the results are drawn."""
        box = self.page.locator("input[data-md-component=search-query]")
        box.fill("")
        box.press_sequentially(query, delay=40)
        # A wait, not a speed check (busy machines): the worker answers after a pause in typing.
        self.page.wait_for_function(
            "() => { const m = document.querySelector('.md-search-result__meta'); return m && /\\d|No /.test(m.textContent); }",
            timeout=45_000,
        )
        self.page.wait_for_timeout(600)  # a later keystroke's answer replaces an earlier one: let the last one land
        found = self.page.eval_on_selector_all(
            ".md-search-result__item a.md-search-result__link", "links => links.map(a => new URL(a.href).pathname + new URL(a.href).hash)"
        )
        return found, self.page.inner_text(".md-search-result__meta")

    def close(self) -> None:
        self.context.close()


def test_an_english_page_finds_english_pages_only_and_says_when_nothing_matches(browser, bundled_two_languages) -> None:
    site, _ = bundled_two_languages
    with _served(site) as base:
        search = _Search(browser, base, "side-effects/")
        found, meta = search.find("bladder")
        pages = [link.split("#")[0] for link in found]
        assert "/faq/bladder-and-liver-risks/" in pages and "/side-effects/" in pages, found
        assert not [p for p in pages if p.startswith("/es/")] and meta.endswith("matching documents"), meta
        both, _ = search.find("liver bladder")  # the page with both words first, in whichever order typed
        nothing, none_meta = search.find("vejiga")  # on Spanish pages only
        _many, many_meta = search.find("ketamine")
        assert search.blocked == [] and search.page.evaluate("window.__csp") == []
        search.close()
    assert both[0] == "/faq/bladder-and-liver-risks/", both
    assert nothing == [] and none_meta == "No matching documents"
    # Every page that says it, not a first ten: Material draws ten and the rest as the reader scrolls.
    assert int(many_meta.split()[0]) > 20, many_meta


def test_a_spanish_page_finds_spanish_pages_only_whatever_the_case_and_accents(browser, bundled_two_languages) -> None:
    site, _ = bundled_two_languages
    with _served(site) as base:
        search = _Search(browser, base, "es/side-effects/")
        found, meta = search.find("vejiga")
        upper, _ = search.find("VEJIGA")
        accented, _ = search.find("vejíga")
        english, _ = search.find("bladder")
        assert search.blocked == [] and search.page.evaluate("window.__csp") == []
        search.close()
    pages = [link.split("#")[0] for link in found]
    assert "/es/faq/bladder-and-liver-risks/" in pages and "/es/side-effects/" in pages, found
    assert all(p.startswith("/es/") for p in pages) and meta.endswith("documentos encontrados"), meta
    assert upper == found and accented == found
    assert not [link for link in english if not link.startswith("/es/")], english


def test_an_inflected_spanish_word_finds_a_page_that_says_only_another_form(browser, spanish_fixture) -> None:
    with _served(spanish_fixture) as base:
        search = _Search(browser, base, "efectos-secundarios/")
        found, _ = search.find("tratamientos")
        nauseas, _ = search.find("nauseas")  # the page says 'náuseas'
        assert search.blocked == []
        search.close()
    pages = [link.split("#")[0] for link in found]
    # The home page says only 'tratamiento': found through the Spanish stemmer, not by the letters typed.
    assert "/tratamientos/" in pages and "/" in pages, found
    assert [link.split("#")[0] for link in nauseas] == ["/efectos-secundarios/"], nauseas


def test_the_open_search_dialog_passes_axe_and_a_section_result_opens_that_section(browser, bundled_two_languages) -> None:
    site, _ = bundled_two_languages
    with _served(site) as base:
        search = _Search(browser, base, "faq/is-it-addictive/")
        found, _ = search.find("addictive")
        assert found and found[0].split("#")[0] == "/faq/is-it-addictive/", found
        assert axe_violations(search.page) == []
        assert search.page.get_attribute(".md-search", "role") == "dialog"
        assert search.page.get_attribute(".md-search", "aria-label") == "Search this site"
        assert search.page.locator(".md-search-result mark").count() > 0  # the words that matched, highlighted
        nausea, _ = search.find("nausea")
        link = search.page.locator(".md-search-result__item a.md-search-result__link[href*='#']").first
        title = link.locator("h2, h1").first.inner_text()
        link.click()
        search.page.wait_for_load_state("networkidle")
        anchor = search.page.evaluate("location.hash").lstrip("#")
        heading = search.page.locator(f"[id='{anchor}']").inner_text()
        assert search.page.evaluate("window.__csp") == [] and search.blocked == []
        assert any("/search/terms/" in url for url in search.requests)
        search.close()
    assert anchor and heading.rstrip("¶").strip() == title.strip(), (nausea, anchor, heading, title)


def test_the_site_policy_needs_no_webassembly_or_eval() -> None:
    assert CSP_DIRECTIVES["script-src"] == "'self'"


def test_the_browsers_stemmer_gives_every_indexed_word_the_stem_the_build_gave_it(browser, bundled_two_languages) -> None:
    site, indexed = bundled_two_languages
    assert set(indexed) == {"en", "es"}
    with _served(site) as base:
        context = browser.new_context()
        page = context.new_page()
        for lang, pages in indexed.items():
            texts, vocabulary = [], set()
            for title, html in pages:
                for section in page_sections(without_excluded(html), title):
                    if section.anchor not in SKIPPED_SECTIONS:
                        texts += [section.title, section.text]
                        vocabulary.update(words(section.title + " " + section.text))
            stem = stemmer(lang)
            terms = _all_terms(site if lang == "en" else site / "es")
            # The words taken here are the index's words: their stems are exactly its terms.
            assert {stem(word) for word in vocabulary} == terms
            ordered = sorted(vocabulary)
            # The worker's own functions, run as the worker runs them (its address decides the language's folder).
            worker = next((site if lang == "en" else site / "es").glob("assets/javascripts/search-worker.*.js"))
            page.goto(base + worker.relative_to(site).as_posix())
            page.add_script_tag(url=base + worker.relative_to(site).as_posix())
            browser_words, browser_stems = page.evaluate(
                "async ([texts, vocabulary]) => { const loaded = await load(); return [texts.map(words), vocabulary.map(loaded.stem)]; }",
                [texts, ordered],
            )
            assert [words(text) for text in texts] == browser_words
            differ = [(word, stem(word), theirs) for word, theirs in zip(ordered, browser_stems, strict=True) if stem(word) != theirs]
            assert len(ordered) > 1500 and differ == [], differ[:20]
        context.close()


def _all_terms(site: Path) -> set[str]:
    import json

    found: set[str] = set()
    for path in (site / "search" / "terms").glob("*.json"):
        found.update(json.loads(path.read_text(encoding="utf-8")))
    return found

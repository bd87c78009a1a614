"""The patient-facing quality bar in a real browser: WCAG 2.2 AA, privacy, a strict CSP, lazy search, SEO tags."""

from __future__ import annotations

import re
from urllib.request import urlopen

import pytest
from browser import axe_violations

MAIN_PAGES = [
    "",
    "history/",
    "how-it-works/",
    "conditions/",
    "side-effects/",
    "myths/",
    "what-to-expect/",
    "treatment-options/",
    "faq/",
    "is-this-right-for-me/",
    "for-clinicians/",
    "glossary/",
    "references/",
    "handouts/",
]
ANSWER_PAGES = ["faq/is-it-addictive/", "faq/cost-and-insurance/", "faq/suicidal-thoughts/"]

# Records every CSP violation the page reports, from before any of its own scripts run.
WATCH_CSP = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"


@pytest.fixture
def visit(browser, bundled_site):
    context = browser.new_context(viewport={"width": 412, "height": 900})
    context.add_init_script(WATCH_CSP)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()

    def go(path: str):
        page.goto(bundled_site + path)
        page.wait_for_load_state("networkidle")
        return page

    go.page, go.requests, go.context = page, requests, context  # type: ignore[attr-defined]
    yield go
    context.close()


@pytest.mark.parametrize("path", MAIN_PAGES + ANSWER_PAGES)
def test_page_passes_axe_with_no_csp_violation_and_nothing_sent_or_stored(visit, bundled_site, path) -> None:
    page = visit(path)
    assert axe_violations(page) == []
    assert page.evaluate("window.__csp") == []
    assert [u for u in visit.requests if not u.startswith(bundled_site)] == []
    assert not any("/search/" in u for u in visit.requests), "the search index loads only when a search starts"
    assert visit.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert page.evaluate("document.documentElement.lang") == "en"


def test_search_loads_its_index_on_demand_finds_pages_and_passes_axe(visit, bundled_site) -> None:
    page = visit("side-effects/")
    page.click('label[for="__search"]')
    # Typed key by key, as a reader does: Material searches on each key released, not on a value set at once.
    page.locator("input[data-md-component=search-query]").press_sequentially("bladder", delay=50)
    page.wait_for_selector(".md-search-result__item", timeout=45_000)  # a wait, not a speed check (busy machines)
    assert page.locator(".md-search-result__item").count() >= 2
    # Our index of titles and excerpts, the English stemmer and one shard of terms, from this site only.
    assert any(u.endswith("/search/sections.json") for u in visit.requests) and any("/search/terms/" in u for u in visit.requests)
    assert any(u.endswith("/search/english-stemmer.js") for u in visit.requests)
    assert [u for u in visit.requests if not u.startswith(bundled_site)] == []
    assert axe_violations(page) == []
    assert page.get_attribute(".md-search", "role") == "dialog" and page.get_attribute(".md-search", "aria-label") == "Search this site"
    assert page.evaluate("window.__csp") == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0 and visit.context.cookies() == []


def test_keyboard_users_get_a_skip_link_and_focus_is_never_under_the_sticky_header(visit) -> None:
    page = visit("side-effects/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    link = page.locator("article a[href^='#src-']").last
    link.focus()
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert link.bounding_box()["y"] >= header_bottom


def test_every_page_has_a_unique_title_description_canonical_and_open_graph(bundled_site) -> None:
    titles, descriptions = {}, {}
    for path in MAIN_PAGES + ANSWER_PAGES:
        html = urlopen(bundled_site + path).read().decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
        description = re.search(r'<meta name="description" content="([^"]+)"', html).group(1)
        assert title not in titles, (path, titles.get(title))
        assert description not in descriptions, (path, descriptions.get(description))
        titles[title], descriptions[description] = path, path
        assert f'<link rel="canonical" href="https://ketamine-clinic.example/{path}">' in html
        assert f'<meta property="og:url" content="https://ketamine-clinic.example/{path}">' in html
        assert '<meta property="og:title"' in html and '<meta property="og:description"' in html
        assert 'http-equiv="Content-Security-Policy"' in html and "<script>" not in html
    robots = urlopen(bundled_site + "robots.txt").read().decode()
    assert "Sitemap: https://ketamine-clinic.example/sitemap.xml" in robots
    sitemap = urlopen(bundled_site + "sitemap.xml").read().decode()
    assert "https://ketamine-clinic.example/faq/is-it-addictive/" in sitemap


# Every control a finger or pointer aims at, except links inside a sentence (WCAG 2.5.8 exempts those).
SMALL_TARGETS = """() => {
  const small = [];
  const blocks = 'p, li, td, th, dd, dt, blockquote, figcaption, summary, h1, h2, h3, h4, h5, h6';
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, label[for], [tabindex]:not([tabindex="-1"])')) {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden' || style.pointerEvents === 'none' || box.right <= 0 || box.left >= innerWidth) continue;
    if (el.matches('input[type=checkbox], input[type=radio]') && el.labels.length) continue;  // the label is the target
    const block = el.closest(blocks);
    if (style.display === 'inline' && block && block.textContent.trim() !== el.textContent.trim()) continue;
    if (box.width < 24 || box.height < 24) small.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}"""


@pytest.mark.parametrize("width", [412, 1280])
def test_every_control_outside_a_sentence_is_at_least_24_px_square(browser, bundled_site, width) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    for path in ["", "faq/", "is-this-right-for-me/", "side-effects/", "glossary/", "references/", "faq/is-it-addictive/", "handouts/"]:
        page.goto(bundled_site + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert page.evaluate(SMALL_TARGETS) == [], path
    page.close()

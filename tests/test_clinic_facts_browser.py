"""The clinic's team and price pages in Chromium, at phone and desktop widths: photos load, nothing shifts, axe passes,
and no request leaves the site."""

from __future__ import annotations

import pytest
from browser import axe_violations, serve_folder
from conftest import ROOT

SUNRISE = ROOT / "examples" / "clinics" / "sunrise.yaml"
WIDTHS = [390, 1280]
# Sums every layout shift of the page's content (the article, where photos and prices are; the theme's header title
# settles by a fraction of a pixel on every page of every site) from the first paint on, and records CSP violations,
# before the page's own scripts run.
WATCH = """
window.__shift = 0; window.__csp = [];
const inContent = s => { const el = s.node && (s.node.closest ? s.node : s.node.parentElement); return el && el.closest('.md-content'); };
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput && e.sources.some(inContent)) window.__shift += e.value;
}).observe({type: 'layout-shift', buffered: true});
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def sunrise_base(tmp_path_factory):
    from sitegen.commands.cli import main

    out = tmp_path_factory.mktemp("sunrise-browser")
    assert main(["build", "--clinic", str(SUNRISE), "--out", str(out / "site"), "--docs", str(out / "docs")]) == 0
    base, server = serve_folder(out / "site")
    yield base
    server.shutdown()


def _open(browser, base: str, path: str, width: int, block_images: bool = False):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(WATCH)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    if block_images:
        context.route("**/assets/photos/**", lambda route: route.abort())
    page = context.new_page()
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    return context, page, requests


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["team/", "cost-and-insurance/", "locations/"])
def test_fact_pages_pass_axe_shift_nothing_and_stay_on_the_site(browser, sunrise_base: str, path: str, width: int) -> None:
    context, page, requests = _open(browser, sunrise_base, path, width)
    try:
        assert axe_violations(page) == []
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__shift") == 0
        assert page.evaluate("window.__csp") == []
        assert [u for u in requests if not u.startswith(sunrise_base)] == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing is wider than the screen"
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_team_photos_load_as_webp_at_their_set_size(browser, sunrise_base: str, width: int) -> None:
    context, page, requests = _open(browser, sunrise_base, "team/", width)
    try:
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the lower photos load as the reader scrolls
        page.wait_for_load_state("networkidle")
        page.wait_for_function("[...document.querySelectorAll('picture.clinic-photo img')].every(img => img.complete)")
        photos = page.evaluate(
            """[...document.querySelectorAll('picture.clinic-photo img')].map(img => ({
                 loaded: img.complete && img.naturalWidth > 0, src: img.currentSrc, alt: img.alt,
                 w: img.getBoundingClientRect().width, h: img.getBoundingClientRect().height}))"""
        )
        assert len(photos) == 3
        for photo in photos:
            assert photo["loaded"] and photo["src"].endswith(".webp"), photo
            assert photo["alt"].startswith("Drawing of "), photo
            assert (photo["w"], photo["h"]) == (200, 250), photo
        assert sum(1 for u in requests if "/assets/photos/" in u) == 3, "one file per photo: the browser picks one size"
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_space_of_a_photo_is_kept_before_it_arrives(browser, sunrise_base: str, width: int) -> None:
    context, page, _ = _open(browser, sunrise_base, "team/", width, block_images=True)
    try:
        boxes = page.evaluate(
            "[...document.querySelectorAll('picture.clinic-photo img')].map(img => [img.getBoundingClientRect().width, img.getBoundingClientRect().height])"
        )
        assert boxes == [[200, 250]] * 3, "width and height reserve the photo's place, so the text below never jumps"
    finally:
        context.close()


def test_the_price_page_reads_well_on_a_phone(browser, sunrise_base: str) -> None:
    context, page, _ = _open(browser, sunrise_base, "cost-and-insurance/", 390)
    try:
        prices = page.locator(".price").all_inner_texts()
        assert prices[:2] == ["$250 per visit", "$450 per session"]
        heading = page.locator("h2#insurance")
        assert heading.is_visible()
        assert page.locator("a[href^='https://nctr-crs.fda.gov']").count() == 2, "the insurance note's two sources are listed"
    finally:
        context.close()

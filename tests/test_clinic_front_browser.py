"""A clinic's front page and header in Chromium at phone, tablet and desktop widths: logo, phone and booking always in
the header; the clinic, its offer, call and book buttons and topic cards on the home page, after the crisis box."""

from __future__ import annotations

import itertools
import re

import pytest
import yaml
from browser import axe_violations, serve_folder
from conftest import ROOT

WIDTHS = [390, 800, 1280]
SUNRISE = yaml.safe_load((ROOT / "examples/clinics/sunrise.yaml").read_text())
TEL = "tel:" + re.sub(r"[^\d+]", "", SUNRISE["phone"])
WATCH_CSP = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"


@pytest.fixture(scope="module")
def sunrise(tmp_path_factory) -> str:
    """The example clinic Sunrise Mind Clinic (logo, booking address, its own page), built and served: base URL."""
    from sitegen.commands.cli import main

    out = tmp_path_factory.mktemp("sunrise")
    clinic = ROOT / "examples/clinics/sunrise.yaml"
    assert main(["build", "--clinic", str(clinic), "--out", str(out / "site"), "--docs", str(out / "docs")]) == 0
    base, server = serve_folder(out / "site")
    yield base
    server.shutdown()


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def page(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 850})
    context.add_init_script(WATCH_CSP)
    tab = context.new_page()
    yield tab
    context.close()


def _box(page, selector: str) -> dict:
    locator = page.locator(selector)
    assert locator.count() == 1, selector
    assert locator.is_visible(), f"{selector} is hidden"
    box = locator.bounding_box()
    assert box is not None
    return box


def _fully_in_view(page, box: dict) -> bool:
    width = page.viewport_size["width"]
    return box["x"] >= 0 and box["x"] + box["width"] <= width and box["width"] >= 24 and box["height"] >= 24


@pytest.mark.parametrize("path", ["", "first-visit-at-sunrise/", "side-effects/"])
def test_the_header_shows_the_logo_the_phone_and_a_booking_link_at_every_width(page, sunrise: str, path: str) -> None:
    page.goto(sunrise + path)
    header = _box(page, "header.md-header")
    for selector in (".md-header__button.md-logo", ".clinic-contact__call", ".clinic-contact__book"):
        box = _box(page, selector)
        assert _fully_in_view(page, box), f"{selector} is cut off or too small at {page.viewport_size['width']} px: {box}"
        assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"], f"{selector} is outside the header"
    assert page.locator(".md-header__button.md-logo img").is_visible()
    call = page.locator(".clinic-contact__call")
    assert call.get_attribute("href") == TEL and SUNRISE["phone"] in call.inner_text()
    assert page.locator(".clinic-contact__book").get_attribute("href") == SUNRISE["booking_url"]
    # The three do not overlap one another.
    boxes = [_box(page, s) for s in (".md-header__button.md-logo", ".clinic-contact__call", ".clinic-contact__book")]
    for left, right in itertools.pairwise(boxes):
        assert left["x"] + left["width"] <= right["x"]


def test_the_front_page_shows_the_clinic_its_offer_buttons_and_cards_after_the_crisis_box(page, sunrise: str) -> None:
    page.goto(sunrise)
    article = page.locator("article.md-content__inner")
    assert article.locator(":scope > *").first.evaluate("e => e.classList.contains('crisis-help')")
    crisis, hero = _box(page, "article .crisis-help"), _box(page, ".clinic-hero")
    assert crisis["y"] + crisis["height"] <= hero["y"]
    assert page.locator(".clinic-hero__logo").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator(".clinic-hero__name").inner_text() == "Sunrise Mind Clinic"
    offer = page.locator(".clinic-hero__offer").inner_text()
    assert offer.startswith("Treatments offered in Portland")
    for service in SUNRISE["services"]:  # what the clinic offers, and nothing it does not
        assert (service["name"] in offer) == service["offered"], service
    call, book = page.locator("a.clinic-hero__call"), page.locator("a.clinic-hero__book")
    assert call.get_attribute("href") == TEL and call.inner_text() == f"Call {SUNRISE['phone']}"
    assert book.get_attribute("href") == SUNRISE["booking_url"] and book.inner_text() == f"Book a consultation with {SUNRISE['name']}"
    for selector in ("a.clinic-hero__call", "a.clinic-hero__book"):
        assert _fully_in_view(page, _box(page, selector))
    cards = page.locator(".grid.cards li a")
    assert cards.count() == 10
    assert cards.first.inner_text() == "Conditions" and cards.first.get_attribute("href") == "conditions/"
    cards.first.scroll_into_view_if_needed()
    assert cards.first.is_visible()
    assert page.evaluate("window.__csp") == []


@pytest.mark.parametrize("path", ["", "first-visit-at-sunrise/"])
def test_the_clinics_pages_pass_axe(page, sunrise: str, path: str) -> None:
    page.goto(sunrise + path)
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert page.evaluate("window.__csp") == []


def test_a_clinic_page_has_its_own_tab_title_and_starts_with_the_crisis_box(page, sunrise: str) -> None:
    page.goto(sunrise + "first-visit-at-sunrise/")
    assert page.title() == "First visit at Sunrise Mind Clinic, Portland"
    assert page.locator("article.md-content__inner > *").first.evaluate("e => e.classList.contains('crisis-help')")
    assert page.locator("article h1").inner_text().removesuffix("¶").strip() == "Your first visit at Sunrise Mind Clinic"


def test_a_clinic_without_a_logo_keeps_its_icon_in_the_header_on_a_phone(browser, bundled_site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 850})
    tab = context.new_page()
    tab.goto(bundled_site)
    assert tab.locator(".md-header__button.md-logo svg").is_visible()
    assert tab.locator(".clinic-contact__call").is_visible() and tab.locator(".clinic-contact__book").is_visible()
    assert tab.locator(".clinic-hero__logo").count() == 0 and tab.locator(".clinic-hero__name").is_visible()
    context.close()

"""Glossary tooltips in Chromium: a term's meaning shows on tap, keyboard focus and hover, Escape hides it, axe passes."""

from __future__ import annotations

import pytest
from browser import axe_violations

TIP = "#glossary-tooltip"


@pytest.fixture
def phone(browser, bundled_site):
    context = browser.new_context(viewport={"width": 412, "height": 900}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(bundled_site + "side-effects/")
    yield page
    context.close()


def shown(page) -> bool:
    return page.evaluate(
        f"(t => !!t && t.classList.contains('md-tooltip2--active') && getComputedStyle(t).opacity !== '0')(document.querySelector('{TIP}'))"
    )


def test_a_tap_shows_the_meaning_below_the_word_and_a_tap_elsewhere_hides_it(phone) -> None:
    term = phone.locator("article abbr[title]").first.element_handle()
    meaning = term.get_attribute("title")
    term.tap()
    phone.wait_for_function(f"() => document.querySelector('{TIP}')?.classList.contains('md-tooltip2--active')")
    assert phone.locator(TIP).inner_text() == meaning
    assert term.get_attribute("aria-describedby") == "glossary-tooltip"
    word, box = term.bounding_box(), phone.locator(f"{TIP} .md-tooltip2__inner").bounding_box()
    assert box["y"] >= word["y"] + word["height"] and box["x"] >= 0 and box["x"] + box["width"] <= 412
    phone.locator("article h1").tap()
    assert not shown(phone)
    assert term.get_attribute("title") == meaning and term.get_attribute("aria-describedby") is None


def test_keyboard_users_reach_a_term_and_escape_hides_its_meaning(phone) -> None:
    term = phone.locator("article abbr[title]").first.element_handle()
    assert term.get_attribute("tabindex") == "0"
    term.focus()
    phone.wait_for_function(f"() => document.querySelector('{TIP}')?.classList.contains('md-tooltip2--active')")
    assert axe_violations(phone) == []
    phone.keyboard.press("Escape")
    assert not shown(phone)
    # Terms inside links are not extra tab stops (no nested interactive elements); focusing the link shows them.
    assert phone.evaluate("[...document.querySelectorAll('article a abbr')].every(a => !a.hasAttribute('tabindex'))")


def test_hover_shows_the_meaning_on_a_desktop(browser, bundled_site) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(bundled_site + "faq/")
    page.locator("details.faq-item summary").first.click()
    term = page.locator("details.faq-item[open] abbr[title]").first.element_handle()
    term.hover()
    page.wait_for_function(f"() => document.querySelector('{TIP}')?.classList.contains('md-tooltip2--active')")
    page.mouse.move(5, 890)
    page.wait_for_timeout(600)
    assert not shown(page)
    context.close()

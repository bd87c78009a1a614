"""Crisis help for everyone on every page, the 404 page and in print: 988 chat, veterans, Spanish, deaf and hard of hearing."""

from __future__ import annotations

import pytest
from browser import axe_violations

OPTIONS = [
    ("Veterans and service members: call 988 and press 1, or text 838255.", ['a[href="tel:988"]', 'a[href="sms:838255"]']),
    ("En español: call 988 and press 2, or text AYUDA to 988.", ['a[href="sms:988"]']),
    ("Deaf or hard of hearing: text 988, or make a video call at 988lifeline.org", ['a[href="https://988lifeline.org/"]']),
]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 412, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_the_404_page_shows_the_same_crisis_box_as_every_page(page, bundled_site) -> None:
    page.goto(bundled_site + "side-effects/")
    on_a_page = page.locator(".crisis-help").inner_text()
    page.goto(bundled_site + "404.html")
    assert page.locator("h1").inner_text() == "Page not found"
    box = page.locator(".crisis-help")
    assert box.is_visible() and box.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]
    assert box.inner_text() == on_a_page
    text = box.inner_text()
    assert "Call 988 or text 988, or chat online (988 Suicide & Crisis Lifeline)." in text and "In an emergency, call 911." in text
    assert box.locator('a[href="sms:988"]').count() == 3  # the main line's "text 988", Spanish "text AYUDA to 988", deaf "text 988"
    for line, links in OPTIONS:
        assert line in text
        for link in links:
            assert box.locator(link).count() >= 1
    assert box.locator('span[lang="es"]').inner_text() == "En español"
    assert axe_violations(page) == []


@pytest.mark.parametrize("address", ["404.html", "", "faq/does-it-work/"])
def test_crisis_help_prints_with_every_option(page, bundled_site, address) -> None:
    page.goto(bundled_site + address)
    page.emulate_media(media="print")
    box = page.locator(".crisis-help")
    assert box.is_visible()
    for line, _ in OPTIONS:
        assert line in box.inner_text()

"""Hostile content in a real browser: a quote in a menu title redirects no page, and the self-check shows crisis
help when its script is blocked or fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import serve_folder
from conftest import build_args

pytestmark = pytest.mark.browser

SELF_CHECK = "is-this-right-for-me/"
# Our scripts carry a content hash in their names (self-check.<hash>.js), so that they can be cached for a year.
SELF_CHECK_SCRIPT = re.compile(r"/self-check\.[0-9a-f]+\.js$")
# The attack run's payload without '<' (which is now refused): all that is left is breaking out of an attribute.
REDIRECT = 'Myths" http-equiv="refresh" content="0;url=https://evil.example/" x="y'
# A question may hold no figure: a handler that would leave the page as soon as the page loads.
HANDLER = 'Does it work?" autofocus onfocus="location.assign(this.title)" title="https://evil.example/" x="y'


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture
def hostile_site(workdir: Path, run):
    content = workdir / "content"
    myths = content / "topics/myths.yaml"
    myths.write_text(myths.read_text().replace("title: Myths and facts\n", f"title: Myths and facts\nnav_title: {_quoted(REDIRECT)}\n"))
    faq = content / "faq.yaml"
    faq.write_text(faq.read_text().replace("question: Does it work?", f"question: {_quoted(HANDLER)}"))
    clinic = content / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace("name: Test Clinic\n", f"name: {_quoted(REDIRECT)}\n", 1))
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    base, server = serve_folder(workdir / "site")
    yield base
    server.shutdown()


def test_a_quote_in_a_menu_title_a_question_or_the_clinic_name_sends_no_page_away(browser, hostile_site) -> None:
    context = browser.new_context()
    outside: list[str] = []

    def only_this_site(route):
        if route.request.url.startswith(hostile_site):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_site)
    page = context.new_page()
    for path in ["", "myths/", "faq/", "faq/does-it-work/", "side-effects/"]:
        page.goto(hostile_site + path)
        page.wait_for_timeout(1500)  # a refresh of 0 seconds would have left by now
        assert page.url == hostile_site + path
        assert page.locator('meta[http-equiv="refresh" i]').count() == 0
    assert outside == []
    # The payload is shown as the text it is: in the menu, and as the answer page's heading.
    page.goto(hostile_site + "myths/")
    assert REDIRECT in page.locator(".md-nav").first.inner_text()
    page.goto(hostile_site + "faq/does-it-work/")
    assert page.locator("h1").inner_text().removesuffix("¶") == HANDLER
    assert page.locator("[onfocus], [autofocus]").count() == 0
    context.close()


def _crisis_help_visible(page) -> None:
    fallback = page.locator("#self-check-fallback")
    assert fallback.is_visible()
    links = fallback.locator('a[href^="tel:"]')
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == ["tel:988", "tel:911"]
    assert [links.nth(i).inner_text() for i in range(links.count())] == ["988", "911"]


def test_when_the_self_check_script_is_blocked_crisis_help_is_shown(browser, bundled_site) -> None:
    context = browser.new_context()
    context.route(SELF_CHECK_SCRIPT, lambda route: route.abort())
    page = context.new_page()
    page.goto(bundled_site + SELF_CHECK)
    _crisis_help_visible(page)
    context.close()


def test_when_the_self_check_script_throws_crisis_help_is_shown(browser, bundled_site) -> None:
    context = browser.new_context()
    errors: list[str] = []

    def broken_script(route):
        script = route.fetch().text()
        assert "JSON.parse(dataNode.textContent)" in script
        route.fulfill(body=script.replace("JSON.parse(dataNode.textContent)", 'JSON.parse("{broken")'), content_type="text/javascript")

    context.route(SELF_CHECK_SCRIPT, broken_script)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(bundled_site + SELF_CHECK)
    page.wait_for_load_state("load")
    assert errors, "the changed script threw"
    _crisis_help_visible(page)
    context.close()


def test_a_working_self_check_hides_the_fallback_and_shows_crisis_help_on_a_crisis_answer(browser, bundled_site) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(bundled_site + SELF_CHECK)
    page.wait_for_load_state("load")
    assert page.locator("#self-check-fallback").is_hidden()
    page.check("#q-safety-yes-now")
    assert page.locator("#self-check-crisis").is_visible()
    context.close()

"""Links doctors send: every answer has /faq/#<id> and /faq/<id>/, old ids keep working, answers open when linked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser import serve_folder
from conftest import build_args


def jsonld_blocks(html: str) -> list[dict]:
    return [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


@pytest.fixture
def built(workdir: Path, run) -> Path:
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    return workdir / "site"


def test_every_answer_has_an_anchor_and_its_own_page(built: Path) -> None:
    faq = (built / "faq/index.html").read_text()
    for item_id, words in [("what-is-ketamine", "Doctors use it to put people to sleep"), ("does-it-work", "seven people with depression")]:
        assert f'id="{item_id}"' in faq
        page = (built / "faq" / item_id / "index.html").read_text()
        assert words in page
        assert 'href="tel:988"' in page and "Medically reviewed by" in page
    assert 'href="../does-it-work/"' in (built / "faq/what-is-ketamine/index.html").read_text()  # related question


def test_an_old_id_keeps_its_anchor_and_its_page_forwards(built: Path) -> None:
    assert 'id="is-it-effective"' in (built / "faq/index.html").read_text()
    old = (built / "faq/is-it-effective/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../does-it-work/">' in old
    assert 'href="../does-it-work/"' in old


def test_faq_page_lists_every_question_as_structured_data(built: Path) -> None:
    blocks = jsonld_blocks((built / "faq/index.html").read_text())
    faq = next(b for b in blocks if b["@type"] == "FAQPage")
    assert [q["name"] for q in faq["mainEntity"]] == ["What is ketamine?", "Does it work?"]
    assert faq["mainEntity"][1]["acceptedAnswer"]["text"].startswith("In a small study, seven people")
    assert faq["mainEntity"][1]["acceptedAnswer"]["url"] == "https://test-clinic.example/faq/does-it-work/"
    assert any(b["@type"] == "MedicalWebPage" for b in blocks)


def test_home_page_describes_the_clinic(built: Path) -> None:
    clinic = next(b for b in jsonld_blocks((built / "index.html").read_text()) if b["@type"] == "MedicalClinic")
    assert clinic["name"] == "Test Clinic" and clinic["telephone"] == "555 0100"
    assert clinic["address"]["addressLocality"] == "Testville" and clinic["url"] == "https://test-clinic.example/"


@pytest.fixture
def served(built: Path, browser):
    base, server = serve_folder(built)
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    page = context.new_page()
    yield base, page
    context.close()
    server.shutdown()


def test_a_link_to_a_collapsed_answer_opens_and_shows_it(served) -> None:
    base, page = served
    page.goto(base + "faq/")
    assert page.evaluate("document.getElementById('does-it-work').open") is False
    page.goto(base + "faq/#does-it-work")
    assert page.evaluate("document.getElementById('does-it-work').open") is True
    assert page.locator("#does-it-work summary").is_visible()
    page.goto(base + "faq/#is-it-effective")  # an old id
    page.wait_for_function("() => document.getElementById('does-it-work').open")


def test_an_old_answer_address_lands_on_the_answer(served) -> None:
    base, page = served
    page.goto(base + "faq/is-it-effective/")
    page.wait_for_url(base + "faq/does-it-work/")
    assert page.locator("h1").inner_text().startswith("Does it work?")


def test_copy_link_puts_the_answers_permanent_address_on_the_clipboard(served) -> None:
    base, page = served
    page.goto(base + "faq/#does-it-work")
    page.locator("#does-it-work .faq-copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == "https://test-clinic.example/faq/does-it-work/"
    assert page.locator("#does-it-work .faq-copy").inner_text() == "Link copied"

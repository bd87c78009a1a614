"""Links doctors send: every answer has /faq/#<id> and /faq/<id>/, old ids keep working, answers open when linked."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browser import serve_folder
from conftest import build_args


def jsonld_blocks(html: str) -> list[dict]:
    return [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


class Microdata(HTMLParser):
    """The schema.org items of a page's microdata, as search engines read them: {type, props} with nested items."""

    VOID = frozenset({"link", "meta", "img", "br", "hr", "input", "source", "wbr"})

    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.items: list[dict] = []
        self.stack: list[tuple[str, dict | None, str | None, list[str]]] = []  # tag, item it opens, its itemprop, text

    def scope(self) -> dict | None:
        return next((item for _, item, _, _ in reversed(self.stack) if item is not None), None)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        prop, outer = a.get("itemprop"), self.scope()
        item = {"type": a.get("itemtype"), "props": {}} if "itemscope" in a else None
        if item is not None and (prop is None or outer is None):
            self.items.append(item)
        if prop and outer is not None and item is not None:
            outer["props"].setdefault(prop, []).append(item)
        elif prop and outer is not None and tag in ("a", "link"):
            outer["props"].setdefault(prop, []).append(urljoin(self.base, a["href"]))
            prop = None
        if tag not in self.VOID:
            self.stack.append((tag, item, prop if item is None else None, []))

    def handle_data(self, data: str) -> None:
        for _, _, _, text in self.stack:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _, prop, text = self.stack.pop()
            if prop:
                owner = self.scope()
                if owner is not None:
                    owner["props"].setdefault(prop, []).append(" ".join("".join(text).split()))
            if open_tag == tag:
                break


def microdata(html: str, url: str) -> list[dict]:
    parser = Microdata(url)
    parser.feed(html)
    return parser.items


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


def test_faq_page_lists_every_question_and_its_whole_answer_as_structured_data(built: Path) -> None:
    html = (built / "faq/index.html").read_text()
    [faq] = [i for i in microdata(html, "https://test-clinic.example/faq/") if i["type"] == "https://schema.org/FAQPage"]
    questions = faq["props"]["mainEntity"]
    assert [q["type"] for q in questions] == ["https://schema.org/Question"] * 2
    assert [q["props"]["name"] for q in questions] == [["What is ketamine?"], ["Does it work?"]]
    [answer] = questions[1]["props"]["acceptedAnswer"]
    assert answer["type"] == "https://schema.org/Answer"
    [text] = answer["props"]["text"]
    assert text.startswith("In a small study, seven people") and "Vea" not in text and "See also" not in text
    assert answer["props"]["url"] == ["https://test-clinic.example/faq/does-it-work/"]
    blocks = jsonld_blocks(html)
    assert [b["@type"] for b in blocks] == ["MedicalWebPage"]  # the answers are not sent twice


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

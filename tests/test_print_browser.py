"""Printing in Chromium: handouts show the clinic, the address online and a QR code, and one answer fits 1-2 Letter pages."""

from __future__ import annotations

import re

import pytest


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.fixture
def page(browser, bundled_site):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("answer", ["is-it-addictive", "cost-and-insurance", "what-does-it-feel-like", "suicidal-thoughts"])
def test_one_answer_prints_on_one_or_two_letter_pages(page, bundled_site, answer) -> None:
    page.goto(bundled_site + f"faq/{answer}/")
    assert 1 <= pdf_pages(page.pdf(format="Letter")) <= 2


def test_printed_page_shows_its_web_address_qr_code_clinic_and_review_but_no_menus(page, bundled_site) -> None:
    page.goto(bundled_site + "side-effects/")
    assert page.locator(".print-handout").is_hidden()  # on screen the handout footer stays out of the way
    page.emulate_media(media="print")
    handout = page.locator(".print-handout")
    assert handout.is_visible()
    assert "https://ketamine-clinic.example/side-effects/" in handout.inner_text()
    assert "Harborview Ketamine Clinic" in handout.inner_text() and "(555) 010-0142" in handout.inner_text()
    assert (
        page.locator(".print-handout svg[role=img]").get_attribute("aria-label")
        == "QR code for https://ketamine-clinic.example/side-effects/"
    )
    assert page.locator(".page-review").is_visible() and page.locator("#sources").is_visible()
    for chrome in [".md-header", ".md-sidebar--primary", ".md-footer"]:
        assert page.locator(chrome).first.is_hidden(), chrome
    pages = pdf_pages(page.pdf(format="Letter"))
    assert 2 <= pages <= 12


def test_printing_the_faq_opens_every_answer(page, bundled_site) -> None:
    page.goto(bundled_site + "faq/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("[...document.querySelectorAll('details.faq-item')].every(d => d.open)")


def test_handouts_index_lists_topic_pages_and_every_answer(page, bundled_site) -> None:
    page.goto(bundled_site + "handouts/")
    links = page.locator("article a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "../side-effects/" in links and "../for-clinicians/" in links
    assert sum(1 for href in links if href.startswith("../faq/") and href.count("/") == 3) >= 40


def test_the_printed_qr_code_scans_to_the_page_address(page, bundled_site, tmp_path) -> None:
    import shutil
    import subprocess

    if not shutil.which("zbarimg"):
        import os

        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("CI must install zbar-tools to decode QR codes")
        pytest.skip("zbarimg (Debian zbar-tools) not installed")
    page.goto(bundled_site + "faq/is-it-addictive/")
    page.emulate_media(media="print")
    qr = page.locator(".print-handout svg")
    qr.evaluate("svg => { svg.style.width = '300px'; svg.style.height = '300px'; svg.style.background = '#fff'; }")
    qr.screenshot(path=str(tmp_path / "qr.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "qr.png")], capture_output=True, text=True).stdout.strip()
    assert decoded == "https://ketamine-clinic.example/faq/is-it-addictive/"

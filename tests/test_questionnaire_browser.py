"""A clinic's own scored questionnaire: totals map to bands, a critical item forces crisis help (made-up items)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import serve_folder
from conftest import FIXTURES, build_args


@pytest.fixture
def site(workdir: Path, run, browser):
    with (workdir / "content/self_check.yaml").open("a") as fh:
        fh.write(FIXTURES.joinpath("questionnaire.yaml").read_text())
    code, _, err = run("build", *build_args(workdir))
    assert code == 0, err
    base, server = serve_folder(workdir / "site")
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "is-this-right-for-me/")
    yield page
    context.close()
    server.shutdown()


def answer_items(page, scores: list[int]) -> str:
    page.check("#q-safety-no")
    page.check("#q-tried-yes")
    for item, score in zip(["sad", "tired", "harm"], scores, strict=False):
        page.check(f"#item-{item}-{score}")
    page.click("text=See my next step")
    return page.locator("#self-check-result").inner_text()


def test_total_score_picks_the_band_outcome(site) -> None:
    text = answer_items(site, [2, 2, 0])
    assert "Worth a talk" in text and "Questionnaire total: 4 (high)." in text


def test_the_more_cautious_result_wins_so_a_low_total_keeps_booking_away(site) -> None:
    # The fallback rule gives 'Worth a talk' (discuss-with-clinic, a booking button); the low band gives
    # 'Other treatments come first' (talk-first). The most cautious kind wins: a mild total never leads to booking.
    text = answer_items(site, [1, 0, 0])
    assert site.locator("#self-check-result .admonition-title").inner_text() == "Other treatments come first"
    assert "Questionnaire total: 1 (low)." in text
    assert site.locator('#self-check-result a[href="https://test-clinic.example/book/"]').count() == 0


def test_a_high_total_cannot_turn_a_cautious_rule_into_booking(site) -> None:
    site.check("#q-safety-no")
    site.check("#q-tried-no")  # rule 'not-tried': other treatments first
    for item, score in zip(["sad", "tired", "harm"], [2, 2, 0], strict=True):
        site.check(f"#item-{item}-{score}")  # the high band's outcome is 'Worth a talk'
    site.click("text=See my next step")
    assert site.locator("#self-check-result .admonition-title").inner_text() == "Other treatments come first"
    assert "Questionnaire total: 4 (high)." in site.locator("#self-check-result").inner_text()


def test_a_critical_item_above_zero_forces_crisis_help(site) -> None:
    text = answer_items(site, [0, 0, 1])
    assert site.locator("#self-check-result .admonition-title").inner_text() == "Get help now"
    assert "988" in text

"""The URL scheme: docs/ files, site addresses and the relative links between them."""

from __future__ import annotations

import pytest

from sitegen.core.urls import file_of_url, html_file, link_between, page_file, url_between, url_of


@pytest.mark.parametrize(
    ("slug", "file", "url", "html"),
    [
        ("home", "index.md", "", "index.html"),
        ("faq", "faq/index.md", "faq/", "faq/index.html"),
        ("side-effects", "side-effects.md", "side-effects/", "side-effects/index.html"),
    ],
)
def test_a_page_has_one_file_one_address_and_one_html_file(slug: str, file: str, url: str, html: str) -> None:
    assert page_file(slug) == file and url_of(file) == url and html_file(file) == html


@pytest.mark.parametrize(
    ("from_file", "to_file", "link", "url"),
    [
        ("faq/is-it-effective.md", "faq/does-it-work.md", "does-it-work.md", "../does-it-work/"),  # an FAQ id's old address
        ("old-page.md", "side-effects.md", "side-effects.md", "../side-effects/"),
        ("old/nested.md", "faq/index.md", "../faq/index.md", "../../faq/"),
        ("old-page.md", "index.md", "index.md", "../"),
        ("index.md", "myths.md", "myths.md", "myths/"),
    ],
)
def test_links_and_addresses_between_pages_are_relative(from_file: str, to_file: str, link: str, url: str) -> None:
    assert link_between(from_file, to_file) == link
    assert url_between(from_file, to_file) == url


def test_an_old_address_names_the_file_that_forwards_it() -> None:
    assert file_of_url("/old-page/") == "old-page.md"
    assert url_of(file_of_url("/old/nested/")) == "old/nested/"

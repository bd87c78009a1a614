"""The one list of the site's pages (sitegen/load/site_pages.py) agrees with the menu, the templates and the tests."""

from __future__ import annotations

import yaml
from conftest import PAGE_URLS, ROOT

from sitegen.core.urls import page_file, url_of
from sitegen.load.clinic_fact_pages import FACT_SLUGS
from sitegen.load.site_pages import SITE_PAGES

OWN_TEMPLATES = {"generic", "faq-answer", "handouts", "redirect"}  # a clinic's added page, one answer, the handouts, a forward
OWN_TEMPLATES |= {f"clinic-{slug}" for slug in FACT_SLUGS}  # the clinic's fact pages, made from clinic.yaml


def _nav_files(entries: list) -> list[str]:
    files: list[str] = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        files += _nav_files(value) if isinstance(value, list) else [value]
    return files


def test_the_menu_lists_every_page_once() -> None:
    # MkDocs and Zensical read the menu from mkdocs.yml themselves, so it keeps its own copy, in menu order.
    nav = _nav_files(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"])
    pages = [page_file(page.slug) for page in SITE_PAGES] + [page_file("handouts")]
    assert sorted(nav) == sorted(pages), "mkdocs.yml nav must list each page of sitegen/load/site_pages.py once, and the handouts"


def test_the_pages_are_the_published_addresses() -> None:
    assert [url_of(page_file(page.slug)) for page in SITE_PAGES] == PAGE_URLS


def test_each_page_has_its_template_and_each_template_a_page() -> None:
    templates = {p.name.removesuffix(".md.j2") for p in (ROOT / "templates" / "pages").glob("*.md.j2")}
    assert templates - OWN_TEMPLATES == {page.slug for page in SITE_PAGES}

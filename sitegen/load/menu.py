"""The site's menu, per clinic: mkdocs.yml's shared order (the one source of it), less hidden pages, plus the clinic's own pages, or
the clinic overlay's own order."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import yaml

from sitegen.core.findings import Findings, did_you_mean
from sitegen.load.content import Content


def _slug_of_file(name: str) -> str:
    """A menu entry of mkdocs.yml as a page address: 'index.md' -> 'home', 'faq/index.md' -> 'faq', 'myths.md' -> 'myths'."""
    stem = name.removesuffix(".md")
    if stem == "index":
        return "home"
    return stem.removesuffix("/index")


def shared_menu(config_file: Path) -> list[str]:
    """The shared menu order: the pages of mkdocs.yml's nav, as page addresses."""
    nav = yaml.safe_load(config_file.read_text(encoding="utf-8")).get("nav") or []
    return [_slug_of_file(entry if isinstance(entry, str) else next(iter(entry.values()))) for entry in nav]


def with_menu(content: Content, config_file: Path, findings: Findings, made_pages: Sequence[str] = ()) -> Content:
    """The content with its menu set; a problem with the overlay's menu becomes a finding at its line. `made_pages` are
    pages the build makes from the clinic profile rather than from a page file; by default they follow the home page."""
    pages = {*content.pages, "handouts", *made_pages}
    shared = [slug for slug in shared_menu(config_file) if slug in pages and slug not in made_pages]
    own = [slug for slug in content.clinic_pages if _in_menu(content, slug)]
    overlay = content.overlay
    if overlay is None or overlay.menu is None:
        tail = [slug for slug in ("glossary", "references") if slug in shared]
        head = [slug for slug in shared if slug not in tail]
        after_home = head.index("home") + 1 if "home" in head else 0
        head[after_home:after_home] = list(made_pages)
        return dataclasses.replace(content, menu=[*head, *own, *tail])
    doc = content.documents["overlay"]
    menu: list[str] = []
    for i, slug in enumerate(overlay.menu):
        pos = doc.position(("menu", i))
        if slug in content.hidden_pages:
            findings.add(doc.path, pos.line, pos.col, f"'{slug}' is hidden by 'hide_pages'; take it out of the menu, or stop hiding it")
        elif slug not in pages:
            findings.add(doc.path, pos.line, pos.col, f"unknown page '{slug}' in the menu{did_you_mean(slug, sorted(pages))}")
        elif slug in menu:
            findings.add(doc.path, pos.line, pos.col, f"'{slug}' is already in the menu above; list each page once")
        else:
            menu.append(slug)
    for slug in made_pages:
        if slug not in menu:
            pos = doc.position(("menu",), key=True)
            findings.add(
                doc.path,
                pos.line,
                pos.col,
                f"the page '{slug}', which your clinic profile makes, is not in 'menu'; add it there where it should show",
            )
    for slug in own:
        if slug not in menu:
            i = [entry.address for entry in overlay.pages].index(slug)
            pos = doc.position(("pages", i, "address"))
            findings.add(
                doc.path,
                pos.line,
                pos.col,
                f"your page '{slug}' is not in 'menu'; add it there where it should show, or set 'in_menu: false' on this page "
                "to leave it out of the menu",
            )
    return dataclasses.replace(content, menu=menu)


def _in_menu(content: Content, slug: str) -> bool:
    assert content.overlay is not None
    return next(entry.in_menu for entry in content.overlay.pages if entry.address == slug)

"""The site's own pages, in site order: each page's content file, model, audience and handout (the one list of them)."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.load.models.common import Audience, PageBase
from sitegen.load.models.faq import FaqPage
from sitegen.load.models.glossary import GlossaryPage
from sitegen.load.models.references import ReferencesPage
from sitegen.load.models.self_check import SelfCheckPage
from sitegen.load.models.topics import (
    CliniciansPage,
    ConditionsPage,
    HistoryPage,
    HomePage,
    HowItWorksPage,
    MythsPage,
    SideEffectsPage,
    TreatmentOptionsPage,
    WhatToExpectPage,
)


@dataclass(frozen=True)
class SitePage:
    slug: str
    file: str  # relative to the content folder
    model: type[PageBase]
    audience: Audience = "patient"
    handout: bool = True  # listed on the printable handouts page
    hideable: bool = False  # a clinic may leave it out (overlay 'hide_pages'); safety pages and those the site relies on stay


# The order is the order of content.pages and of the handouts list. The shared menu order is mkdocs.yml's nav, made
# per clinic by sitegen/load/menu.py; tests/test_site_pages.py checks that it lists each of these pages once.
SITE_PAGES: tuple[SitePage, ...] = (
    SitePage("home", "topics/home.yaml", HomePage, handout=False),
    SitePage("history", "topics/history.yaml", HistoryPage, hideable=True),
    SitePage("how-it-works", "topics/how-it-works.yaml", HowItWorksPage, hideable=True),
    SitePage("conditions", "topics/conditions.yaml", ConditionsPage),
    SitePage("treatment-options", "topics/treatment-options.yaml", TreatmentOptionsPage),
    SitePage("what-to-expect", "topics/what-to-expect.yaml", WhatToExpectPage),
    SitePage("side-effects", "topics/side-effects.yaml", SideEffectsPage),
    SitePage("myths", "topics/myths.yaml", MythsPage, hideable=True),
    SitePage("faq", "faq.yaml", FaqPage, handout=False),
    SitePage("is-this-right-for-me", "self_check.yaml", SelfCheckPage),
    SitePage("for-clinicians", "topics/for-clinicians.yaml", CliniciansPage, audience="clinician", hideable=True),
    SitePage("glossary", "glossary.yaml", GlossaryPage, handout=False),
    SitePage("references", "references.yaml", ReferencesPage, handout=False),
)
BY_SLUG = {page.slug: page for page in SITE_PAGES}
TOPIC_PAGES = [page for page in SITE_PAGES if page.file.startswith("topics/")]  # more in topics/ are on every clinic's site


def is_hideable(slug: str) -> bool:
    """Whether a clinic may leave the page out; a page added to the shared topics/ folder may be."""
    page = BY_SLUG.get(slug)
    return page.hideable if page else True


def audience_of(slug: str) -> Audience:
    """Who a page is written for; a page a clinic adds is for patients."""
    page = BY_SLUG.get(slug)
    return page.audience if page else "patient"


def is_handout(slug: str) -> bool:
    """Whether the handouts page lists it; a page a clinic adds is listed."""
    page = BY_SLUG.get(slug)
    return page.handout if page else True

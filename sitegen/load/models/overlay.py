"""Model of a clinic overlay: the pages and FAQ answers a clinic adds or hides, texts it rewrites, and its menu order."""

from __future__ import annotations

from pydantic import Field

from sitegen.load.models.common import AnswerReview, FaqRef, Label, Markdown, PageAddress, PageRef, Slug, StrictBool, StrictModel
from sitegen.load.models.faq import FaqItem
from sitegen.load.models.published import Redirect
from sitegen.load.models.references import Reference


class TextOverride(StrictModel):
    """Replace one text of the shared content with the clinic's own."""

    page: PageRef = Field(description="Slug of the page, e.g. 'home' or 'faq'.")
    field: Label = Field(
        pattern=r"^[a-z_]+(\.[a-z0-9-]+\.[a-z_]+)*$",
        description="Which text: a page field ('intro', 'summary') or '<list>.<id>.<field>', e.g. 'items.cost-and-insurance.answer'.",
    )
    text: Markdown = Field(description="The clinic's text. It is checked by the same rules as shared content.")
    review: AnswerReview | None = Field(
        default=None,
        description="Sign-off of this text, written by 'python build.py review PAGE --by ID' (the page's overrides are signed off with it).",
    )


class ClinicPage(StrictModel):
    """A page only this clinic's site has: its YAML file lives in the clinic's own folder."""

    address: PageAddress = Field(
        description="The page's address on the site: lower-case words joined by hyphens, e.g. 'first-visit-at-sunrise' "
        "(the page is then at /first-visit-at-sunrise/)."
    )
    file: Label = Field(
        pattern=r"^[\w./-]+\.yaml$",
        description="The page's YAML file, relative to this overlay file's folder, e.g. 'sunrise-pages/first-visit.yaml'. "
        "It has the fields of a topic page (title, summary, review, intro, sections).",
    )
    in_menu: StrictBool = Field(default=True, description="Whether the page is in the menu (true unless you set false).")


class HiddenPage(StrictModel):
    """A shared page this clinic's site leaves out."""

    page: PageRef = Field(description="Address of the shared page to leave out, e.g. 'history'.")
    forward_to: PageRef | None = Field(
        default=None,
        description="Where its old address and links to it lead instead, e.g. 'home'. Needed once the page has been published.",
    )


class HiddenAnswer(StrictModel):
    """A shared FAQ answer this clinic's site leaves out."""

    answer: FaqRef = Field(description="Id of the shared FAQ answer to leave out, e.g. 'is-it-a-party-drug'.")
    forward_to: FaqRef | None = Field(
        default=None,
        description="The answer its old address (/faq/<id>/) and links to it lead to instead. Needed once the answer has been published.",
    )


class Overlay(StrictModel):
    """A clinic's own additions; everything here is shown as written by the clinic."""

    faq_items: list[FaqItem] = Field(default_factory=list, description="FAQ answers this clinic adds (same fields as faq.yaml items).")
    overrides: list[TextOverride] = Field(default_factory=list, description="Shared texts this clinic replaces with its own.")
    sources: list[Reference] = Field(
        default_factory=list,
        description="This clinic's own sources, added to references.yaml's: typically its outcome records (kind: clinic-data), cited as [^id].",
    )
    pages: list[ClinicPage] = Field(default_factory=list, description="Pages only this clinic's site has, each in its own YAML file.")
    hide_pages: list[HiddenPage] = Field(default_factory=list, description="Shared pages this clinic's site leaves out.")
    hide_answers: list[HiddenAnswer] = Field(default_factory=list, description="Shared FAQ answers this clinic's site leaves out.")
    menu: list[Slug] | None = Field(
        default=None,
        description="The menu, in order, by page address ('home', 'faq', 'handouts', your pages' addresses). "
        "Pages left out stay on the site, reached by links. Without it: the shared order, then your pages.",
    )
    redirects: list[Redirect] = Field(
        default_factory=list,
        description="Old addresses of this clinic's own pages and where they lead now (from: '/old-address/', to: new-address).",
    )

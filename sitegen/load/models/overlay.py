"""Model of a clinic overlay: FAQ answers a clinic adds, and texts it rewrites, without editing shared content."""

from __future__ import annotations

from pydantic import Field

from sitegen.load.models.common import AnswerReview, Label, Markdown, PageRef, StrictModel
from sitegen.load.models.faq import FaqItem
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


class Overlay(StrictModel):
    """A clinic's own additions; everything here is shown as written by the clinic."""

    faq_items: list[FaqItem] = Field(default_factory=list, description="FAQ answers this clinic adds (same fields as faq.yaml items).")
    overrides: list[TextOverride] = Field(default_factory=list, description="Shared texts this clinic replaces with its own.")
    sources: list[Reference] = Field(
        default_factory=list,
        description="This clinic's own sources, added to references.yaml's: typically its outcome records (kind: clinic-data), cited as [^id].",
    )

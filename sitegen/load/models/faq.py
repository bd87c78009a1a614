"""Model of faq.yaml: questions with permanent ids."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from sitegen.load.models.common import (
    AnswerReview,
    FaqRef,
    Label,
    Markdown,
    PageBase,
    PageRef,
    PlainText,
    RefTo,
    ServiceRef,
    Slug,
    SourceKey,
    StrictModel,
)

CategoryRef = Annotated[str, RefTo("faq_categories")]


class FaqCategory(StrictModel):
    """A group of questions on the FAQ page."""

    id: Slug = Field(description="Stable id of the category, e.g. 'cost'.")
    name: Label = Field(description="Heading shown on the FAQ page.")


class FaqItem(StrictModel):
    """One question and its answer. The id is its permanent web address: /faq/#<id>."""

    id: Slug = Field(
        description="Permanent id: the answer's link is /faq/#<id>. Never change it; add the old one to 'aliases' if you must."
    )
    question: PlainText = Field(description="The question as a patient would ask it.")
    answer: Markdown = Field(description="The answer in plain words, Markdown allowed.")
    category: CategoryRef = Field(
        description="Id of a category from 'categories': the page shows the answer under that category's heading."
    )
    related: list[FaqRef] = Field(default_factory=list, description="Ids of related questions.")
    related_pages: list[PageRef] = Field(default_factory=list, description="Slugs of related topic pages, e.g. 'side-effects'.")
    sources: list[SourceKey] = Field(default_factory=list, description="References backing the answer.")
    aliases: list[Slug] = Field(default_factory=list, description="Old ids of this question; their links keep working.")
    services: list[ServiceRef] = Field(
        default_factory=list, description="Show only if the clinic offers one of these services. Empty: always."
    )
    review: AnswerReview | None = Field(
        default=None,
        description="Sign-off of this answer on its own, written by 'python build.py review faq/<id>'. Without it, the page's review covers the answer.",
    )


class FaqPage(PageBase):
    """FAQ page: common patient questions about ketamine and esketamine treatment, with sources."""

    categories: list[FaqCategory] = Field(min_length=1, description="Categories, in the order shown.")
    items: list[FaqItem] = Field(min_length=1, description="The questions.")

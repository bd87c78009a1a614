"""Shared building blocks of the content models: strict base, text types, references, review."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool

# Raw HTML, Markdown attribute lists and script URLs would let an editor inject markup
# into pages; content is data, so all three are refused at validation time.
# Where a tag or an attribute list opens; it counts once a closing '>' or '}' follows. Not one pattern with [^>]*>:
# that scanned to the end of the text from every '<' (quadratic, minutes on a 400 KB line).
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!]")
_ATTR_LIST = re.compile(r"\{\s*(?:[:#.]|[\w-]+\s*=)")


def _closed(opening: re.Pattern, closer: str, text: str) -> str | None:
    """The first opening that a closer follows, up to that closer: what opening + [^closer]* + closer finds, in one pass."""
    start = opening.search(text)
    if start is None:
        return None
    end = text.find(closer, start.end())
    return text[start.start() : end + 1] if end >= 0 else None


_SCRIPT_URL = re.compile(r"\]\(\s*(javascript|data|vbscript):", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_prose(text: str) -> str:
    tag = _closed(_HTML_TAG, ">", text)
    if tag:
        raise ValueError(f"raw HTML {tag!r} is not allowed in content; use Markdown instead")
    attr = _closed(_ATTR_LIST, "}", text)
    if attr:
        raise ValueError(f"Markdown attribute list {attr!r} is not allowed in content; remove it")
    if _SCRIPT_URL.search(text):
        raise ValueError("script links (javascript:, data:) are not allowed in content; link to an https:// page")
    if not text.strip():
        raise ValueError("text is empty; write the text or remove the field")
    return text


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} is not a valid id; use lower-case letters, digits and single hyphens, e.g. 'how-long-does-it-last'")
    return value


def _check_plain(text: str) -> str:
    _check_prose(text)
    if "\n" in text.strip():
        raise ValueError("this field is one line of text; remove the line breaks")
    return text


@dataclass(frozen=True)
class Prose:
    """Marks a field as patient-facing Markdown text: checked for safety, linted, read-graded."""

    quoted: bool = False  # the text quotes a belief (a myth), so banned-claim words may appear in it


@dataclass(frozen=True)
class RefTo:
    """Marks a field whose value must name an existing entry of another collection."""

    collection: str  # references, pages, faq, faq_categories, reviewers, services, self_check_questions, self_check_outcomes


Markdown = Annotated[str, AfterValidator(_check_prose), Prose()]
PlainText = Annotated[str, AfterValidator(_check_plain), Prose()]
QuotedText = Annotated[str, AfterValidator(_check_plain), Prose(quoted=True)]
Label = Annotated[str, AfterValidator(_check_plain)]
Slug = Annotated[str, AfterValidator(_check_slug)]
SourceKey = Annotated[str, RefTo("references")]
PageRef = Annotated[str, RefTo("pages")]
GlossaryRef = Annotated[str, RefTo("glossary")]
FaqRef = Annotated[str, RefTo("faq")]
ServiceRef = Annotated[str, RefTo("services")]
ReviewerRef = Annotated[str, RefTo("reviewers")]


class StrictModel(BaseModel):
    """Base for every content model: unknown keys are errors, values are not silently coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True)
    # Medical text needs a clinician's sign-off of the very words (python build.py review); marketing text
    # (the clinic profile: name, services, hours, contact, prices) does not. Models of marketing text set this False.
    medical_text: ClassVar[bool] = True


class MarketingModel(StrictModel):
    """Base of the clinic profile's models: the clinic's own marketing text, claim-checked but not medically signed off."""

    medical_text: ClassVar[bool] = False


class Review(StrictModel):
    """Who checked a page medically, and when it must be checked again."""

    reviewed_by: list[ReviewerRef] = Field(
        min_length=1, description="Ids of the clinic's medical reviewers (from clinic.yaml 'reviewers') who checked this page."
    )
    last_reviewed: dt.date = Field(description="Date of the last medical review, as YYYY-MM-DD.")
    next_review_due: dt.date = Field(description="Date by which the page must be reviewed again, as YYYY-MM-DD.")
    text_fingerprint: Label | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{6}( [0-9a-f]{6})*$",
        description="Written by 'python build.py review': a short hash of each part of the medical text the reviewer signed off. "
        "Do not edit it: if the text changes, the build says so until the page is signed off again.",
    )


class AnswerReview(StrictModel):
    """A sign-off of one FAQ answer on its own (python build.py review faq/<id>); its next review follows the page's."""

    reviewed_by: list[ReviewerRef] = Field(min_length=1, description="Ids of the reviewers (clinic.yaml 'reviewers') who signed it off.")
    last_reviewed: dt.date = Field(description="Date of the sign-off, as YYYY-MM-DD.")
    text_fingerprint: Label = Field(
        pattern=r"^[0-9a-f]{6}( [0-9a-f]{6})*$", description="Written by 'python build.py review': a hash of the answer as signed off."
    )


Audience = Literal["patient", "clinician"]


class Section(StrictModel):
    """A free-form block of a page: heading, Markdown body, optional bullet points and sources."""

    id: Slug = Field(description="Stable anchor of the section, e.g. 'what-we-know'. Links use it: never rename casually.")
    heading: PlainText = Field(description="The section heading shown on the page.")
    certainty: Literal["established", "likely", "hypothesis", "debated"] | None = Field(
        default=None, description="How sure science is about this section's claims; shown as a label."
    )
    body: Markdown | None = Field(default=None, description="The section text, in Markdown.")
    points: list[Markdown] = Field(default_factory=list, description="Bullet points shown after the body.")
    sources: list[SourceKey] = Field(default_factory=list, description="Ids of references (references.yaml) backing this section.")
    services: list[ServiceRef] = Field(
        default_factory=list, description="Show this section only if the clinic offers one of these services. Empty: always shown."
    )


class PageBase(StrictModel):
    """Fields every page carries: title, summary, review metadata."""

    title: PlainText = Field(description="Page title (the H1 and the browser tab).")
    nav_title: Label | None = Field(default=None, description="Shorter title for the navigation menu, if the title is long.")
    summary: PlainText = Field(
        min_length=50,
        max_length=170,
        description="One or two sentences shown under the title and used as the meta description (50-170 characters).",
    )
    intro: Markdown | None = Field(default=None, description="Opening text shown under the summary.")
    review: Review = Field(description="Medical review metadata shown on the page.")
    about: list[Label] = Field(default_factory=lambda: ["Ketamine"], description="What the page is about (used in structured data).")
    sections: list[Section] = Field(default_factory=list, description="Extra free-form sections, shown after the page's main content.")


__all__ = [
    "AnswerReview",
    "Audience",
    "FaqRef",
    "GlossaryRef",
    "Label",
    "Markdown",
    "MarketingModel",
    "PageBase",
    "PageRef",
    "PlainText",
    "Prose",
    "QuotedText",
    "RefTo",
    "Review",
    "ReviewerRef",
    "Section",
    "ServiceRef",
    "Slug",
    "SourceKey",
    "StrictBool",
    "StrictModel",
]

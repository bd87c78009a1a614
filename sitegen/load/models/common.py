"""Shared building blocks of the content models: strict base, text types, references, review."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool

from sitegen.core.urls import doi_problem, web_address_problem
from sitegen.load.models.markdown_policy import markup_problem

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_PHONE = re.compile(r"^\+?[0-9(][0-9 ().-]{1,30}[0-9]$")
_EMAIL = re.compile(r"^[A-Za-z0-9.+_-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


class ContentValueError(ValueError):
    """A refused value, with the words to point at so the error names their column, not only the field's."""

    def __init__(self, message: str, at: str = ""):
        super().__init__(message)
        self.at = at


def _check_prose(text: str) -> str:
    # Content is data: only the Markdown markdown_policy allows, so no text can add markup, ids or script links.
    problem = markup_problem(text)
    if problem:
        raise ContentValueError(problem.message, problem.at)
    if not text.strip():
        raise ValueError("text is empty; write the text or remove the field")
    return text


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} is not a valid id; use lower-case letters, digits and single hyphens, e.g. 'how-long-does-it-last'")
    return value


def _check_page_address(value: str) -> str:
    if _SLUG.match(value):
        return value
    fixed = re.sub(r"[^a-z0-9]+", "-", value.strip().strip("/").lower()).strip("-") or "our-approach"
    wrong = [
        what
        for what, found in (
            ("spaces", " " in value),
            ("capital letters", value != value.lower()),
            ("slashes", "/" in value),
            ("other characters than letters, digits and hyphens", bool(re.search(r"[^A-Za-z0-9 /-]", value))),
            ("doubled or outer hyphens", bool(re.search(r"--|^-|-$", value))),
        )
        if found
    ]
    raise ValueError(
        f"page address {value!r} has {' and '.join(wrong) or 'characters an address cannot have'}; an address is lower-case "
        f"words joined by hyphens: write '{fixed}' (the page is then at /{fixed}/)"
    )


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
class Words:
    """Marks a field a reader sees as words (Markdown, plain text, labels): a translation gives it in its own language."""


@dataclass(frozen=True)
class RefTo:
    """Marks a field whose value must name an existing entry of another collection."""

    collection: str  # references, pages, faq, faq_categories, reviewers, services, self_check_questions, self_check_outcomes


def _check_web_address(value: str) -> str:
    problem = web_address_problem(value)
    if problem:
        raise ContentValueError(f"{problem} (a web address such as 'https://clinic.example/page')")
    return value


def _check_site_address(value: str) -> str:
    _check_web_address(value)
    if not value.endswith("/"):
        raise ValueError("the site's address must end in '/', e.g. 'https://clinic.example/'")
    return value


def _check_doi(value: str) -> str:
    problem = doi_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _check_language(value: str) -> str:
    if not _LANGUAGE.match(value):
        raise ValueError(f"{value!r} is not a language code; write one such as 'en' or 'en-US'")
    return value


def _check_phone(value: str) -> str:
    _check_plain(value)
    if not _PHONE.match(value):
        raise ValueError(f"{value!r} is not a phone number; write digits, spaces, '+', '-', '.' and '( )' only, e.g. '+1 503 555 0100'")
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an email address; write it as name@clinic.example")
    return value


Markdown = Annotated[str, AfterValidator(_check_prose), Prose(), Words()]
PlainText = Annotated[str, AfterValidator(_check_plain), Prose(), Words()]
QuotedText = Annotated[str, AfterValidator(_check_plain), Prose(quoted=True), Words()]
Label = Annotated[str, AfterValidator(_check_plain), Words()]
Slug = Annotated[str, AfterValidator(_check_slug)]
PageAddress = Annotated[str, AfterValidator(_check_page_address)]
WebUrl = Annotated[str, AfterValidator(_check_web_address)]
SiteUrl = Annotated[str, AfterValidator(_check_site_address)]
Doi = Annotated[str, AfterValidator(_check_doi)]
LanguageCode = Annotated[str, AfterValidator(_check_language)]
Phone = Annotated[str, AfterValidator(_check_phone)]
Email = Annotated[str, AfterValidator(_check_email)]
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
    # Words a translation may leave out, keeping them as written here (names, codes, bibliographic data); every other
    # word field must be given in each language (sitegen/load/translations.py).
    kept_as_written: ClassVar[frozenset[str]] = frozenset()
    # Lists of words each language writes for itself (spelling variants, plurals): any length, and given even where the
    # English has none, instead of line by line.
    own_in_each_language: ClassVar[frozenset[str]] = frozenset()


class MarketingModel(StrictModel):
    """Base of the clinic profile's models: the clinic's own marketing text, claim-checked but not medically signed off."""

    medical_text: ClassVar[bool] = False


class Review(StrictModel):
    """Who checked a page medically, and when it must be checked again."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"text_fingerprint"})

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

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"text_fingerprint"})

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

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"about"})

    title: PlainText = Field(description="Page title (the H1, and the browser tab unless tab_title is set).")
    nav_title: Label | None = Field(default=None, description="Shorter title for the navigation menu, if the title is long.")
    tab_title: Label | None = Field(
        default=None,
        max_length=70,
        description="The browser tab's text (and the title search engines show), if it should differ from the title; "
        "up to 70 characters, e.g. 'First visit at Sunrise Mind Clinic, Portland'.",
    )
    summary: PlainText = Field(
        min_length=50,
        max_length=170,
        description="One or two sentences shown under the title and used as the meta description (50-170 characters).",
    )
    intro: Markdown | None = Field(default=None, description="Opening text shown under the summary.")
    review: Review = Field(description="Medical review metadata shown on the page.")
    # The default stays in sign-off fingerprints as it always was; structured data uses the page language's word instead.
    about: list[Label] = Field(
        default_factory=lambda: ["Ketamine"],
        description="What the page is about (used in structured data). Left out: the template words' 'about_default', "
        "in the page's language (e.g. 'Ketamine', 'Ketamina').",
    )
    sections: list[Section] = Field(default_factory=list, description="Extra free-form sections, shown after the page's main content.")


__all__ = [
    "AnswerReview",
    "Audience",
    "ContentValueError",
    "Doi",
    "Email",
    "FaqRef",
    "GlossaryRef",
    "Label",
    "LanguageCode",
    "Markdown",
    "MarketingModel",
    "PageAddress",
    "PageBase",
    "PageRef",
    "Phone",
    "PlainText",
    "Prose",
    "QuotedText",
    "RefTo",
    "Review",
    "ReviewerRef",
    "Section",
    "ServiceRef",
    "SiteUrl",
    "Slug",
    "SourceKey",
    "StrictBool",
    "StrictModel",
    "WebUrl",
    "Words",
]

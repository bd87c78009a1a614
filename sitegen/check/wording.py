"""Content rules: glossary coverage, review dates, reading grade (claims are the claim guard's: claims.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel

from sitegen.check.readability import Grade, grade
from sitegen.core.findings import Findings
from sitegen.core.markup import word_pattern
from sitegen.load.content import Content
from sitegen.load.models.common import PageBase
from sitegen.load.site_pages import audience_of
from sitegen.load.walk import walk

EXEMPT_FROM_GRADE = {"references"}


@dataclass(frozen=True)
class PageGrade:
    slug: str
    path: str
    grade: Grade
    checked: bool  # False for clinician and reference pages (reported, not enforced)


@lru_cache(maxsize=16)
def _any_of(words: tuple[str, ...]) -> re.Pattern:
    """One case-blind pattern for a list of words or phrases, to rule most texts out in a single scan."""
    return re.compile(rf"(?<![\w-])(?:{word_pattern(words)})(?:s|es)?(?![\w-])", re.IGNORECASE)


def lint_content(content: Content, findings: Findings, today: dt.date) -> list[PageGrade]:
    """Apply every rule to every page; returns the reading grade of each page."""
    glossary_words = {w.casefold() for t in content.glossary.terms for w in (t.term, *t.aliases)}
    terms = [t for t in content.lint.medical_terms if t.casefold() not in glossary_words]
    grades: list[PageGrade] = []
    # Leaf rules run where each text was written (shared files, or the clinic's overlay) so findings point there;
    # the reading grade is measured on the pages as published, overlay merged in.
    written: list[tuple[str, BaseModel]] = [("clinic", content.clinic), *(content.shared_pages or content.pages).items()]
    if content.overlay is not None:
        written.append(("overlay", content.overlay))
    for slug, model in written:
        _lint_texts(slug, model, content, terms, findings)
    for slug, page in content.pages.items():
        doc = content.documents[slug]

        def add(path: tuple, message: str, severity: str = "error", doc=doc) -> None:
            pos = doc.position(path)
            findings.add(doc.path, pos.line, pos.col, message, severity)  # type: ignore[arg-type]

        _check_review(page, add, today, content.lint.review_warning_days)
        score = grade([leaf.value for leaf in walk(page) if leaf.prose is not None and isinstance(leaf.value, str)])
        checked = audience_of(slug) == "patient" and slug not in EXEMPT_FROM_GRADE
        grades.append(PageGrade(slug, doc.path, score, checked))
        if checked and score.flesch_kincaid > content.lint.max_reading_grade:
            extra = f" (including the clinic's own text in {content.documents['overlay'].path})" if slug in content.clinic_authored else ""
            add(
                ("title",),
                f"reading grade is {score.flesch_kincaid} (Flesch-Kincaid; SMOG {score.smog}){extra}; patient pages must be "
                f"{content.lint.max_reading_grade} or lower: use shorter sentences and plainer words",
            )
    return grades


def _lint_texts(slug: str, model: BaseModel, content: Content, terms: list[str], findings: Findings) -> None:
    """Glossary coverage, text by text: a patient page's medical words must be defined (claims: see claims.py)."""
    if slug == "clinic" or audience_of(slug) != "patient":
        return
    doc = content.documents[slug]
    reported_terms: set[str] = set()
    for leaf in walk(model):
        if leaf.prose is None or not isinstance(leaf.value, str):
            continue
        text = leaf.value
        for term in terms if _any_of(tuple(terms)).search(text) else []:
            key = term.casefold()
            if key not in reported_terms and re.search(rf"(?<![\w-]){re.escape(term)}(?:s|es)?(?![\w-])", text, re.IGNORECASE):
                reported_terms.add(key)
                pos = doc.position_of(leaf.path, term)
                findings.add(
                    doc.path,
                    pos.line,
                    pos.col,
                    f"medical term '{term}' is not in the glossary; add it to glossary.yaml with a plain definition, or use a plain word",
                )


def _check_review(page: PageBase, add, today: dt.date, warn_days: int) -> None:
    review = page.review
    if review.next_review_due <= review.last_reviewed:
        add(("review", "next_review_due"), "next_review_due must be after last_reviewed")
    if review.last_reviewed > today:
        add(("review", "last_reviewed"), f"last_reviewed {review.last_reviewed} is in the future; use the date the review happened")
    days = (review.next_review_due - today).days
    if days < 0:
        add(
            ("review", "next_review_due"),
            f"medical review is overdue since {review.next_review_due}; have the page reviewed, then update last_reviewed and next_review_due",
        )
    elif days <= warn_days:
        add(("review", "next_review_due"), f"medical review is due in {days} days ({review.next_review_due}); plan it", "warning")

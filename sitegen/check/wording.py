"""Content rules: glossary coverage, review dates, reading grade or ease, per language (claims are the claim guard's: claims.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel

from sitegen.check.readability import Ease, Grade, grade, reading_ease
from sitegen.core.findings import Findings
from sitegen.core.markup import word_pattern
from sitegen.load.content import Content
from sitegen.load.models.common import PageBase
from sitegen.load.models.lint_config import LintConfig
from sitegen.load.site_pages import audience_of
from sitegen.load.walk import walk

EXEMPT_FROM_GRADE = {"references"}
MIN_WORDS_FOR_EASE = 100


@dataclass(frozen=True)
class PageGrade:
    slug: str
    path: str
    grade: Grade
    checked: bool  # False for clinician and reference pages (reported, not enforced)


@dataclass(frozen=True)
class PageEase:
    """A page's reading ease in a language other than English (Spanish: perspicuity on the INFLESZ scale)."""

    slug: str
    path: str
    lang: str
    ease: Ease
    checked: bool  # False for clinician and reference pages (reported, not enforced)


@lru_cache(maxsize=16)
def _any_of(words: tuple[str, ...], lang: str = "en") -> re.Pattern:
    """One case-blind pattern for a list of words or phrases, to rule most texts out in a single scan."""
    if lang == "es":  # the stems, with any short ending: 'disociativ' finds 'disociativas', 'disociaci' 'disociaciones'
        stems = tuple(w[:-1] if w.endswith("o") else w[:-2] if w.endswith("ión") else w for w in words)
        return re.compile(rf"(?<![\w-])(?:{word_pattern(stems)})\w{{0,4}}(?![\w-])", re.IGNORECASE)
    return re.compile(rf"(?<![\w-])(?:{word_pattern(words)})(?:s|es)?(?![\w-])", re.IGNORECASE)


def medical_terms(lint: LintConfig, lang: str = "en") -> list[str]:
    """The medical words a patient page in `lang` must define: lint.yaml's medical_terms, or its list for that language."""
    code = lang.split("-")[0].lower()
    return list(lint.medical_terms) if code == "en" else list(lint.medical_terms_by_language.get(code, []))


@lru_cache(maxsize=4096)
def _term_pattern(term: str, lang: str) -> re.Pattern:
    """A term with its plural (and, in Spanish, its other gender): 'disociativo' also finds 'disociativas'."""
    if lang == "es" and term.endswith("o"):
        forms = rf"{re.escape(term[:-1])}(?:o|a|os|as)"
    elif lang == "es" and term.endswith("ión"):
        forms = rf"(?:{re.escape(term)}|{re.escape(term[:-3])}iones)"
    else:
        forms = rf"{re.escape(term)}(?:s|es)?"
    return re.compile(rf"(?<![\w-]){forms}(?![\w-])", re.IGNORECASE)


def undefined_terms(text: str, terms: list[str], glossary_words: set[str], lang: str = "en") -> list[str]:
    """The medical terms `text` uses that the glossary (its terms and aliases, casefolded) does not define, in order of the list."""
    code = lang.split("-")[0].lower()
    missing = [t for t in terms if t.casefold() not in glossary_words]
    if not missing or not _any_of(tuple(missing), code).search(text):
        return []
    return [term for term in missing if _term_pattern(term, code).search(text)]


def page_reading_ease(slug: str, path: str, fragments: list[str], lang: str, lint: LintConfig) -> tuple[PageEase, str | None]:
    """A page's reading ease in `lang` and, for a patient page below lint.yaml's min_reading_ease, the message to report.

    The i18n build calls it for each translated page with the page's texts (Markdown) and reports the message at
    the page's title in that language's file."""
    code = lang.split("-")[0].lower()
    ease = reading_ease(fragments, code)
    checked = audience_of(slug) == "patient" and slug not in EXEMPT_FROM_GRADE
    target = lint.min_reading_ease.get(code)
    # Readability formulas score samples of 100 words or more (INFLESZ was validated on 500-word fragments): a
    # shorter page's score is reported, not enforced.
    if not checked or target is None or ease.score >= target or ease.words < MIN_WORDS_FOR_EASE:
        return PageEase(slug, path, code, ease, checked), None
    return PageEase(slug, path, code, ease, checked), (
        f"reading ease is {ease.score} ({ease.label} on the INFLESZ scale; Szigriszt-Pazos perspicuity); patient pages in "
        f"'{code}' must score {target:g} or more: use shorter sentences and shorter, common words"
    )


def lint_content(content: Content, findings: Findings, today: dt.date) -> list[PageGrade]:
    """Apply every rule to every page; returns the reading grade of each page."""
    glossary_words = {w.casefold() for t in content.glossary.terms for w in (t.term, *t.aliases)}
    terms = [t for t in medical_terms(content.lint) if t.casefold() not in glossary_words]
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
        for term in undefined_terms(leaf.value, terms, set()):
            key = term.casefold()
            if key not in reported_terms:
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


def lint_translation(content: Content, lang: str, findings: Findings) -> list[PageEase]:
    """A translation's own rules (the i18n build's translated Content, its documents the translation files): glossary
    coverage with that language's medical words and glossary, and each page's reading ease; returns the eases."""
    glossary_words = {w.casefold() for t in content.glossary.terms for w in (t.term, *t.aliases)}
    terms = [t for t in medical_terms(content.lint, lang) if t.casefold() not in glossary_words]
    eases: list[PageEase] = []
    for slug, page in content.pages.items():
        doc = content.documents[slug]
        if terms and audience_of(slug) == "patient":
            reported: set[str] = set()
            for leaf in walk(page):
                if leaf.prose is None or not isinstance(leaf.value, str):
                    continue
                for term in undefined_terms(leaf.value, terms, set(), lang):
                    if term.casefold() not in reported:
                        reported.add(term.casefold())
                        pos = doc.position_of(leaf.path, term)
                        findings.add(
                            doc.path,
                            pos.line,
                            pos.col,
                            f"medical term '{term}' is not in the '{lang}' glossary; add it to that language's glossary.yaml with a plain definition, or use a plain word",
                        )
        fragments = [leaf.value for leaf in walk(page) if leaf.prose is not None and isinstance(leaf.value, str)]
        ease, problem = page_reading_ease(slug, doc.path, fragments, lang, content.lint)
        eases.append(ease)
        if problem:
            pos = doc.position(("title",))
            findings.add(doc.path, pos.line, pos.col, problem)
    return eases

"""Content rules: banned claims, unsourced numbers, FDA wording, glossary coverage, review dates, reading grade."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel

from sitegen.check.readability import Grade, grade
from sitegen.core.colours import HEX_COLOUR
from sitegen.core.findings import Findings
from sitegen.core.markup import word_pattern
from sitegen.load.content import Content
from sitegen.load.models.common import PageBase
from sitegen.load.site_pages import audience_of
from sitegen.load.walk import FieldValue, walk

_NEGATION = re.compile(r"\b(not|never|no|isn't|aren't|wasn't|don't|doesn't|cannot|can't|nor|without)\b\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
# A figure in words is as much a claim as one in digits: "seven in ten people", "half of patients".
_WORDS_FIGURE = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out of)\s+(?:two|three|four|five|six|seven|eight|nine|ten|a hundred)\b"
    r"|\b(?:half|a third|a quarter|two thirds|three quarters)\s+of\s+(?:all\s+)?(?:people|patients|users|those)\b",
    re.IGNORECASE,
)
_FINDING = re.compile(
    r"\b(stud(?:y|ies)|trials?|research|meta-analys[ie]s|reviews?)\b[^.]{0,40}?\b(show(?:s|ed)?|f[oi]und|finds|suggest(?:s|ed)?|prove[sd]?)\b",
    re.IGNORECASE,
)
_APPROVAL = re.compile(r"\bFDA[- ]approv\w*|\bapproved by the FDA\b|\bFDA (?:has )?approved\b|\bFDA approval\b", re.IGNORECASE)
_OTHER_ROUTE = re.compile(
    r"\b(IV|intravenous\w*|infusions?|IM|intramuscular\w*|oral|orally|lozenges?|troches?|sublingual\w*|compounded|racemic|at-home|tablets?)\b",
    re.IGNORECASE,
)
_PSYCH = re.compile(r"\b(depress\w*|anxiety|PTSD|OCD|bipolar|suicid\w*|mental|psychiatric|mood|alcohol|addiction|pain)\b", re.IGNORECASE)
_APPROVAL_OK = re.compile(r"\b(not|never|isn't|aren't|off-label|only (?:as|for) (?:an? )?anesthe\w*)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_STATISTIC = re.compile(r"(?<!\d)\d+(?:\.\d+)?\s*(?:%|percent\b|per cent\b)|\b\d+\s+(?:in|out of)\s+\d+\b", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_NEGATION_REACH = 80  # characters before a phrase searched for a negation: the three words before it
_ADDRESS = re.compile(rf"://|@|{HEX_COLOUR}")  # web and email addresses, colours: not wording

EXEMPT_FROM_GRADE = {"references"}


@dataclass(frozen=True)
class PageGrade:
    slug: str
    path: str
    grade: Grade
    checked: bool  # False for clinician and reference pages (reported, not enforced)


def _sources(leaf: FieldValue) -> list | None:
    """The 'sources' list of the nearest item holding this text; None when no enclosing item can list sources."""
    for model in reversed(leaf.ancestors):
        if "sources" in type(model).model_fields:
            return getattr(model, "sources")  # noqa: B009 - any model with the field
    return None


def _unsourced(text: str, can_cite: bool) -> tuple[str, str] | None:
    """(message, words to point at) for a figure or study finding in a text that cites nothing."""
    # Words holding a digit. Not findall(r"\S*\d\S*"): that retries every start inside a long word without digits,
    # which took minutes on one 400 KB line; splitting first is one pass.
    numbers = list(dict.fromkeys(t.strip(".,;:!?()") for t in _WORD.findall(text) if _DIGIT.search(t)))
    in_words = _WORDS_FIGURE.search(text)
    finding = _FINDING.search(text)
    if not can_cite:
        claim = numbers[0] if numbers else next((m.group(0) for m in (in_words, finding) if m), None)
        if claim is None:
            return None
        # Titles, summaries and overlay text changes have no 'sources' list to add to.
        return (
            f"'{claim}' needs a source, and this text cannot list one; move the figure or finding into an item "
            "with a 'sources' list (an FAQ answer, a section, a condition, or an overlay faq_items entry), or remove it",
            claim,
        )
    if numbers:
        listed = ", ".join(f"'{n}'" for n in numbers)
        if len(numbers) == 1:
            return f"the number {listed} has no source; add a reference id to this item's 'sources' list, or remove the number", numbers[0]
        return f"the numbers {listed} have no source; add a reference id to this item's 'sources' list, or remove the numbers", numbers[0]
    if in_words:
        return (
            f"the figure '{in_words.group(0)}' has no source; add a reference id to this item's 'sources' list, or remove it",
            in_words.group(0),
        )
    if finding:
        return (
            f"'{finding.group(0)}' states a study finding without a source; add a reference id to this item's 'sources' list",
            finding.group(0),
        )
    return None


@lru_cache(maxsize=16)
def _any_of(words: tuple[str, ...]) -> re.Pattern:
    """One case-blind pattern for a list of words or phrases, to rule most texts out in a single scan."""
    return re.compile(rf"(?<![\w-])(?:{word_pattern(words)})(?:s|es)?(?![\w-])", re.IGNORECASE)


def _banned(text: str, phrases: list[str]) -> list[str]:
    """Every banned phrase the text uses without a negation just before it, once each, in order of appearance."""
    if not _any_of(tuple(phrases)).search(text):
        return []
    found: dict[str, tuple[int, str]] = {}
    for phrase in phrases:
        for match in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text, re.IGNORECASE):
            # Only the text just before: searching all of it for every match was quadratic on a long text.
            if not _NEGATION.search(text[max(0, match.start() - _NEGATION_REACH) : match.start()]):
                found.setdefault(phrase.casefold(), (match.start(), match.group(0)))
                break
    return [word for _, word in sorted(found.values())]


def _fda_misstatement(text: str) -> str | None:
    for sentence in _SENTENCE.split(text):
        if _APPROVAL.search(sentence) and _OTHER_ROUTE.search(sentence) and _PSYCH.search(sentence) and not _APPROVAL_OK.search(sentence):
            return sentence.strip()
    return None


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
    """Banned claims, unsourced numbers and findings, FDA wording and glossary coverage, text by text."""
    doc = content.documents[slug]
    reported_terms: set[str] = set()
    for leaf in walk(model):
        if not isinstance(leaf.value, str):
            continue
        # The clinic's name, services and reviewers are shown on every page, so a claim there is checked too.
        if leaf.prose is None and not (slug == "clinic" and not _ADDRESS.search(leaf.value)):
            continue
        text = leaf.value

        def add(message: str, at: str = "", leaf=leaf) -> None:
            pos = doc.position_of(leaf.path, at)  # the offending words themselves, where they can be found
            findings.add(doc.path, pos.line, pos.col, message)

        if leaf.prose is None or not leaf.prose.quoted:
            for word in _banned(text, content.lint.all_banned_phrases):
                add(
                    f"banned claim '{word}': health claims like this are misleading and unlawful in ads; say what the evidence shows instead (saying it is not so is fine, e.g. 'is not a cure', 'no result is guaranteed')",
                    word,
                )
        sentence = _fda_misstatement(text)
        if sentence:
            add(
                "says or implies that ketamine other than esketamine nasal spray is FDA-approved for a psychiatric use; "
                "write 'FDA-approved as an anesthetic; its use for depression is off-label'",
                " ".join(sentence.split()[:2]),
            )
        if leaf.prose is None:
            continue
        if slug == "clinic":
            # clinic.yaml holds contact details (phone numbers, hours), so numbers are fine there; but it cannot
            # cite sources, so a success rate or a study finding has no place in it.
            claim = _STATISTIC.search(text) or _FINDING.search(text)
            if claim:
                add(
                    f"'{claim.group(0)}' is a health claim, and clinic.yaml cannot cite a source for it; put it on a page "
                    "or FAQ answer that lists its 'sources', or remove it",
                    claim.group(0),
                )
        elif not (sources := _sources(leaf)):
            problem = _unsourced(text, can_cite=sources is not None)
            if problem:
                add(*problem)
        if slug != "clinic" and audience_of(slug) == "patient":
            for term in terms if _any_of(tuple(terms)).search(text) else []:
                key = term.casefold()
                if key not in reported_terms and re.search(rf"(?<![\w-]){re.escape(term)}(?:s|es)?(?![\w-])", text, re.IGNORECASE):
                    reported_terms.add(key)
                    add(
                        f"medical term '{term}' is not in the glossary; add it to glossary.yaml with a plain definition, or use a plain word",
                        term,
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

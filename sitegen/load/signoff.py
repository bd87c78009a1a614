"""Medical sign-off of a version: fingerprints of the medical text each review record covers, and what changed since."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from sitegen.load.content import Content
from sitegen.load.models.common import PageBase
from sitegen.load.walk import walk

# Navigation and bookkeeping, not medical wording: changing them needs no new sign-off.
_NOT_MEDICAL = {"review", "related", "related_pages", "aliases", "nav_title", "category", "services"}

Status = Literal["signed", "unsigned", "changed"]


@dataclass
class ReviewState:
    """One review record (a page's, or an answer's or overlay text's own) against the text it covers today."""

    key: str  # what `build.py review` takes: a page slug, or faq/<id>
    document: str  # key of the YAML document holding the record: a page slug, or 'overlay'
    record_path: tuple  # where the record is (or would go) in that document
    item_path: tuple  # the page (()) or the item the record covers
    reviewed_by: list[str]
    last_reviewed: dt.date | None
    next_review_due: dt.date | None
    fingerprint: str  # of the text as it is now
    status: Status
    changed: list[tuple] = field(default_factory=list)  # paths of the parts changed since the sign-off
    removed: bool = False  # a part that was signed off is gone


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:6]


def medical_blocks(model: BaseModel) -> list[tuple[tuple, str]]:
    """(path, hash) of each part of a model's medical text, in order: each top-level text, each item of each list."""
    blocks: dict[tuple, list[str]] = {}
    for leaf in walk(model):
        names = [p for p in leaf.path if isinstance(p, str)]
        if not getattr(type(leaf.owner), "medical_text", True) or _NOT_MEDICAL.intersection(names):
            continue
        block = _block(leaf.path)
        value = " ".join(str(leaf.value).split())  # re-wrapping a paragraph is not a change
        blocks.setdefault(block, []).append(".".join(str(p) for p in leaf.path[len(block) :] if isinstance(p, str)) + "=" + value)
    return [(path, _digest(parts)) for path, parts in blocks.items()]


def _block(path: tuple) -> tuple:
    """The part a leaf belongs to: the innermost item (of at most two nested lists) holding it, or its top-level field."""
    ends = [i + 1 for i, p in enumerate(path[:-1]) if isinstance(p, int)][:2]
    return path[: ends[-1]] if ends else path[:1]


def fingerprint(blocks: list[tuple[tuple, str]]) -> str:
    return " ".join(h for _, h in blocks)


def _compare(stored: str | None, blocks: list[tuple[tuple, str]]) -> tuple[Status, list[tuple], bool]:
    if not stored:
        return "unsigned", [], False
    now = [h for _, h in blocks]
    before = stored.split()
    if now == before:
        return "signed", [], False
    changed: list[tuple] = []
    removed = False
    for op, _i1, _i2, j1, j2 in difflib.SequenceMatcher(a=before, b=now, autojunk=False).get_opcodes():
        if op in ("replace", "insert"):
            changed.extend(path for path, _ in blocks[j1:j2])
        elif op == "delete":
            removed = True
    return "changed", changed, removed


_last: list = [None, None]  # (content, its states): the build asks twice (render, then the launch check)


def review_states(content: Content) -> list[ReviewState]:
    """Every review record of the shared pages and of the clinic's overlay, with what changed since its sign-off."""
    if _last[0] is content:
        return list(_last[1])
    states = _review_states(content)
    _last[:] = [content, states]
    return list(states)


def _review_states(content: Content) -> list[ReviewState]:
    states: list[ReviewState] = []
    pages = content.shared_pages or content.pages
    for slug, page in pages.items():
        states.extend(_page_states(slug, page))
    overlay = content.overlay
    if overlay is not None:
        faq_review = pages["faq"].review
        for i, item in enumerate(overlay.faq_items):
            blocks = [(("faq_items", i), h) for _, h in medical_blocks(item)]
            states.append(_answer_state(f"faq/{item.id}", "overlay", ("faq_items", i), item, blocks, faq_review))
        for i, override in enumerate(overlay.overrides):
            blocks = [(("overrides", i), _digest([override.page, override.field, " ".join(override.text.split())]))]
            review = override.review
            status, changed, removed = _compare(review.text_fingerprint if review else None, blocks)
            states.append(
                ReviewState(
                    override.page,
                    "overlay",
                    ("overrides", i, "review"),
                    ("overrides", i),
                    list(review.reviewed_by) if review else [],
                    review.last_reviewed if review else None,
                    pages[override.page].review.next_review_due,
                    fingerprint(blocks),
                    status,
                    changed,
                    removed,
                )
            )
    return states


def _page_states(slug: str, page: PageBase) -> list[ReviewState]:
    items = getattr(page, "items", None) if slug == "faq" else None
    review = page.review
    answers = [
        _answer_state(f"faq/{item.id}", slug, ("items", i), item, [(("items", i), h) for _, h in medical_blocks(item)], review)
        for i, item in enumerate(items or [])
        if item.review is not None
    ]
    blocks = medical_blocks(page)
    status, changed, removed = _compare(review.text_fingerprint, blocks)
    # An answer signed off on its own since it changed is not a change of the page's sign-off.
    current = {a.item_path for a in answers if a.status == "signed"}
    changed = [path for path in changed if path not in current]
    if status == "changed" and not changed and not removed:
        status = "signed"
    states = [
        ReviewState(
            slug,
            slug,
            ("review",),
            (),
            list(review.reviewed_by),
            review.last_reviewed,
            review.next_review_due,
            fingerprint(blocks),
            status,
            changed,
            removed,
        )
    ]
    return states + answers


def _answer_state(key: str, document: str, path: tuple, item, blocks, page_review) -> ReviewState:
    review = item.review
    status, changed, removed = _compare(review.text_fingerprint if review else None, blocks)
    return ReviewState(
        key,
        document,
        path + ("review",),
        path,
        list(review.reviewed_by) if review else [],
        review.last_reviewed if review else None,
        page_review.next_review_due,
        fingerprint(blocks),
        status,
        changed,
        removed,
    )


def answer_state(states: list[ReviewState], item_id: str) -> ReviewState | None:
    """The state that covers one FAQ answer: its own record, or the FAQ page's (changed only if the answer changed)."""
    for state in states:
        if state.key == f"faq/{item_id}":
            return state
    return None


def text_digest(parts: list[str]) -> str:
    """The short fingerprint sign-offs use, of any list of texts (also of the English a translation was made from)."""
    return _digest(parts)

"""Run the claim guard over every text a clinic can edit, each with its heading as context, and report at the words."""

from __future__ import annotations

import re
from collections import defaultdict

from pydantic import BaseModel

from sitegen.check.claim_guard import ClaimGuard, ClaimRule, Hit, Source, TextContext, load_rules
from sitegen.core.colours import HEX_COLOUR
from sitegen.core.findings import Findings, did_you_mean
from sitegen.core.markup import INLINE_CITE
from sitegen.load.content import Content
from sitegen.load.walk import FieldValue, walk
from sitegen.load.yaml_document import YamlDocument

# Fields that head the item they belong to: a claim split between one of them and the item's text is one claim.
HEADINGS = ("title", "heading", "name", "question", "myth")
# Texts shown where a numbered citation cannot go: the page title and menu, the meta description, headings.
NO_CITATIONS = {"heading", "name", "question", "myth"}
PAGE_FIELDS_WITHOUT_CITATIONS = {("title",), ("nav_title",), ("summary",)}
_ADDRESS = re.compile(rf"://|@|{HEX_COLOUR}")  # web and email addresses, colours: not wording
MAX_PER_TEXT = 20  # findings listed for one text: a pasted page of claims gives a readable list, not thousands
_CANNOT_CITE = (
    "this text cannot carry a citation (a title, heading, summary or the clinic profile); move the figure or finding into the "
    "text below it, with its citation, or remove it"
)


def check_claims(content: Content, findings: Findings) -> None:
    """Every text of the clinic profile, the shared pages and the overlay, through the claim guard."""
    lint_doc = content.documents.get("lint")
    known = {rule.id for rule in load_rules()} | ({"banned-phrase"} if content.lint.banned_phrases else set())
    for i, entry in enumerate(content.lint.switched_off):
        if lint_doc is None:
            break
        pos = lint_doc.position(("switched_off", i, "rule"))
        if entry.rule not in known:
            findings.add(
                lint_doc.path,
                pos.line,
                pos.col,
                f"there is no claim rule '{entry.rule}'{did_you_mean(entry.rule, known)}; rules: {', '.join(sorted(known))}",
            )
        else:
            findings.add(
                lint_doc.path, pos.line, pos.col, f"claim rule '{entry.rule}' is switched off for this clinic: {entry.reason}", "warning"
            )
    extra: tuple[ClaimRule, ...] = ()
    if content.lint.banned_phrases:
        extra = (
            ClaimRule(
                id="banned-phrase",
                kind="phrase",
                message="'{match}' is on this clinic's own list of banned phrases (lint.yaml 'banned_phrases')",
                suggestion="Say what the evidence shows instead.",
                patterns=tuple(re.compile(rf"(?<![\w-]){re.escape(p)}(?![\w-])", re.I) for p in content.lint.banned_phrases),
            ),
        )
    switched_off = {e.rule for e in content.lint.switched_off}
    guard = ClaimGuard(switched_off, load_rules() + extra)
    references = {r.id: Source(r.kind == "clinic-data", r.head_to_head) for r in content.references.sources}
    guard.remember_as = (frozenset(switched_off), tuple(content.lint.banned_phrases), tuple(sorted(references.items())))
    written: list[tuple[str, BaseModel]] = [("clinic", content.clinic), *(content.shared_pages or content.pages).items()]
    if content.overlay is not None:
        written.append(("overlay", content.overlay))
    for key, model in written:
        _check_document(key, model, content.documents[key], guard, references, findings)


# The live preview checks every text again after each save, though a save changes a few: a text with the same words,
# context, rules and sources gives the same hits, so they are remembered for the life of the process (bounded).
_REMEMBERED: dict[tuple, list[Hit]] = {}
_REMEMBER_AT_MOST = 50_000


def _remembered_check(guard: ClaimGuard, text: str, context: TextContext, quoted: bool) -> list[Hit]:
    key = (guard.remember_as, text, tuple(context.before), tuple(context.after), context.can_cite, context.contact_details, quoted)
    hits = _REMEMBERED.get(key)
    if hits is None:
        if len(_REMEMBERED) >= _REMEMBER_AT_MOST:
            _REMEMBERED.clear()
        hits = _REMEMBERED[key] = guard.check(text, context, quoted=quoted)
    return hits


def _texts(key: str, model: BaseModel) -> list[FieldValue]:
    leaves = []
    for leaf in walk(model):
        if not isinstance(leaf.value, str) or leaf.path[:1] == ("review",) or "review" in leaf.path:
            continue
        # The clinic's name, services and reviewers are shown on every page, so a claim there is checked too.
        if leaf.prose is None and not (key == "clinic" and not _ADDRESS.search(leaf.value)):
            continue
        leaves.append(leaf)
    return leaves


def _check_document(
    key: str, model: BaseModel, doc: YamlDocument, guard: ClaimGuard, references: dict[str, Source], findings: Findings
) -> None:
    leaves = _texts(key, model)
    by_owner: dict[int, list[FieldValue]] = defaultdict(list)
    for leaf in leaves:
        by_owner[id(leaf.owner)].append(leaf)
    for leaf in leaves:
        field_name = next((p for p in reversed(leaf.path) if isinstance(p, str)), "")
        siblings = by_owner[id(leaf.owner)]
        headings = [s.value for s in siblings if _field(s) in HEADINGS and s is not leaf]
        bodies = [s.value for s in siblings if _field(s) not in HEADINGS and s is not leaf]
        is_heading = field_name in HEADINGS
        context = TextContext(
            before=[] if is_heading else headings[-1:],
            after=bodies[:1] if is_heading else [],
            source=references.get,
            can_cite=key != "clinic" and field_name not in NO_CITATIONS and tuple(leaf.path) not in PAGE_FIELDS_WITHOUT_CITATIONS,
            contact_details=key == "clinic",
        )
        # A heading that names a finding ('A trial finds ECT did better') is backed by the text under it, if that cites.
        backed = is_heading and bool(bodies) and bool(INLINE_CITE.search(bodies[0]))
        if not context.can_cite and key != "clinic" and (cited := INLINE_CITE.search(leaf.value)):
            pos = doc.position_of(leaf.path, cited.group(0))
            findings.add(doc.path, pos.line, pos.col, f"a citation cannot go in a {field_name.replace('_', ' ')}: {_CANNOT_CITE}")
            continue
        hits = [
            hit
            for hit in _remembered_check(guard, leaf.value, context, bool(leaf.prose and leaf.prose.quoted))
            if not (backed and hit.rule == "study-finding-needs-citation")
        ]
        if len(hits) > MAX_PER_TEXT:
            pos = doc.position(leaf.path)
            findings.add(
                doc.path, pos.line, pos.col, f"{len(hits) - MAX_PER_TEXT} more refused claims in this text; fix the ones listed first"
            )
            hits = hits[:MAX_PER_TEXT]
        for hit in hits:
            words = _findable(hit)
            pos = doc.position_of(leaf.path, words, leaf.value[: hit.start].casefold().count(words.casefold()))
            findings.add(doc.path, pos.line, pos.col, _message(hit, context))


def _field(leaf: FieldValue) -> str:
    return next((p for p in reversed(leaf.path) if isinstance(p, str)), "")


def _findable(hit: Hit) -> str:
    """Words to point at: the match, or its first word when a long text breaks the match across lines."""
    words = [w for w in hit.match.split() if re.search(r"\w", w)]  # not a lone '-', which '>-' would match
    return words[0] if words else hit.match


def _message(hit: Hit, context: TextContext) -> str:
    if not context.can_cite and hit.rule in {"figure-needs-citation", "study-finding-needs-citation", "clinic-figure-needs-clinic-data"}:
        return f"[{hit.rule}] {hit.message.split(';')[0]}; {_CANNOT_CITE}"
    return hit.format()

"""Run the claim guard over every text a clinic can edit, each with its heading as context, and report at the words."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel

from sitegen.check.claim_context import Hit, Source, TextContext, rules_file
from sitegen.core.cache import Passes
from sitegen.core.cache import key as cache_key
from sitegen.core.colours import HEX_COLOUR
from sitegen.core.findings import Findings, did_you_mean
from sitegen.core.markup import INLINE_CITE
from sitegen.load.content import Content
from sitegen.load.walk import FieldValue, walk
from sitegen.load.yaml_document import YamlDocument

if TYPE_CHECKING:
    from sitegen.check.claim_guard import ClaimGuard, ClaimRule

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


def check_claims(content: Content, findings: Findings, lang: str = "en") -> None:
    """Every text of the clinic profile, the shared pages and the overlay, through the claim guard.

    lang: the language of the content's texts; a translated Content (its documents pointing at the translation
    files) is checked with that language's rules (claim_rules.<lang>.yaml)."""
    _report_switched_off(content, findings)
    switched_off = {e.rule for e in content.lint.switched_off}
    # Made (and its rules compiled) only when some text was not passed by an earlier build.
    guard = cache(lambda: _guard(switched_off, content, lang))
    references = {r.id: Source(r.kind == "clinic-data", r.head_to_head) for r in content.references.sources}
    # Most texts are the same as in the last build and pass: a text the guard passed with this very rule set, these
    # sources and this context is not checked again (only passes are kept, so a refused claim is reported every time).
    # The language and its rule file are part of the key: a Spanish text is never passed by an English pass of the
    # same characters, and an edit to a language's rules checks that language's texts afresh.
    rules = rules_file(lang)
    clean = Passes(
        "claim-guard",
        lang,
        cache_key(rules.read_text(encoding="utf-8")) if rules.is_file() else "no rules",
        repr(sorted(switched_off)),
        repr(list(content.lint.banned_phrases)),
        repr(sorted((k, s.clinic_data, s.head_to_head) for k, s in references.items())),
    )
    written: list[tuple[str, BaseModel]] = [("clinic", content.clinic), *(content.shared_pages or content.pages).items()]
    if content.overlay is not None:
        written.append(("overlay", content.overlay))
    for key, model in written:
        _check_document(key, model, content.documents[key], guard, references, clean, findings)


def _guard(switched_off: set[str], content: Content, lang: str) -> ClaimGuard:
    from sitegen.check.claim_guard import ClaimGuard, load_rules

    return ClaimGuard(switched_off, load_rules(rules_file(lang)) + _banned_phrases(content), lang=lang)


def _report_switched_off(content: Content, findings: Findings) -> None:
    lint_doc = content.documents.get("lint")
    if lint_doc is None or not content.lint.switched_off:
        return
    from sitegen.check.claim_guard import load_rules

    known = {rule.id for rule in load_rules()} | ({"banned-phrase"} if content.lint.banned_phrases else set())
    for i, entry in enumerate(content.lint.switched_off):
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


def _banned_phrases(content: Content) -> tuple[ClaimRule, ...]:
    from sitegen.check.claim_guard import ClaimRule

    if not content.lint.banned_phrases:
        return ()
    return (
        ClaimRule(
            id="banned-phrase",
            kind="phrase",
            message="'{match}' is on this clinic's own list of banned phrases (lint.yaml 'banned_phrases')",
            suggestion="Say what the evidence shows instead.",
            patterns=tuple(re.compile(rf"(?<![\w-]){re.escape(p)}(?![\w-])", re.I) for p in content.lint.banned_phrases),
        ),
    )


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
    key: str,
    model: BaseModel,
    doc: YamlDocument,
    guard: Callable[[], ClaimGuard],
    references: dict[str, Source],
    clean: Passes,
    findings: Findings,
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
        hits = _guard_hits(guard, clean, leaf, context, backed)
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


def _guard_hits(guard: Callable[[], ClaimGuard], clean: Passes, leaf: FieldValue, context: TextContext, backed: bool) -> list[Hit]:
    """The claims refused in one text; `backed`: a heading whose finding the cited text under it backs."""
    quoted = bool(leaf.prose and leaf.prose.quoted)
    flags = repr((context.can_cite, context.contact_details, quoted, backed))
    name = clean.name(leaf.value, repr(context.before), repr(context.after), flags)
    if clean.passed(name):
        return []
    hits = [hit for hit in guard().check(leaf.value, context, quoted=quoted) if not (backed and hit.rule == "study-finding-needs-citation")]
    if not hits:
        clean.mark_passed(name)
    return hits


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

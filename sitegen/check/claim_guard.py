"""The claim guard: a small engine that applies the rule set in claim_rules.yaml to a text, sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sitegen.check.claim_context import RULES_FILE, Hit, TextContext, rules_file
from sitegen.check.sentences import Sentence, split_sentences
from sitegen.core.markup import INLINE_CITES

_REACH = 200  # characters around a match that decide it: its clause, a negation before it


@dataclass(frozen=True)
class Grammar:
    """The words of one language the matchers need: negations, clause breaks, 'off-label', and the like."""

    negation: re.Pattern
    clause: re.Pattern
    off_label: re.Pattern
    not_the_subject: re.Pattern
    split_use: re.Pattern
    window: int = 8  # words before a match in which a negation counts


# English; a rule file in another language names its own in a `grammar:` section (claim_rules.es.yaml).
ENGLISH = {
    "negation": r"\b(?:not(?!\s+only)|no|never|none|neither|nor|cannot|without|nothing|nobody|myths?|false|untrue)\b|n't\b|\bno\s+one\b",
    "clause": r"[,;:—(]|\s(?:but|and|while|whereas|although)\s",
    "off_label": r"\boff[- ]label\b",
    "not_the_subject": r"(?:unlike|than|versus|vs\.?|not|only|instead\s+of|compared\s+(?:with|to))\s+(?:\w+[\s-]+){0,2}$",
    "split_use": r"[.;]|,\s*(?:but|so|while|and\s+its)\b",
}


def languages() -> list[str]:
    """The languages the claim guard has rules for."""
    return ["en", *sorted(p.name.split(".")[1] for p in RULES_FILE.parent.glob("claim_rules.*.yaml"))]


@dataclass(frozen=True)
class ClaimRule:
    """One rule of the set: an id, a matcher kind, its patterns, and what to tell the writer."""

    id: str
    kind: str
    message: str
    suggestion: str
    why: str = ""
    patterns: tuple[re.Pattern, ...] = ()
    unless: tuple[re.Pattern, ...] = ()
    negatable: bool = True
    extra: dict[str, re.Pattern] = field(default_factory=dict)
    # All patterns in one alternation: most sentences match none, and one search says so at once.
    any_pattern: re.Pattern | None = None


KINDS = {"phrase", "approval", "approval-esketamine", "comparison", "figure", "finding", "clinic-figure"}


@cache
def load_grammar(path: Path = RULES_FILE) -> Grammar:
    """The language words of a rule file (English where it names none)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)).get("grammar") or {}
    return Grammar(**{key: re.compile(data.get(key, default), re.I) for key, default in ENGLISH.items()}, window=data.get("window", 8))


@cache
def load_rules(path: Path = RULES_FILE) -> tuple[ClaimRule, ...]:
    """The rule set from its YAML file; a malformed file is a bug in the generator, so it raises."""
    if not path.is_file():
        raise ValueError(f"no claim rules for this language: {path.name} is missing (languages: {', '.join(languages())})")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    rules = []
    for raw in data["rules"]:
        raw = dict(raw)
        kind = raw.pop("kind")
        if kind not in KINDS:
            raise ValueError(f"{path}: rule {raw['id']}: unknown kind {kind!r}")
        compiled = {
            key: re.compile(value, re.I)
            for key, value in raw.items()
            if key not in {"id", "message", "suggestion", "why", "negatable", "figure_words"}
            if isinstance(value, str)
        }
        rules.append(
            ClaimRule(
                id=raw["id"],
                kind=kind,
                message=raw["message"],
                suggestion=raw["suggestion"],
                why=raw.get("why", ""),
                patterns=tuple(re.compile(p, re.I) for p in raw.get("patterns", [])),
                unless=tuple(re.compile(p, re.I) for p in raw.get("unless", [])),
                negatable=raw.get("negatable", True),
                extra=compiled,
                any_pattern=re.compile("|".join(f"(?:{p})" for p in raw["patterns"]), re.I) if raw.get("patterns") else None,
            )
        )
    return tuple(rules)


def rule_ids() -> list[str]:
    return [rule.id for rule in load_rules()]


def _masked(text: str) -> str:
    """The text with inline citations blanked out (same length), so '[^berman-2000]' is not a figure."""
    return INLINE_CITES.sub(lambda m: " " * len(m.group(0)), text)


def negated(text: str, start: int, words: int | None = None, grammar: Grammar | None = None) -> bool:
    """Whether a negation comes in the few words before `start` (the grammar's window), within the same clause."""
    grammar = grammar or load_grammar()
    words = words or grammar.window
    before = text[max(0, start - _REACH) : start]  # a bounded window: a 400 KB sentence stays linear
    clauses = grammar.clause.split(before)
    clause = clauses[-1] if clauses else before
    tail = " ".join(clause.split()[-words:])
    return bool(grammar.negation.search(tail))


class ClaimGuard:
    """Applies every rule not switched off to a text and its context."""

    def __init__(self, switched_off: set[str] = frozenset(), rules: tuple[ClaimRule, ...] | None = None, lang: str = "en"):  # type: ignore[assignment]
        """lang: the language of the texts to check ('en', 'es'); it picks the rule file and its grammar."""
        self.lang = lang
        rules = rules or load_rules(rules_file(lang))
        self.grammar = load_grammar(rules_file(lang))
        self.rules = [r for r in rules if r.id not in switched_off]
        all_rules = {r.id: r for r in rules}
        self._approval = all_rules.get("approval-claim")
        self._esketamine = all_rules.get("esketamine-approval-claim")
        self._on = {r.id for r in self.rules}
        self.remember_as: tuple = ()  # what, besides a text and its context, its hits depend on (see claims.py)

    def check(self, text: str, context: TextContext | None = None, *, quoted: bool = False) -> list[Hit]:
        """Every refused claim in `text`, in order of appearance. A quoted belief (a myth) is only checked for figures."""
        context = context or TextContext()
        hits: list[Hit] = []
        sentences = split_sentences(text, self.lang)
        for i, sentence in enumerate(sentences):
            masked = _masked(sentence.text)
            before = [s.text for s in sentences[max(0, i - 2) : i]] or context.before
            after = [s.text for s in sentences[i + 1 : i + 2]] or context.after
            found: list[Hit] = []
            for rule in self.rules:
                if quoted and rule.kind not in {"figure", "clinic-figure"}:
                    continue
                for start, words, message in self._match(rule, sentence, masked, before, after, context):
                    found.append(Hit(words[0], words[1], sentence.start + start, *message))
            # A clinic's own result, or a testimonial, is reported as that: its figures are part of the same claim.
            if any(h.rule in {"clinic-figure-needs-clinic-data", "testimonial"} for h in found):
                found = [h for h in found if h.rule != "figure-needs-citation"]
            hits.extend(found)
        return sorted(hits, key=lambda h: h.start)

    def _match(
        self, rule: ClaimRule, sentence: Sentence, masked: str, before, after, context
    ) -> Iterator[tuple[int, Any, tuple[str, str]]]:
        if rule.any_pattern is not None and not rule.any_pattern.search(masked):
            return
        if rule.unless and any(p.search(masked) for p in rule.unless):
            return
        kind = rule.kind
        if kind == "phrase" or kind == "comparison":
            if sentence.is_question and rule.id != "testimonial":
                return
            if kind == "comparison" and any((s := context.source(k)) and s.head_to_head for k in sentence.citations):
                return
            found = [
                m
                for p in rule.patterns
                for m in p.finditer(masked)
                if not (rule.negatable and negated(masked, m.start(), grammar=self.grammar))
            ]
            if found:  # one report per rule and sentence: its first offending words
                first = min(found, key=lambda m: (m.start(), -len(m.group(0))))
                yield first.start(), (rule.id, first.group(0)), _say(rule, first.group(0))
        elif kind == "approval":
            yield from self._approval_claims(rule, sentence, masked, before, after)
        elif kind in {"figure", "finding"}:
            if sentence.citations:
                return
            found = [m for p in rule.patterns for m in p.finditer(masked) if _is_figure(m, masked, context, kind)]
            if found:
                first = min(found, key=lambda m: (m.start(), -len(m.group(0))))
                yield first.start(), (rule.id, first.group(0).strip()), _say(rule, first.group(0).strip())
        elif kind == "clinic-figure":
            own = next((found for p in rule.patterns for found in p.finditer(masked)), None)
            if own is None or not rule.extra["outcome"].search(masked):
                return
            if any((s := context.source(k)) and s.clinic_data for k in sentence.citations):
                return
            yield own.start(), (rule.id, own.group(0)), _say(rule, own.group(0))

    def _approval_claims(self, rule: ClaimRule, sentence: Sentence, masked: str, before, after):
        g = self.grammar
        if sentence.is_question or g.off_label.search(masked):
            return
        x = rule.extra
        for pattern in rule.patterns:
            for m in pattern.finditer(masked):
                if negated(masked, m.start(), grammar=g) or g.negation.search(m.group(0)):
                    continue
                label = masked.strip(" *_.:!-") == m.group(0)  # '**FDA-approved.** The FDA checked ...': a label, explained next
                subject = _subject(masked, m, x, g) or _context_subject([] if label else before, after, x, g)
                clause = g.split_use.split(masked[m.end() : m.end() + _REACH], maxsplit=1)[0]
                named = m.group(0) + " " + clause
                uses = [u.group(0) for u in x["uses"].finditer(named) if not negated(named, u.start(), 3, g)]
                if subject == "esketamine":
                    wrong = [u for u in uses if not x["esketamine_approved"].fullmatch(u)]
                    if wrong and self._esketamine is not None and self._esketamine.id in self._on:
                        yield m.start(), (self._esketamine.id, m.group(0)), _say(self._esketamine, m.group(0))
                        return
                    continue
                if not uses and (
                    subject is None
                    or x["anesthesia"].search(masked, max(0, m.start() - _REACH), m.end() + _REACH)
                    or (not x["treatment_offer"].search(masked) and any(x["anesthesia"].search(t) for t in [*before[-1:], *after[:1]]))
                ):
                    continue
                yield m.start(), (rule.id, m.group(0)), _say(rule, m.group(0))
                return


def _say(rule: ClaimRule, words: str) -> tuple[str, str]:
    return rule.message.replace("{match}", " ".join(words.split())), rule.suggestion


def _mentions(text: str, x: dict[str, re.Pattern], g: Grammar) -> list[tuple[int, str]]:
    esk = [(m.start(), m.end()) for m in x["esketamine"].finditer(text)]
    found = [(s, "esketamine") for s, _ in esk]
    for m in x["ketamine"].finditer(text):
        if not any(s <= m.start() < e for s, e in esk) and not g.not_the_subject.search(text[max(0, m.start() - 40) : m.start()]):
            found.append((m.start(), "ketamine"))
    return sorted(found)


def _subject(text: str, m: re.Match, x, g: Grammar) -> str | None:
    """Which medicine an approval statement is about: the nearest named before it, else the first after it."""
    offset = max(0, m.start() - _REACH)
    mentions = [(start + offset, kind) for start, kind in _mentions(text[offset : m.end() + _REACH], x, g)]
    earlier = [kind for start, kind in mentions if start < m.start()]
    later = [kind for start, kind in mentions if start >= m.start()]
    return earlier[-1] if earlier else (later[0] if later else None)


def _context_subject(before: list[str], after: list[str], x, g: Grammar) -> str | None:
    """For 'They are FDA-approved.': the medicine named in the sentence or heading before, else the one after."""
    for text in [*reversed(before[-2:]), *after[:1]]:
        mentions = _mentions(_masked(text), x, g)
        if mentions:
            return mentions[-1][1] if text in before else mentions[0][1]
    return None


_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_RATE_WORDS = re.compile(r"%|percent|per\s+cent|por\s+ciento|times?$|veces$|x$", re.I)
_RATE_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|por\s+ciento\b|de\s+cada\b|(?:in|out\s+of)\s+(?:\d|ten\b|a\s+hundred\b|every\b))", re.I
)
_SERVICE_NUMBERS = {"911", "999", "988", "111", "112", "116", "123"}


def _is_figure(m: re.Match, text: str, context: TextContext, kind: str) -> bool:
    """Whether a number is a figure: not a year, not a crisis number, not a phone number or a time of day."""
    if kind == "finding":
        return True
    words = m.group(0).strip()
    if words[:1].isdigit():
        number = re.match(r"\d+", words).group(0)  # type: ignore[union-attr]
        if words == number and (_YEAR.fullmatch(number) or number in _SERVICE_NUMBERS):
            return False
        if re.match(
            r"\s*(?:or|and)\s+(?:older|over|younger|under)\b|\s*years?\s+old\b|\s*años\s+(?:o\s+más|de\s+edad|o\s+mayores)|\s*o\s+más\s+años\b"
            r"|\s*minutos\s+de\s+descanso\b",
            text[m.end() : m.end() + 25],
            re.I,
        ):
            return False  # an age limit ('18 or older', '18 años o más') or a pause ('5-minute rest'), not a result
        around = text[max(0, m.start() - 12) : m.end() + 12]
        if re.search(
            r"\(\d{3}\)|\d{3}[-. ]\d{4}|\d[:.]\d\d\s*(?:am|pm|a\.\s?m\.|p\.\s?m\.)|\d\s*(?:am|pm)\b|24/7|hours a day|days a week|Schedule|Section|step|page"
            r"|horas al día|días a la semana|minutos de descanso|Lista|Sección|paso|página",
            around,
            re.I,
        ):
            return False
        # In the clinic profile a number is a fact about the clinic (15 years in practice, $450 per infusion, a phone
        # number, hours) unless it is a rate: a percentage, 'N times', or 'N in M' / 'N out of M'.
        if context.contact_details and not (_RATE_WORDS.search(words) or _RATE_AFTER.match(text, m.end())):
            return False
    return True

"""Prove a self-check's rules sound: names exist, every outcome can be reached, no answers are left without one."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from sitegen.core.findings import Findings, did_you_mean
from sitegen.load.models.self_check import Question, SelfCheckPage
from sitegen.load.yaml_document import YamlDocument

MAX_COMBINATIONS = 500_000  # beyond this the rule set must end with a fallback rule (proved without enumerating)
LEVEL_ORDER = ["immediate", "urgent", "discuss", "information"]


@dataclass(frozen=True)
class AnswerClass:
    """A set of a question's answers that every rule treats the same way (or 'no answer')."""

    question: str
    values: frozenset[str]  # chosen option values; empty = unanswered
    label: str


def _answer_classes(question: Question, mentioned: list[frozenset[str]]) -> list[AnswerClass]:
    """The distinct ways a question can be answered, as far as the rules can tell them apart."""
    signature: dict[tuple, list[str]] = {}
    for option in question.options:
        key = tuple(option.value in group for group in mentioned)
        signature.setdefault(key, []).append(option.value)
    groups = list(signature.values())
    classes = [AnswerClass(question.id, frozenset(), "no answer")]
    if question.kind == "single":
        classes += [AnswerClass(question.id, frozenset([g[0]]), g[0]) for g in groups]
    else:
        for size in range(1, len(groups) + 1):
            for combo in itertools.combinations(groups, size):
                values = frozenset(g[0] for g in combo)
                classes.append(AnswerClass(question.id, values, "+".join(sorted(values))))
    return classes


def check_self_check(page: SelfCheckPage, doc: YamlDocument, findings: Findings) -> None:
    """Add a finding for each unsound part of the rules."""

    def add(path: tuple, message: str, severity: str = "error") -> None:
        pos = doc.position(path)
        findings.add(doc.path, pos.line, pos.col, message, severity)  # type: ignore[arg-type]

    questions = {q.id: q for q in page.questions}
    before = len(findings.errors)
    for i, rule in enumerate(page.rules):
        for j, condition in enumerate(rule.when):
            question = questions.get(condition.question)
            if question is None:
                continue  # reported by the cross-reference check
            values = [o.value for o in question.options]
            for k, value in enumerate(condition.any_of):
                if value not in values:
                    add(
                        ("rules", i, "when", j, "any_of", k),
                        f"rule '{rule.id}': question '{question.id}' has no answer '{value}'; its answers are: {', '.join(values)}{did_you_mean(value, values)}",
                    )
    crisis_options = [(q.id, o.value) for q in page.questions for o in q.options if o.crisis]
    immediate = [o for o in page.outcomes if o.level == "immediate"]
    if crisis_options and len(immediate) != 1:
        add(("outcomes",), f"crisis answers need exactly one outcome with level 'immediate'; found {len(immediate)}")
    for i, question in enumerate(page.questions):
        if question.safety and not any(o.crisis for o in question.options):
            add(("questions", i, "safety"), f"safety question '{question.id}' has no answer marked 'crisis: true'")
    if page.questions and not page.questions[0].safety and any(q.safety for q in page.questions):
        add(("questions", 0), "put the safety question first, so crisis help can show before anything else")
    if len(findings.errors) > before or not {c.question for r in page.rules for c in r.when} <= questions.keys():
        return
    _check_coverage(page, crisis_options, immediate, add)
    if page.questionnaire:
        _check_questionnaire(page, add)


def _check_coverage(page: SelfCheckPage, crisis_options, immediate, add) -> None:
    mentioned: dict[str, list[frozenset[str]]] = {q.id: [] for q in page.questions}
    for rule in page.rules:
        for condition in rule.when:
            mentioned[condition.question].append(frozenset(condition.any_of))
    used = [q for q in page.questions if mentioned[q.id]]
    spaces = [_answer_classes(q, mentioned[q.id]) for q in used]
    total = 1
    for space in spaces:
        total *= len(space)
    reached_rules: set[int] = set()
    if total > MAX_COMBINATIONS:
        if page.rules[-1].when:
            add(
                ("rules",),
                f"the rules combine {total} kinds of answers, too many to check one by one; end the rules with a fallback rule (no 'when')",
            )
            return
        reached_rules = set(range(len(page.rules)))  # cannot prove shadowing cheaply; fallback proves coverage
    else:
        conditions = [[(c.question, frozenset(c.any_of)) for c in rule.when] for rule in page.rules]
        for combination in itertools.product(*spaces):
            chosen = {c.question: c.values for c in combination}
            for index, when in enumerate(conditions):
                if all(not chosen[question].isdisjoint(any_of) for question, any_of in when):
                    reached_rules.add(index)
                    break
            else:
                example = ", ".join(f"{c.question}={c.label}" for c in combination)
                add(
                    ("rules",),
                    f"no rule gives an outcome when the answers are: {example}; add a fallback rule at the end (a rule with no 'when')",
                )
                return
    for index, rule in enumerate(page.rules):
        if index not in reached_rules:
            add(("rules", index), f"rule '{rule.id}' can never apply: the rules above it always match first", "warning")
    reachable = {page.rules[i].outcome for i in reached_rules}
    if crisis_options and immediate:
        reachable.add(immediate[0].id)
    if page.questionnaire:
        reachable.update(b.outcome for b in page.questionnaire.bands)
        if page.questionnaire.critical_outcome:
            reachable.add(page.questionnaire.critical_outcome)
    for i, outcome in enumerate(page.outcomes):
        if outcome.id not in reachable:
            add(("outcomes", i, "id"), f"outcome '{outcome.id}' can never be shown: no reachable rule leads to it")


def _check_questionnaire(page: SelfCheckPage, add) -> None:
    q = page.questionnaire
    assert q is not None
    top = max(o.score for o in q.options) * len(q.items)
    covered: dict[int, int] = {}
    for i, band in enumerate(q.bands):
        if band.min > band.max:
            add(("questionnaire", "bands", i), f"band '{band.label}': min {band.min} is above max {band.max}")
        for total in range(band.min, band.max + 1):
            if total in covered:
                add(("questionnaire", "bands", i), f"band '{band.label}' overlaps band {covered[total] + 1} at total {total}")
                break
            covered[total] = i
    missing = [t for t in range(0, top + 1) if t not in covered]
    if missing:
        add(("questionnaire", "bands"), f"no band covers the total score {missing[0]} (totals run from 0 to {top})")
    if any(item.critical for item in q.items) and not q.critical_outcome:
        add(("questionnaire", "critical_outcome"), "critical items need a 'critical_outcome'")

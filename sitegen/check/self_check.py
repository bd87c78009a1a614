"""Prove a self-check's rules sound: every answer gets an outcome, and none sends a person to the clinic's button unsafely."""

# The rules are split into a decision tree over the questions; each leaf is a 'cube' (some questions fixed to one way
# of answering, the rest free) with the rule that decides it. Every property is checked on the leaves, so the check
# never enumerates every combination of answers (ten questions give hundreds of thousands).

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from sitegen.core.findings import Findings, did_you_mean
from sitegen.load.models.self_check import KINDS_WITHOUT_CLINIC_BUTTON, Outcome, Question, SelfCheckPage
from sitegen.load.yaml_document import YamlDocument

Add = Callable[..., None]


@dataclass(frozen=True)
class AnswerClass:
    """A set of a question's answers that every rule treats the same way (or 'no answer')."""

    values: frozenset[str]  # chosen option values; empty = unanswered
    label: str
    labeled: str | None  # a chosen option that is a labeled contraindication
    not_for_booking: str | None  # a chosen option marked 'booking: false'


@dataclass(frozen=True)
class Cube:
    """Answers where some questions are fixed to one class and the rest are free; `rule` decides (None: no rule)."""

    fixed: dict[str, int]  # question id -> index into that question's classes
    rule: int | None


def _answer_classes(question: Question, mentioned: list[frozenset[str]]) -> list[AnswerClass]:
    """The distinct ways a question can be answered, as far as the rules and the safety marks can tell them apart."""
    options = {o.value: o for o in question.options}
    signature: dict[tuple, list[str]] = {}
    for option in question.options:
        key = (
            tuple(option.value in group for group in mentioned),
            option.contraindication,
            option.booking,
            option.value == question.booking_requires,
        )
        signature.setdefault(key, []).append(option.value)
    groups = list(signature.values())

    def make(chosen: list[str]) -> AnswerClass:
        labeled = next((v for v in chosen if options[v].contraindication == "labeled"), None)
        not_for_booking = next((v for v in chosen if not options[v].booking), None)
        return AnswerClass(frozenset(chosen), "+".join(chosen), labeled, not_for_booking)

    classes = [AnswerClass(frozenset(), "no answer", None, None)]
    if question.kind == "single":
        classes += [make([g[0]]) for g in groups]
    else:
        for size in range(1, len(groups) + 1):
            classes += [make([g[0] for g in combo]) for combo in itertools.combinations(groups, size)]
    return classes


def check_self_check(page: SelfCheckPage, doc: YamlDocument, findings: Findings) -> None:
    """Add a finding for each unsound part of the rules."""

    def add(path: tuple, message: str, severity: str = "error") -> None:
        pos = doc.position(path)
        findings.add(doc.path, pos.line, pos.col, message, severity)  # type: ignore[arg-type]

    questions = {q.id: q for q in page.questions}
    before = len(findings.errors)
    for i, rule in enumerate(page.rules):
        for j, match in enumerate(rule.when):
            question = questions.get(match.question)
            if question is None:
                continue  # reported by the cross-reference check
            values = [o.value for o in question.options]
            for k, value in enumerate(match.any_of):
                if value not in values:
                    add(
                        ("rules", i, "when", j, "any_of", k),
                        f"rule '{rule.id}': question '{question.id}' has no answer '{value}'; its answers are: {', '.join(values)}{did_you_mean(value, values)}",
                    )
    crisis_options = [(q.id, o.value) for q in page.questions for o in q.options if o.crisis]
    crisis_outcomes = [o for o in page.outcomes if o.kind == "crisis"]
    if crisis_options and len(crisis_outcomes) != 1:
        add(("outcomes",), f"crisis answers need exactly one outcome of kind 'crisis'; found {len(crisis_outcomes)}")
    for i, question in enumerate(page.questions):
        if question.safety and not any(o.crisis for o in question.options):
            add(("questions", i, "safety"), f"safety question '{question.id}' has no answer marked 'crisis: true'")
    for i, question in enumerate(page.questions):
        values = [o.value for o in question.options]
        if question.booking_requires is not None and question.booking_requires not in values:
            add(
                ("questions", i, "booking_requires"),
                f"question '{question.id}' has no answer '{question.booking_requires}' for 'booking_requires'; "
                f"its answers are: {', '.join(values)}{did_you_mean(question.booking_requires, values)}",
            )
    if page.questions and not page.questions[0].safety and any(q.safety for q in page.questions):
        add(("questions", 0), "put the safety question first, so crisis help can show before anything else")
    for i, outcome in enumerate(page.outcomes):
        _check_outcome(i, outcome, add)
    if len(findings.errors) > before or not {m.question for r in page.rules for m in r.when} <= questions.keys():
        return
    _check_paths(page, crisis_outcomes, add)
    if page.questionnaire:
        _check_questionnaire(page, add)


def _check_outcome(i: int, outcome: Outcome, add: Add) -> None:
    """An outcome's kind decides its colour and whether the clinic's button may show."""
    if (outcome.kind == "crisis") != (outcome.level == "immediate"):
        add(
            ("outcomes", i, "level"),
            f"outcome '{outcome.id}': kind 'crisis' and level 'immediate' go together (one is set without the other); set both or neither",
        )
    button = {"call": "call", "book": "booking"}.get(outcome.call_to_action)
    if button and outcome.kind in KINDS_WITHOUT_CLINIC_BUTTON:
        add(
            ("outcomes", i, "call_to_action"),
            f"outcome '{outcome.id}' is of kind '{outcome.kind}': it sends people to crisis help, to their own doctor or away from "
            f"this treatment, so it cannot show the clinic's {button} button (set call_to_action: none)",
        )
    elif outcome.call_to_action == "book" and outcome.kind == "talk-first":
        add(
            ("outcomes", i, "call_to_action"),
            f"outcome '{outcome.id}' is of kind 'talk-first': it may offer a call, not booking "
            "(use call_to_action: call, or kind 'discuss-with-clinic' if booking is the next step)",
        )


def _tests(page: SelfCheckPage, classes: dict[str, list[AnswerClass]]) -> list[dict[str, set[int]]]:
    """For each rule: question id -> the indexes of that question's classes that pass the rule's test on it."""
    return [
        {m.question: {n for n, c in enumerate(classes[m.question]) if c.values & set(m.any_of)} for m in rule.when} for rule in page.rules
    ]


def _cubes(tests: list[dict[str, set[int]]], classes: dict[str, list[AnswerClass]], start: dict[str, int] | None = None) -> list[Cube]:
    """Split every combination of answers (that agrees with `start`) into cubes, each decided by one rule or by none."""
    cubes: list[Cube] = []

    def split(fixed: dict[str, int], candidates: list[int]) -> None:
        if not candidates:
            cubes.append(Cube(dict(fixed), None))
            return
        first = candidates[0]
        open_question = next((q for q in tests[first] if q not in fixed), None)
        if open_question is None:
            cubes.append(Cube(dict(fixed), first))  # every test of the first remaining rule holds: it decides
            return
        for n in range(len(classes[open_question])):
            fixed[open_question] = n
            split(fixed, [r for r in candidates if open_question not in tests[r] or n in tests[r][open_question]])
            del fixed[open_question]

    fixed = dict(start or {})
    split(fixed, [r for r in range(len(tests)) if all(q not in tests[r] or n in tests[r][q] for q, n in fixed.items())])
    return cubes


def _example(page: SelfCheckPage, classes: dict[str, list[AnswerClass]], fixed: dict[str, int], answered_only: bool = False) -> str:
    shown = [q for q in page.questions if q.id in fixed and not (answered_only and fixed[q.id] == 0)]
    return ", ".join(f"{q.id}={classes[q.id][fixed[q.id]].label}" for q in shown) or "nothing else answered"


def _check_paths(page: SelfCheckPage, crisis_outcomes: list[Outcome], add: Add) -> None:
    mentioned: dict[str, list[frozenset[str]]] = {q.id: [] for q in page.questions}
    for rule in page.rules:
        for match in rule.when:
            mentioned[match.question].append(frozenset(match.any_of))
    classes = {q.id: _answer_classes(q, mentioned[q.id]) for q in page.questions}
    tests = _tests(page, classes)
    cubes = _cubes(tests, classes)
    uncovered = next((c for c in cubes if c.rule is None), None)
    if uncovered is not None:
        add(
            ("rules",),
            f"no rule gives an outcome when the answers are: {_example(page, classes, uncovered.fixed)}; "
            "add a fallback rule at the end (a rule with no 'when')",
        )
        return
    outcomes = {o.id: o for o in page.outcomes}
    reached = {c.rule for c in cubes}
    for index, rule in enumerate(page.rules):
        if index not in reached:
            add(("rules", index), f"rule '{rule.id}' can never apply: the rules above it always match first", "warning")
    _check_safe_paths(page, classes, cubes, outcomes, add)
    _check_clinical_questions(page, classes, tests, cubes, add)
    reachable = {page.rules[c.rule].outcome for c in cubes if c.rule is not None}
    if crisis_outcomes:
        reachable.add(crisis_outcomes[0].id)
    if page.questionnaire:
        reachable.update(b.outcome for b in page.questionnaire.bands)
        if page.questionnaire.critical_outcome:
            reachable.add(page.questionnaire.critical_outcome)
    for i, outcome in enumerate(page.outcomes):
        if outcome.id not in reachable:
            add(("outcomes", i, "id"), f"outcome '{outcome.id}' can never be shown: no reachable rule leads to it")


def _check_safe_paths(page: SelfCheckPage, classes, cubes: list[Cube], outcomes: dict[str, Outcome], add: Add) -> None:
    """Labeled contraindications never reach the clinic's button; 'booking: false' answers, skipped clinical
    questions and screening questions without their 'booking_requires' answer never reach booking. The page shows the most cautious outcome that applies (a questionnaire band can
    only make it more cautious), so checking the rules is enough."""
    reported: set[tuple] = set()
    equal = {q: [[n for n, c in enumerate(answers) if c == one] for one in answers] for q, answers in classes.items()}
    for cube in cubes:
        assert cube.rule is not None
        rule = page.rules[cube.rule]
        outcome = outcomes.get(rule.outcome)
        if outcome is None:
            continue  # reported by the cross-reference check
        for question in page.questions:
            fixed = cube.fixed.get(question.id)
            answers = classes[question.id]
            # The classes this cube lets people answer: all of them, or those equal to the one it fixes.
            choices = range(len(answers)) if fixed is None else equal[question.id][fixed]
            example = dict(cube.fixed)
            labeled = next((n for n in choices if answers[n].labeled), None)
            if (
                labeled is not None
                and outcome.kind not in KINDS_WITHOUT_CLINIC_BUTTON
                and (rule.id, question.id, "labeled") not in reported
            ):
                reported.add((rule.id, question.id, "labeled"))
                example[question.id] = labeled
                answer = classes[question.id][labeled].labeled
                add(
                    ("rules", cube.rule, "outcome"),
                    f"rule '{rule.id}' shows outcome '{outcome.id}' (kind '{outcome.kind}') to people who answered '{answer}' to "
                    f"question '{question.id}', a labeled contraindication (e.g. {_example(page, classes, example, answered_only=True)}); it must lead to "
                    "a crisis, own-doctor or not-suitable outcome: add a rule above this one that sends it there",
                )
            if outcome.call_to_action == "book" and question.booking_requires is not None:
                _check_booking_requires(page, classes, cube, outcome, question, reported, add)
            if outcome.kind != "discuss-with-clinic":
                continue
            blocked = next((n for n in choices if answers[n].not_for_booking), None)
            if blocked is not None and (rule.id, question.id, "booking") not in reported:
                reported.add((rule.id, question.id, "booking"))
                example[question.id] = blocked
                add(
                    ("rules", cube.rule, "outcome"),
                    f"rule '{rule.id}' sends people who answered '{classes[question.id][blocked].not_for_booking}' to question "
                    f"'{question.id}' to booking (outcome '{outcome.id}'), but that answer is marked 'booking: false' "
                    f"(e.g. {_example(page, classes, example, answered_only=True)}): add a rule above this one that sends it to a talk-first outcome",
                )
            if question.clinical and (fixed is None or fixed == 0) and (rule.id, question.id, "skipped") not in reported:
                reported.add((rule.id, question.id, "skipped"))
                add(
                    ("rules", cube.rule, "outcome"),
                    f"rule '{rule.id}' sends people who did not answer question '{question.id}' to booking (outcome "
                    f"'{outcome.id}'), but the question is marked 'clinical: true': make the rule require an answer to it "
                    f"(a 'when' on '{question.id}')",
                )


def _check_booking_requires(
    page: SelfCheckPage, classes, cube: Cube, outcome: Outcome, question: Question, reported: set, add: Add
) -> None:
    """A booking rule must require the answer a screening question is marked to need ('booking_requires')."""
    assert cube.rule is not None
    rule = page.rules[cube.rule]
    fixed = cube.fixed.get(question.id)
    if fixed is not None and classes[question.id][fixed].values == {question.booking_requires}:
        return
    if (rule.id, question.id, "requires") in reported:
        return
    reported.add((rule.id, question.id, "requires"))
    example = {**cube.fixed, question.id: 0 if fixed is None else fixed}
    add(
        ("rules", cube.rule, "outcome"),
        f"rule '{rule.id}' shows the booking button (outcome '{outcome.id}') to people who did not answer "
        f"'{question.booking_requires}' to question '{question.id}' (e.g. {_example(page, classes, example)}), but the question "
        f"is marked 'booking_requires: {question.booking_requires}': add a 'when' on '{question.id}' with "
        f"any_of: [{question.booking_requires}] to this rule",
    )


def _check_clinical_questions(page: SelfCheckPage, classes, tests, cubes: list[Cube], add: Add) -> None:
    """A clinical question must change the outcome for some answers to the others.

    Only a cube that fixes the question can change with it (inside a cube the outcome is the same). For such a cube,
    answering the question another way while keeping the cube's other answers gives sub-cubes; if any leads to
    another outcome, the answer to this question changed it.
    """
    for i, question in enumerate(page.questions):
        if not question.clinical:
            continue
        depends = any(
            page.rules[other.rule].outcome != page.rules[cube.rule].outcome
            for cube in cubes
            if question.id in cube.fixed and cube.rule is not None
            for n in range(len(classes[question.id]))
            if n != cube.fixed[question.id]
            for other in _cubes(tests, classes, {**cube.fixed, question.id: n})
            if other.rule is not None
        )
        if not depends:
            add(
                ("questions", i, "clinical"),
                f"question '{question.id}' is marked 'clinical: true', but no answer to it changes the outcome: "
                "add rules that use its answers, or remove 'clinical: true'",
            )


def _check_questionnaire(page: SelfCheckPage, add: Add) -> None:
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

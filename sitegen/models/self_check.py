"""Model of self_check.yaml: questions, rules and outcomes of the 'Is this right for me?' page."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import Markdown, PageBase, PlainText, RefTo, Slug, SourceKey, StrictBool, StrictModel

QuestionRef = Annotated[str, RefTo("self_check_questions")]
OutcomeRef = Annotated[str, RefTo("self_check_outcomes")]


class Option(StrictModel):
    """One answer a person can pick."""

    value: Slug = Field(description="Stable id of the answer, used by rules, e.g. 'yes'.")
    label: PlainText = Field(description="The answer as shown.")
    crisis: StrictBool = Field(default=False, description="true if this answer suggests thoughts of self-harm: crisis help shows at once.")


class Question(StrictModel):
    """One question of the self-check."""

    id: Slug = Field(description="Stable id used by rules.")
    text: PlainText = Field(description="The question.")
    help: Markdown | None = Field(default=None, description="Extra explanation shown under the question.")
    kind: Literal["single", "multiple"] = Field(default="single", description="single: pick one; multiple: pick any.")
    safety: StrictBool = Field(default=False, description="true for a safety question: its crisis answers act at once.")
    options: list[Option] = Field(min_length=2, description="The answers to choose from.")
    sources: list[SourceKey] = Field(default_factory=list, description="References for any number or claim in the question or help text.")


class Condition(StrictModel):
    """A rule's test: the answer to one question is one of these values."""

    question: QuestionRef = Field(description="Id of the question.")
    any_of: list[Slug] = Field(min_length=1, description="Option values; the condition holds if any of them is chosen.")


class Rule(StrictModel):
    """If all conditions hold, show the outcome. Rules are tried in order; the first match wins."""

    id: Slug = Field(description="Stable id, for error messages and tests.")
    when: list[Condition] = Field(default_factory=list, description="All must hold. Empty: always matches (use last, as the fallback).")
    outcome: OutcomeRef = Field(description="Id of the outcome to show.")


class Outcome(StrictModel):
    """A result: what to do next. Never a diagnosis or an eligibility decision."""

    id: Slug = Field(description="Stable id.")
    level: Literal["immediate", "urgent", "discuss", "information"] = Field(description="immediate (crisis help now), urgent, discuss, or information.")
    title: PlainText = Field(description="Result heading.")
    body: Markdown = Field(description="What this means, in plain words.")
    next_steps: list[Markdown] = Field(default_factory=list, description="What to do next, as a checklist.")
    list_answers_of: list[QuestionRef] = Field(default_factory=list, description="Questions whose chosen answers are repeated in the result (e.g. the cautions a person ticked).")
    sources: list[SourceKey] = Field(default_factory=list, description="References for any number or claim in the outcome.")
    call_to_action: Literal["none", "call", "book"] = Field(default="none", description="Which clinic button to show: none, call, or book.")


class SelfCheckPage(PageBase):
    """The self-check page."""

    disclaimer: Markdown = Field(description="Shown before the questions and in every result: a guide to a conversation, not a diagnosis.")
    questions: list[Question] = Field(min_length=1, description="Questions, in order. Put the safety question first.")
    rules: list[Rule] = Field(min_length=1, description="Rules in priority order; the first that matches decides the outcome.")
    outcomes: list[Outcome] = Field(min_length=1, description="The possible results.")

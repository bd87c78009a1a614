"""Model of self_check.yaml: questions, rules and outcomes of the 'Is this right for me?' page."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sitegen.load.models.common import Markdown, PageBase, PlainText, RefTo, Slug, SourceKey, StrictBool, StrictModel

QuestionRef = Annotated[str, RefTo("self_check_questions")]
OutcomeRef = Annotated[str, RefTo("self_check_outcomes")]


class Option(StrictModel):
    """One answer a person can pick."""

    value: Slug = Field(description="Stable id of the answer, used by rules, e.g. 'yes'.")
    label: PlainText = Field(description="The answer as shown.")
    crisis: StrictBool = Field(default=False, description="true if this answer suggests thoughts of self-harm: crisis help shows at once.")
    contraindication: Literal["labeled"] | None = Field(
        default=None,
        description=(
            "'labeled' if this answer matches a contraindication in the drug label (e.g. an allergy to ketamine): "
            "the build checks that every path with it ends at a crisis, own-doctor or not-suitable outcome, never the clinic's button."
        ),
    )
    booking: StrictBool = Field(
        default=True,
        description=(
            "false if this answer must never lead to an outcome whose next step is booking (kind 'discuss-with-clinic'), "
            "e.g. only one antidepressant tried, or 'not sure'. The build checks every path."
        ),
    )


class Question(StrictModel):
    """One question of the self-check."""

    id: Slug = Field(description="Stable id used by rules.")
    text: PlainText = Field(description="The question.")
    help: Markdown | None = Field(default=None, description="Extra explanation shown under the question.")
    kind: Literal["single", "multiple"] = Field(default="single", description="single: pick one; multiple: pick any.")
    safety: StrictBool = Field(default=False, description="true for a safety question: its crisis answers act at once.")
    clinical: StrictBool = Field(
        default=False,
        description=(
            "true if the answer matters clinically (what the person wants help with, treatments tried): the build checks that "
            "the outcome changes with it, and that nobody who skips it is sent to booking."
        ),
    )
    booking_requires: Slug | None = Field(
        default=None,
        description=(
            "The answer this question must have before any outcome with the booking button, e.g. 'no' to the safety "
            "question or 'none' to a list of health problems. The build refuses a booking rule that does not require it, "
            "so nobody reaches booking with a screening question skipped."
        ),
    )
    options: list[Option] = Field(min_length=2, description="The answers to choose from.")
    sources: list[SourceKey] = Field(default_factory=list, description="References for any number or claim in the question or help text.")


class AnswerMatch(StrictModel):
    """A rule's test: the answer to one question is one of these values."""

    question: QuestionRef = Field(description="Id of the question.")
    any_of: list[Slug] = Field(min_length=1, description="Option values; the test holds if any of them is chosen.")


class Rule(StrictModel):
    """If every test holds, show the outcome. Rules are tried in order; the first match wins."""

    id: Slug = Field(description="Stable id, for error messages and tests.")
    when: list[AnswerMatch] = Field(default_factory=list, description="All must hold. Empty: always matches (use last, as the fallback).")
    outcome: OutcomeRef = Field(description="Id of the outcome to show.")


# What an outcome sends a person to, most cautious first; the page shows the most cautious outcome that applies.
OUTCOME_KINDS = ("crisis", "not-suitable", "own-doctor", "talk-first", "discuss-with-clinic")
KINDS_WITHOUT_CLINIC_BUTTON = ("crisis", "not-suitable", "own-doctor")
OutcomeKind = Literal["crisis", "not-suitable", "own-doctor", "talk-first", "discuss-with-clinic"]


class Outcome(StrictModel):
    """A result: what to do next. Never a diagnosis or an eligibility decision."""

    id: Slug = Field(description="Stable id.")
    kind: OutcomeKind = Field(
        description=(
            "Where it sends the person: crisis (crisis help now), not-suitable (a labeled contraindication), own-doctor "
            "(a caution to weigh with their own doctor), talk-first (other steps first; may offer a call), or "
            "discuss-with-clinic (may offer booking). The first three never show the clinic's call or booking button."
        )
    )
    level: Literal["immediate", "urgent", "discuss", "information"] = Field(
        description="immediate (crisis help now), urgent, discuss, or information."
    )
    title: PlainText = Field(description="Result heading.")
    body: Markdown = Field(description="What this means, in plain words.")
    next_steps: list[Markdown] = Field(default_factory=list, description="What to do next, as a checklist.")
    list_answers_of: list[QuestionRef] = Field(
        default_factory=list, description="Questions whose chosen answers are repeated in the result (e.g. the cautions a person ticked)."
    )
    sources: list[SourceKey] = Field(default_factory=list, description="References for any number or claim in the outcome.")
    call_to_action: Literal["none", "call", "book"] = Field(
        default="none",
        description="Which clinic button to show: none, call (talk-first or discuss-with-clinic), or book (discuss-with-clinic only).",
    )


class ScoredOption(StrictModel):
    """One answer on a scored questionnaire's shared scale."""

    label: PlainText = Field(description="The answer as shown, e.g. 'Several days'.")
    score: int = Field(ge=0, description="Points this answer adds to the total.")


class ScoredItem(StrictModel):
    """One item of a scored questionnaire."""

    id: Slug = Field(description="Stable id.")
    text: PlainText = Field(description="The item as shown.")
    critical: StrictBool = Field(
        default=False, description="true if any score above zero on this item must show 'critical_outcome' (e.g. an item about self-harm)."
    )


class ScoreBand(StrictModel):
    """A range of total scores and the outcome it leads to."""

    min: int = Field(ge=0, description="Lowest total in the band.")
    max: int = Field(ge=0, description="Highest total in the band.")
    label: PlainText = Field(description="Name of the band, e.g. 'mild'.")
    outcome: OutcomeRef = Field(description="Outcome shown for a total in this band.")


class Questionnaire(StrictModel):
    """A scored questionnaire the clinic adds itself (the project copies no copyrighted instrument)."""

    title: PlainText = Field(description="Heading shown above the items.")
    instructions: PlainText = Field(description="How to answer, e.g. the time frame.")
    attribution: PlainText | None = Field(default=None, description="Copyright or licence notice the instrument requires.")
    options: list[ScoredOption] = Field(min_length=2, description="The answer scale shared by every item.")
    items: list[ScoredItem] = Field(min_length=1, description="The items, in order.")
    bands: list[ScoreBand] = Field(min_length=1, description="Score bands; together they must cover every possible total once.")
    critical_outcome: OutcomeRef | None = Field(default=None, description="Outcome shown when a critical item scores above zero.")


class SelfCheckPage(PageBase):
    """The "Is this right for me?" self-check: questions, rules (the first that matches decides) and outcomes."""

    disclaimer: Markdown = Field(description="Shown before the questions and in every result: a guide to a conversation, not a diagnosis.")
    questions: list[Question] = Field(min_length=1, description="Questions, in order. Put the safety question first.")
    rules: list[Rule] = Field(min_length=1, description="Rules in priority order; the first that matches decides the outcome.")
    outcomes: list[Outcome] = Field(min_length=1, description="The possible results.")
    questionnaire: Questionnaire | None = Field(default=None, description="Optional scored questionnaire, answered after the questions.")

"""Models of the topic pages in content_data/topics/, one class per page type."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from sitegen.load.models.common import (
    Label,
    Markdown,
    PageBase,
    PageRef,
    PlainText,
    QuotedText,
    ServiceRef,
    Slug,
    SourceKey,
    StrictBool,
    StrictModel,
)


class HomeHighlight(StrictModel):
    """A signpost on the home page to one topic page."""

    page: PageRef = Field(description="Slug of the page this card links to, e.g. 'side-effects'.")
    text: PlainText = Field(description="One sentence saying what the reader finds there.")


class HomePage(PageBase):
    """Home page: the landing page at / for people thinking about ketamine treatment."""

    highlights: list[HomeHighlight] = Field(default_factory=list, description="Cards linking to the main topics.")


class HistoryEvent(StrictModel):
    """One dated event in ketamine's history."""

    date: str = Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description='When it happened: YYYY, YYYY-MM or YYYY-MM-DD. Quote it: "1999-08-12".'
    )
    title: PlainText = Field(description="A short headline for the event.")
    text: Markdown = Field(description="What happened and why it matters, in plain words.")
    sources: list[SourceKey] = Field(min_length=1, description="References that confirm the event.")


class HistoryPage(PageBase):
    """History page: a sourced timeline of ketamine, from the drug lab in the early sixties to esketamine today."""

    events: list[HistoryEvent] = Field(min_length=1, description="Timeline events, oldest first.")


class HowItWorksPage(PageBase):
    """How-it-works page: what is known, and what is still a guess, about how ketamine acts on the brain."""


EvidenceLevel = Literal["fda-approved", "strong-off-label", "moderate-off-label", "early-mixed", "not-supported"]


class StudyResult(StrictModel):
    """One thing a study or review found, with its source."""

    text: Markdown = Field(description="What the study found, with numbers.")
    sources: list[SourceKey] = Field(min_length=1, description="The study or review that found it.")


class Condition(StrictModel):
    """A condition ketamine is used or advertised for, with an honest evidence level."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"icd10"})

    id: Slug = Field(description="Stable anchor, e.g. 'ptsd'.")
    name: PlainText = Field(description="The condition's name in plain words.")
    evidence_level: EvidenceLevel = Field(
        description="fda-approved (esketamine only), strong-off-label (consistent, lasting results from several good trials), "
        "moderate-off-label (good trials, but results mostly short-term or not all positive), early-mixed, or not-supported."
    )
    regulatory_status: Markdown = Field(description="Exactly what is and is not FDA-approved for this condition.")
    summary: Markdown = Field(description="Two or three plain sentences: what the evidence says overall.")
    findings: list[StudyResult] = Field(default_factory=list, description="Key study results, each with a source.")
    icd10: list[Label] = Field(
        default_factory=list,
        description="ICD-10-CM codes for the clinician page, e.g. 'F33.2 Major depressive disorder, recurrent severe'.",
    )
    sources: list[SourceKey] = Field(default_factory=list, description="References for the summary and status.")


class ConditionsPage(PageBase):
    """Conditions page: what ketamine and esketamine are used for, and how strong the evidence is for each use."""

    conditions: list[Condition] = Field(min_length=1, description="The conditions, most evidence first.")


class Effect(StrictModel):
    """One side effect or risk."""

    name: PlainText = Field(description="The effect in plain words, e.g. 'Feeling detached or dreamlike'.")
    how_common: PlainText = Field(description="How often it happens, with a number where known.")
    detail: Markdown = Field(description="What it is like, how long it lasts, what to do.")
    sources: list[SourceKey] = Field(default_factory=list, description="References for the figures.")


class EffectGroup(StrictModel):
    """Side effects grouped by when they happen."""

    id: Slug = Field(description="Stable anchor, e.g. 'during-the-session'.")
    heading: PlainText = Field(description="Group heading.")
    timing: Literal["during", "hours-after", "longer-term"] = Field(description="When these effects happen.")
    intro: Markdown | None = Field(default=None, description="Short text before the list.")
    effects: list[Effect] = Field(min_length=1, description="The effects in this group.")


class ActionLevel(StrictModel):
    """When to call whom: the clinic, emergency services, or a crisis line."""

    level: Literal["clinic", "emergency", "crisis"] = Field(
        description="clinic, emergency (911/999) or crisis (988/116 123). Numbers come from clinic.yaml."
    )
    heading: PlainText = Field(description="e.g. 'Call the clinic if'.")
    signs: list[Markdown] = Field(min_length=1, description="The signs that call for this action.")


class Caution(StrictModel):
    """A reason not to have ketamine, or to be careful."""

    name: PlainText = Field(description="The condition or situation in plain words.")
    kind: Literal["contraindication", "caution"] = Field(
        description="contraindication (should not have it) or caution (needs a careful talk)."
    )
    detail: Markdown = Field(description="Why it matters and what to do.")
    sources: list[SourceKey] = Field(default_factory=list, description="References.")


class SideEffectsPage(PageBase):
    """Side effects page: what ketamine and esketamine can cause, how often, what to do, and who should be careful."""

    groups: list[EffectGroup] = Field(min_length=1, description="Effects grouped by timing.")
    action_levels: list[ActionLevel] = Field(min_length=1, description="When to call the clinic, 911 or 988.")
    cautions: list[Caution] = Field(default_factory=list, description="Who should be careful.")


class Myth(StrictModel):
    """A common belief and the facts."""

    id: Slug = Field(description="Stable anchor, e.g. 'party-drug'.")
    myth: QuotedText = Field(description="The belief, as people say it.")
    fact: Markdown = Field(description="What the evidence shows.")
    sources: list[SourceKey] = Field(min_length=1, description="References for the fact.")


class MythsPage(PageBase):
    """Myths page: common beliefs about ketamine and esketamine, each paired with the facts and their sources."""

    myths: list[Myth] = Field(min_length=1, description="The myths.")


class Stage(StrictModel):
    """One stage of a treatment course."""

    id: Slug = Field(description="Stable anchor, e.g. 'before-your-first-visit'.")
    heading: PlainText = Field(description="Stage heading.")
    when: Literal["before", "during", "after", "course", "maintenance"] = Field(description="Which part of treatment this is.")
    body: Markdown | None = Field(default=None, description="What happens.")
    steps: list[Markdown] = Field(default_factory=list, description="A checklist for the reader.")
    sources: list[SourceKey] = Field(default_factory=list, description="References.")


class WhatToExpectPage(PageBase):
    """What-to-expect page: the steps of treatment, from the first visit to follow-up, with checklists."""

    stages: list[Stage] = Field(min_length=1, description="The stages, in order.")


class TreatmentOption(StrictModel):
    """One way ketamine or esketamine is given."""

    id: Slug = Field(description="Stable anchor, e.g. 'iv-infusion'.")
    name: PlainText = Field(description="e.g. 'Ketamine infusion into a vein (IV)'.")
    service: ServiceRef | None = Field(
        default=None, description="The clinic service id this option corresponds to (clinic.yaml 'services')."
    )
    how_given: PlainText = Field(description="Short: how the medicine goes in.")
    fda_status: PlainText = Field(description="Exact regulatory status for depression.")
    fda_approved_for_depression: StrictBool = Field(description="true only for esketamine nasal spray (Spravato).")
    absorbed: PlainText = Field(description="About how much reaches the blood, e.g. 'All of it (100%)'.")
    monitoring: PlainText = Field(description="How the patient is watched and for how long.")
    typical_course: PlainText = Field(description="A typical schedule.")
    body: Markdown = Field(description="More detail in plain words.")
    sources: list[SourceKey] = Field(min_length=1, description="References.")


class TreatmentOptionsPage(PageBase):
    """Treatment options page: the ways ketamine and esketamine are given, compared in one table, with FDA status for each."""

    options: list[TreatmentOption] = Field(min_length=1, description="The options, compared in one table.")


class Trial(StrictModel):
    """One key study for the clinician evidence table."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"study"})

    id: Slug = Field(description="Stable anchor, e.g. 'elekt-d'.")
    study: Label = Field(description="Short name, e.g. 'ELEKT-D (Anand 2023)'.")
    condition: Label = Field(description="Population studied.")
    design: Label = Field(description="e.g. 'Open-label RCT vs ECT'.")
    n: int | None = Field(default=None, ge=1, description="Number of participants randomized or analysed.")
    result: Markdown = Field(description="Main result, with numbers.")
    sources: list[SourceKey] = Field(min_length=1, description="The study itself.")


class CliniciansPage(PageBase):
    """For-clinicians page: evidence table, contraindications, monitoring, dosing and referral information for referring physicians."""

    evidence: list[Trial] = Field(min_length=1, description="Evidence summary table rows.")
    contraindications: list[Caution] = Field(default_factory=list, description="Contraindications and cautions.")
    referral_steps: list[Markdown] = Field(default_factory=list, description="How to refer, step by step.")
    what_to_send: list[Markdown] = Field(default_factory=list, description="What to include with a referral.")


class GenericPage(PageBase):
    """A page a clinic adds itself: sections only."""

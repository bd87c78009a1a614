"""Model of lint.yaml: the editable word lists behind the content lint."""

from __future__ import annotations

from pydantic import Field

from sitegen.load.models.common import Label, PlainText, StrictModel

DEFAULT_BANNED = [
    "cure",
    "cures",
    "cured",
    "curing",
    "guarantee",
    "guaranteed",
    "guarantees",
    "permanent",
    "permanently",
    "miracle",
    "miraculous",
    "no side effects",
    "risk-free",
    "risk free",
    "100% safe",
    "completely safe",
    "totally safe",
    "instant relief",
    "works for everyone",
]


class SwitchedOff(StrictModel):
    """A claim-guard rule the clinic has switched off, and why; every build prints the reason."""

    rule: Label = Field(description="The rule id shown in brackets in the message, e.g. 'comparison'.")
    reason: PlainText = Field(
        min_length=20, description="Why this clinic may say what the rule refuses, in a full sentence; printed on every build."
    )


class LintConfig(StrictModel):
    """Word lists the content lint uses; a clinic may extend them."""

    banned_phrases: list[Label] = Field(
        default_factory=list,
        description="Claims to refuse on top of the built-in list (cure, guaranteed, permanent, miracle, ...), unless negated right before ('not a cure').",
    )
    medical_terms: list[Label] = Field(
        default_factory=list, description="Medical words that must be in the glossary when a patient page uses them."
    )
    switched_off: list[SwitchedOff] = Field(
        default_factory=list, description="Claim-guard rules this clinic switches off, each with a written reason the build prints."
    )
    review_interval_days: int = Field(
        default=182, ge=1, description="When 'build.py review' signs a page off, the next review is due after this many days."
    )
    max_reading_grade: float = Field(default=8.0, description="Highest Flesch-Kincaid grade allowed on a patient page.")
    medical_terms_by_language: dict[Label, list[Label]] = Field(
        default_factory=dict,
        description="For each further language ('es'), its medical words that must be in that language's glossary when a patient page uses them.",
    )
    min_reading_ease: dict[Label, float] = Field(
        default_factory=lambda: {"es": 55.0},
        description="For each further language, the lowest reading ease allowed on a patient page ('es': Szigriszt-Pazos perspicuity; 55 is the start of 'normal' on the INFLESZ scale).",
    )
    review_warning_days: int = Field(default=60, ge=0, description="Warn when a page's review is due within this many days.")
    page_weight_budget_kb: int = Field(
        default=100,
        ge=20,
        description="Warn when a built page, compressed, with the styles, scripts and images it loads at once, weighs more than this many KB: heavy pages are slow to open on a phone.",
    )
    photo_budget_kb: int = Field(
        default=8000,
        ge=100,
        le=50_000,
        description="Refuse a photo file (team photos in clinic.yaml) larger than this many KB; the site makes its own small copies, so a smaller original loses nothing.",
    )

    @property
    def all_banned_phrases(self) -> list[str]:
        """The built-in claims plus the clinic's own additions."""
        return list(dict.fromkeys([*DEFAULT_BANNED, *self.banned_phrases]))

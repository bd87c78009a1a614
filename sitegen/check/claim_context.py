"""What the claim guard is given and gives back: a text's context, what a cited source is, a refused claim.

Apart from the guard itself (claim_guard.py), so that a build whose texts all passed before never loads the guard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

RULES_FILE = Path(__file__).with_name("claim_rules.yaml")


@dataclass(frozen=True)
class Hit:
    """One refused claim: which rule, the offending words and where they start in the text."""

    rule: str
    match: str
    start: int
    message: str
    suggestion: str

    def format(self) -> str:
        return f'[{self.rule}] {self.message} (suggest: "{self.suggestion}")'


@dataclass(frozen=True)
class Source:
    """What the guard needs to know of a cited reference."""

    clinic_data: bool = False
    head_to_head: bool = False


@dataclass
class TextContext:
    """Where a text sits: the heading or text before it, the text after it, and what its citations point to."""

    before: list[str] = field(default_factory=list)  # nearest last: e.g. the item's heading
    after: list[str] = field(default_factory=list)  # nearest first: e.g. the section's body, for its heading
    source: Callable[[str], Source | None] = lambda key: None
    can_cite: bool = True  # False for titles, headings and the clinic profile, where a citation cannot go
    contact_details: bool = False  # the clinic profile: phone numbers and hours are not figures


def rules_file(lang: str = "en") -> Path:
    """The rule set for texts in `lang`: claim_rules.yaml for English, claim_rules.<lang>.yaml for any other."""
    code = lang.split("-")[0].lower()
    return RULES_FILE if code == "en" else RULES_FILE.with_name(f"claim_rules.{code}.yaml")

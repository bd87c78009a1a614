"""Reading-grade scores (Flesch-Kincaid, SMOG) of a page's patient-facing text."""
from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|]|^\s*[-+]\s+|^\s*\d+\.\s+", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """Markdown reduced to readable sentences; every fragment ends as a sentence."""
    text = _MARKUP.sub("", _LINK.sub(r"\1", markdown))
    parts = [p.strip() for p in re.split(r"\n\s*\n|\n(?=\s*[-+*]|\s*\d+\.)", text) if p.strip()]
    return " ".join(p if p[-1] in ".?!:;" else p + "." for p in parts)


@dataclass(frozen=True)
class Grade:
    flesch_kincaid: float
    smog: float
    words: int


def grade(fragments: list[str]) -> Grade:
    text = " ".join(plain_text(f) for f in fragments)
    return Grade(
        flesch_kincaid=round(textstat.flesch_kincaid_grade(text), 1),
        smog=round(textstat.smog_index(text), 1),
        words=textstat.lexicon_count(text),
    )

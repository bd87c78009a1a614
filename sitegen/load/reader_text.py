"""Text as a reader sees it: NFKC-normalised, and refused when it hides characters or mixes lookalike alphabets."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Bidirectional controls reorder what is shown ("988" shown, 889 dialled); named so the message says which one.
_BIDI = {
    "\u061c": "ARABIC LETTER MARK",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    **{chr(c): unicodedata.name(chr(c)) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]},
}
# Letters of other alphabets that look like Latin ones: a word made only of them reads as English ("сое").
_LOOKALIKES = set("авекмнорстухіјѕԁԛԝӏАВЕКМНОРСТХІЈЅοινρκατυΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Unreadable:
    """Why a text is refused, and the characters to point at."""

    message: str
    at: str  # the offending character or word, to find its column


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def _hidden_character(text: str) -> Unreadable | None:
    for char in text:
        if char in "\n\t":
            continue
        if char in _BIDI:
            return Unreadable(
                f"the text contains an invisible direction control ({_describe(char)}), which makes the text show in a "
                "different order than it is read or dialled; delete it (retype the text around it)",
                char,
            )
        category = unicodedata.category(char)
        if category == "Cc":
            return Unreadable(f"the text contains a control character ({_describe(char)}); delete it (retype the text around it)", char)
        if category in ("Cf", "Co", "Cn", "Cs", "Zl", "Zp"):
            return Unreadable(
                f"the text contains an invisible or unassigned character ({_describe(char)}), which hides words from the "
                "content rules; delete it (retype the text around it)",
                char,
            )
    return None


def _script(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def _mixed_word(text: str) -> Unreadable | None:
    for match in _WORD.finditer(text):
        word = match.group(0)
        scripts = sorted({_script(c) for c in word})
        if len(scripts) > 1 and "LATIN" in scripts and any(c in _LOOKALIKES for c in word):
            others = " and ".join(s.title() for s in scripts if s != "LATIN")
            return Unreadable(
                f"the word '{word}' mixes {others} letters into a Latin word, where they look like Latin letters but are "
                "not; retype the word on an English keyboard",
                word,
            )
        if len(word) > 1 and all(c in _LOOKALIKES for c in word):
            return Unreadable(
                f"the word '{word}' is written in {scripts[0].title()} letters that look like Latin ones; "
                "retype the word on an English keyboard",
                word,
            )
    return None


def _loose_mark(text: str) -> Unreadable | None:
    """A combining mark NFKC could not join to its letter ('c\u0336ure' shows a struck 'cure' that no rule matches)."""
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me"):
            return Unreadable(f"the text contains a combining mark ({_describe(char)}) on its own; retype the word without it", char)
    return None


def reader_text(text: str) -> tuple[str, Unreadable | None]:
    """(the text in NFKC form, why it is refused or None): every content rule then sees what a reader sees."""
    problem = _hidden_character(text)
    if problem:
        return text, problem
    normal = unicodedata.normalize("NFKC", text)
    return normal, _hidden_character(normal) or _loose_mark(normal) or _mixed_word(normal)

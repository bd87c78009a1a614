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
# Only characters outside printable ASCII can hide or look like something else: the scans look at those alone, so a
# long plain text is checked at regex speed.
_PLAIN = frozenset(map(chr, range(0x20, 0x7F))) | {"\n", "\t"}
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Unreadable:
    """Why a text is refused, and the characters to point at."""

    message: str
    at: str  # the offending character or word, to find its column


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


def _unusual(text: str) -> list[str]:
    """The characters outside printable ASCII, each once, in the order they first appear."""
    return sorted(set(text) - _PLAIN, key=text.index)


def _hidden_character(text: str) -> Unreadable | None:
    for char in _unusual(text):
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
    foreign = {c: _script(c) for c in _unusual(text) if c.isalpha() and _script(c) != "LATIN"}
    if not foreign:
        return None  # every letter is Latin: no word can mix alphabets
    for word in dict.fromkeys(_WORD.findall(text)):  # each distinct word once
        letters = set(word)
        if letters.isdisjoint(foreign):
            continue
        shown = word if len(word) <= 40 else word[:40] + "..."
        scripts = {foreign.get(c, "LATIN") for c in letters}
        if "LATIN" in scripts and letters & _LOOKALIKES:
            others = " and ".join(sorted(s.title() for s in scripts if s != "LATIN"))
            return Unreadable(
                f"the word '{shown}' mixes {others} letters into a Latin word, where they look like Latin letters but are "
                "not; retype the word on an English keyboard",
                word,
            )
        if len(word) > 1 and letters <= _LOOKALIKES:
            return Unreadable(
                f"the word '{shown}' is written in {foreign[word[0]].title()} letters that look like Latin ones; "
                "retype the word on an English keyboard",
                word,
            )
    return None


def _loose_mark(text: str) -> Unreadable | None:
    """A combining mark NFKC could not join to its letter ('c\u0336ure' shows a struck 'cure' that no rule matches)."""
    for char in _unusual(text):
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

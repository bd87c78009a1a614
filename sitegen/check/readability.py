"""Reading-grade scores (Flesch-Kincaid, SMOG) of a page's patient-facing text."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyphen

from sitegen.core import cache
from sitegen.core.markup import strip_citations

_GRADE_ENTRY = re.compile(r"-?\d{1,6}\.\d -?\d{1,6}\.\d \d{1,9}")  # what grade() saves: two scores and a word count


def _is_grade_entry(entry: str) -> bool:
    return _GRADE_ENTRY.fullmatch(entry) is not None


# Link text and address stop at the next bracket: [^\]]* ran to the end of the text from every '[' (quadratic).
_LINK = re.compile(r"\[([^\[\]]*)\]\([^)\[]*\)")
_MARKUP = re.compile(r"[*_`#>|]|^\s*[-+]\s+|^\s*\d+\.\s+", re.MULTILINE)
# Blank lines, however many, are one paragraph break: the patterns above and below start at every line start of a
# run of blank lines and scan the rest of it, which is quadratic in its length. (?<!\s) starts each run once.
_BLANK_LINES = re.compile(r"(?<!\s)\s*\n\s*\n\s*")


def plain_text(markdown: str) -> str:
    """Markdown reduced to readable sentences; every fragment ends as a sentence."""
    # A reader sees a citation as a small number, not its id: '[^berman-2000]' is not words.
    text = _MARKUP.sub("", _LINK.sub(r"\1", _BLANK_LINES.sub("\n\n", strip_citations(markdown))))
    parts = [p.strip() for p in re.split(r"\n\s*\n|\n(?=\s*[-+*]|\s*\d+\.)", text) if p.strip()]
    return " ".join(p if p[-1] in ".?!:;" else p + "." for p in parts)


@dataclass(frozen=True)
class Grade:
    flesch_kincaid: float
    smog: float
    words: int


def grade(fragments: list[str]) -> Grade:
    # Scores are kept on disk by text: most builds change few pages, and loading the hyphenation patterns is slow.
    # The key is the Markdown as written, so a kept score needs no plain text made first.
    name = cache.key(_VERSION, str(len(fragments)), *fragments)
    grades = cache.bundle("reading-grades")
    saved = ((grades.get(name, _is_grade_entry) if grades else None) or "").split()
    try:
        return Grade(float(saved[0]), float(saved[1]), int(saved[2]))
    except (IndexError, ValueError):
        pass  # not saved yet, or a damaged entry: score the text again
    text = " ".join(plain_text(f) for f in fragments)
    result = Grade(flesch_kincaid=round(flesch_kincaid(text), 1), smog=round(smog(text), 1), words=word_count(text))
    if grades:
        grades.put(name, f"{result.flesch_kincaid} {result.smog} {result.words}")
    return result


# The formulas below follow textstat 0.7.4 step by step, including where it rounds, so a grade here is the grade
# an editor gets from textstat; they live here because importing textstat costs a fifth of a second per build.
_PUNCTUATION = re.compile(r"[^\w\s]")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_VERSION = f"pyphen {pyphen.__version__} " + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
_PYPHEN = f"pyphen {pyphen.__version__} en_US"


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def _round(number: float, points: int) -> float:
    scale = 10**points
    return math.floor(number * scale + math.copysign(0.5, number)) / scale


def word_count(text: str) -> int:
    return len(_PUNCTUATION.sub("", text).split())


_LONGEST_WORD = 64  # English words are shorter; hyphenating a 400 KB "word" took seconds


@lru_cache(maxsize=65536)
def _word_syllables(word: str) -> int:
    if len(word) > _LONGEST_WORD:
        return len(word) // 3  # not a word a reader can read: any large count fails the grade, as it should
    # Kept on disk by word: after an edit, the page's other words are counted without loading the hyphenation patterns.
    counts = cache.bundle("syllables")
    name = f"{_PYPHEN}\0{word}"
    saved = counts.get(name, _is_count) if counts else None
    if saved is not None:
        return int(saved)
    count = len(_hyphenator().positions(word)) + 1
    if counts:
        counts.put(name, str(count))
    return count


def _is_count(entry: str) -> bool:
    return entry.isascii() and entry.isdigit() and 0 < len(entry) < 4


def _syllables(text: str) -> int:
    return sum(_word_syllables(word) for word in _PUNCTUATION.sub("", text.lower()).split())


def _sentences(text: str) -> int:
    sentences = _SENTENCE.findall(text)
    return max(1, sum(1 for s in sentences if word_count(s) > 2))


def flesch_kincaid(text: str) -> float:
    words = word_count(text)
    if not words:
        return _round(-15.59, 1)
    per_sentence = _round(words / _sentences(text), 1)
    per_word = _round(_syllables(text) / words, 1)
    return _round(0.39 * per_sentence + 11.8 * per_word - 15.59, 1)


def smog(text: str) -> float:
    sentences = _sentences(text)
    if sentences < 3:
        return 0.0
    polysyllables = sum(1 for word in text.split() if _syllables(word) >= 3)
    return _round(1.043 * (30 * polysyllables / sentences) ** 0.5 + 3.1291, 1)


# Spanish reading ease: Szigriszt-Pazos' perspicuity, read on the INFLESZ scale, which was validated on Spanish
# texts written for patients (Barrio-Cantalejo et al., An Sist Sanit Navar 2008;31(2)). See CONTENT_GUIDE.md.
# Higher is easier, unlike a grade. Syllables are counted by Spanish rules, not by hyphenation: hyphenation
# dictionaries (pyphen, as textstat uses) never split a hiatus or leave one vowel alone ('dí-a', 'po-e-sí-a',
# 'a-e-ro-sol' come out as 1, 1 and 2 syllables), which made every Spanish text look easier than it is.
INFLESZ = ((80.0, "muy fácil"), (65.0, "bastante fácil"), (55.0, "normal"), (40.0, "algo difícil"), (float("-inf"), "muy difícil"))
_STRONG = set("aeoáéóíú")  # an accented i or u is a vowel of its own ('dí-a'), as a, e and o are
_WEAK = set("iuü")
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")  # que, qui, gue, gui: the u is not said ('güe' keeps it)


@dataclass(frozen=True)
class Ease:
    """A Spanish text's perspicuity (Szigriszt-Pazos), its INFLESZ grade ('normal'), and its word count."""

    score: float
    label: str
    words: int


@lru_cache(maxsize=65536)
def spanish_syllables(word: str) -> int:
    """Syllables of a Spanish word by its vowels: a diphthong (weak i/u beside a vowel) is one, a hiatus two."""
    letters = _SILENT_U.sub("", word.lower())
    letters = letters[:-1] + "i" if letters.endswith("y") else letters  # 'hoy', 'muy': a final y is a vowel
    count, previous = 0, ""
    for letter in letters:
        if letter in _STRONG:
            count += previous != "weak"  # after a weak vowel it joins its syllable ('tie-rra'); after a strong one, a hiatus
            previous = "strong"
        elif letter in _WEAK:
            count += previous == ""
            previous = "weak"
        else:
            previous = ""
    return max(1, count)


def perspicuity(text: str) -> float:
    """Szigriszt-Pazos: 206.835 - 62.3 x syllables per word - words per sentence."""
    words = _PUNCTUATION.sub("", text).split()
    if not words:
        return 0.0
    syllables = sum(spanish_syllables(word) for word in words)
    return _round(206.835 - 62.3 * syllables / len(words) - len(words) / _sentences(text), 1)


def inflesz_label(score: float) -> str:
    """The score's grade on the INFLESZ scale: 'muy difícil' below 40 ... 'muy fácil' from 80."""
    return next(label for floor, label in INFLESZ if score >= floor)


def reading_ease(fragments: list[str], lang: str = "es") -> Ease:
    """The reading ease of a page's texts (Markdown) in `lang`; only Spanish has a formula so far."""
    if lang.split("-")[0].lower() != "es":
        raise ValueError(f"no reading-ease formula for language '{lang}' (English pages use grade(): Flesch-Kincaid)")
    # Kept on disk by text, as grades are: a translated page's words rarely change between builds.
    name = cache.key(_VERSION, lang, str(len(fragments)), *fragments)
    eases = cache.bundle("reading-ease")
    saved = ((eases.get(name, _is_ease_entry) if eases else None) or "").split()
    if len(saved) == 2:
        return Ease(float(saved[0]), inflesz_label(float(saved[0])), int(saved[1]))
    text = " ".join(plain_text(f) for f in fragments)
    score = perspicuity(text)
    if eases:
        eases.put(name, f"{score} {word_count(text)}")
    return Ease(score, inflesz_label(score), word_count(text))


_EASE_ENTRY = re.compile(r"-?\d{1,6}\.\d \d{1,9}")  # what reading_ease() saves: the score and a word count


def _is_ease_entry(entry: str) -> bool:
    return _EASE_ENTRY.fullmatch(entry) is not None

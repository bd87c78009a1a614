"""Split a Markdown text into sentences, each keeping the inline citations written right after its full stop."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.core.markup import INLINE_CITE

_ABBREVIATIONS = {
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "e.g",
    "i.e",
    "vs",
    "etc",
    "st",
    "no",
    "approx",
    "u.s",
    "inc",
    "fig",
    "al",
    "mt",
    "jr",
    "sr",
    # Spanish: doctora, señora, señorita, usted, página, por ejemplo ('p. ej.'), número, etcétera
    "dra",
    "sra",
    "srta",
    "ud",
    "uds",
    "pág",
    "p",
    "ej",
    "núm",
}
# A sentence ends at . ! ? (then closing quotes or brackets, then any citations), before a space; paragraphs, list items
# and table cells end one too.
_END = re.compile(r"[.!?]+[\"'”’)\]*_]*(?:\s?\[\^[a-z0-9-]+\])*(?=\s|$)|\n\s*\n|\n\s*(?=[-*+] |\d+\. )|\s\|\s")


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the text it came from
    end: int
    text: str

    @property
    def citations(self) -> list[str]:
        return INLINE_CITE.findall(self.text)

    @property
    def is_question(self) -> bool:
        # Spanish opens a question with '¿'; English with one of these words.
        return self.text.rstrip().rstrip("\"'”’)*_").endswith("?") and bool(
            re.match(
                r"\W*(?:is|are|can|could|does|do|did|will|would|should|what|how|why|when|which|who|where|has|have)\b|[\W]*¿",
                self.text,
                re.I,
            )
        )


def split_sentences(text: str, lang: str = "en") -> list[Sentence]:
    """Every sentence of `text`, with offsets; a list item or heading without a full stop is one sentence.

    lang: the text's language; the abbreviations known (Dr., Dra., p. ej.) cover English and Spanish alike."""
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        word = re.search(r"([\w.]+)[.]$", text[start : match.start() + 1])  # \w covers 'pág', 'núm'

        if match.group(0).startswith(".") and word and word.group(1).casefold().rstrip(".") in _ABBREVIATIONS:
            continue
        _add(sentences, text, start, end)
        start = end
    _add(sentences, text, start, len(text))
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if piece.startswith("|"):
        piece = piece.lstrip("| ")
    if re.search(r"\w", piece):
        sentences.append(Sentence(start + lead, start + lead + len(piece), piece))

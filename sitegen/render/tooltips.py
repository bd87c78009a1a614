"""Glossary tooltips: the Markdown abbreviation lines (Material shows them as tooltips) for the words a page uses."""

from __future__ import annotations

import re

from sitegen.core.markup import word_pattern
from sitegen.load.content import Content


def _inner_words(word: str, words: dict) -> list[str]:
    """The other words that sit inside `word` on word boundaries ('NMDA' in 'NMDA receptor'), the only place they match."""
    starts = [0] + [m.end() for m in _BREAK.finditer(word)]
    ends = [m.start() for m in _BREAK.finditer(word)] + [len(word)]
    found = {word[i:j] for i in starts for j in ends if j > i}
    return [w for w in found if w in words and w != word]


_BREAK = re.compile(r"[^\w-]+")


class Tooltips:
    """The abbreviation lines for each page, from the glossary terms that have a tooltip."""

    def __init__(self, content: Content):
        self.definitions: dict[str, str] = {}
        for term in content.glossary.terms:
            if not term.tooltip:
                continue
            words = [term.term, *term.aliases]
            for word in dict.fromkeys(words + [w[:1].upper() + w[1:] for w in words]):
                self.definitions.setdefault(word, " ".join(term.definition.split()))
        # One pattern for every word, so a page is scanned once rather than once per word.
        alternatives = word_pattern(self.definitions)
        self.inside = {w: _inner_words(w, self.definitions) for w in self.definitions}
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if alternatives else None

    def lines_for(self, body: str) -> str:
        if self.pattern is None:
            return ""
        used = dict.fromkeys(m.group(0) for m in self.pattern.finditer(body))
        # A shorter word inside a longer match ('NMDA' in 'NMDA receptor') still gets its own tooltip; each round
        # scans once for all such words, and a word found may itself contain more.
        pending = {other for word in used for other in self.inside[word] if other not in used}
        while pending:
            found = set(re.findall(rf"(?<![\w-])(?:{word_pattern(pending)})(?![\w-])", body)) & pending
            used.update(dict.fromkeys(found))
            pending = {other for word in found for other in self.inside[word] if other not in used}
        return "\n".join(f"*[{w}]: {self.definitions[w]}" for w in self.definitions if w in used)

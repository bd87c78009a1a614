"""The site search index of one language, written at build time from the HTML MkDocs already made of each page:
a small file of page and section titles with a short excerpt each, and the stemmed terms split into shards by
their first letters, so that a search loads only the shards of the words typed (into <site>/search/)."""

from __future__ import annotations

import html as html_text
import json
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.site.search_words import SNOWBALL_JS, stemmer, stemmer_name, words

FOLDER = "search"  # beside Material's own (empty) search/search_index.json
SECTIONS_FILE = "sections.json"
SHARD_FOLDER = "terms"
KEY_LETTERS = 2  # terms are grouped by the first two letters of their stem ('bladder': 'bl')...
SHARD_BYTES = 3000  # ...and neighbouring groups share a file of about this size (uncompressed): few files, all small
# The boxes every page repeats (crisis help, review, disclaimer, print handout) would match on every page; citation
# numbers are not words; and the
# pilcrow after each heading is not part of its title.
EXCLUDED_CLASSES = frozenset({"cite", "headerlink", "crisis-help", "page-review", "page-disclaimer", "print-only"})
# Lists of links and citations that every answer has: a word there says nothing about this page.
SKIPPED_SECTIONS = frozenset({"related", "read-more", "sources"})
# A term's weight in a section: 8 for each time it is in the section's heading (16 in the page's title), plus up to 8
# for its text (BM25's saturating count: a word said often in a short section weighs most). So a page that names
# the word in its title comes before the pages that only mention it, and a long page does not win by its length.
TITLE_WEIGHT = 8
TEXT_WEIGHT = 4  # BM25's term-frequency part is below k1 + 1 = 2.2: times 4, at most 8
K1, B = 1.2, 0.75  # BM25's usual settings
MAX_WEIGHT = 60
EXCERPT_CHARS = 150

_CLASSED_TAG = re.compile(r'<(\w+)\b[^>]*?\bclass="([^"]*)"[^>]*>')
_HEADING = re.compile(r'<h([1-6])\b[^>]*?\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_SUMMARY = re.compile(r'<p class="page-summary">(.*?)</p>', re.S)
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|time|u)\b[^>]*>")  # inside a word
_TAG = re.compile(r"<[^>]+>")  # any other tag ends a word
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@dataclass
class Section:
    anchor: str  # '' for the page's own top (its title and the text before its first subheading)
    title: str
    text: str


@dataclass
class SiteIndex:
    """The index being built: pages, their sections, and each stemmed term's sections with weights."""

    lang: str
    pages: list[list[str]] = field(default_factory=list)  # [url, title, summary]
    sections: list[list] = field(default_factory=list)  # [page number, anchor, title, excerpt]
    postings: dict[str, dict[int, tuple[int, int]]] = field(default_factory=lambda: defaultdict(dict))  # (title points, count)
    lengths: list[int] = field(default_factory=list)  # words in each section's text

    def add_page(self, url: str, title: str, content: str) -> None:
        """Index one page from the HTML of its content (MkDocs' page.content), under its site-relative `url`."""
        stem = stemmer(self.lang)
        content = without_excluded(content)
        summary = _SUMMARY.search(content)
        sections = page_sections(content, title)
        page_number = len(self.pages)
        self.pages.append([url, title, plain(summary.group(1)) if summary else excerpt(sections[0].text if sections else "")])
        for section in sections:
            if section.anchor in SKIPPED_SECTIONS:
                continue
            number = len(self.sections)
            self.sections.append([page_number, section.anchor, section.title if section.anchor else "", excerpt(section.text)])
            titled: dict[str, int] = defaultdict(int)
            counts: dict[str, int] = defaultdict(int)
            for word in words(section.title):  # the page's own title counts twice a section's heading
                titled[stem(word)] += TITLE_WEIGHT * (1 if section.anchor else 2)
            text = words(section.text)
            for word in text:
                counts[stem(word)] += 1
            self.lengths.append(len(text))
            for term in titled.keys() | counts.keys():
                self.postings[term][number] = (titled.get(term, 0), counts.get(term, 0))

    def shards(self) -> dict[str, dict[str, list[int]]]:
        """The shards by their first key -> {term: [section, weight, section, weight, ...]}, each section as its gap
        from the one before. A shard holds every term whose key (first letters) is from its own to the next's."""
        by_key: dict[str, dict[str, list[int]]] = defaultdict(dict)
        average = sum(self.lengths) / len(self.lengths) if self.lengths and any(self.lengths) else 1.0
        for term in sorted(self.postings):
            flat, last = [], 0
            for number, (title_points, count) in sorted(self.postings[term].items()):
                flat += [number - last, min(title_points + self._text_weight(count, self.lengths[number] / average), MAX_WEIGHT)]
                last = number
            by_key[term[:KEY_LETTERS]][term] = flat
        found: dict[str, dict[str, list[int]]] = {}
        first, size = "", SHARD_BYTES
        for key, terms in by_key.items():
            if size >= SHARD_BYTES:
                first, size = key, 0
                found[first] = {}
            found[first].update(terms)
            size += len(_json(terms))
        return found

    @staticmethod
    def _text_weight(count: int, relative_length: float) -> int:
        """BM25's part for a word said `count` times in a text of `relative_length` times the average, 1 to 8."""
        if not count:
            return 0
        return max(1, round(TEXT_WEIGHT * count * (K1 + 1) / (count + K1 * (1 - B + B * relative_length))))

    def write(self, site_dir: Path) -> None:
        """Write the index and this language's stemmer into <site_dir>/search/ (the shards replace any old ones)."""
        folder = site_dir / FOLDER
        shutil.rmtree(folder / SHARD_FOLDER, ignore_errors=True)
        (folder / SHARD_FOLDER).mkdir(parents=True)
        shards = self.shards()
        for name, terms in shards.items():
            (folder / SHARD_FOLDER / f"{name}.json").write_text(_json(terms), encoding="utf-8")
        algorithm = stemmer_name(self.lang)
        if algorithm:
            for name in ("base-stemmer.js", f"{algorithm}-stemmer.js"):
                shutil.copyfile(SNOWBALL_JS / name, folder / name)
        index = {
            "lang": self.lang,
            "stemmer": f"{algorithm}-stemmer.js" if algorithm else None,
            "shards": sorted(shards),
            "pages": self.pages,
            "sections": self.sections,
        }
        (folder / SECTIONS_FILE).write_text(_json(index), encoding="utf-8")


def shard_name(key: str) -> str:
    """The file name of a shard: its first key, any letter outside a-z and 0-9 as _ and its hex code."""
    return "".join(c if "a" <= c <= "z" or "0" <= c <= "9" else f"_{ord(c):x}" for c in key)


def without_excluded(content: str) -> str:
    """The page's HTML without the elements of EXCLUDED_CLASSES (each with everything inside it)."""
    parts, at = [], 0
    for match in _CLASSED_TAG.finditer(content):
        if match.start() < at or not EXCLUDED_CLASSES.intersection(match.group(2).split()):
            continue
        parts.append(content[at : match.start()])
        at = _element_end(content, match.group(1), match.end())
    return "".join(parts) + content[at:]


def _element_end(content: str, tag: str, start: int) -> int:
    """Where the element whose start tag ends at `start` closes (its own tag name counted for nesting)."""
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>")
    depth = 1
    for match in pattern.finditer(content, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(content)


def page_sections(content: str, title: str) -> list[Section]:
    """The page cut at each heading with an id; the text before the second heading belongs to the page itself."""
    headings = list(_HEADING.finditer(content))
    sections = [Section("", title, "")]
    at = 0
    for match in headings:
        sections[-1].text += plain(content[at : match.start()]) + " "
        level = match.group(1)
        if level != "1":
            sections.append(Section(match.group(2), plain(match.group(3)), ""))
        at = match.end()
    sections[-1].text += plain(content[at:])
    for section in sections:
        section.text = section.text.strip()
    return sections


def plain(fragment: str) -> str:
    """The text of an HTML fragment, one space between words."""
    return _SPACE.sub(" ", html_text.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", fragment)))).strip()


def excerpt(text: str) -> str:
    """The first sentence of a text, cut at a word near EXCERPT_CHARS."""
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(first) <= EXCERPT_CHARS:
        return first
    return first[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

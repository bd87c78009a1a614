"""Numbered citations per page: markers in the text, and the list of sources they point to."""

from __future__ import annotations

import re

from sitegen.core.markup import INLINE_CITE, INLINE_CITES
from sitegen.load.models.references import Reference

# The words of a source list where no language's words are given (templates/ui/en.yaml has the same).
ENGLISH = {
    "sources_heading": "Sources",
    "web_page": "Web page",
    "clinic_data": "Clinic data:",
    "clinic_records": "{clinic}'s own records: {measured}, {patients} patients, {period}; {method}",
}


class Citations:
    """Numbers sources in the order a page first cites them, inline ([^id] in the text) or per item (its 'sources')."""

    SOURCES = "<!-- sources of this page -->"  # where the footer's source list goes, once every citation is numbered

    def __init__(self, references: dict[str, Reference], short: bool = False, note: str = "", words: dict | None = None):
        self._references = references
        self._words = words or ENGLISH
        self._order: list[str] = []
        self._short = short  # journal articles by first author, for a page that cites many sources
        self._note = note  # a line under the list, e.g. where the full titles are

    def number(self, key: str) -> int:
        if key not in self._order:
            self._order.append(key)
        return self._order.index(key) + 1

    def marker(self, keys: list[str], text: str = "") -> str:
        """An item's sources not already cited inside its text, written like inline citations; resolve() numbers them."""
        inline = set(INLINE_CITE.findall(text))
        return "".join(f"[^{k}]" for k in dict.fromkeys(keys) if k not in inline)

    def _superscript(self, keys: list[str]) -> str:
        """' [1, 2]' as superscript links to the page's source list; clinic data says what it measured, beside it."""
        links = ", ".join(f"[{self.number(k)}](#src-{k})" for k in dict.fromkeys(keys))
        notes = [
            clinic_data_note(self._references[k], self._words) for k in dict.fromkeys(keys) if self._references[k].kind == "clinic-data"
        ]
        note = "".join(f" ({n})" for n in notes)
        return f'{note}<sup class="cite">[{links}]</sup>'

    def resolve(self, body: str) -> str:
        """The page with every citation numbered in reading order, and its source list where the footer asked."""

        def replace(m: re.Match) -> str:
            # 'Sources: [^a]' keeps its space; 'felt better [^a].' does not.
            space = " " if m.group(0)[0].isspace() and body[m.start() - 1 : m.start()] == ":" else ""
            return space + self._superscript(INLINE_CITE.findall(m.group(0)))

        # Data for scripts (JSON in <script>) keeps its text as written.
        parts = re.split(r"(<script\b.*?</script>)", body, flags=re.S)
        body = "".join(part if part.startswith("<script") else INLINE_CITES.sub(replace, part) for part in parts)
        listing = ""
        if self._order:
            lines = [
                f'{n}. <span id="src-{ref.id}"></span>{format_reference(ref, short=self._short, words=self._words)}'
                for n, ref in self.cited()
            ]
            listing = (
                f"\n## {self._words['sources_heading']} {{ #sources }}\n\n"
                + "\n".join(lines)
                + "\n"
                + (f"\n{self._note}\n" if self._note else "")
            )
        return body.replace(self.SOURCES, listing)

    def cited(self) -> list[tuple[int, Reference]]:
        return [(i + 1, self._references[k]) for i, k in enumerate(self._order)]


def clinic_data_note(ref: Reference, words: dict | None = None) -> str:
    """What a clinic's own figure rests on, in words, shown beside the figure."""
    text = (words or ENGLISH)["clinic_records"]
    values = {"clinic": ref.container, "measured": ref.measured, "patients": ref.patients, "period": ref.period, "method": ref.method}
    return re.sub(r"\{([a-z_]+)\}", lambda m: str(values[m.group(1)]), text)


def format_reference(ref: Reference, short: bool = False, words: dict | None = None) -> str:
    """A source as one Markdown line: authors. Title. Journal. Year;vol(issue):pages. DOI / PMID / URL links.

    short: a journal article as 'First author et al. Journal. Year;vol:pages.' and its links (the DOI or PMID finds it),
    for a page that cites many sources; labels and web pages keep their title, which says what they are.
    """
    if ref.kind == "clinic-data":
        words = words or ENGLISH
        return f"{ref.title.rstrip('.')}. *{ref.container}*, {ref.year}. {words['clinic_data']} {clinic_data_note(ref, words)}."
    parts = []
    if ref.authors and short and ref.kind == "journal-article":
        first = ref.authors[0].rstrip(".")
        parts.append(first + (" et al." if len(ref.authors) > 1 else "."))
    else:
        if ref.authors:
            parts.append(", ".join(ref.authors).rstrip(".") + ".")
        parts.append(ref.title.rstrip(".") + ".")
    where = f"*{ref.container}*. {ref.year}"
    if ref.volume:
        where += f";{ref.volume}"
        if ref.issue:
            where += f"({ref.issue})"
    if ref.pages:
        where += f":{ref.pages}"
    parts.append(where + ".")
    links = []
    if ref.doi:
        links.append(f"DOI: [{ref.doi}](https://doi.org/{ref.doi})")
    if ref.pmid:
        links.append(f"PMID: [{ref.pmid}](https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/)")
    if ref.url and not links:
        links.append(f"[{ref.url}]({ref.url})")
    elif ref.url:
        links.append(f"[{(words or ENGLISH)['web_page']}]({ref.url})")
    return " ".join(parts) + (" " + " · ".join(links) if links else "")

"""Numbered citations per page: markers in the text, and the list of sources they point to."""

from __future__ import annotations

from sitegen.load.models.references import Reference


class Citations:
    """Numbers sources in the order a page first cites them."""

    def __init__(self, references: dict[str, Reference]):
        self._references = references
        self._order: list[str] = []

    def number(self, key: str) -> int:
        if key not in self._order:
            self._order.append(key)
        return self._order.index(key) + 1

    def marker(self, keys: list[str]) -> str:
        """' [1, 2]' as superscript links to the page's source list, or '' for no sources."""
        if not keys:
            return ""
        links = ", ".join(f"[{self.number(k)}](#src-{k})" for k in dict.fromkeys(keys))
        return f'<sup class="cite">[{links}]</sup>'

    def cited(self) -> list[tuple[int, Reference]]:
        return [(i + 1, self._references[k]) for i, k in enumerate(self._order)]


def format_reference(ref: Reference, short: bool = False) -> str:
    """A source as one Markdown line: authors. Title. Journal. Year;vol(issue):pages. DOI / PMID / URL links.

    short: a journal article as 'First author et al. Journal. Year;vol:pages.' and its links (the DOI or PMID finds it),
    for a page that cites many sources; labels and web pages keep their title, which says what they are.
    """
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
        links.append(f"[Web page]({ref.url})")
    return " ".join(parts) + (" " + " · ".join(links) if links else "")

"""Warn about a reference that no page, answer, self-check item or crisis option cites: use it or remove it."""

from __future__ import annotations

from pydantic import BaseModel

from sitegen.core.findings import Findings
from sitegen.core.markup import INLINE_CITE
from sitegen.load.content import Content
from sitegen.load.models.clinic import DEFAULT_CRISIS, Crisis
from sitegen.load.walk import walk


def cited_references(content: Content) -> set[str]:
    """Every reference id named in a 'sources' list, a crisis option's 'source' or a text's [^id], anywhere in the content."""
    models: list[BaseModel] = [content.clinic, *content.pages.values()]
    if content.overlay is not None:
        models.append(content.overlay)
    # The generator's default crisis help (by country) cites its sources for every clinic that uses it.
    models += [Crisis.model_validate(defaults) for defaults in DEFAULT_CRISIS.values()]
    cited = set()
    for model in models:
        for leaf in walk(model):
            if leaf.ref is not None and leaf.ref.collection == "references":
                cited.add(leaf.value)
            elif leaf.prose is not None and isinstance(leaf.value, str):
                cited.update(INLINE_CITE.findall(leaf.value))  # '[^id]' at the sentence
    return cited


def check_uncited_references(content: Content, findings: Findings) -> None:
    """A warning at each reference in references.yaml that nothing cites."""
    cited = cited_references(content)
    doc = content.documents["references"]
    for i, reference in enumerate(content.references.sources):
        if reference.id not in cited:
            pos = doc.position(("sources", i, "id"))
            findings.add(
                doc.path,
                pos.line,
                pos.col,
                f"reference '{reference.id}' is cited nowhere on the site: cite it in the 'sources' of the text it supports, or remove it",
                "warning",
            )

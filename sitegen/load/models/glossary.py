"""Model of glossary.yaml: plain definitions that also become tooltips site-wide."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from sitegen.load.models.common import GlossaryRef, Label, PageBase, PlainText, StrictBool, StrictModel


class GlossaryTerm(StrictModel):
    """A medical word and its plain-language meaning."""

    own_in_each_language: ClassVar[frozenset[str]] = frozenset({"aliases"})  # each language has its own plurals and spellings

    term: Label = Field(description="The word as it appears in text, e.g. 'NMDA receptor'.")
    definition: PlainText = Field(max_length=220, description="One or two plain sentences (shown as a tooltip, so keep it short).")
    aliases: list[Label] = Field(default_factory=list, description="Other spellings or plurals that should get the same tooltip.")
    see_also: list[GlossaryRef] = Field(default_factory=list, description="Other glossary terms worth reading, by their 'term'.")
    tooltip: StrictBool = Field(
        default=True, description="false for words so common on the site that a tooltip on each would get in the way (e.g. 'ketamine')."
    )


class GlossaryPage(PageBase):
    """Glossary page: plain meanings of the medical words used on the site; each term also gets a tooltip wherever it appears."""

    terms: list[GlossaryTerm] = Field(min_length=1, description="Terms, any order (the page sorts them).")

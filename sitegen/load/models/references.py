"""Model of references.yaml: every source once, with a DOI, PMID or official URL."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from sitegen.load.models.common import Label, PageBase, Slug, StrictModel


class Reference(StrictModel):
    """A primary source: journal article, FDA label or REMS page, Federal Register rule, crisis-line page."""

    id: Slug = Field(description="Short key used to cite it, e.g. 'berman-2000'.")
    kind: Literal["journal-article", "drug-label", "regulation", "government", "crisis-line", "guideline"] = Field(
        description="What sort of source it is."
    )
    authors: list[Label] = Field(default_factory=list, description="Authors as 'Surname AB'; the first few then 'et al.'.")
    title: Label = Field(description="Title of the article or document.")
    container: Label = Field(description="Journal name, or publisher/agency (e.g. 'US Food and Drug Administration').")
    year: int = Field(ge=1900, le=2100, description="Year published.")
    volume: Label | None = Field(default=None, description="Journal volume.")
    issue: Label | None = Field(default=None, description="Journal issue.")
    pages: Label | None = Field(default=None, description="Page range or article number.")
    doi: str | None = Field(default=None, pattern=r"^10\.\d{4,9}/\S+$", description="DOI without the https://doi.org/ prefix.")
    pmid: str | None = Field(default=None, pattern=r"^\d{1,9}$", description="PubMed id, digits only.")
    url: str | None = Field(default=None, pattern=r"^https://\S+$", description="Official web address (https) for non-journal sources.")

    @model_validator(mode="after")
    def _has_locator(self) -> Reference:
        if self.kind == "journal-article" and not (self.doi or self.pmid):
            raise ValueError("a journal article needs a 'doi' or a 'pmid' (verified; never guessed)")
        if not (self.doi or self.pmid or self.url):
            raise ValueError("a source needs at least one of 'doi', 'pmid' or 'url'")
        return self


class ReferencesPage(PageBase):
    """The references page and the list every citation points into."""

    sources: list[Reference] = Field(min_length=1, description="All sources, each once.")

"""Model of references.yaml: every source once, with a DOI, PMID or official URL."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from sitegen.load.models.common import Doi, Label, PageBase, PlainText, Slug, StrictBool, StrictModel, WebUrl


class Reference(StrictModel):
    """A primary source: journal article, FDA label or REMS page, Federal Register rule, crisis-line page."""

    # Bibliographic data stays in the source's own language in every translation.
    kept_as_written: ClassVar[frozenset[str]] = frozenset({"authors", "title", "container", "volume", "issue", "pages", "period"})

    id: Slug = Field(description="Short key used to cite it, e.g. 'berman-2000'.")
    kind: Literal["journal-article", "drug-label", "regulation", "government", "crisis-line", "guideline", "clinic-data"] = Field(
        description="What sort of source it is. 'clinic-data' is the clinic's own outcome records: say what was measured, in how "
        "many patients, over what period and how (fields measured, patients, period, method); the page shows them beside the figure."
    )
    authors: list[Label] = Field(default_factory=list, description="Authors as 'Surname AB'; the first few then 'et al.'.")
    title: Label = Field(description="Title of the article or document.")
    container: Label = Field(description="Journal name, or publisher/agency (e.g. 'US Food and Drug Administration').")
    year: int = Field(ge=1900, le=2100, description="Year published.")
    volume: Label | None = Field(default=None, description="Journal volume.")
    issue: Label | None = Field(default=None, description="Journal issue.")
    pages: Label | None = Field(default=None, description="Page range or article number.")
    doi: Doi | None = Field(default=None, description="DOI without the https://doi.org/ prefix, e.g. '10.1056/NEJMoa2302399'.")
    pmid: str | None = Field(default=None, pattern=r"^\d{1,9}$", description="PubMed id, digits only.")
    url: WebUrl | None = Field(default=None, description="Official web address (https) for non-journal sources.")
    head_to_head: StrictBool = Field(
        default=False,
        description="true if the study compared treatments directly (e.g. ketamine against ECT): only such a source backs 'better than'.",
    )
    measured: PlainText | None = Field(default=None, description="clinic-data: what was measured, e.g. 'PHQ-9 depression score'.")
    patients: int | None = Field(default=None, ge=1, description="clinic-data: how many patients the figure covers.")
    period: Label | None = Field(default=None, description="clinic-data: over what period, e.g. 'January to December 2025'.")
    method: PlainText | None = Field(
        default=None,
        description="clinic-data: how, e.g. 'every patient who finished six infusions; score before the first and after the last'.",
    )

    @model_validator(mode="after")
    def _has_locator(self) -> Reference:
        if self.kind == "clinic-data":
            missing = [name for name in ("measured", "patients", "period", "method") if getattr(self, name) is None]
            if missing:
                raise ValueError(
                    f"clinic data needs {', '.join(repr(m) for m in missing)}: say what was measured, in how many patients, over what period and how"
                )
            return self
        if self.kind == "journal-article" and not (self.doi or self.pmid):
            raise ValueError("a journal article needs a 'doi' or a 'pmid' (verified; never guessed)")
        if not (self.doi or self.pmid or self.url):
            raise ValueError("a source needs at least one of 'doi', 'pmid' or 'url'")
        return self


class ReferencesPage(PageBase):
    """References page: every source the site cites, once; cite one by its id in any 'sources' list."""

    sources: list[Reference] = Field(min_length=1, description="All sources, each once.")

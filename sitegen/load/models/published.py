"""Models of published.lock.yaml (addresses already online) and redirects.yaml (where renamed pages went)."""

from __future__ import annotations

from pydantic import Field

from sitegen.load.models.common import Label, PageRef, Slug, StrictModel

UrlPath = Label


class PublishedLock(StrictModel):
    """Every page address and FAQ answer id the site has published; none may vanish without a forward."""

    pages: list[UrlPath] = Field(default_factory=list, description="Page addresses, e.g. '/side-effects/'.")
    faq: list[Slug] = Field(default_factory=list, description="FAQ answer ids (current ids and aliases).")


class Redirect(StrictModel):
    """An old page address that must keep working."""

    from_: UrlPath = Field(alias="from", pattern=r"^/([a-z0-9-]+/)+$", description="The old address, e.g. '/risks/'.")
    to: PageRef = Field(description="Slug of the page that replaces it, e.g. 'side-effects'.")


class Redirects(StrictModel):
    """redirects.yaml: old addresses and the pages that replace them."""

    redirects: list[Redirect] = Field(default_factory=list, description="Old page addresses and where they now point.")

"""The clinic's own fact pages (team, locations, cost and insurance): which ones a clinic has, from what clinic.yaml fills in."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.load.models.clinic import Clinic
from sitegen.load.ui_strings import fill


@dataclass(frozen=True)
class FactPage:
    """One page made from clinic.yaml alone, not medically reviewed: its address, its words' keys and where it comes from."""

    slug: str
    field: str  # the clinic.yaml key it is made from
    words: str  # its title and summary in the template's words: '<words>_title', '<words>_summary'
    own_title: str | None = None  # the clinic's own title for it (clinic.yaml 'team.title', 'costs.title'), if any

    def title(self, words: dict) -> str:
        return self.own_title or str(words[f"{self.words}_title"])

    def summary(self, words: dict, clinic: Clinic) -> str:
        return fill(words[f"{self.words}_summary"], clinic=clinic.name)


FACT_SLUGS = ("team", "locations", "cost-and-insurance")


def fact_pages(clinic: Clinic) -> list[FactPage]:
    """The fact pages this clinic has, in menu order; a clinic that fills in none of them has none."""
    pages = []
    if clinic.team is not None:
        pages.append(FactPage("team", "team", "team", clinic.team.title))
    if any(location.has_directions for location in clinic.locations):
        pages.append(FactPage("locations", "locations", "locations"))
    if clinic.costs is not None:
        pages.append(FactPage("cost-and-insurance", "costs", "costs", clinic.costs.title))
    return pages

"""The clinic's own fact pages (team, locations, cost and insurance): which ones a clinic has, from what clinic.yaml fills in."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.load.models.clinic import Clinic


@dataclass(frozen=True)
class FactPage:
    """One page made from clinic.yaml alone, not medically reviewed: its address, title, summary and where it comes from."""

    slug: str
    title: str
    summary: str
    field: str  # the clinic.yaml key it is made from


FACT_SLUGS = ("team", "locations", "cost-and-insurance")


def fact_pages(clinic: Clinic) -> list[FactPage]:
    """The fact pages this clinic has, in menu order; a clinic that fills in none of them has none."""
    pages = []
    if clinic.team is not None:
        pages.append(
            FactPage(
                "team",
                clinic.team.title,
                f"Meet the people at {clinic.name}: who they are, what they do and the languages they speak.",
                "team",
            )
        )
    if any(location.has_directions for location in clinic.locations):
        pages.append(
            FactPage(
                "locations",
                "Locations and hours",
                f"Where to find {clinic.name}: addresses, opening hours, parking, step-free access and public transport.",
                "locations",
            )
        )
    if clinic.costs is not None:
        pages.append(
            FactPage(
                "cost-and-insurance",
                clinic.costs.title,
                f"What treatment at {clinic.name} costs, what each price includes, and how insurance and payment plans work.",
                "costs",
            )
        )
    return pages

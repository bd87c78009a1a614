"""Models of the clinic's own fact pages in clinic.yaml: its team, its prices and insurance, and photos."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field, model_validator

from sitegen.load.models.common import Label, Markdown, MarketingModel, PlainText, ServiceRef, Slug, StrictBool

PHOTO_FILE = r"^[\w./-]+\.(png|jpe?g|webp)$"
# Alt texts that say nothing about the picture: a word for 'picture', a camera's file name, or the file name itself.
_PLACEHOLDER_ALT = re.compile(
    r"^\W*(?:(?:a|an|the|our)\s+)?(?:photo|photograph|picture|pic|image|img|headshot|portrait|avatar|alt|alt text|logo|"
    r"untitled|placeholder|todo|tbd|staff|team|person|profile)(?:\s*(?:photo|picture|image|\d+))*\W*$"
    r"|^\W*(?:img|dsc|dscn|pxl|photo|image|screenshot|whatsapp image)[\s_-]*\d[\w\s_.-]*$"
    r"|\.(?:jpe?g|png|webp|heic|gif)\s*$",
    re.IGNORECASE,
)


def _check_photo_path(value: str) -> str:
    path = PurePosixPath(value)
    if value.startswith("/") or ".." in path.parts:
        raise ValueError(
            f"photo '{value}' must be a path inside the clinic's folder, from that folder, e.g. 'photos/maya-lee.jpg' "
            "(no leading '/', no '..')"
        )
    return value


def _check_alt(value: str) -> str:
    if _PLACEHOLDER_ALT.search(value.strip()) or len(value.strip()) < 5:
        raise ValueError(
            f"alt text '{value}' does not describe the photo; say what a person who cannot see it should know, "
            "e.g. 'Dr. Maya Lee, smiling, in a blue jacket'"
        )
    return value


PhotoFile = Annotated[str, Field(pattern=PHOTO_FILE), AfterValidator(_check_photo_path)]
AltText = Annotated[Label, AfterValidator(_check_alt)]


class Photo(MarketingModel):
    """A photo in the clinic's folder; the build makes phone- and screen-sized copies without the camera's metadata."""

    file: PhotoFile = Field(description="JPEG, PNG or WebP file, relative to clinic.yaml, e.g. 'photos/maya-lee.jpg'.")
    alt: AltText = Field(
        description="Required with a photo: what it shows, for people who cannot see it, e.g. 'Dr. Maya Lee, smiling, in a "
        "blue jacket'. Not 'photo' or a file name."
    )


class TeamMember(MarketingModel):
    """One person patients may meet."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"name"})

    id: Slug = Field(description="Stable id, e.g. 'maya-lee'; the page links to each person with it.")
    name: Label = Field(description="Full name as patients see it, e.g. 'Dr. Maya Lee'.")
    credentials: Label | None = Field(default=None, description="Degrees and certifications, e.g. 'MD, board-certified psychiatrist'.")
    role: Label = Field(description="What they do at the clinic, e.g. 'Medical director'.")
    photo: Photo | None = Field(default=None, description="A photo of the person, with a description for people who cannot see it.")
    bio: Markdown | None = Field(default=None, description="A few plain sentences about the person. No claims about results.")
    languages: list[Label] = Field(default_factory=list, description="Languages they speak with patients, e.g. English, Spanish.")
    years_in_practice: int | None = Field(default=None, ge=0, le=70, description="Years in practice, e.g. 15.")


class Team(MarketingModel):
    """The team page (/team/): shown only when clinic.yaml has a team."""

    title: Label | None = Field(default=None, description="Page title and menu entry; leave out for the template's ('Our team').")
    intro: Markdown | None = Field(default=None, description="A few sentences shown before the people.")
    people: list[TeamMember] = Field(min_length=1, description="The people, in the order the page shows them.")


class Price(MarketingModel):
    """One price a patient may pay."""

    name: Label = Field(description="What is priced, e.g. 'Ketamine infusion (IV)' or 'First consultation'.")
    service: ServiceRef | None = Field(default=None, description="The service it is for, from 'services', if any.")
    amount: float = Field(ge=0, description="The price as a number, without the currency sign, e.g. 450.")
    per: Literal["session", "course", "visit", "month"] = Field(description="What the amount pays for: session, course, visit or month.")
    sessions: int | None = Field(default=None, ge=1, le=100, description="For a course: how many sessions it covers, e.g. 6.")
    includes: list[PlainText] = Field(default_factory=list, description="What the price includes, one line each, e.g. 'Nurse monitoring'.")
    note: PlainText | None = Field(default=None, description="Anything else about this price, e.g. 'Paid at each visit'.")

    @model_validator(mode="after")
    def _sessions_for_courses(self) -> Price:
        if self.sessions is not None and self.per != "course":
            raise ValueError("'sessions' is only for a price 'per: course' (how many sessions the course covers)")
        return self


class Insurance(MarketingModel):
    """What insurance may pay, and other ways to pay."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"plans_billed"})  # the plans' own names

    plans_billed: list[Label] = Field(
        default_factory=list, description="Insurance plans the clinic bills directly, e.g. 'Aetna'. Empty: the clinic bills none."
    )
    covered: list[PlainText] = Field(default_factory=list, description="What insurance may pay for here, one line each.")
    not_covered: list[PlainText] = Field(default_factory=list, description="What insurance may not pay for here, one line each.")
    hsa_fsa: StrictBool | None = Field(
        default=None, description="true if patients can pay with a health savings (HSA) or flexible spending (FSA) card."
    )
    payment_plans: Markdown | None = Field(default=None, description="Payment plans the clinic offers, if any, in plain words.")
    note: Markdown | None = Field(default=None, description="Anything else about insurance, e.g. how to get a receipt for your plan.")


class Costs(MarketingModel):
    """The cost and insurance page (/cost-and-insurance/): shown only when clinic.yaml has costs."""

    title: Label | None = Field(default=None, description="Page title and menu entry; leave out for the template's ('Cost and insurance').")
    intro: Markdown | None = Field(default=None, description="A few sentences shown before the prices.")
    currency: Literal["USD", "GBP"] | None = Field(
        default=None, description="Currency of the prices; leave out for the country's (US: USD, GB: GBP)."
    )
    prices: list[Price] = Field(default_factory=list, description="Prices, in the order the page shows them.")
    insurance: Insurance | None = Field(default=None, description="Insurance, HSA/FSA and payment plans.")

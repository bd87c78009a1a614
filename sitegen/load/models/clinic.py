"""Model of clinic.yaml: everything that makes the site this clinic's own."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from sitegen.core.colours import HEX_COLOUR
from sitegen.load.models.common import Label, Markdown, PlainText, Slug, StrictBool, StrictModel

HexColour = Annotated[str, Field(pattern=HEX_COLOUR)]


class Address(StrictModel):
    """A postal address."""

    street: Label = Field(description="Street and number.")
    city: Label = Field(description="City or town.")
    region: Label | None = Field(default=None, description="State, county or region.")
    postal_code: Label = Field(description="ZIP or postcode.")
    country: Label = Field(description="Country code, e.g. 'US' or 'GB'.")


class Location(StrictModel):
    """One place patients visit."""

    id: Slug = Field(description="Stable id, e.g. 'downtown'.")
    name: Label = Field(description="Name shown to patients.")
    address: Address = Field(description="Postal address.")
    phone: Label | None = Field(default=None, description="Phone for this location, if different from the main one.")
    hours: list[Label] = Field(default_factory=list, description="Opening hours, one line each, e.g. 'Mon-Fri 8am-6pm'.")


class Service(StrictModel):
    """A treatment the clinic may offer; pages and calls to action follow 'offered'."""

    id: Slug = Field(description="Stable id, e.g. 'iv-ketamine'. Pages refer to it.")
    name: Label = Field(description="Name shown to patients.")
    offered: StrictBool = Field(description="true if this clinic offers it.")


class CrisisLine(StrictModel):
    """A number people can use to get help now."""

    name: Label = Field(description="e.g. '988 Suicide & Crisis Lifeline'.")
    number: Label = Field(description="What to dial or text, e.g. '988'.")
    how: Literal["call", "text", "call-or-text"] = Field(description="call, text or call-or-text.")
    url: str | None = Field(default=None, pattern=r"^https://\S+$", description="Official page of the line.")


class Crisis(StrictModel):
    """How to get help now; shown on every page."""

    emergency_number: Label = Field(description="Emergency services, e.g. '911' or '999'.")
    lines: list[CrisisLine] = Field(min_length=1, description="Crisis lines, most important first.")
    after_hours: PlainText | None = Field(default=None, description="What the clinic's patients do out of hours.")


class Reviewer(StrictModel):
    """A clinician who medically reviews pages."""

    id: Slug = Field(description="Id pages use in 'reviewed_by'.")
    name: Label = Field(description="Full name.")
    credentials: Label = Field(description="e.g. 'MD, board-certified psychiatrist'.")


class Colours(StrictModel):
    """Brand colours; each is checked for WCAG AA contrast where it sits behind or as text."""

    primary: HexColour = Field(description="Header background, as #rrggbb. White text sits on it.")
    accent: HexColour = Field(description="Links and buttons, as #rrggbb. Used as text on white.")


class Referral(StrictModel):
    """How clinicians refer patients."""

    phone: Label | None = Field(default=None, description="Referral line.")
    fax: Label | None = Field(default=None, description="Referral fax.")
    email: Label | None = Field(default=None, description="Secure referral email.")
    note: PlainText | None = Field(default=None, description="Anything else a referrer should know.")


# Crisis help by country when clinic.yaml gives none (sources: 988lifeline.org; samaritans.org).
DEFAULT_CRISIS = {
    "US": {
        "emergency_number": "911",
        "lines": [{"name": "988 Suicide & Crisis Lifeline", "number": "988", "how": "call-or-text", "url": "https://988lifeline.org/"}],
    },
    "GB": {
        "emergency_number": "999",
        "lines": [
            {
                "name": "Samaritans, free, day or night",
                "number": "116 123",
                "how": "call",
                "url": "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
            }
        ],
    },
}


class Clinic(StrictModel):
    """The clinic profile (clinic.yaml)."""

    @model_validator(mode="before")
    @classmethod
    def _default_crisis(cls, data):
        if isinstance(data, dict) and "crisis" not in data:
            country = data.get("country", "US")
            if country in DEFAULT_CRISIS:
                data = {**data, "crisis": DEFAULT_CRISIS[country]}
        return data

    name: Label = Field(description="Clinic name, shown in the header and title.")
    example: StrictBool = Field(default=False, description="true for a fictional demo clinic: every page then says so.")
    site_url: str = Field(pattern=r"^https?://\S+/$", description="The public address of the site, ending in '/'.")
    language: Label = Field(default="en", description="Language code of the content, e.g. 'en'.")
    country: Literal["US", "GB"] = Field(
        default="US",
        description="Country: sets the default crisis and emergency numbers (US: 988 and 911; GB: Samaritans 116 123 and 999).",
    )
    logo: str | None = Field(
        default=None, pattern=r"^[\w./-]+\.(svg|png)$", description="Logo file (SVG or PNG), relative to this file; shown in the header."
    )
    overlay: str | None = Field(
        default=None,
        pattern=r"^[\w./-]+\.ya?ml$",
        description="This clinic's own additions and text changes (an overlay YAML file), relative to this file.",
    )
    phone: Label = Field(description="Main phone number.")
    email: Label | None = Field(default=None, description="Public email address.")
    booking_url: str | None = Field(default=None, pattern=r"^https://\S+$", description="Where patients book a consultation.")
    colours: Colours = Field(description="Brand colours.")
    locations: list[Location] = Field(min_length=1, description="Where the clinic is.")
    services: list[Service] = Field(min_length=1, description="Treatments, offered or not.")
    crisis: Crisis = Field(
        default_factory=lambda: Crisis.model_validate(DEFAULT_CRISIS["US"]),  # the validator above picks by country
        description="Crisis and emergency help shown on every page. Leave it out to use the country's defaults.",
    )
    reviewers: list[Reviewer] = Field(min_length=1, description="Medical reviewers pages can name.")
    referral: Referral = Field(default_factory=Referral, description="How clinicians refer.")
    disclaimer: Markdown = Field(description="Shown in every page footer: education, not medical advice.")

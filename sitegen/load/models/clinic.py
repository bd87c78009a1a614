"""Model of clinic.yaml: everything that makes the site this clinic's own."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field, model_validator

from sitegen.core.colours import HEX_COLOUR
from sitegen.load.models.clinic_pages import Costs, Team
from sitegen.load.models.common import (
    Email,
    Label,
    LanguageCode,
    Markdown,
    MarketingModel,
    Phone,
    PlainText,
    SiteUrl,
    Slug,
    SourceKey,
    StrictBool,
    WebUrl,
)

HexColour = Annotated[str, Field(pattern=HEX_COLOUR)]

_PLACEHOLDER = re.compile(r"^\W*(todo|tbd|tba|n/?a|none|placeholder|x+|\?+|-+|\.+|lorem ipsum.*)\W*$|\b(todo|tbd|fixme)\b", re.IGNORECASE)


def _no_placeholder(text: str) -> str:
    if _PLACEHOLDER.search(text):
        raise ValueError(
            "this is a placeholder, not a statement; say that the clinic provides the treatments these pages describe and is paid "
            "for them, e.g. 'Harborview Ketamine Clinic provides ketamine infusions, one of the treatments this site describes, and is paid for them.'"
        )
    return text


ConflictStatement = Annotated[PlainText, AfterValidator(_no_placeholder)]


class Address(MarketingModel):
    """A postal address."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"street", "city", "region", "postal_code", "country"})

    street: Label = Field(description="Street and number.")
    city: Label = Field(description="City or town.")
    region: Label | None = Field(default=None, description="State, county or region.")
    postal_code: Label = Field(description="ZIP or postcode.")
    country: Label = Field(description="Country code, e.g. 'US' or 'GB'.")


class Location(MarketingModel):
    """One place patients visit."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"name"})

    id: Slug = Field(description="Stable id, e.g. 'downtown'.")
    name: Label = Field(description="Name shown to patients.")
    address: Address = Field(description="Postal address.")
    phone: Phone | None = Field(default=None, description="Phone for this location, if different from the main one.")
    hours: list[Label] = Field(default_factory=list, description="Opening hours, one line each, e.g. 'Mon-Fri 8am-6pm'.")
    # Directions: any of these makes a Locations page (/locations/) with every location on it.
    parking: PlainText | None = Field(default=None, description="Where to park and what it costs, e.g. 'Free parking behind the building.'")
    step_free_access: PlainText | None = Field(
        default=None, description="Step-free access for wheelchairs and pushchairs: ramps, lifts, an accessible toilet."
    )
    public_transport: PlainText | None = Field(default=None, description="Buses, trains or trams nearby, e.g. 'Bus 12 stops at the door.'")
    finding_the_door: PlainText | None = Field(
        default=None, description="How to find the entrance once there, e.g. 'Blue door left of the pharmacy.'"
    )
    map_url: WebUrl | None = Field(
        default=None,
        description="A link to this address on a map site, e.g. 'https://www.openstreetmap.org/...'. Leave out for an "
        "OpenStreetMap search of the address. The page shows it as a plain link: no map is embedded.",
    )

    @property
    def has_directions(self) -> bool:
        return any((self.parking, self.step_free_access, self.public_transport, self.finding_the_door, self.map_url))


class Service(MarketingModel):
    """A treatment the clinic may offer; pages and calls to action follow 'offered'."""

    id: Slug = Field(description="Stable id, e.g. 'iv-ketamine'. Pages refer to it.")
    name: Label = Field(description="Name shown to patients.")
    offered: StrictBool = Field(description="true if this clinic offers it.")


CrisisNumber = Annotated[str, Field(pattern=r"^[0-9]+( [0-9]+)*$")]


class CrisisWay(MarketingModel):
    """One way to reach a crisis line: call or text a number, or chat or video-call on a web page."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"message"})  # the word the line expects, e.g. AYUDA

    how: Literal["call", "text", "chat", "video"] = Field(description="call or text a number; chat or video (call) on a web page.")
    number: CrisisNumber | None = Field(default=None, description="For call and text: what to dial or text to, digits only, e.g. '988'.")
    message: Label | None = Field(default=None, description="For text: the word to send, e.g. 'AYUDA'.")
    url: WebUrl | None = Field(default=None, description="For chat and video: the official page to start it on.")
    then: Label | None = Field(default=None, description="What to do once connected or on the page, e.g. 'press 1', or 'choose ASL Now'.")

    @model_validator(mode="after")
    def _has_target(self) -> CrisisWay:
        if self.how in ("call", "text") and not self.number:
            raise ValueError(f"a '{self.how}' way needs a 'number' (what to dial or text to)")
        if self.how in ("chat", "video") and not self.url:
            raise ValueError(f"a '{self.how}' way needs a 'url' (the official page to start it on)")
        if self.message and self.how != "text":
            raise ValueError("'message' is only for a 'text' way (the word to send)")
        return self


class CrisisOption(MarketingModel):
    """Help on a crisis line for particular people (veterans, another language, deaf or hard of hearing)."""

    audience: Label = Field(description="Who it is for, as shown before the ways, e.g. 'Veterans and service members'.")
    audience_language: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        description="Language code of 'audience' if not the site's, e.g. 'es' for 'En español'.",
    )
    ways: list[CrisisWay] = Field(min_length=1, description="How they reach it, in order, e.g. call 988 and press 1, or text 838255.")
    source: SourceKey = Field(description="The line's own published instructions, as a reference id in references.yaml.")


class CrisisLine(MarketingModel):
    """A number people can use to get help now."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"name"})

    name: Label = Field(description="e.g. '988 Suicide & Crisis Lifeline'.")
    number: CrisisNumber = Field(description="What to dial or text, digits only (single spaces may group them), e.g. '988' or '116 123'.")
    how: Literal["call", "text", "call-or-text"] = Field(description="call, text or call-or-text.")
    url: WebUrl | None = Field(default=None, description="Official page of the line.")
    chat_url: WebUrl | None = Field(default=None, description="Official page where people can chat with the line online.")
    options: list[CrisisOption] = Field(
        default_factory=list, description="Help for particular people, shown under the line on every page, the 404 page and in print."
    )
    sources: list[SourceKey] = Field(
        default_factory=list,
        description="The line's own published instructions (reference ids); needed for a number the build does not know for the clinic's country.",
    )


class Crisis(MarketingModel):
    """How to get help now; shown on every page."""

    emergency_number: CrisisNumber = Field(description="Emergency services, digits only, e.g. '911' or '999'.")
    emergency_source: SourceKey | None = Field(
        default=None,
        description="Only for an emergency number the build does not know for the clinic's country: the reference that lists it.",
    )
    lines: list[CrisisLine] = Field(min_length=1, description="Crisis lines, most important first.")
    after_hours: PlainText | None = Field(default=None, description="What the clinic's patients do out of hours.")


class Reviewer(MarketingModel):
    """A clinician who medically reviews pages."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"name"})

    id: Slug = Field(description="Id pages use in 'reviewed_by'.")
    name: Label = Field(description="Full name.")
    credentials: Label = Field(description="e.g. 'MD, board-certified psychiatrist'.")
    works_for_clinic: StrictBool = Field(
        description=(
            "true if this reviewer works for the clinic or is paid by it (staff, owner, contractor); false for an independent "
            "reviewer. Every page says which, next to the reviewer's name."
        )
    )


class Colours(MarketingModel):
    """Brand colours; each is checked for WCAG AA contrast where it sits behind or as text."""

    primary: HexColour = Field(description="Header background, as #rrggbb. White text sits on it.")
    accent: HexColour = Field(description="Links and buttons, as #rrggbb. Used as text on white.")


class Referral(MarketingModel):
    """How clinicians refer patients."""

    phone: Phone | None = Field(default=None, description="Referral line.")
    fax: Phone | None = Field(default=None, description="Referral fax.")
    email: Email | None = Field(default=None, description="Secure referral email.")
    note: PlainText | None = Field(default=None, description="Anything else a referrer should know.")


class EditorSettings(MarketingModel):
    """The browser editor at /admin/ on the published site (off unless turned on); `build.py serve --cms` needs none of this."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"branch", "app_id"})

    enabled: StrictBool = Field(
        default=False, description="true to publish the editor at /admin/ with the site; staff sign in with the Git host."
    )
    backend: Literal["github", "gitlab"] = Field(default="github", description="Where the site's repository is hosted: github or gitlab.")
    repo: str = Field(pattern=r"^[\w.-]+(/[\w.-]+)+$", description="The repository as owner/name, e.g. 'harborview/patient-site'.")
    branch: Label = Field(default="main", description="The branch the editor saves to; the site is built from it.")
    base_url: WebUrl | None = Field(
        default=None,
        pattern=r"^https://\S+$",
        description="GitHub: the address of the OAuth sign-in service the clinic runs, e.g. 'https://auth.example.org'.",
    )
    api_root: WebUrl | None = Field(
        default=None,
        pattern=r"^https://\S+$",
        description="A self-hosted GitLab's API, e.g. 'https://git.example.org/api/v4'. Leave out for gitlab.com.",
    )
    app_id: Label | None = Field(default=None, description="GitLab: the application id of the OAuth application that lets staff sign in.")


# Crisis help by country when clinic.yaml gives none. Each option follows the line's own published instructions
# (988lifeline.org/get-help/what-to-expect, veteranscrisisline.net, SAMHSA's ASL announcement; samaritans.org).
DEFAULT_CRISIS = {
    "US": {
        "emergency_number": "911",
        "lines": [
            {
                "name": "988 Suicide & Crisis Lifeline",
                "number": "988",
                "how": "call-or-text",
                "url": "https://988lifeline.org/",
                "chat_url": "https://988lifeline.org/",
                "sources": ["lifeline-988", "lifeline-988-what-to-expect"],
                "options": [
                    {
                        "audience": "Veterans and service members",
                        "ways": [{"how": "call", "number": "988", "then": "press 1"}, {"how": "text", "number": "838255"}],
                        "source": "veterans-crisis-line",
                    },
                    {
                        "audience": "En español",
                        "audience_language": "es",
                        "ways": [{"how": "call", "number": "988", "then": "press 2"}, {"how": "text", "number": "988", "message": "AYUDA"}],
                        "source": "lifeline-988-what-to-expect",
                    },
                    {
                        "audience": "Deaf or hard of hearing",
                        "ways": [
                            {"how": "text", "number": "988"},
                            {"how": "video", "url": "https://988lifeline.org/", "then": "in American Sign Language (choose “ASL Now”)"},
                        ],
                        "source": "samhsa-988-asl",
                    },
                ],
            }
        ],
    },
    "GB": {
        "emergency_number": "999",
        "lines": [
            {
                "name": "Samaritans, free, day or night",
                "number": "116 123",
                "how": "call",
                "url": "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
                "sources": ["samaritans"],
            }
        ],
    },
}


class Clinic(MarketingModel):
    """The clinic profile (clinic.yaml): name, contact, brand colours, services, crisis numbers and reviewers. Change this one file to make the site your clinic's own; the bundled clinic is fictional."""

    kept_as_written: ClassVar[frozenset[str]] = frozenset({"name"})

    @model_validator(mode="before")
    @classmethod
    def _default_crisis(cls, data):
        if isinstance(data, dict) and "crisis" not in data:
            country = data.get("country", "US")
            if country in DEFAULT_CRISIS:
                data = {**data, "crisis": DEFAULT_CRISIS[country]}
        return data

    @model_validator(mode="after")
    def _languages_start_with_own(self) -> Clinic:
        if self.languages and self.languages[0] != self.language:
            raise ValueError(f"'languages' must start with the content's own language '{self.language}', e.g. [{self.language}, es]")
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("'languages' lists a language twice; list each once")
        return self

    @property
    def site_languages(self) -> list[str]:
        """Every language the site is built in, its own first."""
        return list(self.languages) or [self.language]

    name: Label = Field(description="Clinic name, shown in the header and title.")
    example: StrictBool = Field(default=False, description="true for a fictional demo clinic: every page then says so.")
    site_url: SiteUrl = Field(description="The public address of the site, ending in '/'.")
    language: LanguageCode = Field(default="en", description="Language code of the content, e.g. 'en'.")
    languages: list[LanguageCode] = Field(
        default_factory=list,
        description="The site's languages, its own 'language' first, e.g. [en, es]: English at /, Spanish at /es/ from "
        "content_data/translations/es/ and templates/ui/es.yaml. Leave out for one language.",
    )
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
    phone: Phone = Field(description="Main phone number.")
    email: Email | None = Field(default=None, description="Public email address.")
    security_contact: str | None = Field(
        default=None,
        pattern=r"^(https://\S+|[^@\s]+@[^@\s]+\.[^@\s]+)$",
        description="Who to tell about a security problem with the site: an email address or an https:// page. "
        "Published as /.well-known/security.txt; leave it out to publish none.",
    )
    booking_url: WebUrl | None = Field(default=None, description="Where patients book a consultation.")
    colours: Colours = Field(description="Brand colours.")
    locations: list[Location] = Field(min_length=1, description="Where the clinic is.")
    services: list[Service] = Field(min_length=1, description="Treatments, offered or not.")
    crisis: Crisis = Field(
        default_factory=lambda: Crisis.model_validate(DEFAULT_CRISIS["US"]),  # the validator above picks by country
        description="Crisis and emergency help shown on every page. Leave it out to use the country's defaults.",
    )
    team: Team | None = Field(default=None, description="The people patients may meet; gives the site a team page (/team/).")
    costs: Costs | None = Field(
        default=None, description="Prices, insurance and ways to pay; gives the site a cost and insurance page (/cost-and-insurance/)."
    )
    reviewers: list[Reviewer] = Field(min_length=1, description="Medical reviewers pages can name.")
    referral: Referral = Field(default_factory=Referral, description="How clinicians refer.")
    conflict_of_interest: ConflictStatement = Field(
        description=(
            "Add one or two plain sentences saying that the clinic provides the treatments these pages describe and is paid "
            "for them, e.g. 'Harborview Ketamine Clinic provides ketamine infusions, one of the treatments this site "
            "describes, and is paid for them.' It shows on the home page and in every page's review line."
        )
    )
    disclaimer: Markdown = Field(description="Shown in every page footer: education, not medical advice.")
    editor: EditorSettings | None = Field(
        default=None, description="The browser editor at /admin/ on the published site. Leave out to publish the site without it."
    )

"""What every host configuration says, gathered once: where the site lives, its forwards, and its hashed files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from sitegen.core.security_policy import EDITOR_PATH, HASHED_FILE, security_headers
from sitegen.core.urls import page_file, url_of
from sitegen.load.content import Content, shown_for

# Files in the uploaded folder that configure a host (Netlify, Cloudflare Pages, Apache) and are never served.
HOST_FILES = ("_headers", "_redirects", ".htaccess")
HOST_FILES_PATTERN = r"/(?:_headers|_redirects|\.htaccess)$"


@dataclass(frozen=True)
class Forward:
    """An old address and the one that replaced it (both site-absolute paths, e.g. '/faq/old/' -> '/faq/new/')."""

    old: str
    new: str


@dataclass
class SiteFacts:
    base: str  # the site's path on its host, '/' or '/ketamine/'
    forwards: list[Forward]
    hashed_files: list[str]  # site-absolute paths of content-hashed files
    headers: dict[str, str] = field(default_factory=security_headers)
    languages: list[str] = field(default_factory=list)  # the further languages, each built in a folder of its code
    # The browser editor's headers for everything under /admin/, when the clinic publishes it (else None).
    editor_headers: dict[str, str] | None = None
    top_level: list[str] = field(default_factory=list)  # the site folder's own entries ('faq/', '404.html'), editor left out

    @property
    def not_found_page(self) -> str:
        return self.base + "404.html"

    @property
    def language_not_found_pages(self) -> list[tuple[str, str]]:
        """(folder, its 404 page) per further language: a missing /es/ address shows the Spanish 404 page."""
        return [(f"{self.base}{language}/", f"{self.base}{language}/404.html") for language in self.languages]

    @property
    def editor_path(self) -> str:
        return self.base + EDITOR_PATH

    def editor_only_headers(self) -> dict[str, str]:
        """The headers whose value under /admin/ differs from the patient pages' (the policy and the opener policy)."""
        if self.editor_headers is None:
            return {}
        return {name: value for name, value in self.editor_headers.items() if self.headers.get(name) != value}


def forwards(content: Content, base: str = "/") -> list[Forward]:
    """Every old address a build keeps: renamed pages (redirects.yaml) and renamed FAQ answers (aliases)."""
    found: list[Forward] = []
    # Addresses are the same in every language, below its folder (/es/faq/old/ -> /es/faq/new/).
    for root in [base, *(f"{base}{language}/" for language in content.translations)]:
        found.extend(Forward(root + r.from_.lstrip("/"), root + url_of(page_file(r.to))) for r in content.redirects.redirects)
        for item in content.faq.items:
            if shown_for(content, item):
                found.extend(Forward(f"{root}faq/{alias}/", f"{root}faq/{item.id}/") for alias in item.aliases)
    return sorted(found, key=lambda f: f.old)


def site_facts(content: Content, site_dir: Path, editor_headers: dict[str, str] | None = None) -> SiteFacts:
    base = urlparse(content.clinic.site_url).path or "/"
    hashed = sorted(base + p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file() and HASHED_FILE.search(p.name))
    top = sorted(p.name + ("/" if p.is_dir() else "") for p in site_dir.iterdir() if p.name + "/" != EDITOR_PATH and p.name not in HOST_FILES)
    return SiteFacts(base, forwards(content, base), hashed, languages=sorted(content.translations), editor_headers=editor_headers, top_level=top)

"""Load and validate a whole content folder into one typed Content bundle."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.core.findings import Findings
from sitegen.core.paths import display_path
from sitegen.load.models.clinic import Clinic
from sitegen.load.models.common import PageBase
from sitegen.load.models.faq import FaqPage
from sitegen.load.models.glossary import GlossaryPage
from sitegen.load.models.lint_config import LintConfig
from sitegen.load.models.overlay import Overlay
from sitegen.load.models.published import Redirects
from sitegen.load.models.references import ReferencesPage
from sitegen.load.models.self_check import SelfCheckPage
from sitegen.load.models.topics import GenericPage
from sitegen.load.site_pages import SITE_PAGES, is_handout
from sitegen.load.validation import validate_document
from sitegen.load.yaml_document import YamlDocument, load_yaml

LINT_FILE = "lint.yaml"
REDIRECTS_FILE = "redirects.yaml"


@dataclass
class Content:
    """Everything a site is built from, validated."""

    clinic: Clinic
    pages: dict[str, PageBase]  # slug -> page model, in site order
    lint: LintConfig
    redirects: Redirects = field(default_factory=Redirects)
    overlay: Overlay | None = None
    clinic_authored: dict[str, list[str]] = field(default_factory=dict)  # page slug -> fields written by the clinic
    shared_pages: dict[str, PageBase] | None = None  # the pages before the overlay was merged in
    documents: dict[str, YamlDocument] = field(default_factory=dict)  # slug or 'clinic'/'lint' -> source
    language: str = "en"  # the language of the words (a translation's Content is merged over the English one)
    translations: dict[str, Content] = field(default_factory=dict)  # the site's other languages (clinic.yaml 'languages')
    words: dict = field(default_factory=dict)  # the template's words in this language (templates/ui/<lang>.yaml)

    @property
    def faq(self) -> FaqPage:
        return self.pages["faq"]  # type: ignore[return-value]

    @property
    def glossary(self) -> GlossaryPage:
        return self.pages["glossary"]  # type: ignore[return-value]

    @property
    def references(self) -> ReferencesPage:
        return self.pages["references"]  # type: ignore[return-value]

    @property
    def self_check(self) -> SelfCheckPage:
        return self.pages["is-this-right-for-me"]  # type: ignore[return-value]

    @property
    def handout_pages(self) -> dict[str, PageBase]:
        """The pages the printable handouts page lists, in site order."""
        return {slug: page for slug, page in self.pages.items() if is_handout(slug)}

    def source_path(self, slug: str) -> str:
        return self.documents[slug].path


def _load(path: Path, model: type, findings: Findings, what: str) -> tuple[YamlDocument | None, object | None]:
    shown = display_path(path)
    if not path.is_file():
        findings.add(shown, 1, 1, f"required file is missing ({what}); create it, or copy it from the bundled content_data/")
        return None, None
    doc = load_yaml(path, shown, findings)
    if doc is None:
        return None, None
    return doc, validate_document(doc, model, findings)


def load_content(content_dir: Path, clinic_file: Path | None, findings: Findings) -> Content | None:
    """Load every file, collecting all errors; None if any file failed."""
    documents: dict[str, YamlDocument] = {}
    models: dict[str, Any] = {}

    def take(key: str, path: Path, model: type, what: str) -> None:
        doc, value = _load(path, model, findings, what)
        if doc is not None:
            documents[key] = doc
        if value is not None:
            models[key] = value

    clinic_path = clinic_file or content_dir / "clinic.yaml"
    take("clinic", clinic_path, Clinic, "the clinic profile")
    overlay_name = getattr(models.get("clinic"), "overlay", None)
    if overlay_name:
        overlay_path = clinic_path.parent / overlay_name
        if overlay_path.resolve().is_relative_to(clinic_path.parent.resolve()):
            take("overlay", overlay_path, Overlay, "the clinic's overlay named in clinic.yaml")
        else:
            doc = documents["clinic"]
            where = doc.position(("overlay",))
            findings.add(
                doc.path,
                where.line,
                where.col,
                f"overlay '{overlay_name}' is outside the folder of {clinic_path.name}; put the overlay file in that folder "
                "(or a folder below it) and give its path from there, e.g. 'my-clinic.overlay.yaml'",
            )
    lint_path = content_dir / LINT_FILE
    if lint_path.is_file():
        take("lint", lint_path, LintConfig, "content lint settings")
    else:
        models["lint"] = LintConfig()
    redirects_path = content_dir / REDIRECTS_FILE
    if redirects_path.is_file():
        take("redirects", redirects_path, Redirects, "page redirects")
    else:
        models["redirects"] = Redirects()

    for page in SITE_PAGES:
        take(page.slug, content_dir / page.file, page.model, f"the {page.slug} page")
    topics_dir = content_dir / "topics"
    own = {page.slug for page in SITE_PAGES}
    extra = sorted(p for p in topics_dir.glob("*.yaml") if p.stem not in own) if topics_dir.is_dir() else []
    for path in extra:
        take(path.stem, path, GenericPage, f"the {path.stem} page")

    order = [page.slug for page in SITE_PAGES] + [p.stem for p in extra]
    expected = {"clinic", "lint", "redirects", *(["overlay"] if overlay_name else []), *order}
    if findings.errors or not expected <= models.keys():
        return None
    pages = {slug: models[slug] for slug in order}
    return Content(
        clinic=models["clinic"],
        pages=pages,
        lint=models["lint"],
        redirects=models["redirects"],
        overlay=models.get("overlay"),
        documents=documents,
    )


def shown_for(content: Content, item) -> bool:
    """False for items limited to services this clinic does not offer."""
    services = getattr(item, "services", [])
    offered = {s.id for s in content.clinic.services if s.offered}
    return not services or bool(offered.intersection(services))

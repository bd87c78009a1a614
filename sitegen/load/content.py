"""Load and validate a whole content folder into one typed Content bundle."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.core.cache import code_digest, key
from sitegen.core.findings import Findings
from sitegen.core.paths import display_path
from sitegen.core.signed_objects import signed_objects
from sitegen.load.clinic_fact_pages import FACT_SLUGS
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
from sitegen.load.yaml_document import MAX_BYTES, YamlDocument, load_yaml

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
    clinic_pages: list[str] = field(default_factory=list)  # addresses of the pages only this clinic has (overlay 'pages')
    hidden_pages: dict[str, str | None] = field(default_factory=dict)  # shared page this clinic hides -> where links to it go
    hidden_answers: dict[str, str | None] = field(default_factory=dict)  # shared FAQ id this clinic hides -> answer it forwards to
    redirect_documents: dict[str, str] = field(default_factory=dict)  # old address -> key of the document that forwards it
    menu: list[str] = field(default_factory=list)  # the menu's pages in order (slugs, 'handouts' too); set by load/menu.py

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

    def read_and_validate() -> tuple[YamlDocument | None, object | None]:
        doc = load_yaml(path, shown, findings)
        return (doc, validate_document(doc, model, findings)) if doc is not None else (None, None)

    return kept_validated(f"{shown}\0{model.__module__}.{model.__qualname__}", [path], model, findings, read_and_validate)


def kept_validated(slot: str, files: list[Path], model: type, findings: Findings, make, *more: str) -> tuple[YamlDocument | None, Any]:
    """(document, validated model) as an earlier build made them from the very same bytes of `files` (and `more`) with the
    same code, else make() afresh. Kept only when make() added no finding at all: a file with any finding is read afresh
    every time, so none is ever hidden."""
    kept, inputs = signed_objects("documents"), ""
    if kept is not None:
        digests = [file_digest(path) for path in files]
        inputs = key(code_digest(), slot, *digests, *more) if all(digests) else ""
        loaded = kept.get(slot, inputs) if inputs else None
        if isinstance(loaded, tuple) and len(loaded) == 2 and isinstance(loaded[0], YamlDocument) and isinstance(loaded[1], model):
            return loaded
    before = len(findings.items)
    doc, value = make()
    if kept is not None and inputs and doc is not None and value is not None and len(findings.items) == before:
        kept.put(slot, inputs, (doc, value))
    return doc, value


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes; empty if it cannot be read or is larger than any content file may be."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return ""
    return hashlib.sha256(raw).hexdigest() if len(raw) <= MAX_BYTES else ""


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
        models["redirects"] = Redirects.model_construct()  # no redirects: its defaults, without building a validator

    for page in SITE_PAGES:
        take(page.slug, content_dir / page.file, page.model, f"the {page.slug} page")
    topics_dir = content_dir / "topics"
    own = {page.slug for page in SITE_PAGES}
    extra = sorted(p for p in topics_dir.glob("*.yaml") if p.stem not in own) if topics_dir.is_dir() else []
    for path in extra:
        take(path.stem, path, GenericPage, f"the {path.stem} page")

    own_pages = _take_clinic_pages(
        models.get("overlay"), documents.get("overlay"), clinic_path.parent, topics_dir, {*own, *(p.stem for p in extra)}, take, findings
    )
    order = [page.slug for page in SITE_PAGES] + [p.stem for p in extra] + own_pages
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
        clinic_pages=own_pages,
        redirect_documents={r.from_: "redirects" for r in models["redirects"].redirects},
    )


RESERVED_ADDRESSES = {"handouts", "assets", "search", "admin", "404", *FACT_SLUGS}  # made by the build or the theme


def _take_clinic_pages(
    overlay, doc: YamlDocument | None, folder: Path, topics_dir: Path, shared: set[str], take, findings: Findings
) -> list[str]:
    """Load the pages the clinic's overlay adds, from files in the clinic's folder; their addresses, in overlay order."""
    if overlay is None or doc is None:
        return []
    addresses: list[str] = []
    base = Path(doc.path).parent
    for i, entry in enumerate(overlay.pages):
        where = doc.position(("pages", i, "address"))
        if entry.address in shared or entry.address in RESERVED_ADDRESSES:
            what = "a built-in page" if entry.address in shared else "made by the build itself"
            findings.add(
                doc.path,
                where.line,
                where.col,
                f"page address '{entry.address}' is {what}; built-in pages keep their addresses and cannot be renamed or replaced "
                f"in place: choose another address for your page (e.g. 'our-{entry.address}'), and to show yours instead, "
                f"hide the built-in one with 'hide_pages: [{{page: {entry.address}, forward_to: our-{entry.address}}}]'",
            )
            continue
        if entry.address in addresses:
            findings.add(doc.path, where.line, where.col, f"page address '{entry.address}' is used twice; give each page its own address")
            continue
        path = base / entry.file
        pos = doc.position(("pages", i, "file"))
        if not path.resolve().is_relative_to(folder.resolve()) or path.resolve().is_relative_to(topics_dir.resolve()):
            findings.add(
                doc.path,
                pos.line,
                pos.col,
                f"page file '{entry.file}' is outside this clinic's own folder; keep a clinic's pages in a folder of its own beside "
                "its clinic file (e.g. 'my-clinic-pages/our-approach.yaml'), never in the shared topics/ folder, "
                "which every clinic's site reads",
            )
            continue
        if not path.is_file():
            findings.add(
                doc.path,
                pos.line,
                pos.col,
                f"page file '{entry.file}' does not exist ({display_path(path)}); create it with a title, summary, review and "
                "sections, as in the guide's 'Add a page', or correct the file name",
            )
            continue
        take(entry.address, path, GenericPage, f"this clinic's page '{entry.address}' (overlay line {where.line})")
        addresses.append(entry.address)
    return addresses


def shown_for(content: Content, item) -> bool:
    """False for items limited to services this clinic does not offer."""
    services = getattr(item, "services", [])
    offered = {s.id for s in content.clinic.services if s.offered}
    return not services or bool(offered.intersection(services))

"""JSON Schemas of every content file type, from the models, so editors can autocomplete and check YAML as it is typed."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from sitegen.load.models.clinic import Clinic
from sitegen.load.models.faq import FaqPage
from sitegen.load.models.glossary import GlossaryPage
from sitegen.load.models.lint_config import LintConfig
from sitegen.load.models.overlay import Overlay
from sitegen.load.models.published import PublishedLock, Redirects
from sitegen.load.models.references import ReferencesPage
from sitegen.load.models.self_check import SelfCheckPage
from sitegen.load.models.topics import GenericPage
from sitegen.load.site_pages import SITE_PAGES, TOPIC_PAGES

SCHEMAS: dict[str, type[BaseModel]] = {
    "clinic": Clinic,
    "overlay": Overlay,
    "references": ReferencesPage,
    "glossary": GlossaryPage,
    "faq": FaqPage,
    "self_check": SelfCheckPage,
    "lint": LintConfig,
    "redirects": Redirects,
    "published.lock": PublishedLock,
    **{f"topic-{page.slug}": page.model for page in TOPIC_PAGES},
    "topic-generic": GenericPage,
}


def schema_for(model: type[BaseModel]) -> dict:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(schema_for(model), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


# Which schema checks which file, for editors (VS Code's YAML extension, and any editor running yaml-language-server
# with these settings). The browser editor's YAML writer drops comments, a `# yaml-language-server: $schema=` line
# among them, so the bundled files the editor saves name their schema here instead of in a first line.
EDITOR_SETTINGS = Path(".vscode") / "settings.json"
_SCHEMA_OF_PAGE = {"faq": "faq", "glossary": "glossary", "references": "references", "is-this-right-for-me": "self_check"}


def editor_schema_map(content_folders: list[str], clinic_profiles: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """yaml.schemas: each schema (a path from the project folder) and the content files it checks, in every content folder,
    and the clinic profiles kept elsewhere (the example clinics)."""
    files: dict[str, str] = {"clinic.yaml": "clinic"}
    for page in SITE_PAGES:
        files[page.file] = _SCHEMA_OF_PAGE.get(page.slug, f"topic-{page.slug}")
    mapping: dict[str, list[str]] = {}
    for file, schema in files.items():
        mapping.setdefault(f"./schemas/{schema}.schema.json", []).extend(f"{folder}/{file}" for folder in content_folders)
    mapping["./schemas/clinic.schema.json"].extend(clinic_profiles)
    return mapping


def write_editor_settings(project: Path, content_folders: list[str], clinic_profiles: tuple[str, ...] = ()) -> Path:
    """Set yaml.schemas in the project's .vscode/settings.json, keeping every other setting there."""
    path = project / EDITOR_SETTINGS
    settings = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    settings["yaml.schemas"] = editor_schema_map(content_folders, clinic_profiles)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path

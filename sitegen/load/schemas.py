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
from sitegen.load.site_pages import TOPIC_PAGES

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

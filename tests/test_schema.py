"""Editor help: JSON Schemas from the models accept the bundled content and reject what the models reject."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, ROOT, VALID
from content_patch import patched_bytes, target_of

from sitegen.core.findings import Findings
from sitegen.load.schemas import EDITOR_SETTINGS, editor_schema_map, write_schemas
from sitegen.load.yaml_document import load_yaml

# Translations hold only the reader-visible text of their English file, so they are checked by the translation loader.
CONTENT_FILES = sorted(
    [
        *(p for p in (ROOT / "content_data").rglob("*.yaml") if "translations" not in p.relative_to(ROOT / "content_data").parts),
        *(ROOT / "examples" / "clinics").glob("*.yaml"),
    ]
)


def data_of(path: Path):
    doc = load_yaml(path, str(path), Findings())
    assert doc is not None, path
    return doc.data


def schema_named_in(path: Path) -> Path:
    """The schema an editor uses for a file: its first line, or (files the browser editor saves) the project settings."""
    first = path.read_text().splitlines()[0]
    if first.startswith("# yaml-language-server: $schema="):
        return (path.parent / first.split("=", 1)[1]).resolve()
    mapping = json.loads((ROOT / EDITOR_SETTINGS).read_text(encoding="utf-8"))["yaml.schemas"]
    rel = path.relative_to(ROOT).as_posix()
    named = [schema for schema, files in mapping.items() if rel in files]
    assert len(named) == 1, f"{rel} names no schema: no '# yaml-language-server: $schema=' first line, nor one in {EDITOR_SETTINGS}"
    return (ROOT / named[0]).resolve()


def test_the_editor_settings_map_every_file_the_browser_editor_saves_to_its_schema() -> None:
    committed = json.loads((ROOT / EDITOR_SETTINGS).read_text(encoding="utf-8"))["yaml.schemas"]
    from sitegen.commands.build_all import clinic_files

    examples = tuple(path.relative_to(ROOT).as_posix() for path in clinic_files(ROOT / "examples" / "clinics"))
    assert committed == editor_schema_map(["content_data"], examples), f"run 'python build.py schema' ({EDITOR_SETTINGS} is stale)"
    for schema in committed:
        assert (ROOT / schema).is_file(), schema


def test_committed_schemas_are_what_the_models_produce(tmp_path: Path) -> None:
    for path in write_schemas(tmp_path):
        committed = ROOT / "schemas" / path.name
        assert committed.read_text() == path.read_text(), f"run 'python build.py schema' ({path.name} is stale)"


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[str(p.relative_to(ROOT)) for p in CONTENT_FILES])
def test_every_bundled_file_names_its_schema_and_passes_it(path: Path) -> None:
    schema = json.loads(schema_named_in(path).read_text())
    jsonschema.validate(data_of(path), schema, format_checker=jsonschema.FormatChecker())


# The invalid fixtures a schema can see (the others need cross-file checks, like an unknown source id).
REJECTED = ["unknown_key", "wrong_type", "missing_required", "bad_colour", "bad_evidence_level", "yes_is_not_true", "bad_date"]


@pytest.mark.parametrize("case", REJECTED)
def test_schema_rejects_what_the_models_reject(case: str, tmp_path: Path) -> None:
    patch = FIXTURES / "invalid" / f"{case}.yaml"
    target = target_of(patch)
    fixture = tmp_path / Path(target).name
    fixture.write_bytes(patched_bytes(patch, VALID) or b"")
    name = {"clinic.yaml": "clinic", "faq.yaml": "faq"}.get(target) or "topic-" + Path(target).stem
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())
    errors = list(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(data_of(fixture)))
    assert errors, f"the schema accepted {case}, which the models reject"

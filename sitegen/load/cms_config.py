"""The browser editor's (Decap CMS) form configuration, generated from the content models like the JSON Schemas."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from sitegen.load.models.clinic import Clinic
from sitegen.load.models.common import _check_prose
from sitegen.load.models.topics import GenericPage
from sitegen.load.site_pages import SITE_PAGES
from sitegen.load.walk import _markers, field_markers

CLINIC_COLLECTION, PAGES_COLLECTION = "clinic", "pages"
IMAGES_FOLDER = "images"  # uploads land here, inside the clinic profile's folder
# An optional group of fields (a team member's photo, the cost page): editor-setup.js checks the fields it requires
# only once something in it is filled, so a group left empty saves and a half-filled one is refused at the field.
OPTIONAL_GROUP_WIDGET = "optional-group"
MARKDOWN_HINT = "Markdown allowed: `*emphasis*`, `**bold**`, lists starting with `- `, links as `[text](page:side-effects)` or `[text](faq:is-it-addictive)`."

# Where the entries a reference may name live: (collection, file, list key, id key, label key).
_RELATIONS: dict[str, tuple[str, str, str, str, str]] = {
    "references": (PAGES_COLLECTION, "references", "sources", "id", "title"),
    "faq": (PAGES_COLLECTION, "faq", "items", "id", "question"),
    "faq_categories": (PAGES_COLLECTION, "faq", "categories", "id", "name"),
    "glossary": (PAGES_COLLECTION, "glossary", "terms", "term", "term"),
    "reviewers": (CLINIC_COLLECTION, "clinic", "reviewers", "id", "name"),
    "services": (CLINIC_COLLECTION, "clinic", "services", "id", "name"),
    "self_check_questions": (PAGES_COLLECTION, "is-this-right-for-me", "questions", "id", "text"),
    "self_check_outcomes": (PAGES_COLLECTION, "is-this-right-for-me", "outcomes", "id", "title"),
}
_SUMMARY_KEYS = ("question", "name", "term", "title", "heading", "study", "label", "text", "myth", "id", "page", "date")
_IMAGE_PATTERN = re.compile(r"\\\.\((?:[a-z]+\|)*(?:svg|png|jpe?g|webp)")
_SINGULAR = {"FaqItem": "question", "FaqCategory": "category", "GlossaryTerm": "term", "Reference": "source"}
_HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"
_LABELS = {"alt": "Alt text"}  # form labels clearer than the YAML key
_FILE_LABELS = {
    "clinic": "Clinic profile: name, contact, colours, services, reviewers",
    "faq": "Questions and answers (FAQ)",
    "is-this-right-for-me": "Self-check: 'Is this right for me?'",
    "glossary": "Glossary of medical words",
    "references": "Sources (references)",
}


@dataclass(frozen=True)
class ContentFile:
    """One file the editor offers: its entry name, path relative to the editor's repository, model and label."""

    name: str
    path: str
    model: type[BaseModel]
    label: str
    source: Path

    @property
    def collection(self) -> str:
        return CLINIC_COLLECTION if self.name == "clinic" else PAGES_COLLECTION


def humanise(name: str) -> str:
    text = name.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def label(name: str) -> str:
    """A field's label in the form (and in the error banner's path to it)."""
    return _LABELS.get(name) or humanise(name)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the type without None and Annotated, whether None is allowed)."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                raise TypeError(f"no form field for a union of {args}")
            annotation = args[0]
        else:
            return annotation, optional


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


class _Generator:
    def __init__(self, page_slugs: list[str]):
        self.page_slugs = page_slugs

    def fields(self, model: type[BaseModel]) -> list[dict]:
        markers = field_markers(model)
        return [self.field(name, info, markers[name][0]) for name, info in model.model_fields.items()]

    def field(self, name: str, info: FieldInfo, ref) -> dict:
        annotation, optional = _unwrap(info.annotation)
        required = info.is_required() and not optional
        spec: dict[str, Any] = {"name": info.alias or name, "label": label(name)}
        if info.description:
            spec["hint"] = info.description
        spec.update(self.widget(annotation, info, ref, None, name))
        if not required:
            spec["required"] = False
            if spec["widget"] == "object":
                spec["widget"] = OPTIONAL_GROUP_WIDGET
        if (
            not required
            and info.default not in (None, [], ...)
            and not callable(info.default_factory)
            and spec["widget"] not in ("object", OPTIONAL_GROUP_WIDGET)
        ):
            spec["default"] = info.default
        min_items = _constraint(info, "min_length")
        if spec["widget"] in ("list", "relation") and min_items:
            spec["min"] = min_items
            spec["required"] = True
        return spec

    def widget(self, annotation: Any, info: FieldInfo | None, ref, item: Any, name: str) -> dict:
        origin = typing.get_origin(annotation)
        if origin is list:
            (item,) = typing.get_args(annotation)
            ref = ref or _markers(item)[0]
            if ref is not None:
                return self.reference(ref.collection, multiple=True)
            inner, _ = _unwrap(item)
            if _is_model(inner):
                return {"widget": "list", "fields": self.fields(inner), **_list_labels(inner)}
            single = {"name": name.rstrip("s") or "item", "label": humanise(name), **self.widget(inner, None, None, item, name)}
            return {"widget": "list", "field": single}
        if ref is not None:
            return self.reference(ref.collection, multiple=False)
        if _is_model(annotation):
            return {"widget": "object", "fields": self.fields(annotation), "collapsed": False}
        if origin is Literal:
            return {"widget": "select", "options": list(typing.get_args(annotation))}
        if annotation is bool:
            return {"widget": "boolean"}
        if annotation is int:
            return {"widget": "number", "value_type": "int"} | _bounds(info)
        if annotation is float:
            return {"widget": "number", "value_type": "float", "step": 0.01} | _bounds(info)
        if annotation is dt.date:
            return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
        if annotation is str:
            pattern = _constraint(info, "pattern") if info is not None else None
            if pattern and _IMAGE_PATTERN.search(pattern):
                return {"widget": "image", "choose_url": False}
            if pattern == _HEX_COLOUR:
                return {"widget": "color", "allowInput": True}
            spec: dict[str, Any] = {"widget": "text" if _is_markdown(info, item) else "string"}
            if spec["widget"] == "text" and info is not None and info.description:
                spec["hint_extra"] = MARKDOWN_HINT
            if pattern:
                spec["pattern"] = [pattern, f"Check the format. {info.description if info is not None else ''}".strip()]
            return spec
        raise TypeError(f"no form field for {annotation!r}")

    def reference(self, collection: str, multiple: bool) -> dict:
        if collection == "pages":
            return {"widget": "select", "options": self.page_slugs, "multiple": multiple}
        target, file, key, value, label = _RELATIONS[collection]
        return {
            "widget": "relation",
            "collection": target,
            "file": file,
            "value_field": f"{key}.*.{value}",
            "search_fields": [f"{key}.*.{value}", f"{key}.*.{label}"],
            "display_fields": [f"{key}.*.{label}"] if label == value else [f"{key}.*.{label}", f"{key}.*.{value}"],
            "multiple": multiple,
            "options_length": 1000,
        }


def _is_markdown(info: FieldInfo | None, item: Any = None) -> bool:
    """Markdown (several lines, a text area) rather than one line: the prose check, not the one-line check, validates it."""
    metadata = list(info.metadata) if info is not None else []
    stack = [info.annotation if info is not None else item]
    while stack:
        current = stack.pop()
        metadata.extend(getattr(current, "__metadata__", ()))
        stack.extend(typing.get_args(current))
    return any(getattr(meta, "func", None) is _check_prose for meta in metadata)


def _constraint(info: FieldInfo | None, attr: str):
    if info is None:
        return None
    for meta in info.metadata:
        value = getattr(meta, attr, None)
        if value is not None:
            return value
    return None


def _bounds(info: FieldInfo | None) -> dict:
    bounds = {}
    if (low := _constraint(info, "ge")) is not None:
        bounds["min"] = low
    if (high := _constraint(info, "le")) is not None:
        bounds["max"] = high
    return bounds


def _list_labels(model: type[BaseModel]) -> dict:
    keys = [k for k in _SUMMARY_KEYS if k in model.model_fields]
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", model.__name__).lower()
    labels: dict[str, Any] = {"label_singular": _SINGULAR.get(model.__name__, words), "collapsed": True}
    if keys:
        labels["summary"] = "{{fields." + keys[0] + "}}"
    return labels


def content_files(content_dir: Path, clinic_file: Path, repo_root: Path) -> list[ContentFile]:
    """Every file a marketer edits: the clinic profile, the topic pages and the fixed pages (not lint or lock files)."""

    def rel(path: Path) -> str:
        return path.resolve().relative_to(repo_root.resolve()).as_posix()

    files = [ContentFile("clinic", rel(clinic_file), Clinic, _FILE_LABELS["clinic"], clinic_file)]
    for page in SITE_PAGES:
        label = _FILE_LABELS.get(page.slug, f"Page: {humanise(page.slug)}")
        files.append(ContentFile(page.slug, rel(content_dir / page.file), page.model, label, content_dir / page.file))
    topics = content_dir / "topics"
    own = {page.slug for page in SITE_PAGES}
    for path in sorted(topics.glob("*.yaml")) if topics.is_dir() else []:
        if path.stem not in own:
            files.append(ContentFile(path.stem, rel(path), GenericPage, f"Page: {humanise(path.stem)}", path))
    return files


def page_slugs(files: list[ContentFile]) -> list[str]:
    return [f.name for f in files if f.name != "clinic"]


def _finish(spec: dict) -> dict:
    """Decap shows one hint; Markdown fields get the Markdown reminder after their own description."""
    extra = spec.pop("hint_extra", None)
    if extra:
        spec["hint"] = f"{spec.get('hint', '')} {extra}".strip()
    for child in spec.get("fields", []):
        _finish(child)
    if "field" in spec:
        _finish(spec["field"])
    return spec


def file_entry(file: ContentFile, slugs: list[str]) -> dict:
    fields = [_finish(f) for f in _Generator(slugs).fields(file.model)]
    return {"name": file.name, "label": file.label, "file": file.path, "fields": fields}


def cms_config(files: list[ContentFile], backend: dict, media_folder: str, site_url: str) -> dict:
    """The whole Decap configuration: backend, media folder, and one form per content file."""
    slugs = page_slugs(files)
    clinic = [file_entry(f, slugs) for f in files if f.name == "clinic"]
    pages = [file_entry(f, slugs) for f in files if f.name != "clinic"]
    return {
        "backend": backend,
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": media_folder,
        "public_folder": IMAGES_FOLDER,
        "locale": "en",
        "collections": [
            {"name": CLINIC_COLLECTION, "label": "Clinic", "editor": {"preview": False}, "files": clinic},
            {"name": PAGES_COLLECTION, "label": "Pages", "editor": {"preview": False}, "files": pages},
        ],
    }


def field_labels(model: type[BaseModel], path: tuple) -> list[str]:
    """The form labels leading to `path` (keys and list indexes), e.g. ['The questions', '#4', 'Answer']."""
    labels: list[str] = []
    current: Any = model
    for step in path:
        if isinstance(step, int):
            labels.append(f"#{step + 1}")
            continue
        if not _is_model(current) or step not in current.model_fields:
            labels.append(humanise(str(step)))
            current = None
            continue
        labels.append(label(step))
        annotation, _ = _unwrap(current.model_fields[step].annotation)
        if typing.get_origin(annotation) is list:
            annotation, _ = _unwrap(typing.get_args(annotation)[0])
        current = annotation if _is_model(annotation) else None
    return labels

"""Merge a clinic's overlay (its own FAQ answers and rewritten texts) into the shared content."""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import BaseModel

from sitegen.core.findings import Findings, did_you_mean
from sitegen.load.content import Content
from sitegen.load.walk import field_markers


def _apply(model: BaseModel, segments: list[str], text: str) -> tuple[BaseModel | None, str]:
    """A copy of `model` with the text at `segments` replaced, or (None, why not)."""
    name, rest = segments[0], segments[1:]
    fields = type(model).model_fields
    if name not in fields:
        return None, f"'{name}' is not a field here{did_you_mean(name, fields)}"
    if not rest:
        if field_markers(type(model))[name][1] is None or not isinstance(getattr(model, name, None) or "", str):
            return None, f"'{name}' is not a text field"
        return model.model_copy(update={name: text}), ""
    items = getattr(model, name)
    if not isinstance(items, list) or len(rest) < 2:
        return None, f"'{name}' is not a list of items with ids; write '{name}.<id>.<field>'"
    ids = [getattr(item, "id", None) for item in items]
    if rest[0] not in ids:
        return None, f"there is no item '{rest[0]}' in '{name}'{did_you_mean(rest[0], [i for i in ids if i])}"
    index = ids.index(rest[0])
    replaced, why = _apply(items[index], rest[1:], text)
    if replaced is None:
        return None, why
    return model.model_copy(update={name: [*items[:index], replaced, *items[index + 1 :]]}), ""


def apply_overlay(content: Content, findings: Findings) -> Content:
    """The content with the overlay merged in; overlay problems become findings at the overlay's lines."""
    overlay = content.overlay
    if overlay is None:
        return content
    doc = content.documents["overlay"]
    pages: dict[str, Any] = dict(content.pages)
    authored: dict[str, list[str]] = {}
    base_ids = {item.id for item in content.faq.items} | {a for item in content.faq.items for a in item.aliases}
    for i, item in enumerate(overlay.faq_items):
        if item.id in base_ids:
            pos = doc.position(("faq_items", i, "id"))
            findings.add(
                doc.path,
                pos.line,
                pos.col,
                f"FAQ id '{item.id}' is already used by the shared faq.yaml; choose a new id, or use 'overrides' to change that answer",
            )
    if overlay.faq_items:
        pages["faq"] = pages["faq"].model_copy(update={"items": [*pages["faq"].items, *overlay.faq_items]})
        authored["faq"] = [f"items.{item.id}" for item in overlay.faq_items]
    if overlay.sources:
        shared = {s.id for s in content.references.sources}
        for i, source in enumerate(overlay.sources):
            if source.id in shared:
                pos = doc.position(("sources", i, "id"))
                findings.add(doc.path, pos.line, pos.col, f"source id '{source.id}' is already used by references.yaml; choose a new id")
        pages["references"] = pages["references"].model_copy(update={"sources": [*pages["references"].sources, *overlay.sources]})
    for i, override in enumerate(overlay.overrides):
        replaced, why = _apply(pages[override.page], override.field.split("."), override.text)
        if replaced is None:
            pos = doc.position(("overrides", i, "field"))
            findings.add(doc.path, pos.line, pos.col, f"cannot override '{override.field}' on page '{override.page}': {why}")
            continue
        pages[override.page] = replaced
        authored.setdefault(override.page, []).append(override.field)
    return dataclasses.replace(content, pages=pages, clinic_authored=authored, shared_pages=content.pages)

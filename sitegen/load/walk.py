"""Walk a validated model tree, yielding each field value with its data path and markers."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from sitegen.load.models.common import Prose, RefTo, Words


@dataclass(frozen=True)
class FieldValue:
    """One leaf value found in a model tree."""

    path: tuple  # data path: keys and list indexes, as in the YAML
    value: Any
    owner: BaseModel  # the model object the field belongs to
    ancestors: tuple[BaseModel, ...]  # enclosing models, outermost first, owner last
    ref: RefTo | None
    prose: Prose | None


def _markers(annotation: Any) -> tuple[RefTo | None, Prose | None]:
    ref = prose = None
    stack = [annotation]
    while stack:
        current = stack.pop()
        for meta in getattr(current, "__metadata__", ()):
            ref = meta if isinstance(meta, RefTo) else ref
            prose = meta if isinstance(meta, Prose) else prose
        stack.extend(typing.get_args(current))
    return ref, prose


@cache
def field_markers(model: type[BaseModel]) -> dict[str, tuple[RefTo | None, Prose | None]]:
    result = {}
    for name, info in model.model_fields.items():
        ref, prose = _markers(info.annotation)
        for meta in info.metadata:
            ref = meta if isinstance(meta, RefTo) else ref
            prose = meta if isinstance(meta, Prose) else prose
        result[name] = (ref, prose)
    return result


_MAX_KEPT = 4096  # whole walks kept in memory: every page and FAQ answer of a large site
_kept: dict[int, tuple[BaseModel, tuple[FieldValue, ...]]] = {}


def walk(model: BaseModel, path: tuple = (), ancestors: tuple[BaseModel, ...] = ()) -> Iterator[FieldValue]:
    """Every leaf (str, number, bool, date) under `model`, depth first, in field order."""
    if path or ancestors:
        return _walk(model, path, ancestors)
    # Content models are frozen, and half a dozen rules walk the same ones: one walk of each is kept, with the
    # model itself, so that its id cannot be reused by another object while the walk is kept.
    kept = _kept.get(id(model))
    if kept is None or kept[0] is not model:
        if len(_kept) >= _MAX_KEPT:
            _kept.clear()
        kept = _kept[id(model)] = (model, tuple(_walk(model, (), ())))
    return iter(kept[1])


def _walk(model: BaseModel, path: tuple, ancestors: tuple[BaseModel, ...]) -> Iterator[FieldValue]:
    ancestors = ancestors + (model,)
    markers = field_markers(type(model))
    for name in type(model).model_fields:
        value = getattr(model, name)
        ref, prose = markers[name]
        yield from _walk_value(value, path + (name,), model, ancestors, ref, prose)


def _walk_value(value, path, owner, ancestors, ref, prose) -> Iterator[FieldValue]:
    if isinstance(value, BaseModel):
        yield from _walk(value, path, ancestors)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk_value(item, path + (i,), owner, ancestors, ref, prose)
    elif value is not None:
        yield FieldValue(path, value, owner, ancestors, ref, prose)


def models_with_ids(model: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, list[Any]]]:
    """Each list of models that carry an 'id' field, with its path (to check ids are unique)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            if "id" in type(value[0]).model_fields:
                yield path + (name,), value
            for i, item in enumerate(value):
                yield from models_with_ids(item, path + (name, i))
        elif isinstance(value, BaseModel):
            yield from models_with_ids(value, path + (name,))


@cache
def word_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of `model` a reader sees as words (Markdown, plain text, labels, or lists of them); the rest is structure."""
    found = set()
    for name, info in model.model_fields.items():
        stack = [info.annotation, *info.metadata]
        while stack:
            current = stack.pop()
            if isinstance(current, Words) or any(isinstance(meta, Words) for meta in getattr(current, "__metadata__", ())):
                found.add(name)
                break
            stack.extend(typing.get_args(current))
    return frozenset(found)

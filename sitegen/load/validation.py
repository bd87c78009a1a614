"""Turn plain YAML data into typed models, mapping every pydantic error back to its file:line:col."""

from __future__ import annotations

import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sitegen.core.colours import HEX_COLOUR
from sitegen.core.findings import Findings, closest, did_you_mean
from sitegen.load.yaml_document import YamlDocument

M = TypeVar("M", bound=BaseModel)

_KIND = {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list", dict: "a set of keys", type(None): "nothing"}

_PATTERN_HELP = {
    HEX_COLOUR: "a colour as #rrggbb, e.g. '#1f5f8b' (in quotes)",
    r"^10\.\d{4,9}/\S+$": "a DOI such as '10.1056/NEJMoa2302399', without 'https://doi.org/'",
    r"^\d{1,9}$": "digits only, e.g. '10686270' (in quotes)",
    r"^[0-9]+( [0-9]+)*$": "digits only (single spaces may group them), e.g. '988' or '116 123', in quotes",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "a date as YYYY, YYYY-MM or YYYY-MM-DD, in quotes",
    r"^[\w./-]+\.(svg|png)$": "a file name ending in .svg or .png (letters, digits, '-', '_', '.' and '/', no spaces), e.g. 'logos/clinic.svg'",
}


def _describe(value: Any) -> str:
    return _KIND.get(type(value), type(value).__name__)


def _data_path(loc: tuple, data: Any) -> tuple:
    """Drop pydantic's internal loc parts (union members, validator names) that are not in the data."""
    path: list = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            path.append(part)
            node = node[part]
        elif (
            isinstance(node, dict)
            and isinstance(part, str)
            and not part.startswith(("function-", "union[", "literal["))
            and part not in ("str", "int", "none", "list", "dict", "bool", "date", "float")
            and not part[:1].isupper()
        ):
            path.append(part)  # a missing key: position of its parent, message names it
            break
    return tuple(path)


def _model_at(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class that holds the mapping at `path`, to list its keys for suggestions."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(err: Any, path: tuple, model: type[BaseModel]) -> str:
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    name = path[-1] if path and isinstance(path[-1], str) else None
    if kind == "extra_forbidden":
        owner = _model_at(model, path[:-1])
        allowed = sorted(owner.model_fields) if owner else []
        hint = did_you_mean(str(name), allowed) or (f" (allowed keys: {', '.join(allowed)})" if allowed else "")
        return f"unknown key '{name}'{hint}"
    if kind == "missing":
        missing = err["loc"][-1]
        owner = _model_at(model, path if name != missing else path[:-1])
        field = owner.model_fields.get(missing) if owner else None
        help_text = f": {field.description}" if field and field.description else ""
        return f"missing required key '{missing}'{help_text}"
    if kind == "string_type":
        hint = " (put it in quotes)" if isinstance(value, (int, float, bool)) else ""
        if value is None:  # most often a colour: YAML reads '#1d4e6e' after the colon as a comment
            hint = "; a value starting with '#' is read as a comment, so put it in quotes, e.g. '#1d4e6e'"
        return f"'{name}' should be text, but it is {_describe(value)}{hint}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{name}' should be a whole number, but it is {_describe(value)} {value!r}"
    if kind == "bool_type":
        return f"'{name}' should be true or false, but it is {value!r}"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return f"'{name}' is {value!r}, a day that does not exist; check the month and day (YYYY-MM-DD)"
        return f"'{name}' should be a date written YYYY-MM-DD, but it is {value!r}"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        return f"'{value}' is not allowed for '{name}'; use one of: {', '.join(choices)}{did_you_mean(str(value), choices)}"
    if kind == "string_pattern_mismatch":
        want = _PATTERN_HELP.get(ctx.get("pattern", ""), f"text matching {ctx.get('pattern')}")
        return f"'{name}' should be {want}, but it is {value!r}"
    if kind == "too_short" and isinstance(value, list):
        return f"'{name}' needs at least {ctx.get('min_length')} item(s), it has {len(value)}"
    if kind == "string_too_short":
        return f"'{name}' is too short: {len(value)} characters, at least {ctx.get('min_length')} needed"
    if kind == "string_too_long":
        return f"'{name}' is too long: {len(value)} characters, at most {ctx.get('max_length')} allowed; shorten it"
    if kind == "list_type":
        return f"'{name}' should be a list (one '- item' per line), but it is {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"'{name or 'this item'}' should be a set of 'key: value' lines, but it is {_describe(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"'{name}' is {value!r}: {err['msg'].lower()}"
    if kind == "value_error":
        msg = str(ctx.get("error", err["msg"]))
        return msg if name is None else f"'{name}': {msg}"
    return f"'{name}': {err['msg']}" if name else err["msg"]


def validate_document(doc: YamlDocument, model: type[M], findings: Findings) -> M | None:
    """Validate one file; every error becomes one finding at the right line."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        seen: set[tuple] = set()
        errors = exc.errors(include_url=False)
        # A misspelt key shows up twice: as an unknown key and as the missing one it was meant to be.
        missing_names = [str(e["loc"][-1]) for e in errors if e["type"] == "missing"]
        misspelt = {(tuple(e["loc"][:-1]), closest(str(e["loc"][-1]), missing_names)) for e in errors if e["type"] == "extra_forbidden"}
        for err in errors:
            if err["type"] == "missing" and (tuple(err["loc"][:-1]), str(err["loc"][-1])) in misspelt:
                continue
            path = _data_path(tuple(err["loc"]), doc.data)
            if path in seen:  # unions report one error per member; the first says enough
                continue
            seen.add(path)
            is_key = err["type"] == "extra_forbidden"
            at = getattr(err.get("ctx", {}).get("error"), "at", "")  # a ContentValueError names the words to point at
            where = doc.position_of(path, at) if at else doc.position(path, key=is_key)
            findings.add(doc.path, where.line, where.col, _message(err, path, model))
        return None

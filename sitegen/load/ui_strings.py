"""The template's own words per language (templates/ui/<lang>.yaml): the same keys and placeholders in every language."""

from __future__ import annotations

import re
from pathlib import Path

from sitegen.core.findings import Findings
from sitegen.core.paths import display_path
from sitegen.load.yaml_document import YamlDocument, load_yaml

UI_FOLDER = "ui"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def ui_file(templates_dir: Path, language: str) -> Path:
    return templates_dir / UI_FOLDER / f"{language}.yaml"


def _where(doc: YamlDocument, path: tuple) -> str:
    pos = doc.position(path, key=True)
    return f"{doc.path}:{pos.line}:{pos.col}"


def _problem(value: object) -> str | None:
    if isinstance(value, str):
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return None
    return "should be text (or a list of texts), in quotes if it starts with a special character"


def load_ui(templates_dir: Path, language: str, findings: Findings) -> dict[str, str | list[str]] | None:
    """The words for `language`, checked against English: a key missing on either side, or a {placeholder} that differs,
    is an error naming both files' lines."""
    english_path, path = ui_file(templates_dir, "en"), ui_file(templates_dir, language)
    if not path.is_file():
        findings.add(
            display_path(path),
            1,
            1,
            f"no template words for '{language}'; copy {display_path(english_path)} to this file and translate its values",
        )
        return None
    before = len(findings.errors)
    english = load_yaml(english_path, display_path(english_path), findings)
    words = english if language == "en" else load_yaml(path, display_path(path), findings)
    if english is None or words is None:
        return None
    for key, value in words.data.items():
        problem = _problem(value)
        if problem:
            pos = words.position((key,))
            findings.add(words.path, pos.line, pos.col, f"'{key}' {problem}")
        elif key not in english.data:
            pos = words.position((key,), key=True)
            findings.add(
                words.path, pos.line, pos.col, f"'{key}' is not a key of the English words ({english.path}); remove it or check its name"
            )
        else:
            ours, theirs = set(_PLACEHOLDER.findall(str(value))), set(_PLACEHOLDER.findall(str(english.data[key])))
            if ours != theirs:
                pos = words.position((key,))
                shown = ", ".join(f"{{{p}}}" for p in sorted(theirs)) or "none"
                findings.add(
                    words.path,
                    pos.line,
                    pos.col,
                    f"'{key}' must use the same placeholders as the English ({_where(english, (key,))}): {shown}",
                )
            if isinstance(value, list) and len(value) != len(english.data[key]):
                pos = words.position((key,))
                findings.add(
                    words.path,
                    pos.line,
                    pos.col,
                    f"'{key}' has {len(value)} items but {len(english.data[key])} in the English ({_where(english, (key,))})",
                )
    for key in english.data:
        if key not in words.data:
            findings.add(words.path, 1, 1, f"'{key}' has no {language} words (English: {_where(english, (key,))}); add it to this file")
    if len(findings.errors) > before:
        return None
    return dict(words.data)


def fill(words: str, /, **values: object) -> str:
    """A template's words with their {placeholders} filled in."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), str(words))

"""Strict YAML loading that keeps the line and column of every key and value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sitegen.core.findings import Findings

DataPath = tuple[str | int, ...]  # where a value sits in the data: keys and list indexes, e.g. ('items', 3, 'answer')


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed


class _StrictResolverLoader(_BaseLoader):
    """YAML 1.2 core scalars: yes/no/on/off stay text, dates stay text (the models parse them)."""


_StrictResolverLoader.yaml_implicit_resolvers = {}
for _tag, _regex, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _StrictResolverLoader.add_implicit_resolver(_tag, re.compile(_regex), list(_first))


@dataclass(frozen=True)
class Position:
    line: int
    col: int


@dataclass
class YamlDocument:
    """Plain data from one file, plus where each key and value sits in it."""

    path: str
    data: Any
    values: dict[DataPath, Position] = field(default_factory=dict)
    keys: dict[DataPath, Position] = field(default_factory=dict)
    ends: dict[DataPath, Position] = field(default_factory=dict)  # where each scalar value ends
    lines: list[str] = field(default_factory=list)

    def position_of(self, path: DataPath, text: str) -> Position:
        """Where `text` (any case) first appears inside the value at `path`; the value's start if it cannot be found,
        such as a phrase a long text breaks across lines."""
        start = self.position(path)
        end = self.ends.get(tuple(path))
        needle = text.casefold()
        if end is None or not needle:
            return start
        last_line = end.line if end.col > 1 else end.line - 1  # a block scalar ends at the start of the next line
        for number in range(start.line, min(last_line, len(self.lines)) + 1):
            line = self.lines[number - 1].casefold()
            first = start.col - 1 if number == start.line else 0
            last = end.col - 1 if number == end.line else len(line)  # end marks are exclusive
            col = line.find(needle, first, last)
            if col >= 0:
                return Position(number, col + 1)
        return start

    def position(self, path: DataPath, *, key: bool = False) -> Position:
        """Where `path` is; falls back to the nearest enclosing node that exists."""
        path = tuple(path)
        while True:
            if key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return Position(1, 1)
            path = path[:-1]


def _pos(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        return int(value)
    if tag == "tag:yaml.org,2002:float":
        return float(value)
    if tag == "tag:yaml.org,2002:null":
        return None
    return value


class _Converter:
    def __init__(self, doc: YamlDocument, findings: Findings):
        self.doc, self.findings = doc, findings

    def convert(self, node: yaml.Node, path: DataPath) -> Any:
        self.doc.values[path] = _pos(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            first_seen: dict[Any, Position] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    p = _pos(key_node.start_mark)
                    self.findings.add(self.doc.path, p.line, p.col, "a key must be plain text; write 'name: value'")
                    continue
                key = _scalar(key_node)
                key = key if isinstance(key, str) else str(key)
                where = _pos(key_node.start_mark)
                if key in first_seen:
                    self.findings.add(
                        self.doc.path,
                        where.line,
                        where.col,
                        f"duplicate key '{key}' (first set on line {first_seen[key].line}); keep one of them",
                    )
                    continue
                first_seen[key] = where
                self.doc.keys[path + (key,)] = where
                result[key] = self.convert(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        self.doc.ends[path] = _pos(node.end_mark)
        assert isinstance(node, yaml.ScalarNode)
        return _scalar(node)


def _yaml_error_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or str(error)
    if "found duplicate anchor" in problem:
        return problem
    context = f" {error.context}" if error.context else ""
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = (
            "; check that this line lines up with the keys above it (spaces, not more or fewer); or, if the text "
            "contains ': ', put the whole text in quotes or use '>-' and write it on the next lines"
        )
    elif "did not find expected key" in problem or "did not find expected '-' indicator" in problem:
        hint = "; check that this line lines up with the keys above it: the same number of spaces for keys at the same level"
    elif "could not find expected ':'" in problem:
        hint = "; each line needs 'key: value', check the indentation of this line and the one above"
    elif "found undefined alias" in problem:
        hint = "; '*' starts an alias in YAML: put the text in quotes"
    elif "while scanning a quoted scalar" in context or "found unexpected end of stream" in problem:
        hint = "; a quote is not closed"
    return f"YAML syntax error: {problem}{context and ' (' + context.strip() + ')'}{hint}"


def load_yaml(path: Path, display: str, findings: Findings) -> YamlDocument | None:
    """Read one YAML file; on any problem add findings and return None."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start]
        line = prefix.count(b"\n") + 1
        col = len(prefix) - (prefix.rfind(b"\n") + 1) + 1
        findings.add(display, line, col, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 in your editor")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        node = yaml.compose(text, Loader=_StrictResolverLoader)
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote is found at the end of the file; point at where it opened instead.
        unclosed = exc.context_mark is not None and "end of stream" in (exc.problem or "")
        mark = exc.context_mark if unclosed else (exc.problem_mark or exc.context_mark)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = text.splitlines()
        at = lines[line - 1][col - 1 : col] if line <= len(lines) else ""
        message = (
            _yaml_error_message(exc) if at != "\t" else "tab character used for indentation; YAML needs spaces: replace the tab with spaces"
        )
        findings.add(display, line, col, message)
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        findings.add(display, 1, 1, f"YAML error: {exc}")
        return None
    if node is None:
        findings.add(display, 1, 1, "the file is empty; it needs the page's keys (see the bundled content for an example)")
        return None
    doc = YamlDocument(display, None, lines=text.splitlines())
    before = len(findings.items)
    doc.data = _Converter(doc, findings).convert(node, ())
    if len(findings.items) > before:
        return None
    if not isinstance(doc.data, dict):
        findings.add(display, 1, 1, "the file must be a set of 'key: value' lines at the top level, not a list or a single value")
        return None
    return doc

"""Strict YAML loading that keeps the line and column of every key and value."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from sitegen.core.findings import Findings
from sitegen.load.reader_text import reader_text

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


class Position(NamedTuple):
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
    digest: str = ""  # SHA-256 of the text read: what was made from it can be kept between builds under it

    def position_of(self, path: DataPath, text: str, nth: int = 0) -> Position:
        """Where `text` (any case) first appears (or appears for the nth+1 time) inside the value at `path`; the value's
        start if it cannot be found, such as a phrase a long text breaks across lines."""
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
            while col >= 0:
                if nth == 0:
                    return Position(number, col + 1)
                nth -= 1
                col = line.find(needle, col + 1, last)
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


def _pos(mark: Any) -> Position:  # yaml.Mark, or libyaml's
    return Position(mark.line + 1, mark.column + 1)


MAX_BYTES = 4 * 1024 * 1024  # the 1,000-answer FAQ of bench/scale.py is about 1 MB
MAX_DEPTH = 20  # content nests six levels deep at most
MAX_VALUES = 60_000  # the 1,000-answer FAQ of bench/scale.py holds about 25,000; reading 60,000 takes a few tenths of a second
# What YAML itself forbids in a file (PyYAML's list): NUL and the other control characters but tab and line breaks.
_FORBIDDEN_CHARACTER = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_CONTROL_NAMES = {"\x00": "NUL", "\x7f": "DEL", "\x1b": "ESC"}


class _Refused(Exception):
    """Something content never needs, refused where it is written."""

    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.position, self.message = _pos(mark), message


def _shown_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _refuse_extras(event: Any) -> None:
    """Aliases, anchors and tags have no use in clinic content, and aliases let a few bytes expand without limit."""
    if isinstance(event, yaml.AliasEvent):
        raise _Refused(
            event.start_mark,
            f"'*{event.anchor}' is a YAML alias; content files do not use aliases: write the value out in full "
            "(text that starts with '*' goes in quotes)",
        )
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise _Refused(event.start_mark, f"'&{anchor}' is a YAML anchor; content files do not use anchors: remove '&{anchor}'")
    tag = getattr(event, "tag", None)
    if tag is not None:
        raise _Refused(
            event.start_mark,
            f"'{_shown_tag(tag)}' is a YAML tag; content files do not use tags: remove it (and put the value in quotes if it is text)",
        )


def _scalar(tag: str, value: str, mark: Any) -> Any:
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value)
        except ValueError:  # beyond Python's 4,300 digits
            raise _Refused(mark, f"this number has {len(value)} digits, too many for a number; put it in quotes if it is text") from None
    if tag == "tag:yaml.org,2002:float":
        return float(value)
    if tag == "tag:yaml.org,2002:null":
        return None
    return value


_DISCARD = object()  # the key of a value that is reported (a duplicate, or under a key that is not text) and dropped


class _Collection:
    """A mapping or sequence being read; path None for one that is reported and dropped."""

    __slots__ = ("first_seen", "is_key", "key", "key_path", "path", "value", "wants_key")

    def __init__(self, value: dict | list, path: DataPath | None, is_key: bool) -> None:
        self.value, self.path, self.is_key = value, path, is_key
        self.wants_key = isinstance(value, dict)
        self.key: Any = _DISCARD
        self.key_path: DataPath | None = None
        self.first_seen: dict[str, Position] = {}


class _Reader:
    """Plain data and positions straight from the parser's events: one pass, no recursion, nothing expanded."""

    def __init__(self, doc: YamlDocument, findings: Findings, loader: Any) -> None:
        self.doc, self.findings, self.loader = doc, findings, loader

    def _position_of_text(self, path: DataPath, text: str) -> Position:
        """Where `text` is inside the value at `path`, or one character of it written as an escape."""
        start = self.doc.position(path)
        where = self.doc.position_of(path, text)
        for escape in _escapes(text) if len(text) == 1 and where == start else []:
            where = self.doc.position_of(path, escape)
            if where != start:
                break
        return where

    def _as_read(self, path: DataPath, value: str) -> str:
        """Once, where text enters: every model and content rule after this sees the text as a reader does."""
        value, problem = reader_text(value)
        if problem:
            where = self._position_of_text(path, problem.at)
            self.findings.add(self.doc.path, where.line, where.col, problem.message)
        return value

    def _take_key(self, into: _Collection, event: Any) -> None:
        tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        key = _scalar(tag, event.value, event.start_mark)
        key = key if isinstance(key, str) else str(key)
        where = _pos(event.start_mark)
        into.wants_key = False
        into.key, into.key_path = _DISCARD, None
        if into.path is None:
            return
        if key in into.first_seen:
            message = f"duplicate key '{key}' (first set on line {into.first_seen[key].line}); keep one of them"
            self.findings.add(self.doc.path, where.line, where.col, message)
            return
        into.first_seen[key] = where
        into.key, into.key_path = key, into.path + (key,)
        self.doc.keys[into.key_path] = where

    def _path_for(self, parent: _Collection | None, as_key: bool) -> DataPath | None:
        if parent is None:
            return ()
        if as_key or parent.path is None:
            return None
        if isinstance(parent.value, dict):
            return parent.key_path
        return parent.path + (len(parent.value),)

    def read(self) -> Any:
        stack: list[_Collection] = []
        get_event, resolve, values, ends = self.loader.get_event, self.loader.resolve, self.doc.values, self.doc.ends
        count = 0
        while True:
            event = get_event()
            kind = type(event)
            value: Any
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()
                parent = stack[-1] if stack else None
                if done.is_key:
                    assert parent is not None
                    parent.wants_key = False  # its value follows, and is dropped with it
                    continue
                value = done.value
            else:
                if kind is yaml.AliasEvent or event.anchor is not None or event.tag is not None:
                    _refuse_extras(event)
                count += 1
                if count > MAX_VALUES:
                    raise _Refused(
                        event.start_mark, f"more than {MAX_VALUES:,} values in one file, far more than content needs; split the file"
                    )
                parent = stack[-1] if stack else None
                as_key = parent is not None and parent.wants_key
                path = self._path_for(parent, as_key)
                mark = event.start_mark
                if kind is yaml.ScalarEvent:
                    if as_key:
                        assert parent is not None
                        self._take_key(parent, event)
                        continue
                    value = _scalar(resolve(yaml.ScalarNode, event.value, event.implicit), event.value, mark)
                    if path is not None:
                        values[path] = Position(mark.line + 1, mark.column + 1)
                        end = event.end_mark
                        ends[path] = Position(end.line + 1, end.column + 1)
                        if isinstance(value, str):
                            value = self._as_read(path, value)
                else:
                    if len(stack) >= MAX_DEPTH:
                        raise _Refused(
                            mark,
                            f"values nested more than {MAX_DEPTH} levels deep; content needs a few levels: check the indentation and brackets here",
                        )
                    if as_key:
                        assert parent is not None
                        self.findings.add(self.doc.path, mark.line + 1, mark.column + 1, "a key must be plain text; write 'name: value'")
                        parent.key, parent.key_path = _DISCARD, None
                    elif path is not None:
                        values[path] = Position(mark.line + 1, mark.column + 1)
                    container: dict | list = {} if kind is yaml.MappingStartEvent else []
                    stack.append(_Collection(container, path, as_key))
                    continue
            if parent is None:
                return value
            if parent.wants_key is False and isinstance(parent.value, dict):
                if parent.key is not _DISCARD:
                    parent.value[parent.key] = value
                parent.wants_key = True
            else:
                parent.value.append(value)  # type: ignore[union-attr]


def _read_document(doc: YamlDocument, findings: Findings, text: str) -> tuple[bool, Any]:
    """(found a document, its data); raises yaml.MarkedYAMLError or _Refused."""
    loader = _StrictResolverLoader(text)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return False, None
        loader.get_event()  # document start
        data = _Reader(doc, findings, loader).read()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _Refused(
                loader.peek_event().start_mark,
                "a second YAML document starts here; a content file holds one: remove this '---' (or move what follows to its own file)",
            )
        return True, data
    finally:
        loader.dispose()


def _escapes(char: str) -> list[str]:
    """How a character may be written in a double-quoted YAML string: '\\x7f', '\\u200b', '\\U0001f600', '\\N'..."""
    code = ord(char)
    named = {"\x85": "\\N", "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P", "\x00": "\\0", "\x07": "\\a", "\x1b": "\\e"}
    return [f"\\x{code:02x}", f"\\u{code:04x}", f"\\U{code:08x}", *([named[char]] if char in named else [])]


def _yaml_error_message(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or str(error)
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
    elif "while scanning a quoted scalar" in context or "found unexpected end of stream" in problem:
        hint = "; a quote is not closed"
    return f"YAML syntax error: {problem}{context and ' (' + context.strip() + ')'}{hint}"


def _line_col(text: str, at: int) -> tuple[int, int]:
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _text_of(path: Path, display: str, findings: Findings) -> str | None:
    """The file as text, or None with a finding: too large, not UTF-8, or holding a character YAML forbids."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)  # never more: the file may be huge, or grow while it is read
    if len(raw) > MAX_BYTES:
        findings.add(
            display,
            1,
            1,
            f"the file is larger than {MAX_BYTES // 2**20} MB, far more than content needs; split it, or check it is the right file",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start]
        line = prefix.count(b"\n") + 1
        col = len(prefix) - (prefix.rfind(b"\n") + 1) + 1
        findings.add(display, line, col, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 in your editor")
        return None
    text = text.removeprefix("\ufeff")
    forbidden = _FORBIDDEN_CHARACTER.search(text)
    if forbidden:
        char = forbidden.group(0)
        name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "a control character")
        line, col = _line_col(text, forbidden.start())
        findings.add(
            display,
            line,
            col,
            f"character U+{ord(char):04X} ({name}) is not allowed in a YAML file; delete it (editors often do not show it)",
        )
        return None
    return text


def load_yaml(path: Path, display: str, findings: Findings) -> YamlDocument | None:
    """Read one YAML file; on any problem add findings and return None."""
    text = _text_of(path, display, findings)
    if text is None:
        return None
    doc = YamlDocument(display, None, lines=text.splitlines(), digest=hashlib.sha256(text.encode("utf-8")).hexdigest())
    before = len(findings.items)
    try:
        found, doc.data = _read_document(doc, findings, text)
    except _Refused as exc:
        findings.add(display, exc.position.line, exc.position.col, exc.message)
        return None
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
    except yaml.YAMLError as exc:  # a reader error; the character check above finds these first
        findings.add(display, 1, 1, f"YAML error: {' '.join(str(exc).split())}")
        return None
    if not found:
        findings.add(display, 1, 1, "the file is empty; it needs the page's keys (see the bundled content for an example)")
        return None
    if len(findings.items) > before:
        return None
    if not isinstance(doc.data, dict):
        findings.add(display, 1, 1, "the file must be a set of 'key: value' lines at the top level, not a list or a single value")
        return None
    return doc

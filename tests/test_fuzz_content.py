"""Property: whatever an editor (or an attacker) does to any content file, `check` answers with located errors or success.

Hypothesis picks one of every content file of the valid site and mutates it: hostile YAML (tags, anchors, aliases,
deep nesting, NUL and control characters, a second document), broken structure (lines deleted, duplicated, indented,
cut), and odd text in a value. Each example runs `python build.py check` in-process; it must never raise or print a
traceback, and every line it prints is either `file:line:col: message`, a reading-grade line, or the summary.
"""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from conftest import TODAY, VALID

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sitegen.commands.cli import main  # noqa: E402

CONTENT_FILES = sorted(p.relative_to(VALID).as_posix() for p in VALID.rglob("*.yaml"))
LOCATED = re.compile(r"^[^\n:]+\.(?:yaml|svg|j2|yml):\d+:\d+: \S")
SUMMARY = re.compile(r"^\d+ errors? in \d+ files?(?:, \d+ warnings?)?; nothing was built\.$|^\d+ warnings? in \d+ files?\.$")
GRADE = re.compile(r"^[^\n:]+\.yaml: reading grade ")

HOSTILE_PIECES = [
    "!!int abc",
    "!!float x",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.system [id]",
    "!custom x",
    "! x",
    "&anchor value",
    "*alias",
    "&a [*a]",
    "<<: *base",
    "[" * 500 + "]" * 500,
    "{" * 300 + "}" * 300,
    "\x00",
    "\x7f",
    "\x85",
    "\u202e",
    "\u200b",
    "\t",
    "\r",
    "\ufeff",
    "---",
    "...",
    "%YAML 1.1",
    "%TAG ! tag:x,1:",
    "? [a, b]",
    ": x",
    "- x",
    "key: value: more",
    '"unclosed',
    "'unclosed",
    "|",
    ">-",
    "#",
    "@x",
    "`x`",
    "9" * 5000,
    "1e999",
    "-.inf",
    ".nan",
    "0x1F",
    "0o17",
    "1_000",
    "2026-02-30",
    "~",
    "null",
    "true",
    "yes",
    "on",
    "<script>alert(1)</script>",
    "{: onclick=x }",
    "[x](javascript:alert(1))",
    "[x]: javascript:alert(1)",
    "{{ 7 * 7 }}",
    "{% raw %}",
    "[a](page:nowhere)",
    "[a](faq:nowhere)",
    "ß" * 50,
    "😀" * 20,
    "a" * 20_000,
]


@st.composite
def mutations(draw):
    """(file, new text) for one content file of the valid site."""
    name = draw(st.sampled_from(CONTENT_FILES))
    lines = (VALID / name).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 3))):
        if not lines:  # a one-line file whose line was deleted
            lines.append("")
        where = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["insert", "append_to_line", "replace_value", "delete", "duplicate", "indent", "cut", "nest"]))
        piece = draw(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=40)))
        line = lines[where]
        if kind == "insert":
            lines.insert(where, piece)
        elif kind == "append_to_line":
            lines[where] = line + piece
        elif kind == "replace_value" and ": " in line:
            lines[where] = line.split(": ", 1)[0] + ": " + piece
        elif kind == "delete":
            del lines[where]
        elif kind == "duplicate":
            lines.insert(where, line)
        elif kind == "indent":
            lines[where] = " " * draw(st.integers(1, 5)) + line
        elif kind == "cut":
            lines[where] = line[: draw(st.integers(0, len(line)))]
        elif kind == "nest" and ": " in line:
            depth = draw(st.integers(20, 2000))
            lines[where] = line.split(": ", 1)[0] + ": " + "[" * depth + "x" + "]" * depth
    return name, "\n".join(lines)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(VALID, folder)
    return folder


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(change=mutations())
def test_any_change_to_any_content_file_gives_located_errors_or_success(change, site: Path, monkeypatch) -> None:
    monkeypatch.setenv("SITEGEN_TODAY", TODAY)
    monkeypatch.setenv("SITEGEN_CACHE", "off")
    name, text = change
    target = site / name
    target.write_bytes(text.encode("utf-8", "surrogatepass"))
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["check", "--content", str(site)])
    finally:
        shutil.copyfile(VALID / name, target)
    printed = err.getvalue()
    assert "Traceback" not in printed + out.getvalue()
    assert code in (0, 1), printed
    lines = [line for line in printed.splitlines() if line]
    if code == 1:
        assert lines and SUMMARY.match(lines[-1]), printed
    for line in lines[:-1] if code == 1 else lines:
        assert LOCATED.match(line) or GRADE.match(line) or SUMMARY.match(line), line

"""Every mistake an editor can make gives one clear path:line:col line, exit 1, and nothing built."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES

CASES = sorted((FIXTURES / "invalid").glob("*.yaml"))


def _apply(case: Path, content: Path) -> None:
    """A case file's first line says which content file it replaces (or deletes)."""
    raw = case.read_bytes()
    action, target = raw.split(b"\n", 1)[0].decode().lstrip("# ").split(": ")
    if action == "deletes":
        (content / target).unlink()
    else:
        (content / target).write_bytes(raw)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_content_is_reported_exactly(case: Path, workdir: Path, run) -> None:
    _apply(case, workdir / "content")
    code, out, err = run("check", "--content", "content")
    expected_file = case.with_suffix(".expected")
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text(err)
    assert code == 1
    assert err == expected_file.read_text()
    assert "Traceback" not in err + out

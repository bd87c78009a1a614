"""Every mistake an editor can make gives one clear path:line:col line, exit 1, and nothing built."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES
from content_patch import apply_case

CASES = sorted((FIXTURES / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_content_is_reported_exactly(case: Path, workdir: Path, run) -> None:
    apply_case(case, workdir / "content")
    code, out, err = run("check", "--content", "content")
    expected_file = case.with_suffix(".expected")
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text(err)
    assert code == 1
    assert err == expected_file.read_text()
    assert "Traceback" not in err + out

"""The code keeps its habits: stages import one way (import-linter), ruff finds nothing and formats nothing, mypy is clean."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def _tool(name: str) -> str:
    path = shutil.which(name) or str(ROOT / ".venv" / "bin" / name)
    if not shutil.which(path):
        pytest.fail(f"{name} is not installed: python -m pip install -r requirements-dev.txt")
    return path


def test_stages_import_one_way() -> None:
    done = _run(_tool("lint-imports"))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_ruff_finds_nothing_and_formats_nothing() -> None:
    lint = _run(sys.executable, "-m", "ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout[-3000:]
    style = _run(sys.executable, "-m", "ruff", "format", "--check", ".")
    assert style.returncode == 0, "run: ruff format .\n" + style.stdout[-3000:]


def test_mypy_is_clean() -> None:
    done = _run(sys.executable, "-m", "mypy")
    assert done.returncode == 0, done.stdout[-3000:]

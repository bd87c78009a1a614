"""Rendering shared with a forked child gives exactly the pages a single process gives, and fails the same way."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

from sitegen.core.forked import split_map

CHILD_CHECK = """
import os
from sitegen.core.forked import split_map
results = split_map(lambda n: (n * n, os.getpid()), list(range(40)))
assert [square for square, _ in results] == [n * n for n in range(40)]
assert {pid for _, pid in results[::2]} == {os.getpid()}
assert os.getpid() not in {pid for _, pid in results[1::2]}, "every other item is done in another process"
print("ok")
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="this platform cannot fork; work stays in one process")
def test_results_come_back_in_order_and_the_child_did_its_share() -> None:
    # A fresh interpreter: this test session may run browser threads, and then nothing is forked (by design).
    done = subprocess.run([sys.executable, "-c", CHILD_CHECK], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


def test_an_error_in_the_childs_share_is_raised_here_as_without_a_child() -> None:
    def render(n: int) -> int:
        if n == 21:
            raise ValueError("template bug on page 21")
        return n

    with pytest.raises(ValueError, match="page 21"):
        split_map(render, list(range(40)))


def test_the_bundled_site_renders_the_same_with_and_without_the_child(monkeypatch) -> None:
    from sitegen.commands.check import load_resolved
    from sitegen.core.options import Options
    from sitegen.site.docs_tree import docs_files

    options = Options()
    result = load_resolved(options)
    shared = docs_files(result.content, options, result.findings)
    monkeypatch.setenv("SITEGEN_FORK", "0")
    alone = docs_files(result.content, options, result.findings)
    assert shared == alone and len(shared) > 60

"""Work shared with a forked child (build.py --jobs 2) comes back in order, and fails the same way as without it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

from sitegen.site.mkdocs_speed import split_map

CHILD_CHECK = """
import os
from sitegen.site.mkdocs_speed import split_map
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

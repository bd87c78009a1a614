"""Work shared with a forked child (build.py --jobs 2) comes back in order, and fails the same way as without it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="this platform cannot fork; work stays in one process")

# Each check runs in a fresh interpreter: this test session may run browser threads, and then nothing is forked
# (by design), so a check in this process could pass without a child ever starting. FORKS counts the children.
PREAMBLE = """
import os
FORKS = []
_fork = os.fork
def _counting_fork():
    FORKS.append(os.getpid())
    return _fork()
os.fork = _counting_fork
from sitegen.site.mkdocs_speed import split_map
"""


def _in_fresh_interpreter(check: str) -> None:
    done = subprocess.run([sys.executable, "-c", PREAMBLE + check + '\nprint("ok")'], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip().endswith("ok"), done.stderr


def test_results_come_back_in_order_and_the_child_did_its_share() -> None:
    _in_fresh_interpreter("""
results = split_map(lambda n: (n * n, os.getpid()), list(range(40)))
assert [square for square, _ in results] == [n * n for n in range(40)]
assert {pid for _, pid in results[::2]} == {os.getpid()}
assert os.getpid() not in {pid for _, pid in results[1::2]}, "every other item is done in another process"
""")


def test_an_error_in_the_childs_share_is_raised_here_as_without_a_child() -> None:
    _in_fresh_interpreter("""
def render(n):
    if n == 21:  # an odd item: the child's share
        raise ValueError("template bug on page 21")
    return n
try:
    split_map(render, list(range(40)))
except ValueError as error:
    assert str(error) == "template bug on page 21", error
else:
    raise AssertionError("the child's error was lost")
assert len(FORKS) == 1, f"forked {len(FORKS)} times"
""")

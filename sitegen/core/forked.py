"""Share a list of work with a forked child process, so a build's idle second core renders every other page."""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 16  # below this, starting a child costs more than it saves


def split_map(func: Callable[[T], R], items: list[T]) -> list[R]:
    """[func(item) for item in items], every other item done in a forked child when that is safe and worth it.

    Results come back in order. If the child fails for any reason, this process does its share too, so errors
    (a template bug, say) surface exactly as they would without the child.
    """
    if len(items) < MIN_ITEMS or not _fork_is_safe():
        return [func(item) for item in items]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its share, pickled down the pipe, then out without running any parent cleanup
        os.close(read_end)
        try:
            payload = pickle.dumps([func(item) for item in items[1::2]])
            _after_child_work()
        except BaseException:
            payload = b""
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_end)
    mine = [func(item) for item in items[::2]]
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    try:
        theirs = pickle.loads(payload)
    except Exception:
        theirs = [func(item) for item in items[1::2]]
    # Alternate items, not halves: pages near the start of a site (the topic pages) are the big ones.
    merged: list[Any] = [None] * len(items)
    merged[::2], merged[1::2] = mine, theirs
    return merged


def _fork_is_safe() -> bool:
    # Forking a process with other threads (the live preview's watcher, a browser driver in tests) can deadlock
    # the child on a lock one of them held; and only some platforms can fork at all.
    return hasattr(os, "fork") and threading.active_count() == 1 and os.environ.get("SITEGEN_FORK", "1") != "0"


def _after_child_work() -> None:
    from sitegen.core.cache import save_bundles

    save_bundles()  # QR codes the child made; the parent's save merges them with its own

"""Speed, fenced: MkDocs' per-page work shared with a forked child, Markdown to HTML and then the theme for every
other page, so one build uses both cores (build.py --jobs 2). The site it writes is byte for byte the same.

This is the one module that replaces private functions of a dependency (MkDocs' _populate_page and _build_page).
Nothing imports it: MkDocs loads it as a hook file for builds with more than one job, and it puts MkDocs' own
functions back when the build ends. It refuses to run on any MkDocs version but the one it was checked against.
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from sitegen.site.mkdocs_build import BUILD_HOOKS

MKDOCS_VERSION = "1.6.1"  # the version whose private page steps the replacements below were checked against

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


# What MkDocs' Page.read_source and Page.render set: all a page needs from the child that converted it.
_RENDERED = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")
_POPULATE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")
# The per-page events of MkDocs' second step, and the handlers whose effects we know how to bring back from the
# child: the search plugin's index entries, and our HTML fixes, which change only the page's own output.
_KNOWN_BUILD_HANDLERS = {
    "page_context": {("material.plugins.search.plugin", "SearchPlugin.on_page_context")},
    "post_page": {(BUILD_HOOKS, "on_post_page")},
}


def install() -> None:
    """Replace MkDocs' two per-page build steps with ones that do all pages at the first call, half in a child."""
    from mkdocs.commands import build as mkdocs_build

    _check_mkdocs_version()
    if not isinstance(mkdocs_build._populate_page, _PopulateAll):
        mkdocs_build._populate_page = _PopulateAll(mkdocs_build._populate_page)
        mkdocs_build._build_page = _BuildAll(mkdocs_build._build_page)


def uninstall() -> None:
    """Put MkDocs' own per-page steps back."""
    from mkdocs.commands import build as mkdocs_build

    populate, build = mkdocs_build._populate_page, mkdocs_build._build_page
    if isinstance(populate, _PopulateAll) and isinstance(build, _BuildAll):
        mkdocs_build._populate_page, mkdocs_build._build_page = populate.one, build.one


def _check_mkdocs_version() -> None:
    import mkdocs

    if mkdocs.__version__ != MKDOCS_VERSION:
        raise RuntimeError(
            f"sitegen/site/mkdocs_speed.py replaces private functions of MkDocs {MKDOCS_VERSION}, but MkDocs "
            f"{mkdocs.__version__} is installed: check _populate_page and _build_page in mkdocs/commands/build.py "
            "against the replacements here, then update MKDOCS_VERSION (or build with --jobs 1)"
        )


# MkDocs hook events: installed only for the build that loads this file as a hook (build.py --jobs 2).
def on_pre_build(config) -> None:
    install()


def on_post_build(config) -> None:
    uninstall()


def on_build_error(error) -> None:
    uninstall()


class _ChildLog(logging.Handler):
    """In the child: what MkDocs logged for a page, to be logged again by the parent (whose handlers count it)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))

    def take(self) -> list[tuple[str, int, str]]:
        records, self.records = self.records, []
        return records


class _Shared:
    """Common to both steps: which process is the parent, and capturing the child's log."""

    def __init__(self, one) -> None:
        self.one = one
        self.batch = None  # the Files (or page list) the current batch was done for
        self.done: set[str] = set()
        self.parent_pid = os.getpid()
        self.child_log: _ChildLog | None = None

    def in_child(self) -> bool:
        return os.getpid() != self.parent_pid

    def capture(self) -> _ChildLog:
        if self.child_log is None:
            self.child_log = _ChildLog()
            logging.getLogger("mkdocs").addHandler(self.child_log)
        return self.child_log

    @staticmethod
    def replay(records: list[tuple[str, int, str]]) -> None:
        for name, level, message in records:
            logging.getLogger(name).log(level, message)


def _handlers(config, event: str) -> set[tuple[str, str]]:
    return {(getattr(h, "__module__", ""), getattr(h, "__qualname__", "")) for h in config.plugins.events[event]}


class _PopulateAll(_Shared):
    """Stands in for mkdocs.commands.build._populate_page."""

    def __call__(self, page, config, files, dirty: bool = False) -> None:
        if files is not self.batch:
            self.batch, self.done = files, set()
            if not dirty and not any(config.plugins.events[event] for event in _POPULATE_EVENTS):
                self.done = self._all(config, files)
        if page.file.src_uri not in self.done:
            self.one(page, config, files, dirty)

    def _all(self, config, files) -> set[str]:
        from mkdocs.structure.files import InclusionLevel
        from mkdocs.structure.pages import Page

        pages = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)  # as MkDocs' own loop does; the page attaches itself to the file
            pages.append(file.page)
        results = split_map(lambda page: self._one_page(page, config, files), pages)
        for page, result in zip(pages, results):
            if result is not None:  # converted in the child
                rendered, links, records = result
                vars(page).update(rendered)
                if links is not None:
                    page.links_to_anchors = {files.src_uris[uri]: anchors for uri, anchors in links.items()}
                self.replay(records)
        return {page.file.src_uri for page in pages}

    def _one_page(self, page, config, files):
        if not self.in_child():
            self.one(page, config, files)
            return None
        log = self.capture()
        self.one(page, config, files)
        rendered = {name: vars(page)[name] for name in _RENDERED if name in vars(page)}
        links = vars(page).get("links_to_anchors")
        if links is not None:
            links = {to_file.src_uri: anchors for to_file, anchors in links.items()}
        return rendered, links, log.take()


class _BuildAll(_Shared):
    """Stands in for mkdocs.commands.build._build_page."""

    def __call__(self, page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
        if doc_files is not self.batch:
            self.batch, self.done = doc_files, set()
            known = all(_handlers(config, event) <= allowed for event, allowed in _KNOWN_BUILD_HANDLERS.items())
            if not dirty and known:
                self.done = self._all(config, doc_files, nav, env)
        if page.file.src_uri not in self.done:
            self.one(page, config, doc_files, nav, env, dirty, excluded)

    def _all(self, config, doc_files, nav, env) -> set[str]:
        index = _search_index(config)
        before = len(index.entries) if index else 0
        pages = [file.page for file in doc_files]
        results = split_map(lambda page: self._one_page(page, config, doc_files, nav, env, index), pages)
        entries = []
        for result in results:  # each page's search entries in page order, wherever the page was built
            page_entries, records = result
            entries.extend(page_entries)
            self.replay(records)
        if index:
            index.entries[before:] = entries
        return {page.file.src_uri for page in pages}

    def _one_page(self, page, config, doc_files, nav, env, index):
        log = self.capture() if self.in_child() else None
        before = len(index.entries) if index else 0
        self.one(page, config, doc_files, nav, env, False, page.file.inclusion.is_excluded())
        page_entries = index.entries[before:] if index else []
        return page_entries, log.take() if log else []


def _search_index(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)

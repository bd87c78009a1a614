"""The site's Markdown pages: those the last build of this clinic rendered, when nothing they were made from changed
since; else rendered afresh by render/pages.py (only then imported).

What pages are made from: the content files (by the digest of their text), the code, and every file and folder
listing the rendering itself read, whatever read it (templates, photos, any new input), seen through Python's audit
events for open, os.listdir and os.scandir. A renderer must read what it depends on: a check that a file exists,
without reading it, is not seen. The resized photos a rendering made are kept with its pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sitegen.core.cache import code_digest, key
from sitegen.core.signed_objects import SignedObjects, signed_objects
from sitegen.load.content import Content

if TYPE_CHECKING:
    from sitegen.render.page_reads import Recorded
    from sitegen.render.photos import Photos

_T = TypeVar("_T")

_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND
_reads: list[tuple[str, str]] | None = None  # ("file" or "folder", path) seen while rendering, or None
_listening = False


@dataclass
class RenderedPage:
    slug: str
    path: str  # relative to docs/
    text: str


def render_site(
    content: Content, templates_dir: Path, photos: Photos | None = None, words: dict | None = None, english: Content | None = None
) -> list[RenderedPage]:
    """Every page of the site (in the content's language, with that language's template words) as Markdown; raises
    jinja2 errors only for template bugs. Photos the pages show are made by `photos` (the clinic's folder), which keeps
    the resized files for the docs tree."""
    kept = signed_objects("rendered-pages")
    folder = photos.folder if photos else ""
    slot = f"{Path(templates_dir).resolve()}\0{content.documents['clinic'].path}\0{content.language}\0{folder}"
    inputs = _content_key(content, words, english) if kept is not None else ""
    if kept is not None and inputs:
        entry = kept.get(slot, inputs)
        if entry is not None and _still_valid(entry):
            if photos is not None:
                photos.files.update(entry[1])
            return entry[0]
    if kept is None or not inputs:
        from sitegen.render.pages import render_pages

        return render_pages(content, templates_dir, photos, words, english)
    pages, made, reads = _render_by_page(kept, slot, content, templates_dir, photos, words, english)
    kept.put(slot, inputs, (pages, made, reads))
    return pages


def _render_by_page(
    kept: SignedObjects,
    slot: str,
    content: Content,
    templates_dir: Path,
    photos: Photos | None,
    words: dict | None,
    english: Content | None,
) -> tuple[list[RenderedPage], dict, list[tuple[str, str, str]]]:
    """The pages, rendering again only those that read a field whose value changed since the last build (of what every
    page reads: the files the rendering read, the documents that are not a page's, and what render/page_reads.py
    saw the shared parts read); (pages, the photos they made, the files read with their states)."""
    from sitegen.render.page_reads import Watch
    from sitegen.render.pages import changed_since_review, render_pages

    skeleton = _skeleton_key(content, templates_dir, words)
    by_page = f"{slot}\0by page"
    watch = Watch(content, {"changed": changed_since_review(english or content)})
    seen: dict = {}
    before = _usable(kept.get(by_page, skeleton) if skeleton else None, watch, seen)
    old_pages = before[2] if before else {}
    made_now: dict[str, tuple[list, RenderedPage] | None] = {}

    def each_page(job, render: Callable) -> RenderedPage:
        old = old_pages.get(job.key)
        if old is not None and old[1].path == job.path and watch.still_read_the_same(old[0], seen):
            made_now[job.key] = old
            return old[1]
        with watch.recording() as reads:
            page = render(job)
        made_now[job.key] = (list(reads), page) if reads.known else None
        return page

    def render() -> tuple[list[RenderedPage], Recorded]:
        with watch, watch.recording() as shared:
            pages = render_pages(content, templates_dir, photos, words, english, each_page)
        return pages, shared

    (pages, shared), reads = _reading(render)
    states = list(dict.fromkeys([*(before[1] if before else []), *((kind, path, _state(kind, path)) for kind, path in reads)]))
    made = dict(photos.files) if photos is not None else {}
    if skeleton and shared.known and not made:
        kept.put(by_page, skeleton, (list(shared), states, {k: v for k, v in made_now.items() if v is not None}))
    return pages, made, states


def _usable(entry: Any, watch, seen: dict) -> tuple[list, list, dict] | None:
    """A kept by-page entry if it has the form we write, every file it read is as it was, and what every page reads
    reads the same from this content."""
    if not (
        isinstance(entry, tuple) and len(entry) == 3 and all(isinstance(part, t) for part, t in zip(entry, (list, list, dict), strict=True))
    ):
        return None
    shared, states, pages = entry
    if not all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], RenderedPage) for v in pages.values()):
        return None
    if not all(_state(kind, path) == state for kind, path, state in states) or not watch.still_read_the_same(shared, seen):
        return None
    return entry


def _skeleton_key(content: Content, templates_dir: Path, words: dict | None) -> str:
    """A key of what every page may read besides the page models' fields: the documents that are not a page's (clinic,
    lint, redirects, overlay), which pages there are and where they come from, the clinic's overlay choices, the menu,
    the words, the code; empty when a document's text is not known."""
    pages = set(content.pages)
    documents = sorted((name, doc.path, "" if name in pages else doc.digest) for name, doc in content.documents.items())
    if any(not digest for name, _path, digest in documents if name not in pages):
        return ""
    try:  # a page has its own template when one is there by its name (a check page_jobs makes without reading it)
        templates = sorted(os.listdir(Path(templates_dir) / "pages"))
    except OSError:
        templates = []
    state = (
        documents,
        list(content.pages),
        content.language,
        content.clinic_pages,
        content.hidden_pages,
        content.hidden_answers,
        content.clinic_authored,
        content.redirect_documents,
        content.menu,
        sorted(content.translations),
        templates,
    )
    return key(code_digest(), repr(state), json.dumps(words, sort_keys=True, default=str))


def _content_key(content: Content, words: dict | None, english: Content | None) -> str:
    """A key of the content files (the English ones too, for a translation, whose merged files carry a digest of both
    texts), the words given and the code; empty when a content file's text is not known."""
    documents = sorted({(doc.path, doc.digest) for each in (content, english) if each is not None for doc in each.documents.values()})
    if any(not digest for _, digest in documents):
        return ""
    return key(code_digest(), repr(documents), json.dumps(words, sort_keys=True, default=str))


def _still_valid(entry: Any) -> bool:
    """Whether a kept entry has the form we write and every file and folder it read is as it was."""
    if not (isinstance(entry, tuple) and len(entry) == 3):
        return False
    pages, made, reads = entry
    if not (isinstance(pages, list) and isinstance(made, dict) and isinstance(reads, list)):
        return False
    return all(isinstance(page, RenderedPage) for page in pages) and all(_state(kind, path) == state for kind, path, state in reads)


def _state(kind: str, path: str) -> str:
    """A file's SHA-256, or a folder's sorted names; 'missing' when it cannot be read."""
    try:
        if kind == "folder":
            return "\0".join(sorted(os.listdir(path)))
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, ValueError):
        return "missing"


def _reading(render: Callable[[], _T]) -> tuple[_T, list[tuple[str, str]]]:
    """(what render() returns, the files and folders it read, in order and each once)."""
    global _reads, _listening
    if not _listening:
        sys.addaudithook(_note)  # cannot be removed again: it does nothing unless a render is being watched
        _listening = True
    _reads = []
    try:
        result = render()
        return result, list(dict.fromkeys(_reads))
    finally:
        _reads = None


def _note(event: str, args: tuple) -> None:
    if _reads is None:
        return
    if event == "open":
        path, _mode, flags = args
        if isinstance(path, (str, bytes, os.PathLike)) and not (flags or 0) & _WRITING:
            _reads.append(("file", os.path.abspath(os.fsdecode(path))))
    elif event in ("os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
        _reads.append(("folder", os.path.abspath(os.fsdecode(args[0]))))

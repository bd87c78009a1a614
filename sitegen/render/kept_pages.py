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
from typing import TYPE_CHECKING, Any

from sitegen.core.cache import code_digest, key
from sitegen.core.signed_objects import signed_objects
from sitegen.load.content import Content

if TYPE_CHECKING:
    from sitegen.render.photos import Photos

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
    from sitegen.render.pages import render_pages

    pages, reads = _reading(lambda: render_pages(content, templates_dir, photos, words, english))
    if kept is not None and inputs:
        made = dict(photos.files) if photos is not None else {}
        kept.put(slot, inputs, (pages, made, [(kind, path, _state(kind, path)) for kind, path in reads]))
    return pages


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


def _reading(render: Callable[[], list[RenderedPage]]) -> tuple[list[RenderedPage], list[tuple[str, str]]]:
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

"""A disk cache for build work that depends only on its inputs: QR codes, reading grades, compiled templates."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import jinja2

from sitegen.core.paths import ROOT


def cache_dir(kind: str) -> Path | None:
    """The folder for one kind of cached work; None when caching is off (SITEGEN_CACHE=off) or impossible."""
    setting = os.environ.get("SITEGEN_CACHE", str(ROOT / ".cache"))
    if setting.strip().lower() in ("", "0", "off", "no", "false"):
        return None
    path = Path(setting) / kind
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only checkout builds the same site, just without the shortcut
    return path


def key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:40]


def write_text(kind: str, name: str, text: str) -> None:
    folder = cache_dir(kind)
    if folder is None:
        return
    try:
        # Write then rename, so builds running side by side (build.py all) never read half a file.
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp") as handle:
            handle.write(text)
        os.replace(handle.name, folder / name)
    except OSError:
        pass


def template_cache(kind: str) -> jinja2.BytecodeCache | None:
    """Compiled Jinja templates kept between builds; Jinja checks each against its source before using it."""
    folder = cache_dir(kind)
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


class Bundle:
    """Many small cached texts in one JSON file: read once and written once per build, not a file each."""

    MAX_ENTRIES = 20_000  # beyond this, only the entries the latest build used are kept

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, str] = _load_json_object(path)
        self.used: set[str] = set()
        self.added = False

    def get(self, name: str) -> str | None:
        self.used.add(name)
        return self.entries.get(name)

    def put(self, name: str, text: str) -> None:
        self.used.add(name)
        self.entries[name] = text
        self.added = True

    def save(self) -> None:
        if not self.added:
            return
        # Another process (a forked helper, a parallel clinic build) may have saved since this one read.
        entries = {**_load_json_object(self.path), **self.entries}
        if len(entries) > self.MAX_ENTRIES:
            entries = {k: v for k, v in entries.items() if k in self.used}
        write_text(self.path.parent.name, self.path.name, json.dumps(entries))
        self.entries, self.added = entries, False


def _load_json_object(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or damaged: start afresh
    return data if isinstance(data, dict) else {}


_bundles: dict[Path, Bundle] = {}


def bundle(kind: str) -> Bundle | None:
    """The bundle for one kind of cached text in the current cache folder; None when caching is off."""
    folder = cache_dir(kind)
    if folder is None:
        return None
    path = folder / "bundle.json"
    if path not in _bundles:
        _bundles[path] = Bundle(path)
    return _bundles[path]


def save_bundles() -> None:
    """Write what this build added to any bundle."""
    for item in _bundles.values():
        item.save()

"""A disk cache for build work that depends only on its inputs: QR codes and compiled templates."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent


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


def read_text(kind: str, name: str) -> str | None:
    folder = cache_dir(kind)
    if folder is None:
        return None
    try:
        return (folder / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


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

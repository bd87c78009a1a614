"""Write generated files into docs/ only when their text changed, and remove generated files that are gone."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .render import GENERATED_MARK


def is_generated(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return GENERATED_MARK.encode() in fh.read(400)
    except OSError:
        return False


def hand_written_files(docs_dir: Path) -> list[Path]:
    """Files in docs/ an editor put there (images, extra pages): kept and built along."""
    if not docs_dir.is_dir():
        return []
    return [p for p in docs_dir.rglob("*") if p.is_file() and not is_generated(p)]


def write_tree(root: Path, files: dict[str, str], extra_from: Path | None = None) -> None:
    """A fresh folder with the generated files plus the hand-written ones of `extra_from`."""
    for path in hand_written_files(extra_from) if extra_from else []:
        target = root / path.relative_to(extra_from)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def sync_docs(docs_dir: Path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    """Make docs/ hold exactly these generated files; returns (written, removed)."""
    written, removed = [], []
    for rel, text in files.items():
        target = docs_dir / rel
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue  # unchanged: leave the file (and its timestamp) alone so live reload stays quiet
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
        written.append(rel)
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*"), reverse=True):
            rel = path.relative_to(docs_dir).as_posix()
            if path.is_file() and rel not in files and is_generated(path):
                path.unlink()
                removed.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, removed

"""`build.py lock`: record the addresses and FAQ ids the site serves now as published."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from sitegen.check.published import LOCK_HEADER, current_addresses, lock_command, lock_path
from sitegen.core.options import Options
from sitegen.core.paths import ROOT
from sitegen.load.content import Content


def write_lock(content: Content, options: Options) -> tuple[Path, int, int]:
    """Write the lock file; returns (path, pages, FAQ ids)."""
    path = lock_path(options)
    pages, faq = current_addresses(content)
    body = yaml.safe_dump({"pages": sorted(set(pages)), "faq": sorted(set(faq))}, sort_keys=False)
    schema = os.path.relpath(ROOT / "schemas" / "published.lock.schema.json", path.parent.resolve())
    path.write_text(
        f"# yaml-language-server: $schema={schema}\n" + LOCK_HEADER.format(command=lock_command(options)) + body, encoding="utf-8"
    )
    return path, len(set(pages)), len(set(faq))

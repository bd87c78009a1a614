"""Where a build reads and writes, and which day it judges review dates against; cheap to import."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.core.paths import ROOT


@dataclass
class Options:
    """Where things are; defaults are the bundled site."""

    content_dir: Path = ROOT / "content_data"
    clinic_file: Path | None = None
    out_dir: Path = ROOT / "site"
    docs_dir: Path = ROOT / "docs"
    config_file: Path = ROOT / "mkdocs.yml"
    templates_dir: Path = ROOT / "templates"
    today: dt.date = field(default_factory=lambda: _today())
    jobs: int = 1  # processes for one build's MkDocs page work (2: a forked child takes every other page)


def _today() -> dt.date:
    # Tests pin the date so review-due rules do not change with the calendar.
    fixed = os.environ.get("SITEGEN_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()

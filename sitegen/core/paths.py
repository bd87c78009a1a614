"""Where the project lives, and paths shown the way a user would type them."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it, else absolute."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # different drive on Windows
        return str(path)
    return str(Path(path).absolute()) if relative == ".." or relative.startswith(".." + os.sep) else relative

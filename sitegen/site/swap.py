"""Replace a built folder by renames, so readers never see a half-written site."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def swap_in(new: Path, target: Path) -> None:
    target = target.resolve()
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)

"""Files that belong to one clinic profile live in its folder: where that is, and where its logo is."""

from __future__ import annotations

from pathlib import Path

from sitegen.core.options import Options
from sitegen.load.content import Content


def clinic_folder(options: Options) -> Path:
    return (options.clinic_file or options.content_dir / "clinic.yaml").parent


def logo_file(content: Content, options: Options) -> tuple[str, Path] | None:
    """(docs path, source file) of the clinic's logo, if it has one."""
    if not content.clinic.logo:
        return None
    source = clinic_folder(options) / content.clinic.logo
    return f"assets/logo{source.suffix}", source

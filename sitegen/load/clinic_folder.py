"""Files that belong to one clinic profile live in its folder: where that is, and where its logo is."""

from __future__ import annotations

from pathlib import Path

from sitegen.core.options import Options
from sitegen.load.content import Content


def clinic_folder(options: Options) -> Path:
    return (options.clinic_file or options.content_dir / "clinic.yaml").parent


def logo_docs_path(content: Content) -> str | None:
    """Where the clinic's logo is inside docs/ (so on the site), if it has one: 'assets/logo.svg'."""
    return f"assets/logo{Path(content.clinic.logo).suffix}" if content.clinic.logo else None


def logo_file(content: Content, options: Options) -> tuple[str, Path] | None:
    """(docs path, source file) of the clinic's logo, if it has one."""
    docs_path = logo_docs_path(content)
    if docs_path is None or not content.clinic.logo:
        return None
    return docs_path, clinic_folder(options) / content.clinic.logo

"""Every photo clinic.yaml names must be a real image file inside the clinic's folder, within the size budget."""

from __future__ import annotations

import os
from pathlib import Path

from sitegen.core.findings import Findings
from sitegen.core.options import Options
from sitegen.core.paths import display_path
from sitegen.load.clinic_folder import clinic_folder
from sitegen.load.content import Content
from sitegen.load.models.clinic_pages import Photo
from sitegen.load.walk import walk

MAX_PIXELS = 50_000_000  # a 50-megapixel camera's photo; more is a decompression bomb, not a portrait
_FORMATS = {"JPEG", "PNG", "WEBP"}


def photos_of(content: Content) -> list[tuple[tuple, Photo]]:
    """(path in clinic.yaml, photo) for every photo the clinic profile names."""
    found: dict[int, tuple[tuple, Photo]] = {}
    for leaf in walk(content.clinic):
        owner = leaf.owner
        if isinstance(owner, Photo) and id(owner) not in found:
            found[id(owner)] = (leaf.path[:-1], owner)
    return list(found.values())


def check_photos(content: Content, options: Options, findings: Findings) -> None:
    doc = content.documents["clinic"]
    folder = clinic_folder(options)
    budget_kb = content.lint.photo_budget_kb
    for path, photo in photos_of(content):
        pos = doc.position((*path, "file"))
        problem = photo_problem(folder, photo.file, budget_kb, Path(doc.path).name)
        if problem:
            findings.add(doc.path, pos.line, pos.col, problem)


def photo_problem(folder: Path, name: str, budget_kb: int, profile: str) -> str | None:
    """Why the photo `name` (relative to `folder`) cannot be published, or None."""
    source = folder / name
    # realpath follows every link: a photo linked from outside the folder is outside, whatever its name says.
    if not Path(os.path.realpath(source)).is_relative_to(Path(os.path.realpath(folder))):
        return (
            f"photo '{name}' is outside the folder of {profile} (it is a link to a file elsewhere); copy the photo into "
            "that folder, e.g. into 'photos/', and give its path from there"
        )
    if not source.is_file():
        return (
            f"photo file '{name}' not found (looked for {display_path(source)}); check the file name and folder, e.g. 'photos/maya-lee.jpg'"
        )
    size_kb = source.stat().st_size / 1024
    if size_kb > budget_kb:
        return (
            f"photo '{name}' is {size_kb / 1024:.1f} MB; the limit is {budget_kb / 1024:.1f} MB (photo_budget_kb in lint.yaml). "
            "Save a smaller copy (2000 pixels wide is plenty): the site makes its own small copies"
        )
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source) as image:
            kind, pixels = image.format, image.size[0] * image.size[1]
            if kind in _FORMATS and pixels <= MAX_PIXELS:
                image.load()  # a cut-off or damaged file fails here, not half way through the build
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return f"photo '{name}' is not a picture the site can use (it cannot be read as JPEG, PNG or WebP); export it again as JPEG"
    if kind not in _FORMATS:
        return f"photo '{name}' is a {kind} file, whatever its name says; save it as JPEG, PNG or WebP"
    if pixels > MAX_PIXELS:
        return f"photo '{name}' has {pixels / 1e6:.0f} million pixels; save a copy of at most 2000 pixels wide"
    return None

"""Clinic photos as responsive images: resized WebP and JPEG (or PNG) copies without metadata, cached, and their <picture>."""

from __future__ import annotations

import hashlib
import html
import io
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

import markupsafe

from sitegen.core import cache
from sitegen.core.urls import url_of

PHOTO_FOLDER = "assets/photos"
DENSITIES = (1, 2)  # one copy for ordinary screens, one twice as wide for sharp ones
WEBP_QUALITY, JPEG_QUALITY = 72, 78
_CACHE_KIND = "photos"
_DIGEST = re.compile(r"[0-9a-f]{64}")


def _code_version() -> str:
    # Cached copies are keyed on the source bytes, the size and this file (how it encodes), never on a file's name or date.
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


_VERSION = _code_version()


@dataclass(frozen=True)
class Copy:
    """One resized file: where it goes in docs/, its pixel size, its bytes."""

    path: str
    width: int
    height: int
    data: bytes


@dataclass(frozen=True)
class Rendered:
    """Every copy of one photo at one display size: WebP and the fallback, smallest first."""

    webp: tuple[Copy, ...]
    fallback: tuple[Copy, ...]
    fallback_type: str  # image/jpeg, or image/png for a photo with transparency


@dataclass
class Photos:
    """Makes the copies a build's pages use (from the clinic's folder) and collects them for the docs tree."""

    folder: Path
    files: dict[str, bytes] = field(default_factory=dict)

    def picture(self, photo, page_file: str, width: int, height: int, lazy: bool = False) -> markupsafe.Markup:
        """A <picture> showing `photo` cropped to width x height CSS pixels, for the page written to `page_file`; a lazy
        one (further down the page) loads as the reader scrolls towards it."""
        source = self.folder / photo.file
        rendered = render_photo(source.read_bytes(), PurePosixPath(photo.file).stem, width, height)
        for copy in (*rendered.webp, *rendered.fallback):
            self.files[copy.path] = copy.data
        base = url_of(page_file) or "."

        def url(copy: Copy) -> str:
            return html.escape(posixpath.relpath(copy.path, base), quote=True)

        def srcset(copies: tuple[Copy, ...]) -> str:
            return ", ".join(f"{url(c)} {c.width}w" for c in copies)

        first = rendered.fallback[0]
        alt = html.escape(photo.alt, quote=True)
        loading = ' loading="lazy"' if lazy else ""
        return markupsafe.Markup(
            '<picture class="clinic-photo">'
            f'<source type="image/webp" srcset="{srcset(rendered.webp)}" sizes="{first.width}px">'
            f'<img src="{url(first)}" srcset="{srcset(rendered.fallback)}" sizes="{first.width}px" '
            f'width="{first.width}" height="{first.height}" alt="{alt}"{loading} decoding="async">'
            "</picture>"
        )


@lru_cache(maxsize=256)  # the live preview renders every page on each save; a photo's copies do not change
def render_photo(data: bytes, stem: str, width: int, height: int) -> Rendered:
    """The copies of one photo at width x height CSS pixels (1x and 2x, never larger than the original)."""
    digest = hashlib.sha256(data).hexdigest()
    with _open(data) as image:
        has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
        original = image.size
    fallback_format = "PNG" if has_alpha else "JPEG"
    sizes = _sizes(original, width, height)
    name = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "photo"
    webp: list[Copy] = []
    fallback: list[Copy] = []
    for w, h in sizes:
        for fmt, into in (("WEBP", webp), (fallback_format, fallback)):
            ext = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}[fmt]
            body = _cached_copy(data, digest, w, h, fmt)
            path = f"{PHOTO_FOLDER}/{name}-{hashlib.sha256(body).hexdigest()[:10]}-{w}.{ext}"
            into.append(Copy(path, w, h, body))
    return Rendered(tuple(webp), tuple(fallback), f"image/{fallback_format.lower()}")


def _sizes(original: tuple[int, int], width: int, height: int) -> list[tuple[int, int]]:
    """(width, height) of each copy: the display size times each density, as far as the original allows."""
    fit = min(original[0] / width, original[1] / height)  # how many display sizes the original holds
    sizes = []
    for density in DENSITIES:
        scale = min(density, fit)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        if size not in sizes:
            sizes.append(size)
        if scale < density:
            break
    return sizes


def _open(data: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(data))


def _cached_copy(data: bytes, digest: str, width: int, height: int, fmt: str) -> bytes:
    """One encoded copy, from the cache when a signed entry vouches for the file's bytes."""
    folder = cache.cache_dir(_CACHE_KIND)
    entries = cache.bundle(_CACHE_KIND)
    name = cache.key(_VERSION, digest, str(width), str(height), fmt)
    if folder is not None and entries is not None:
        expected = entries.get(name, _DIGEST.fullmatch)  # type: ignore[arg-type]
        if expected is not None:
            try:
                body = (folder / name).read_bytes()
            except OSError:
                body = b""
            if hashlib.sha256(body).hexdigest() == expected:
                return body
    body = encode(data, width, height, fmt)
    if folder is not None and entries is not None:
        cache.write_bytes(_CACHE_KIND, name, body)
        entries.put(name, hashlib.sha256(body).hexdigest())
    return body


def encode(data: bytes, width: int, height: int, fmt: str) -> bytes:
    """The photo turned upright, cropped to the aspect of width x height (keeping the upper middle, where faces are),
    resized, and saved with no metadata at all: no EXIF (a phone's GPS position), no comments, no colour profile."""
    from PIL import Image, ImageOps

    with _open(data) as image:
        image = ImageOps.exif_transpose(image)
        keep_alpha = fmt != "JPEG" and image.mode in ("RGBA", "LA", "PA", "P")
        image = image.convert("RGBA" if keep_alpha else "RGB")
        image = ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
        # A fresh image holds the pixels only: nothing of the original's info travels with it.
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
        out = io.BytesIO()
        if fmt == "WEBP":
            clean.save(out, "WEBP", quality=WEBP_QUALITY, method=6)
        elif fmt == "JPEG":
            clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        else:
            clean.save(out, "PNG", optimize=True)
        return out.getvalue()

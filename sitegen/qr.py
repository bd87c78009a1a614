"""QR codes for printed pages, made at build time as inline SVG (no network, no image files)."""
from __future__ import annotations

import hashlib
import html
import io
from functools import lru_cache
from pathlib import Path

import segno

from . import cache

# Cached codes are keyed on the URL, segno's version and this file, so a change to either makes fresh ones.
_VERSION = f"segno {segno.__version__} " + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


@lru_cache(maxsize=4096)  # live preview re-renders every page on each save; the codes do not change
def qr_svg(url: str) -> str:
    """An SVG QR code that opens `url`, labelled for screen readers."""
    name = cache.key(_VERSION, url) + ".svg"
    svg = cache.read_text("qr", name)
    if svg is None:
        svg = _make_svg(url)
        cache.write_text("qr", name, svg)
    return svg


def _make_svg(url: str) -> str:
    buffer = io.BytesIO()
    # A fixed mask pattern: every mask gives a valid code, and scoring all eight took most of the render time.
    segno.make(url, error="m", mask=0, boost_error=False).save(buffer, kind="svg", xmldecl=False, svgns=True, scale=3, border=2, svgclass="print-qr")
    svg = buffer.getvalue().decode("ascii")
    return svg.replace("<svg ", f'<svg role="img" aria-label="QR code for {html.escape(url, quote=True)}" ', 1)

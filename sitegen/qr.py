"""QR codes for printed pages, made at build time as inline SVG (no network, no image files)."""
from __future__ import annotations

import html
import io
from functools import lru_cache

import segno


@lru_cache(maxsize=4096)  # live preview re-renders every page on each save; the codes do not change
def qr_svg(url: str) -> str:
    """An SVG QR code that opens `url`, labelled for screen readers."""
    buffer = io.BytesIO()
    # A fixed mask pattern: every mask gives a valid code, and scoring all eight took most of the render time.
    segno.make(url, error="m", mask=0, boost_error=False).save(buffer, kind="svg", xmldecl=False, svgns=True, scale=3, border=2, svgclass="print-qr")
    svg = buffer.getvalue().decode("ascii")
    return svg.replace("<svg ", f'<svg role="img" aria-label="QR code for {html.escape(url, quote=True)}" ', 1)

"""QR codes for printed pages, made at build time as inline SVG (no network, no image files)."""

from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from pathlib import Path

from sitegen.core import cache


def _code_version() -> str:
    # Cached codes are keyed on the URL and this file. Not on segno's version: any version encodes an address as a
    # valid code, and leaving segno unimported when every code is cached saves each build its import.
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


_VERSION = _code_version()
ENGLISH_LABEL = "QR code for {url}"  # templates/ui/en.yaml 'qr_label'


@lru_cache(maxsize=4096)  # live preview re-renders every page on each save; the codes do not change
def qr_svg(url: str, words: str = ENGLISH_LABEL) -> str:
    """An SVG QR code that opens `url`, labelled for screen readers in the page's language (`words`, with {url})."""
    codes = cache.bundle("qr")
    name = cache.key(_VERSION, url, words)
    svg = codes.get(name, lambda entry: _is_qr_svg(entry, url, words)) if codes else None
    if svg is None:
        svg = _make_svg(url, words)
        if codes:
            codes.put(name, svg)
    return svg


_DARK_RUN = re.compile(rb"\x01+")
_SVG_FORM = re.compile(
    r'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="(?P<label>[^"<>]*)" class="print-qr" '
    r'width="(?P<width>\d{1,4})" height="(?P=width)" viewBox="0 0 (?P<size>\d{1,3}) (?P=size)">'
    r'<path stroke="#000" d="M\d{1,3} \d{1,3}\.5(?:h\d{1,3}|m-?\d{1,3} -?\d{1,3})*"/></svg>'
)


def _label(url: str, words: str) -> str:
    return html.escape(words.replace("{url}", url), quote=True)


def _is_qr_svg(entry: str, url: str, words: str = ENGLISH_LABEL) -> bool:
    """A cached code is used only if it is exactly what _make_svg writes for this address: nothing else can hide in it."""
    form = _SVG_FORM.fullmatch(entry)
    return form is not None and form["label"] == _label(url, words) and int(form["width"]) == int(form["size"]) * 3


def _make_svg(url: str, words: str = ENGLISH_LABEL) -> str:
    # Byte mode, level M and a fixed mask (0; every mask gives a valid code): the same code for the same address
    # whatever segno's heuristics prefer, so printed handouts and the golden files stay stable.
    import segno

    code = segno.make(url, error="m", mask=0, boost_error=False, micro=False, mode="byte", encoding="utf-8")
    matrix = [bytes(row) for row in code.matrix]
    border, scale = 2, 3
    # One stroke along each run of dark modules, written with relative moves (as segno does, in less time).
    steps, at = [], None
    for y, row in enumerate(matrix, border):
        for run in _DARK_RUN.finditer(bytes(row)):
            x = run.start() + border
            steps.append(f"M{x} {y}.5" if at is None else f"m{x - at[0]} {y - at[1]}")
            steps.append(f"h{run.end() - run.start()}")
            at = (run.end() + border, y)
    runs = "".join(steps)
    size = len(matrix) + 2 * border
    label = _label(url, words)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" class="print-qr" '
        f'width="{size * scale}" height="{size * scale}" viewBox="0 0 {size} {size}"><path stroke="#000" d="{runs}"/></svg>'
    )

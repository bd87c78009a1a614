"""WCAG 2.2 contrast of the clinic's brand colours, and the nearest shade of a colour that passes."""

from __future__ import annotations

import colorsys

from sitegen.core.colours import channels, hex_colour
from sitegen.core.findings import Findings
from sitegen.load.content import Content

AA_TEXT = 4.5
WHITE = "#ffffff"


def _luminance(colour: str) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (c / 255 for c in channels(colour))]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def nearest_passing(colour: str, against: str = WHITE, ratio: float = AA_TEXT) -> str:
    """The same hue and saturation, darkened (or lightened, against a dark background) just enough to pass."""
    r, g, b = (c / 255 for c in channels(colour))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    darker = _luminance(against) > 0.5
    low, high = (0.0, lightness) if darker else (lightness, 1.0)
    best = "#000000" if darker else "#ffffff"
    for _ in range(40):  # bisect on lightness for the passing shade closest to the original
        mid = (low + high) / 2
        candidate = hex_colour(c * 255 for c in colorsys.hls_to_rgb(h, mid, s))
        if contrast(candidate, against) >= ratio:
            best = candidate
            low, high = (mid, high) if darker else (low, mid)
        else:
            low, high = (low, mid) if darker else (mid, high)
    return best


_USES = {
    "primary": "behind the white header text",
    "accent": "as link and button text on white",
}


def check_brand_colours(content: Content, findings: Findings) -> None:
    doc = content.documents["clinic"]
    for name, use in _USES.items():
        colour = getattr(content.clinic.colours, name).lower()
        ratio = contrast(colour, WHITE)
        if ratio < AA_TEXT:
            pos = doc.position(("colours", name))
            findings.add(
                doc.path,
                pos.line,
                pos.col,
                f"brand colour {name} '{colour}' {use} has contrast {ratio:.2f}:1; WCAG 2.2 AA needs {AA_TEXT}:1 for text. "
                f"The nearest shade that passes is '{nearest_passing(colour)}'",
            )

"""#rrggbb colours: the one pattern that accepts them, and their red, green and blue channels (0 to 255)."""

from __future__ import annotations

from collections.abc import Iterable

HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"


def channels(hex_colour: str) -> tuple[int, int, int]:
    """'#1d4e6e' -> (29, 78, 110)."""
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def hex_colour(rgb: Iterable[float]) -> str:
    """(29, 78, 110) -> '#1d4e6e'; channels are rounded to whole numbers."""
    return "#" + "".join(f"{round(c):02x}" for c in rgb)

"""The clinic's brand colours as CSS custom properties for Material's 'custom' palette."""

from __future__ import annotations

from sitegen.core.markup import GENERATED_MARK
from sitegen.load.models.clinic import Clinic


def _mix(hex_colour: str, other: tuple[int, int, int], amount: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = [round(c + (o - c) * amount) for c, o in zip((r, g, b), other, strict=False)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def brand_css(clinic: Clinic, source: str) -> str:
    primary, accent = clinic.colours.primary, clinic.colours.accent
    return (
        f"/* {GENERATED_MARK} from {source}: change the colours there. */\n"
        ":root > * {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {_mix(primary, (255, 255, 255), 0.2)};\n"
        f"  --md-primary-fg-color--dark: {_mix(primary, (0, 0, 0), 0.2)};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        f"  --md-accent-fg-color: {accent};\n"
        f"  --md-typeset-a-color: {accent};\n"
        "}\n"
    )

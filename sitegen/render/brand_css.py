"""The clinic's brand colours as CSS custom properties for Material's 'custom' palette."""

from __future__ import annotations

from sitegen.core.colours import channels, hex_colour
from sitegen.core.markup import GENERATED_MARK
from sitegen.load.models.clinic import Clinic


def _mix(colour: str, other: tuple[int, int, int], amount: float) -> str:
    return hex_colour(c + (o - c) * amount for c, o in zip(channels(colour), other, strict=True))


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

"""Colours for a library's own look: WCAG 2.1 contrast, and the shades the site derives from one accent.

An editor names one accent colour; the site needs a few more (a darker one for
hover, a pale tint behind code badges, a lighter one that reads on the dark
scheme's background). They are worked out here, deterministically, so that every
pair the stylesheet puts text on can be checked before anything is built.
"""

from __future__ import annotations

import re
from typing import Callable

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
AA_TEXT = 4.5  # WCAG 2.1 1.4.3: normal-size text
AA_GRAPHICS = 3.0  # WCAG 2.1 1.4.11: user-interface components and graphics

# The backgrounds the accent appears on, as handbook.css sets them.
LIGHT_PAPER, LIGHT_TINT, LIGHT_ON_ACCENT = "#ffffff", "#f5f7f9", "#ffffff"
DARK_PAPER, DARK_TINT, DARK_ON_ACCENT = "#14181d", "#1d232a", "#0b1116"

RGB = tuple[float, float, float]


def parse(colour: str) -> RGB:
    """'#0b5c8a' as red, green and blue from 0 to 255."""
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{max(0, min(255, round(channel))):02x}" for channel in rgb)


def luminance(colour: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(c) for c in parse(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0–1) of `other` mixed in, in sRGB as CSS's color-mix() does."""
    a, b = parse(colour), parse(other)
    return to_hex(tuple(x + (y - x) * share for x, y in zip(a, b)))  # type: ignore[arg-type]


def towards_until(colour: str, other: str, passes: Callable[[str], bool]) -> str | None:
    """The least mix of `colour` towards `other`, in steps of 2 %, that `passes`; None if none does."""
    for step in range(51):
        candidate = mix(colour, other, step / 50)
        if passes(candidate):
            return candidate
    return None


def ratio_text(value: float) -> str:
    """4.48 as '4.48:1': rounded down, so a colour just short of 4.5 never reads as passing."""
    return f"{int(value * 100) / 100:.2f}:1"

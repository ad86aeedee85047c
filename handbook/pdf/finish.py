"""What WeasyPrint writes, finished: forms every PDF client reads alike, PDF/UA-1 tags, only the shipped fonts.

A step of our own over the written PDF, with pikepdf (qpdf), rather than a patched WeasyPrint: the
project pins WeasyPrint from PyPI and nothing else can be installed here. Deterministic: the same
PDF in gives the same bytes out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from .forms import radio_group_labels, repair_forms
from .marked_content import parse_to_unicode
from .structure import repair_structure


@dataclass(frozen=True)
class ForeignFont:
    """A font the PDF embeds that is none of the handbook's own: the build machine's, used as a fallback."""

    name: str
    characters: str  # the characters it was needed for


def finish_pdf(data: bytes, html: str, families: set[str]) -> tuple[bytes, list[ForeignFont]]:
    """The finished PDF, and the fonts in it that are not of `families` (those the HTML loaded itself)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        foreign = _foreign_fonts(pdf, families)
        repair_forms(pdf, radio_group_labels(html))
        repair_structure(pdf)
        out = io.BytesIO()
        # The identifier's first half, from the HTML, is kept; the second is a hash of the content, not of the time.
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue(), foreign


FONT_FILES = {".ttf", ".otf", ".woff", ".woff2"}


def font_families(paths: list[Path]) -> set[str]:
    """The family names of the font files a PDF loaded (its @font-face sources)."""
    from fontTools.ttLib import TTFont, TTLibError  # WeasyPrint's own dependency

    families = set()
    for path in paths:
        if path.suffix.lower() not in FONT_FILES:
            continue
        try:
            with TTFont(path, lazy=True) as font:
                names = font["name"]
                family = names.getDebugName(16) or names.getDebugName(1)
        except (OSError, TTLibError):  # WeasyPrint has said what is wrong with a font it could not read
            continue
        if family:
            families.add(family)
    return families


def _foreign_fonts(pdf: pikepdf.Pdf, families: set[str]) -> list[ForeignFont]:
    prefixes = tuple(family.replace(" ", "-") for family in families)
    found: dict[str, set[str]] = {}
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            name = str(font.get("/BaseFont", "/?"))[1:].split("+", 1)[-1]
            if not name.startswith(prefixes):
                found.setdefault(name, set()).update(_characters(font))
    return [ForeignFont(name, "".join(sorted(chars - {" "}))) for name, chars in sorted(found.items())]


def _characters(font: pikepdf.Object) -> set[str]:
    if "/ToUnicode" not in font:
        return set()
    return set(parse_to_unicode(font.ToUnicode.read_bytes()).values())

"""Rebuild the shipped fonts from Source Sans Pro (SIL OFL 1.1): `python make_fonts.py DIR`.

DIR holds the original TTF files (for example from the PyPI package
font-source-sans-pro 0.0.1). The fonts are cut down to the characters the
handbook uses (Latin-1, Latin Extended-A for names such as "Łukasz Żółć", typographic
punctuation and the arrow the interview guide's probes start with), which keeps every PDF small,
and renamed "Handbook Sans", because the licence reserves the name "Source" for
unmodified fonts. Not part of the build: run by hand when the fonts change.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FAMILY = "Handbook Sans"
# Source Sans Pro has all of Latin Extended-A (U+0100-017F) but the long s, U+017F.
UNICODES = "U+0020-007E,U+00A0-00FF,U+0100-017E,U+2010-2014,U+2018-201E,U+2022,U+2026,U+2039-203A,U+20AC,U+2192,U+2212"
# What people type into a field: any name in Latin-1 or Latin Extended-A, amounts in euro, quotes and dashes.
FORM_UNICODES = "U+0020-007E,U+00A0-00FF,U+0100-017E,U+2013-2014,U+2018-201E,U+2022,U+2026,U+20AC"
STYLES = {  # shipped file: (original file, style name)
    "HandbookSans-Regular.ttf": ("SourceSansPro-Regular.ttf", "Regular"),
    "HandbookSans-Italic.ttf": ("SourceSansPro-It.ttf", "Italic"),
    "HandbookSans-Semibold.ttf": ("SourceSansPro-Semibold.ttf", "Semibold"),
    "HandbookSans-Bold.ttf": ("SourceSansPro-Bold.ttf", "Bold"),
}


# Form fields embed their font whole (PDF readers draw typed text with it), so it gets its own, smaller cut.
FORM_FAMILY = "Handbook Form"


def make(source_dir: Path, target_dir: Path) -> None:
    for target, (original, style) in STYLES.items():
        _cut(source_dir / original, target_dir / target, FAMILY, style, UNICODES, ["kern", "liga", "tnum", "lnum"])
    _cut(source_dir / "SourceSansPro-Regular.ttf", target_dir / "HandbookForm-Regular.ttf", FORM_FAMILY, "Regular",
         FORM_UNICODES, [])


def _cut(source: Path, target: Path, family: str, style: str, unicodes: str, features: list[str]) -> None:
    options = subset.Options()
    options.layout_features = features
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
    subsetter.subset(font)
    _rename(font, family, style)
    font.save(target)


def _rename(font: TTFont, family: str, style: str) -> None:
    full = f"{family} {style}" if style != "Regular" else family
    postscript = f"{family.replace(' ', '')}-{style}"
    names = {1: family, 4: full, 6: postscript, 16: family, 17: style}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
        elif record.nameID == 3:
            record.string = f"{postscript};handbook"
    font["name"].names = [r for r in font["name"].names if r.nameID not in (18, 21, 22)]


if __name__ == "__main__":
    make(Path(sys.argv[1]), Path(__file__).resolve().parent)

"""The library's logo: a PNG checked for what it claims to be, or an SVG rebuilt from a strict allow-list.

An SVG is a program as much as a picture: it can carry script, event handlers,
links and references to other files. The site shows the logo as an image, where
browsers run none of that, but a reader can open the file itself. So nothing of
the editor's file is published as written: it is parsed, every element and
attribute is checked against a short list of what drawings need, and a new file is
written from what passed. Anything else is refused with its line, not silently
dropped, so the editor knows the logo shown is the logo drawn.
"""

from __future__ import annotations

import re
import struct
from xml.parsers import expat

from markupsafe import escape

from ..model import Logo

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
MAX_LOGO_BYTES = 512_000  # a logo is a few KB; more is a photo or a mistake
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "title",
    "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "use", "symbol",
})
ATTRIBUTES = frozenset({
    "id", "class", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
    "fx", "fy", "d", "points", "transform", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
    "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "opacity", "clip-path", "clip-rule", "mask", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "spreadMethod", "preserveAspectRatio", "font-family", "font-size",
    "font-weight", "font-style", "text-anchor", "dominant-baseline", "letter-spacing", "dx", "dy", "role",
    "aria-label", "aria-hidden", "focusable", "version", "style", "href", "maskUnits", "clipPathUnits",
    "xml:space",
})
_LOCAL_REFERENCE = re.compile(r"#[A-Za-z_][\w.-]*")
_URL = re.compile(r"url\(\s*([^)]*)\)", re.IGNORECASE)
_STYLE_DECLARATION = re.compile(r"\s*[a-z-]+\s*:\s*[^;:\\@<>]*\s*")


class LogoError(Exception):
    """What is wrong with the logo, and the line of the SVG it is on (0 for the whole file)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


def read_logo(data: bytes, name: str) -> Logo:
    """The logo in `data`, from a file called `name`; raises LogoError saying what to change."""
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(f"is {len(data):,} bytes, more than the {MAX_LOGO_BYTES:,} a logo may have. Export it smaller.")
    if name.lower().endswith(".png"):
        _check_png(data)
        return Logo("logo.png", data, "image/png")
    if name.lower().endswith(".svg"):
        return Logo("logo.svg", clean_svg(data), "image/svg+xml")
    raise LogoError("is neither an SVG nor a PNG file. Save the logo as .svg or .png.")


def _check_png(data: bytes) -> None:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 33:
        raise LogoError("is not a PNG image, though its name ends in .png. Export the logo as PNG again.")
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise LogoError("is a PNG without width or height. Export the logo as PNG again.")


def clean_svg(data: bytes) -> bytes:
    """The SVG rebuilt from its allowed elements and attributes; LogoError at the first thing not allowed."""
    return _SvgCleaner().clean(data)


class _SvgCleaner:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.depth = 0
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.StartDoctypeDeclHandler = self.refuse("a DOCTYPE, which can define entities")
        self.parser.EntityDeclHandler = self.refuse("an entity declaration")
        self.parser.ProcessingInstructionHandler = self.refuse("a processing instruction (<?…?>)")
        self.parser.ExternalEntityRefHandler = self.refuse("a reference to an outside file")

    def clean(self, data: bytes) -> bytes:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as error:
            raise LogoError(f"is not well-formed XML ({expat.ErrorString(error.code)}). Export the logo as "
                            "plain SVG again.", error.lineno) from None
        return ("".join(self.out) + "\n").encode("utf-8")

    def refuse(self, what: str):  # noqa: ANN201 - an expat handler of varying signature
        def handler(*_: object) -> None:
            raise LogoError(f"contains {what}. Export the logo as plain SVG (in Inkscape: 'Plain SVG'; "
                            "in Illustrator: SVG with 'Presentation Attributes').", self.parser.CurrentLineNumber)
        return handler

    def start(self, name: str, attributes: dict[str, str]) -> None:
        line = self.parser.CurrentLineNumber
        namespace, _, local = name.rpartition(" ")
        if namespace != SVG_NS or local not in ELEMENTS:
            raise LogoError(f"contains the element <{local}>, which a logo does not need and could carry script or "
                            f"load other files. Remove it. Allowed: {', '.join(sorted(ELEMENTS))}.", line)
        if self.depth == 0:
            if local != "svg":
                raise LogoError(f"starts with <{local}>, not <svg>. Export the logo as SVG again.", line)
            if "viewBox" not in attributes:
                raise LogoError("has no viewBox on <svg>, so it cannot be scaled to the header. Add one, such as "
                                'viewBox="0 0 120 40" for a drawing 120 wide and 40 high.', line)
        kept = []
        for attribute, value in attributes.items():
            kept.append(self.attribute(local, attribute, value, line))
        namespace_declaration = f' xmlns="{SVG_NS}"' if self.depth == 0 else ""
        self.out.append(f"<{local}{namespace_declaration}{''.join(kept)}>")
        self.depth += 1

    @staticmethod
    def attribute(element: str, name: str, value: str, line: int) -> str:
        namespace, _, local = name.rpartition(" ")
        if namespace == XLINK_NS and local == "href":
            local = "href"
        elif namespace == "http://www.w3.org/XML/1998/namespace":
            local = f"xml:{local}"
        elif namespace or local not in ATTRIBUTES:
            raise LogoError(f"<{element}> has the attribute '{local}', which is not allowed in a logo (event "
                            "handlers and links can run script). Remove it.", line)
        if local == "href" and not _LOCAL_REFERENCE.fullmatch(value):
            raise LogoError(f"<{element}> refers to '{value}'; a logo may refer only to its own parts ('#name'). "
                            "Include the picture in the logo itself.", line)
        for target in _URL.findall(value):
            if not _LOCAL_REFERENCE.fullmatch(target.strip().strip("'\"")):
                raise LogoError(f"<{element}> uses url({target}); a logo may refer only to its own parts "
                                "(url(#name)). Remove the reference.", line)
        if local == "style" and not all(_STYLE_DECLARATION.fullmatch(_URL.sub("", part)) for part in value.split(";")):
            raise LogoError(f"<{element}> has a style that is not a plain list of 'property: value'. Use "
                            "presentation attributes (fill=\"…\") instead.", line)
        return f' {local}="{escape(value)}"'

    def end(self, name: str) -> None:
        self.depth -= 1
        self.out.append(f"</{name.rpartition(' ')[2]}>")

    def text(self, data: str) -> None:
        self.out.append(str(escape(data)))

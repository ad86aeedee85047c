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

from ..i18n import Text, _
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

    def __init__(self, message: Text, line: int = 0):
        super().__init__(message)
        self.message = message
        self.line = line


def read_logo(data: bytes, name: str) -> Logo:
    """The logo in `data`, from a file called `name`; raises LogoError saying what to change."""
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(_("is {size} bytes, more than the {limit} a logo may have. Export it smaller.",
                          size=f"{len(data):,}", limit=f"{MAX_LOGO_BYTES:,}"))
    if name.lower().endswith(".png"):
        _check_png(data)
        return Logo("logo.png", data, "image/png")
    if name.lower().endswith(".svg"):
        return Logo("logo.svg", clean_svg(data), "image/svg+xml")
    raise LogoError(_("is neither an SVG nor a PNG file. Save the logo as .svg or .png."))


def _check_png(data: bytes) -> None:
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR" or len(data) < 33:
        raise LogoError(_("is not a PNG image, though its name ends in .png. Export the logo as PNG again."))
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise LogoError(_("is a PNG without width or height. Export the logo as PNG again."))


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
        self.parser.StartDoctypeDeclHandler = self.refuse(_("a DOCTYPE, which can define entities"))
        self.parser.EntityDeclHandler = self.refuse(_("an entity declaration"))
        self.parser.ProcessingInstructionHandler = self.refuse(_("a processing instruction (<?…?>)"))
        self.parser.ExternalEntityRefHandler = self.refuse(_("a reference to an outside file"))

    def clean(self, data: bytes) -> bytes:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as error:
            raise LogoError(_("is not well-formed XML ({reason}). Export the logo as plain SVG again.",
                              reason=expat.ErrorString(error.code)), error.lineno) from None
        return ("".join(self.out) + "\n").encode("utf-8")

    def refuse(self, what: Text):  # noqa: ANN201 - an expat handler of varying signature
        def handler(*_arguments: object) -> None:
            raise LogoError(_("contains {what}. Export the logo as plain SVG (in Inkscape: 'Plain SVG'; in Illustrator: "
                              "SVG with 'Presentation Attributes').", what=what), self.parser.CurrentLineNumber)
        return handler

    def start(self, name: str, attributes: dict[str, str]) -> None:
        line = self.parser.CurrentLineNumber
        namespace, _space, local = name.rpartition(" ")
        if namespace != SVG_NS or local not in ELEMENTS:
            raise LogoError(_("contains the element <{element}>, which a logo does not need and could carry script or "
                              "load other files. Remove it. Allowed: {allowed}.", element=local,
                              allowed=", ".join(sorted(ELEMENTS))), line)
        if self.depth == 0:
            if local != "svg":
                raise LogoError(_("starts with <{element}>, not <svg>. Export the logo as SVG again.", element=local), line)
            if "viewBox" not in attributes:
                raise LogoError(_("has no viewBox on <svg>, so it cannot be scaled to the header. Add one, such as "
                                  "{example} for a drawing 120 wide and 40 high.", example='viewBox="0 0 120 40"'), line)
        kept = []
        for attribute, value in attributes.items():
            kept.append(self.attribute(local, attribute, value, line))
        namespace_declaration = f' xmlns="{SVG_NS}"' if self.depth == 0 else ""
        self.out.append(f"<{local}{namespace_declaration}{''.join(kept)}>")
        self.depth += 1

    @staticmethod
    def attribute(element: str, name: str, value: str, line: int) -> str:
        namespace, _space, local = name.rpartition(" ")
        if namespace == XLINK_NS and local == "href":
            local = "href"
        elif namespace == "http://www.w3.org/XML/1998/namespace":
            local = f"xml:{local}"
        elif namespace or local not in ATTRIBUTES:
            raise LogoError(_("<{element}> has the attribute '{attribute}', which is not allowed in a logo (event "
                              "handlers and links can run script). Remove it.", element=element, attribute=local), line)
        if local == "href" and not _LOCAL_REFERENCE.fullmatch(value):
            raise LogoError(_("<{element}> refers to '{value}'; a logo may refer only to its own parts ('#name'). "
                              "Include the picture in the logo itself.", element=element, value=value), line)
        for target in _URL.findall(value):
            if not _LOCAL_REFERENCE.fullmatch(target.strip().strip("'\"")):
                raise LogoError(_("<{element}> uses url({target}); a logo may refer only to its own parts "
                                  "(url(#name)). Remove the reference.", element=element, target=target), line)
        if local == "style" and not all(_STYLE_DECLARATION.fullmatch(_URL.sub("", part)) for part in value.split(";")):
            raise LogoError(_("<{element}> has a style that is not a plain list of 'property: value'. Use "
                              "presentation attributes ({example}) instead.", element=element, example='fill="…"'), line)
        return f' {local}="{escape(value)}"'

    def end(self, name: str) -> None:
        self.depth -= 1
        self.out.append(f"</{name.rpartition(' ')[2]}>")

    def text(self, data: str) -> None:
        self.out.append(str(escape(data)))

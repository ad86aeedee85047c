"""site.yaml: the library's own name, logo and colours, validated into the model's `Branding`.

The file is optional, and so is every key in it: without them the handbook keeps
its own look. An accent colour is refused, with its contrast ratio, where text in
it or on it would fail WCAG 2.1 AA in either colour scheme; a second colour (the
stripe above the header and the mark of the current page) needs 3:1, as graphics do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import Text, _, in_language, render
from ..model import DEFAULT_BRANDING, Branding, Logo, Palette
from ..problems import Problems
from . import colours
from .folder import CONTENT_DIR, SITE_FILE
from .logo import LogoError, read_logo
from .schema import Bilingual, Context, Field, Record, Str, _kind
from .yaml_source import YamlMap, load_yaml

DEFAULT_ACCENT = DEFAULT_BRANDING.light.accent


@dataclass
class Colour(Str):
    description: Text = _('a colour written "#rrggbb", such as "#0b5c8a" (in quotes: # starts a comment in YAML)')

    def read(self, value: Any, line: int, name: str, ctx: Context) -> str | None:
        if value is None:
            ctx.error(line, _("'{name}' is empty: YAML reads an unquoted # as the start of a comment. Write "
                              "{description}.", name=name, description=self.description))
            return None
        if not isinstance(value, str) or not colours.HEX_COLOUR.fullmatch(value.strip()):
            shown = value if isinstance(value, str) else _kind(value)
            ctx.error(line, _("'{name}' is '{shown}', which is not a colour. Write {description}.", name=name, shown=shown,
                              description=self.description))
            return None
        return value.strip().lower()

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "description": render(self.description)}


@dataclass
class ContentFile(Str):
    """A file under content/, where the build watches, fingerprints and checks every file."""

    description: Text = _("a file in the content folder, such as content/logo.svg")

    def read(self, value: Any, line: int, name: str, ctx: Context) -> str | None:
        text = super().read(value, line, name, ctx)
        if text is None:
            return None
        parts = text.replace("\\", "/").split("/")
        if parts[0] != CONTENT_DIR or len(parts) < 2 or ".." in parts or ":" in text:
            ctx.error(line, _("'{name}' is '{text}', which is not in the {folder} folder. Put the file there and write its "
                              "path, such as {example}.", name=name, text=text, folder=CONTENT_DIR,
                              example=f"{CONTENT_DIR}/logo.svg"))
            return None
        return "/".join(parts)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{CONTENT_DIR}/[^:]+\\.(svg|png)$", "description": render(self.description)}


SITE_SPEC = Record(
    build=dict,
    label="",
    description=_("The handbook's site.yaml: the library's name, logo and colours on the site and in the PDFs."),
    fields=(
        Field("library", Bilingual(), required=False,
              doc="The library's name, shown above the handbook's title in the header, the PDFs and the cover."),
        Field("logo", ContentFile(), required=False,
              doc="The library's logo: an SVG or PNG file in content/, such as content/logo.svg; at most 500 KB."),
        Field("accent", Colour(), required=False,
              doc="The colour of links, buttons and marks. It must keep a contrast of 4.5:1 with the page."),
        Field("secondary", Colour(), required=False,
              doc="A second colour: the stripe above the header and the mark of the current page (3:1 needed)."),
    ),
)


def read_branding(root: Path, problems: Problems) -> Branding:
    """The branding in `root`/site.yaml; the default look where there is no such file. Problems are added."""
    path = root / SITE_FILE
    if not path.is_file():
        return DEFAULT_BRANDING
    document = load_yaml(path, SITE_FILE, problems)
    ctx = Context(SITE_FILE, problems)
    if document is None:
        return DEFAULT_BRANDING
    if not isinstance(document, YamlMap):
        ctx.error(getattr(document, "line", 1), _("should be a block of 'key: value' lines, not {kind}.", kind=_kind(document)))
        return DEFAULT_BRANDING
    values = SITE_SPEC.read(document, document.line, SITE_FILE, ctx)
    if values is None:
        return DEFAULT_BRANDING
    logo = None
    if values["logo"] is not None:
        logo = _logo(root, values["logo"], document.line_of("logo"), ctx)
    accent, secondary = values["accent"], values["secondary"]
    light, dark = DEFAULT_BRANDING.light, DEFAULT_BRANDING.dark
    if accent or secondary:
        light, dark = _palettes(accent or DEFAULT_ACCENT, secondary, document, ctx)
    return Branding(library=values["library"], logo=logo, light=light, dark=dark,
                    custom_colours=bool(accent or secondary))


def _logo(root: Path, name: str, line: int, ctx: Context) -> Logo | None:
    path = root / name
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside or not path.is_file():
        if not inside:
            ctx.error(line, _("'logo' names {name}, which is outside the handbook's folder. Put the logo (SVG or PNG) in "
                              "the handbook's folder and write its file name.", name=name))
        else:
            ctx.error(line, _("'logo' names {name}, which does not exist. Put the logo (SVG or PNG) in the handbook's "
                              "folder and write its file name.", name=name))
        return None
    try:
        return read_logo(path.read_bytes(), name)
    except LogoError as error:
        if error.line:
            ctx.problems.error(name, error.line, error.message)
        else:
            ctx.problems.error(name, 0, _("{message} (named as 'logo' in {file} line {line})", message=error.message,
                                          file=SITE_FILE, line=line))
        return None
    except OSError as error:
        ctx.error(line, _("the logo {name} cannot be read ({reason}). Check that it is readable.", name=name,
                          reason=error.strerror or str(error)))
        return None


def _palettes(accent: str, secondary: str | None, document: YamlMap, ctx: Context) -> tuple[Palette, Palette]:
    """The light and dark palettes from the editor's colours; an error for each pair that fails WCAG 2.1 AA."""
    line = document.line_of("accent")
    failures = []
    for label, background in ((_("the page"), colours.LIGHT_PAPER), (_("the tinted panels"), colours.LIGHT_TINT)):
        ratio = colours.contrast(accent, background)
        if ratio < colours.AA_TEXT:
            failures.append(_("{ratio} with {what} ({background})", ratio=colours.ratio_text(ratio), what=label,
                              background=background))
    if failures:
        darker = colours.towards_until(accent, "#000000", lambda c: colours.contrast(c, colours.LIGHT_TINT) >= colours.AA_TEXT)
        contrasts = failures[0] if len(failures) == 1 else _("{first} and {second}", first=failures[0], second=failures[1])
        ctx.error(line, _("the accent colour {accent} has a contrast of {contrasts}, and of {on_buttons} with the white "
                          "text on its buttons; WCAG 2.1 AA needs 4.5:1 for text. Choose a darker colour, such as "
                          "{darker}.", accent=accent, contrasts=contrasts,
                          on_buttons=colours.ratio_text(colours.contrast(accent, colours.LIGHT_ON_ACCENT)), darker=darker))
    if secondary:
        ratio = colours.contrast(secondary, colours.LIGHT_PAPER)
        if ratio < colours.AA_GRAPHICS:
            darker = colours.towards_until(secondary, "#000000", lambda c: colours.contrast(c, colours.LIGHT_PAPER) >= colours.AA_GRAPHICS)
            ctx.error(document.line_of("secondary"), _("the second colour {secondary} has a contrast of {ratio} with the "
                                                       "page ({background}); WCAG 2.1 AA needs 3:1 for marks and "
                                                       "graphics. Choose a darker colour, such as {darker}.",
                                                       secondary=secondary, ratio=colours.ratio_text(ratio),
                                                       background=colours.LIGHT_PAPER, darker=darker))
    light = Palette(
        accent=accent,
        accent_ink=colours.mix(accent, "#000000", 0.22),
        accent_soft=colours.mix(accent, "#ffffff", 0.9),
        secondary=secondary or accent,
    )
    # On the dark scheme's background the accent is lightened until text in it reads (4.5:1 on the tint).
    dark_accent = colours.towards_until(
        accent, "#ffffff", lambda c: colours.contrast(c, colours.DARK_TINT) >= colours.AA_TEXT
        and colours.contrast(c, colours.DARK_ON_ACCENT) >= colours.AA_TEXT) or "#ffffff"
    dark_secondary = colours.towards_until(
        secondary or accent, "#ffffff", lambda c: colours.contrast(c, colours.DARK_PAPER) >= colours.AA_GRAPHICS) or "#ffffff"
    dark = Palette(
        accent=dark_accent,
        accent_ink=colours.mix(dark_accent, "#ffffff", 0.35),
        accent_soft=colours.mix(accent, colours.DARK_PAPER, 0.75),
        secondary=dark_secondary,
    )
    return light, dark


def brand_css(branding: Branding) -> bytes:
    """assets/brand.css: the library's colours over handbook.css's, in both schemes."""
    def variables(palette: Palette) -> str:
        return (f"--accent: {palette.accent}; --accent-ink: {palette.accent_ink}; "
                f"--accent-soft: {palette.accent_soft}; --secondary: {palette.secondary};")
    return (f"/* The library's colours, from site.yaml. */\n"
            f":root {{ {variables(branding.light)} }}\n"
            f"@media screen and (prefers-color-scheme: dark) {{\n  :root {{ {variables(branding.dark)} }}\n}}\n"
            f".site-header {{ border-top: 4px solid var(--secondary); }}\n"
            f"@media (max-width: 61.99rem) {{ .site-menu {{ top: calc(4px + 0.5rem); }} }}\n").encode("utf-8")


BRAND_CSS = "assets/brand.css"


def branding_files(branding: Branding) -> dict[str, bytes]:
    """The files the library's look adds to the site: its logo, and its colours where they are its own."""
    files = {}
    if branding.logo is not None:
        files[f"assets/{branding.logo.file_name}"] = branding.logo.data
    if branding.custom_colours:
        files[BRAND_CSS] = brand_css(branding)
    return files


def json_schema_text() -> str:
    """schema/site.schema.json, as `python build.py schema` writes it."""
    with in_language("en"):  # the shipped file is the same whatever language the build speaks
        schema = {"$schema": "http://json-schema.org/draft-07/schema#", "title": SITE_FILE, **SITE_SPEC.json_schema()}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

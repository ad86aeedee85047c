"""Jinja2 for every step that renders: autoescaped, strict, sandboxed, and errors located in templates.

Templates see typed model objects and a few helpers: `text()` for a bilingual text
in the page's language (marked when it falls back to Danish), `ui` for interface
strings, `format_date()`, and the `json_script` and `css_string` filters. The site
(`handbook.site`) and the PDFs (`handbook.pdf`) add what only their templates need.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import io
import json
import string
import sys
import types
from functools import cache
from pathlib import Path, PurePath
from typing import Any

import jinja2
import jinja2.sandbox
from markupsafe import Markup, escape

from ..model import LANGUAGES, PRIMARY_LANGUAGE, Handbook, Text, paragraphs
from ..i18n import _
from ..problems import Problems


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Autoescape everything and fail on any undefined name: Jinja's defaults do neither.

    Sandboxed, so a template reaches the handbook's data but not Python's internals
    (`url.__globals__` leads to `open`); the loader refuses names with '..'.
    """
    env = _Sandbox(
        loader=jinja2.FileSystemLoader(templates_dir.resolve()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    env.filters["json_script"] = json_script
    return env


# What no template may hold, however it came by it: classes, modules, functions with their globals, code,
# frames, file paths and files. The data helpers return none of these; this catches any that one day would.
_INTERNALS = (type, types.ModuleType, types.FunctionType, types.CodeType, types.FrameType, types.TracebackType,
              types.MappingProxyType, PurePath, io.IOBase, dataclasses.Field, property, staticmethod, classmethod)
MAX_MADE_LENGTH = 1_000_000  # the longest string or list `*` may make in a template: more is a memory bomb
MAX_POWER_BITS = 100_000  # the largest number `**` may make, in bits


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja's sandbox, immutable (a template cannot change the data the next page sees), and stricter:
    nothing it reaches, calls or multiplies can be one of Python's internals or fill the memory.

    Its checks are skipped for the fields and properties of the handbook's own data objects, which
    are data: the checks took a fifth of the time of rendering the pages. Their methods are checked
    as any other's."""

    intercepted_binops = frozenset({"*", "**"})

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute in data_attributes(type(obj)):
            return getattr(obj, attribute)
        return self._checked(super().getattr(obj, attribute), obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        return self._checked(super().getitem(obj, argument), obj, argument)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's names)
        result = super().call(__context, __obj, *args, **kwargs)
        if _is_internal(result):
            raise jinja2.sandbox.SecurityError(f"{getattr(__obj, '__name__', 'a function')}() returned one of "
                                               "Python's internals")
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*" and _made_length(left, right) > MAX_MADE_LENGTH:
            raise jinja2.sandbox.SecurityError(f"'*' would make more than {MAX_MADE_LENGTH:,} characters or items")
        if (operator == "**" and isinstance(left, int) and isinstance(right, int)
                and right > 0 and left.bit_length() * right > MAX_POWER_BITS):
            raise jinja2.sandbox.SecurityError(f"'**' would make a number of more than {MAX_POWER_BITS:,} bits")
        return super().call_binop(context, operator, left, right)

    def _checked(self, value: Any, obj: Any, name: Any) -> Any:
        return self.unsafe_undefined(obj, str(name)) if _is_internal(value) else value


def _is_internal(value: Any) -> bool:
    """Whether `value` is one of Python's internals: see _INTERNALS; and a module's namespace (`__globals__`)."""
    return isinstance(value, _INTERNALS) or (isinstance(value, dict) and ("__builtins__" in value or "__import__" in value))


def _made_length(left: Any, right: Any) -> int:
    """How long `left * right` would be, when it repeats a string, list or tuple."""
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            return len(sequence) * count
    return 0


@cache
def data_attributes(cls: type) -> frozenset[str]:
    """The public fields and properties of the handbook's own frozen dataclasses, which templates see:
    data, safe to hand to a template unchecked. Empty for any other class."""
    params = getattr(cls, "__dataclass_params__", None)
    if not (dataclasses.is_dataclass(cls) and params is not None and params.frozen and cls.__module__.startswith("handbook.")):
        return frozenset()
    properties = {name for klass in cls.__mro__ for name, value in vars(klass).items() if isinstance(value, property)}
    return frozenset(name for name in {f.name for f in dataclasses.fields(cls)} | properties if not name.startswith("_"))


def css_string(value: str) -> Markup:
    """A quoted CSS string, safe inside <style>: quotes, backslashes, newlines and '<' are escaped."""
    escaped = "".join(
        f"\\{ord(ch):x} " if ch in '"\\<>&' else "\\a " if ch == "\n" else ch
        for ch in str(value)
        if ch.isprintable() or ch == "\n"
    )
    return Markup(f'"{escaped}"')


def json_script(value: Any) -> Markup:
    """JSON for a <script> element: '<', '>' and '&' escaped, so no text inside can end the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))  # without indent: json's C encoder
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


class TextHelper:
    """Bilingual texts and dates in one language, for templates."""

    def __init__(self, handbook: Handbook, lang: str):
        self.lang = lang
        self.ui = {key: text.get(lang) for key, text in handbook.ui.items()}
        self.checklist_texts = {key: text.get(lang) for key, text in handbook.checklist_texts.items()}
        self.untranslated_note = self.ui["untranslated"]

    def text(self, value: Text, paragraphs: bool = False) -> Markup:
        """The text in the page's language; Danish marked lang="da" with a note where untranslated."""
        raw = value.get(self.lang)
        body = _paragraphs(raw) if paragraphs else escape(raw)
        if value.language_of(self.lang) == self.lang:
            return body
        tag = "div" if paragraphs else "span"
        return Markup(f'<{tag} lang="{PRIMARY_LANGUAGE}">{body}</{tag}> '
                      f'<span class="untranslated">({escape(self.untranslated_note)})</span>')

    def format_date(self, date: datetime.date) -> str:
        months = self.ui["months"].split()
        return self.ui["date_format"].format(day=date.day, month=months[date.month - 1], year=date.year)


def _paragraphs(text: str) -> Markup:
    """Plain text from YAML as HTML paragraphs: a blank line starts a new one."""
    return Markup("\n").join(Markup("<p>{}</p>").format(part) for part in paragraphs(text))


def check_ui_strings(handbook: Handbook, rel: str, problems: Problems) -> None:
    """The strings the build itself needs (helpers, navigation, the data exports) must be there and well formed."""
    for key in ("untranslated", "months", "date_format", "nav_home", "nav_checklists", "nav_downloads", "site_name",
                "footer_source", "recruitment_points_heading", "recruitment_definition"):
        if key not in handbook.ui:
            problems.error(rel, 0, _("has no '{key}' string. Add '{key}:' with 'da:' and 'en:' lines.", key=key))
    if "months" in handbook.ui:
        for lang in LANGUAGES:
            if len(handbook.ui["months"].get(lang).split()) != 12:
                problems.error(rel, 0, _("'months' in '{lang}' must list the twelve month names, separated by spaces.",
                                         lang=lang))
    if "date_format" in handbook.ui:
        for lang in LANGUAGES:
            if not _is_date_format(handbook.ui["date_format"].get(lang)):
                problems.error(rel, 0, _("'date_format' in '{lang}' may use only {day}, {month} and {year}, for example "
                                         "\"{example}\". Write other braces twice: {braces}.", lang=lang, day="{day}",
                                         month="{month}", year="{year}", example="{day}. {month} {year}",
                                         braces="{{ or }}"))


def _is_date_format(text: str) -> bool:
    """Only the plain fields format_date fills: '{day.__class__}' prints Python's internals, '{day:>99999999}' a flood."""
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text) if name is not None]
    except ValueError:  # an unmatched brace
        return False
    return all(name in ("day", "month", "year") and not spec and conversion is None for name, spec, conversion in fields)


def print_context(handbook: Handbook, lang: str) -> dict[str, Any]:
    """What every printed document's template sees: the data and the texts in its language."""
    helper = TextHelper(handbook, lang)
    logo = handbook.branding.logo
    return {
        "data": handbook.data,
        "lang": lang,
        "branding": handbook.branding,
        "library": handbook.branding.library.get(lang) if handbook.branding.library else None,
        # Embedded, so that the PDF's cache key (its HTML) changes with the logo.
        "logo_url": f"data:{logo.media_type};base64,{base64.b64encode(logo.data).decode('ascii')}" if logo else None,
        "ui": helper.ui,
        "cl": helper.checklist_texts,
        "text": helper.text,
        "format_date": helper.format_date,
    }


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any], templates_dir: Path, root: Path, problems: Problems) -> str | None:
    """Render one template, turning Jinja's exceptions into located problems."""
    rel_dir = _relative(templates_dir, root)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as error:
        file, line = _template_frame(sys.exc_info()[2], templates_dir, name)
        if line:  # another template includes or extends it
            problems.error(f"{rel_dir}/{file}", line, _("uses the template '{name}', which is not in {folder}/. Templates "
                                                        "can use only files inside {folder}/: restore the missing file or "
                                                        "correct the name.", name=str(error.name), folder=rel_dir))
        else:
            problems.error(f"{rel_dir}/{error.name}", 0, _("is missing. Restore the template from the project's history."))
    except jinja2.TemplateSyntaxError as error:
        problems.error(f"{rel_dir}/{error.name or name}", error.lineno, _("template syntax error: {problem}.",
                                                                          problem=str(error.message)))
    except jinja2.UndefinedError as error:
        file, line = _template_frame(sys.exc_info()[2], templates_dir, name)
        problems.error(f"{rel_dir}/{file}", line, _("{problem}. Check the name in the template, or add the missing string "
                                                    "to content/ui.yaml.", problem=str(error.message)))
    except jinja2.sandbox.SecurityError as error:
        file, line = _template_frame(sys.exc_info()[2], templates_dir, name)
        problems.error(f"{rel_dir}/{file}", line, _("{problem}: templates may use the handbook's data and helpers, not "
                                                    "Python's internals.", problem=str(error).rstrip(".")))
    except (jinja2.TemplateError, ArithmeticError, TypeError, ValueError, AttributeError, KeyError, IndexError) as error:
        file, line = _template_frame(sys.exc_info()[2], templates_dir, name)
        problems.error(f"{rel_dir}/{file}", line, _("the template failed: {problem}.", problem=str(error).rstrip(".")))
    return None


def _template_frame(traceback: Any, templates_dir: Path, default: str) -> tuple[str, int]:
    """The innermost template file and line in a traceback (Jinja maps frames to template lines)."""
    found = (default, 0)
    resolved = str(templates_dir.resolve())
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.startswith(resolved):
            found = (Path(filename).relative_to(resolved).as_posix(), traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


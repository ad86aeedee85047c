"""Jinja2 for every step that renders: autoescaped, strict, sandboxed, and errors located in templates.

Templates see typed model objects and a few helpers: `text()` for a bilingual text
in the page's language (marked when it falls back to Danish), `ui` for interface
strings, `format_date()`, and the `json_script` and `css_string` filters. The site
(`handbook.site`) and the PDFs (`handbook.pdf`) add what only their templates need.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import string
import sys
from functools import cache
from pathlib import Path
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


class _Sandbox(jinja2.sandbox.SandboxedEnvironment):
    """The sandbox, with its checks skipped for the handbook's own data objects: any public attribute
    of theirs is safe. The checks took a fifth of the time of rendering the pages."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if is_data_type(type(obj)) and not attribute.startswith("_"):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass  # the sandbox says it is undefined
        return super().getattr(obj, attribute)


@cache
def is_data_type(cls: type) -> bool:
    """The handbook's own frozen dataclasses, which templates see: they hold data, and methods that return data."""
    params = getattr(cls, "__dataclass_params__", None)
    return dataclasses.is_dataclass(cls) and params is not None and params.frozen and cls.__module__.startswith("handbook.")


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
    return {
        "data": handbook.data,
        "lang": lang,
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


"""The build's own language: every message it prints, in the editor's language, from gettext catalogues.

Messages are written in English in the code, with named placeholders, through `_()`
(and `n_()` where a number decides the form):

    _("'{name}' is empty. Write {description}.", name=name, description=spec.description)

`_()` returns a `Message`: the English text and its values, translated only when it is
shown, so one problem can be printed in Danish in the terminal and shown in English on
an English page of the live preview. A value may itself be a `Message`.

The translations are gettext catalogues, one per language:
`handbook/locale/LANG/LC_MESSAGES/handbook.po`, compiled to `handbook.mo` beside it,
which the standard library's `gettext` reads (nothing else is needed at run time, so
even the hint for a Python without the handbook's libraries is translated). A new
language is a new catalogue. README.md, "The build's language", says how to extract,
translate and compile with Babel; a test fails when a message has no translation or a
`.mo` file is not compiled from its `.po`.

The language is chosen once, by the command line (`--lang`), else HANDBOOK_LANG, else
the locale (LC_ALL, LC_MESSAGES, LANG, or the system's own on Windows), else English.
"""

from __future__ import annotations

import gettext
import locale
import os
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, total_ordering
from pathlib import Path
from typing import Any, Iterator

DOMAIN = "handbook"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"  # the language the messages are written in, in the code
ENVIRONMENT_VARIABLE = "HANDBOOK_LANG"
# Windows names its locales in words ('Danish_Denmark'): the word for each catalogue's language.
WINDOWS_NAMES = {"danish": "da", "english": "en"}

_current = SOURCE_LANGUAGE


def languages() -> tuple[str, ...]:
    """Every language the build speaks: English and each language with a catalogue."""
    found = sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE))


def choose_language(requested: str | None = None, environ: Any = None) -> str:
    """`requested` (from --lang), else HANDBOOK_LANG, else the locale's language, if the build speaks it; else English."""
    environ = os.environ if environ is None else environ
    spoken = languages()
    for candidate in (requested, environ.get(ENVIRONMENT_VARIABLE)):
        if candidate and _language_of(candidate) in spoken:
            return _language_of(candidate)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):  # POSIX's order: the first one set decides
        value = environ.get(variable)
        if value:
            return _language_of(value) if _language_of(value) in spoken else SOURCE_LANGUAGE
    if os.name == "nt":
        system = _language_of(locale.getlocale()[0] or "")
        if system in spoken:
            return system
    return SOURCE_LANGUAGE


def _language_of(name: str) -> str:
    """'da_DK.UTF-8', 'da-DK', 'da' and 'Danish_Denmark' → 'da'."""
    first = name.strip().replace("-", "_").split(".")[0].split("_")[0].lower()
    return WINDOWS_NAMES.get(first, first)


def set_language(lang: str) -> None:
    """The language messages are shown in from now on, in this process and in workers it forks."""
    global _current
    _current = lang


def current_language() -> str:
    return _current


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Show messages in `lang` for a while (the JSON Schema is always English)."""
    global _current
    previous, _current = _current, lang
    try:
        yield
    finally:
        _current = previous


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


@total_ordering
@dataclass(frozen=True, eq=True)
class Message:
    """A message to show: its English text with named placeholders, and their values, translated when shown."""

    msgid: str
    values: tuple[tuple[str, Any], ...] = ()
    plural: str | None = None
    count: int | None = None

    def render(self, lang: str | None = None) -> str:
        lang = lang or _current
        translations = _translations(lang)
        if self.plural is not None:
            template = translations.ngettext(self.msgid, self.plural, self.count or 0)
        else:
            template = translations.gettext(self.msgid)
        values = {name: _render(value, lang) for name, value in self.values}
        return template.format(**values)

    def __str__(self) -> str:
        return self.render()

    def __add__(self, other: Any) -> "Joined":
        return Joined((self, other))

    def __radd__(self, other: Any) -> "Joined":
        return Joined((other, self))

    def __lt__(self, other: object) -> bool:
        return str(self) < str(other)


@total_ordering
@dataclass(frozen=True, eq=True)
class Joined:
    """Messages (and plain texts) shown one after the other, such as a message and a hint."""

    parts: tuple[Any, ...]

    def render(self, lang: str | None = None) -> str:
        return "".join(_render(part, lang or _current) for part in self.parts)

    def __str__(self) -> str:
        return self.render()

    def __add__(self, other: Any) -> "Joined":
        return Joined((*self.parts, other))

    def __radd__(self, other: Any) -> "Joined":
        return Joined((other, *self.parts))

    def __lt__(self, other: object) -> bool:
        return str(self) < str(other)


Text = Message | Joined | str  # what a message may be: translated or, for a name or a path, as it is

DECIMAL_COMMA = {"da"}  # languages that write 1,93 where English writes 1.93


@dataclass(frozen=True)
class Number:
    """A number with `places` decimals, written as the message's language writes it (1.93 s, 1,93 s)."""

    value: float
    places: int

    def render(self, lang: str | None = None) -> str:
        shown = f"{self.value:.{self.places}f}"
        return shown.replace(".", ",") if (lang or _current) in DECIMAL_COMMA else shown

    def __str__(self) -> str:
        return self.render()


def _render(value: Any, lang: str) -> Any:
    """A message in `lang`; so is anything else that renders itself (a Problem); other values as they are."""
    return value.render(lang) if callable(getattr(value, "render", None)) else value


def _(msgid: str, **values: Any) -> Message:
    """A message, translated when shown; `values` fill its {named} placeholders."""
    return Message(msgid, tuple(sorted(values.items())))


def n_(singular: str, plural: str, count: int, **values: Any) -> Message:
    """A message whose form depends on `count` ('1 error', '2 errors'); `count` is also a value."""
    return Message(singular, tuple(sorted({**values, "count": count}.items())), plural, count)


def render(message: Any, lang: str | None = None) -> str:
    """Any message, or a plain text, as a string in `lang` (default: the current language)."""
    return str(_render(message, lang or _current))

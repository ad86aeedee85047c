"""How complete each translation is: every text and page of the handbook, counted from the model.

A text counts as translated into a language when the model holds it in that
language (`Text.en` is not None); a page when `NAME.LANG.md` exists. Each item
that is missing is named with its file and line, so an editor can go straight to it.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any, Iterator

from ..i18n import Text as Message
from ..i18n import Number, _
from . import LANGUAGE_NAMES, LANGUAGES, PRIMARY_LANGUAGE, Handbook, Text

# What a block is called in the report, by its model type: 'competence NET-1'.
_BLOCK_NAMES = {"competence": _("competence"), "profile": _("profile")}


@dataclass(frozen=True)
class MissingItem:
    """One text or page not yet in a language."""

    file: str
    line: int
    what: Message

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str | None = None) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return _("{where}: {what}", where=where, what=self.what).render(lang)


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    texts: int
    pages: int
    missing_texts: tuple[MissingItem, ...]
    missing_pages: tuple[MissingItem, ...]

    @property
    def total(self) -> int:
        return self.texts + self.pages

    @property
    def translated(self) -> int:
        return self.total - len(self.missing_texts) - len(self.missing_pages)

    @property
    def missing(self) -> tuple[MissingItem, ...]:
        return tuple(sorted(self.missing_texts + self.missing_pages, key=lambda m: (m.file, m.line, str(m.what))))

    def summary(self) -> Message:
        # Rounded down, so that an incomplete translation never shows as 100 %.
        percent = math.floor(1000 * self.translated / self.total) / 10 if self.total else 100.0
        return _("{language} ({lang}): {translated} of {total} items translated ({percent} %): {texts_done} of {texts} "
                 "texts, {pages_done} of {pages} pages", language=LANGUAGE_NAMES[self.lang], lang=self.lang,
                 translated=self.translated, total=self.total, percent=Number(percent, 1),
                 texts_done=self.texts - len(self.missing_texts), texts=self.texts,
                 pages_done=self.pages - len(self.missing_pages), pages=self.pages)


def translation_status(handbook: Handbook, profiles_file: str, ui_file: str) -> list[LanguageStatus]:
    """The status of every language other than the primary one, in the model's language order."""
    texts = [(profiles_file, label, text) for label, text in _texts(handbook.data, "")]
    texts += [(ui_file, f"'{key}'", text) for key, text in sorted(handbook.ui.items())]
    statuses = []
    for lang in LANGUAGES:
        if lang == PRIMARY_LANGUAGE:
            continue
        missing_texts = tuple(MissingItem(file, text.line, _("{label} is not translated", label=label))
                              for file, label, text in texts if getattr(text, lang) is None)
        missing_pages = tuple(
            MissingItem(handbook.pages[(name, PRIMARY_LANGUAGE)].source, 0,
                        _("page '{name}' has no translation: {file} is missing", name=name,
                          file=_page_file(handbook, name, lang)))
            for name in handbook.page_names if (name, lang) not in handbook.pages
        )
        statuses.append(LanguageStatus(lang, len(texts), len(handbook.page_names), missing_texts, missing_pages))
    return statuses


def _page_file(handbook: Handbook, name: str, lang: str) -> str:
    source = handbook.pages[(name, PRIMARY_LANGUAGE)].source
    return source[: -len(f".{PRIMARY_LANGUAGE}.md")] + f".{lang}.md"


def _texts(value: Any, label: Message) -> Iterator[tuple[Message, Text]]:
    """Every Text below `value` with a label an editor recognises: 'competence NET-1 › question 2 › probe 1'."""
    if isinstance(value, Text):
        yield label, value
        return
    if not dataclasses.is_dataclass(value):
        return
    for spec_field in dataclasses.fields(value):
        child = getattr(value, spec_field.name)
        if isinstance(child, tuple):
            for number, item in enumerate(child, 1):
                yield from _texts(item, _item_label(item, label, spec_field.name, number))
        else:
            yield from _texts(child, _join(label, spec_field.name))


def _item_label(item: Any, label: Message, list_name: str, number: int) -> Message:
    """A list item is named by its code where it has one ('competence NET-1'), else by its rating or position
    (after its list's key, as written in the file)."""
    code = getattr(item, "code", None)
    if code is not None:
        kind = type(item).__name__.lower()
        return _("{label} {code}", label=_BLOCK_NAMES.get(kind, kind), code=code)
    return f"{_join(label, list_name.removesuffix('s'))} {getattr(item, 'score', number)}"


def _join(label: Message, part: str) -> Message:
    return f"{label} › {part}" if label else part

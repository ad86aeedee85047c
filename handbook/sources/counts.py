"""Counts that follow the content: `{profile_count}` in a text, and a warning where a text's number is stale.

"De tre kompetenceprofiler" goes on saying three when a fourth profile is added. A text
in `content/ui.yaml` or a page in `content/` may write `{profile_count}` instead: it
becomes the number of profiles, as a word where the language has a short one ("fire",
"four"). A number written out before "profiles" or "categories" that is not the number
of profiles is warned about, with that fix.
"""

from __future__ import annotations

import dataclasses
import re

from ..model import LANGUAGES, Text
from ..i18n import _
from ..problems import Problems

PROFILE_COUNT = "{profile_count}"

NUMBER_WORDS = {
    "da": ("nul", "én", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
}
# From two: 'one' and 'en' are as often "a" or "one of the …" as a count.
_VALUES = {lang: {word: number for number, word in enumerate(words) if number >= 2} for lang, words in NUMBER_WORDS.items()}
# A number, up to three words, then a word for the profiles: 'tre kategorier', 'three different types of competence profile'.
_NOUN = r"(?P<noun>(?:kompetence)?profil\w*|kategori\w*|categor\w*|(?:competence\s+)?profiles?)\b"
_STATED_COUNT = {
    lang: re.compile(r"\b(?P<number>[2-9]|[1-9]\d+|" + "|".join(values) + r")\s+(?:[\w-]+\s+){0,3}?" + _NOUN,
                     re.IGNORECASE)
    for lang, values in _VALUES.items()
}


def count_word(count: int, lang: str) -> str:
    """The count as the language writes it in running text: a word up to twelve, digits above."""
    words = NUMBER_WORDS.get(lang, ())
    return words[count] if 0 <= count < len(words) else str(count)


def fill_counts(text: str, lang: str, profile_count: int) -> str:
    return text.replace(PROFILE_COUNT, count_word(profile_count, lang))


def filled_strings(strings: dict[str, Text], profile_count: int) -> dict[str, Text]:
    """Interface strings with `{profile_count}` filled in, in each language."""
    return {key: _filled(text, profile_count) if PROFILE_COUNT in f"{text.da}{text.en}" else text
            for key, text in strings.items()}


def _filled(text: Text, profile_count: int) -> Text:
    values = {lang: fill_counts(getattr(text, lang), lang, profile_count) if getattr(text, lang) else None
              for lang in LANGUAGES}
    return dataclasses.replace(text, **values)


def warn_stale_counts(text: str, lang: str, file: str, first_line: int, profile_count: int, problems: Problems) -> None:
    """A warning for every number before 'profiles' or 'categories' in `text` (in `lang`) that is not the
    number of profiles."""
    for match in _STATED_COUNT[lang].finditer(text):
        number = match["number"].lower()
        stated = int(number) if number.isdigit() else _VALUES[lang][number]
        if stated == profile_count:
            continue
        line = first_line + text.count("\n", 0, match.start())
        problems.warning(file, line, _("says '{stated}', but the handbook has {count} profiles. Write {placeholder} "
                                       "instead of '{number}': the build puts in the number of profiles, so the text "
                                       "stays true when profiles are added or removed.", stated=match.group(0),
                                       count=profile_count, placeholder=PROFILE_COUNT, number=match["number"]))

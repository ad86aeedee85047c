"""The A–Z index: every competence, recruitment point and page, grouped by first letter.

Ordered by each language's own alphabet (Danish puts Æ, Ø and Å after Z), by a
fixed table rather than the machine's locale, so every build sorts the same way.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .model import Handbook
from .site import navigation

ALPHABETS = {"da": "abcdefghijklmnopqrstuvwxyzæøå", "en": "abcdefghijklmnopqrstuvwxyz"}
# Letters outside a language's alphabet that do not decompose into one of its letters.
SPELLED_OUT = {"da": {"ä": "æ", "ö": "ø"}, "en": {"æ": "ae", "ø": "o", "å": "a"}}
OTHER = "#"  # the group of entries that start with a digit or sign


@dataclass(frozen=True)
class IndexEntry:
    label: str
    label_lang: str  # the language the label is written in: differs where it is not yet translated
    path: str  # output path, with #fragment for a competence
    note: str  # the code and the profile, or 'page'


@dataclass(frozen=True)
class LetterGroup:
    letter: str
    entries: tuple[IndexEntry, ...]

    @property
    def anchor(self) -> str:
        return f"letter-{self.letter.lower()}" if self.letter != OTHER else "letter-other"


def sort_key(text: str, lang: str) -> tuple[int, ...]:
    """Letters by their place in the language's alphabet; spaces before letters; other signs ignored."""
    alphabet = ALPHABETS[lang]
    key: list[int] = []
    for char in text.casefold():
        char = SPELLED_OUT[lang].get(char, char)
        if char not in alphabet:
            char = unicodedata.normalize("NFD", char)[:1]  # é → e
        for letter in char:
            if letter in alphabet:
                key.append(2 + alphabet.index(letter))
            elif letter.isspace():
                key.append(1)
            elif letter.isdigit():
                key.append(2 + len(alphabet) + int(letter))
    return tuple(key)


def entries(handbook: Handbook, lang: str) -> list[IndexEntry]:
    """Every entry of the index in one language, unsorted."""
    page_note = handbook.ui["a_to_z_page"].get(lang)
    found = [IndexEntry(item.label, item.label_lang, item.path, page_note) for item in navigation(handbook, lang)]
    for profile in handbook.data.profiles:
        for competence in profile.competences:
            found.append(IndexEntry(competence.title.get(lang), competence.title.language_of(lang),
                                    f"{lang}/{profile.slug}.html#{competence.anchor}",
                                    f"{competence.code} · {profile.name.get(lang)}"))
    recruitment = handbook.ui["recruitment_points_heading"].get(lang)
    for point in handbook.data.recruitment.points:
        found.append(IndexEntry(point.title.get(lang), point.title.language_of(lang),
                                f"{lang}/recruitment.html#{point.anchor}", f"{point.code} · {recruitment}"))
    return found


def letter_groups(handbook: Handbook, lang: str) -> list[LetterGroup]:
    """The index in one language: entries sorted in its alphabet, grouped under their first letter."""
    ordered = sorted(entries(handbook, lang), key=lambda e: (sort_key(e.label, lang), e.label, e.path))
    groups: dict[str, list[IndexEntry]] = {}
    for entry in ordered:
        groups.setdefault(_first_letter(entry.label, lang), []).append(entry)
    return [LetterGroup(letter, tuple(items)) for letter, items in groups.items()]


def _first_letter(label: str, lang: str) -> str:
    key = [k for k in sort_key(label, lang) if k > 1]
    alphabet = ALPHABETS[lang]
    return alphabet[key[0] - 2].upper() if key and key[0] - 2 < len(alphabet) else OTHER


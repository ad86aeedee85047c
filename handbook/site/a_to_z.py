"""The A–Z index: every competence, recruitment point and page, grouped by first letter.

Ordered by each language's own alphabet (Danish puts Æ, Ø and Å after Z), by a
fixed table rather than the machine's locale, so every build sorts the same way.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..model import Competence, Handbook
from ..register.pages import index_items
from .plan import navigation

ALPHABETS = {"da": "abcdefghijklmnopqrstuvwxyzæøå", "en": "abcdefghijklmnopqrstuvwxyz"}
# Letters outside a language's alphabet that do not decompose into one of its letters.
SPELLED_OUT = {"da": {"ä": "æ", "ö": "ø"}, "en": {"æ": "ae", "ø": "o", "å": "a"}}
OTHER = "#"  # the group of entries that start with a digit or sign
# First words a reader does not look under, left out of an entry's label unless the competence says
# otherwise (`index:` in profiles.yaml). Longest first: 'være i stand til' before 'være'.
LEADING_WORDS = {
    "da": ("være i stand til", "at", "have", "kunne", "være", "se", "et", "en", "godt", "gode", "god", "personens"),
    "en": ("the ability to", "be able to", "being able to", "have", "a", "an", "the", "good", "the person's"),
}


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


SPACE = 1  # a space sorts before every letter
FIRST_LETTER = 2  # the place of an alphabet's first letter; its digits follow its last


class _Places(dict[int, str]):
    """A `str.translate` table for one language: each character to its places in the alphabet, as code points.

    A character's places are worked out on first sight and kept, so a key costs one
    C-level pass over the text instead of Python work per character.
    """

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, code: int) -> str:
        alphabet = ALPHABETS[self.lang]
        char = chr(code)
        spelled = SPELLED_OUT[self.lang].get(char)
        if spelled is not None:
            char = spelled  # æ → ae in English
        elif char not in alphabet:
            char = unicodedata.normalize("NFD", char)[:1]  # é → e
        places = ""
        for letter in char:
            digit = unicodedata.digit(letter, None)  # ² counts as 2
            if letter in alphabet:
                places += chr(FIRST_LETTER + alphabet.index(letter))
            elif letter.isspace():
                places += chr(SPACE)
            elif digit is not None:
                places += chr(FIRST_LETTER + len(alphabet) + digit)
        self[code] = places
        return places


_PLACES = {lang: _Places(lang) for lang in ALPHABETS}


def sort_key(text: str, lang: str) -> str:
    """Letters by their place in the language's alphabet; spaces before letters; other signs ignored.

    The key is a string of those places as code points, so it compares as the places would.
    """
    return text.casefold().translate(_PLACES[lang])


def entries(handbook: Handbook, lang: str) -> list[IndexEntry]:
    """Every entry of the index in one language, unsorted."""
    page_note = handbook.ui["a_to_z_page"].get(lang)
    found = [IndexEntry(item.label, item.label_lang, item.path, page_note) for item in navigation(handbook, lang)]
    for profile in handbook.data.profiles:
        for competence in profile.competences:
            found.append(IndexEntry(*index_label(competence, lang), f"{lang}/{profile.slug}.html#{competence.anchor}",
                                    f"{competence.code} · {profile.name.get(lang)}"))
    recruitment = handbook.ui["recruitment_points_heading"].get(lang)
    for point in handbook.data.recruitment.points:
        found.append(IndexEntry(*index_label(point, lang), f"{lang}/recruitment.html#{point.anchor}",
                                f"{point.code} · {recruitment}"))
    if handbook.register is not None:
        partnership = handbook.ui["a_to_z_partnership"].get(lang)
        for item in index_items(handbook.register, lang):
            found.append(IndexEntry(item.label.get(lang), item.label.language_of(lang), item.path,
                                    f"{item.code} · {partnership}"))
    return found


def index_label(competence: Competence, lang: str) -> tuple[str, str]:
    """What the index lists a competence as, and the language that is written in: its `index:` text,
    or its title without the first words no reader looks under ('At', 'Have', 'Kunne' …)."""
    if competence.index is not None:
        return competence.index.get(lang), competence.index.language_of(lang)
    written_in = competence.title.language_of(lang)
    return significant_part(competence.title.get(lang), written_in), written_in


def significant_part(title: str, lang: str) -> str:
    """`title` from its first significant word on, capitalised: 'Have et godt kendskab til …' → 'Kendskab til …'."""
    words = title.split()
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        lowered = [word.casefold() for word in words]
        for leading in LEADING_WORDS.get(lang, ()):
            size = leading.count(" ") + 1
            if lowered[:size] == leading.split() and len(words) > size:
                words = words[size:]
                stripped = True
                break
    rest = " ".join(words)
    return rest[:1].upper() + rest[1:]


def letter_groups(handbook: Handbook, lang: str) -> list[LetterGroup]:
    """The index in one language: entries sorted in its alphabet, grouped under their first letter."""
    keyed = [(sort_key(e.label, lang), e) for e in entries(handbook, lang)]  # each key worked out once
    keyed.sort(key=lambda pair: (pair[0], pair[1].label, pair[1].path))
    groups: dict[str, list[IndexEntry]] = {}
    for key, entry in keyed:
        groups.setdefault(_first_letter(key, lang), []).append(entry)
    return [LetterGroup(letter, tuple(items)) for letter, items in groups.items()]


def _first_letter(key: str, lang: str) -> str:
    """The group of an entry with this sort key: its first letter, or OTHER for a digit or none."""
    first = key.lstrip(chr(SPACE))[:1]
    alphabet = ALPHABETS[lang]
    return alphabet[ord(first) - FIRST_LETTER].upper() if first and ord(first) - FIRST_LETTER < len(alphabet) else OTHER

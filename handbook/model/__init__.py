"""The handbook as typed, frozen objects: what every later step reads.

Nothing here knows about YAML, files or HTML. `sources/schema.py` builds these objects
from `profiles.yaml`; `sources/content.py` builds the pages from `content/`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # partnerships.py imports Text from here: only type checkers need the name here
    from .partnerships import Register

from ..i18n import _

LANGUAGES: tuple[str, ...] = ("da", "en")
LANGUAGE_NAMES = {"da": _("Danish"), "en": _("English")}  # for messages, in the build's language
PRIMARY_LANGUAGE = "da"  # the source's language: always complete; others fall back to it


@dataclass(frozen=True)
class Text:
    """One text in every language; a language that is not yet translated is None."""

    da: str
    en: str | None
    line: int = field(default=0, compare=False, repr=False)  # where the text starts in its file, for reports

    def get(self, lang: str) -> str:
        """The text in `lang`, or in the primary language where it is not yet translated."""
        return self._in(lang) or getattr(self, PRIMARY_LANGUAGE)

    def language_of(self, lang: str) -> str:
        """The language that `get(lang)` is actually written in."""
        return lang if self._in(lang) else PRIMARY_LANGUAGE

    def _in(self, lang: str) -> str | None:
        """The text in `lang` as written. Only a language: templates call `get`, and `get('__class__')`
        must not hand them Python's internals."""
        if lang not in LANGUAGES:
            raise ValueError(f"there is no language {lang!r}; the languages are {', '.join(LANGUAGES)}")
        return getattr(self, lang)


def paragraphs(text: str) -> tuple[str, ...]:
    """A plain text's paragraphs, whitespace folded: in YAML a blank line starts a new one."""
    return tuple(" ".join(part.split()) for part in text.split("\n\n") if part.strip())


@dataclass(frozen=True)
class Question:
    """A behavioural interview question with its follow-up probes."""

    question: Text
    probes: tuple[Text, ...]


@dataclass(frozen=True)
class Level:
    """What a rating on the 1–5 scale looks like in observable behaviour.

    A competence has two sets: `interview_levels` describe what a candidate did in the
    example they give (nothing they could only know from working here), and `levels`
    describe a member of staff in their job, for the development review.
    """

    score: int
    text: Text


# The onboarding plan's phases, each with the last day it covers. Day 1 is the first day; days
# before it are negative (there is no day 0). Three months are taken as thirteen weeks.
PHASE_ENDS: tuple[tuple[str, int], ...] = (
    ("before-start", -1),
    ("first-day", 1),
    ("first-week", 7),
    ("first-month", 30),
    ("first-three-months", 91),
)
PHASES: tuple[str, ...] = tuple(name for name, _ in PHASE_ENDS)
FIRST_DUE_DAY = -365  # a due point may be up to a year before the first day


@dataclass(frozen=True)
class Due:
    """When a task is due, counted from the first day: 'day 60', 'week 2', or before it, 'day -14'."""

    unit: str  # "day" or "week"
    number: int  # never 0: day 1 is the first day, day -1 the day before it

    @property
    def day(self) -> int:
        """The day by which it is done: week 2 ends on day 14; two weeks before the start is day -14."""
        return self.number * 7 if self.unit == "week" else self.number

    @property
    def phase(self) -> str:
        return next(name for name, end in PHASE_ENDS if self.day <= end)


@dataclass(frozen=True)
class Task:
    """An onboarding task: what to do, who owns it, and when it is due."""

    task: Text
    owner: str
    due: Due
    line: int = field(compare=False, repr=False)  # where it starts in profiles.yaml, for messages

    @property
    def phase(self) -> str:
        return self.due.phase


@dataclass(frozen=True)
class Competence:
    """A competence of a profile (or a recruitment point), identified by a stable code."""

    code: str
    title: Text
    description: Text
    questions: tuple[Question, ...]
    interview_levels: tuple[Level, ...]  # anchors for rating a candidate's example in the interview guide
    levels: tuple[Level, ...]  # anchors for rating a member of staff in the development review
    onboarding: tuple[Task, ...]
    index: Text | None  # the words the A–Z index lists it under, where its title's first words are not those
    line: int = field(compare=False, repr=False)  # where it starts in profiles.yaml, for messages
    review_note: Text | None = None  # printed with the competence in the development review

    @property
    def anchor(self) -> str:
        return self.code


@dataclass(frozen=True)
class Profile:
    """A staff profile: network coordinator, partnership coordinator or all staff."""

    code: str
    name: Text
    summary: Text
    lead: Text
    competences: tuple[Competence, ...]
    line: int = field(compare=False, repr=False)  # where it starts in profiles.yaml, for messages

    @property
    def slug(self) -> str:
        """The profile's file name without extension, derived from its validated code."""
        return self.code.lower()


@dataclass(frozen=True)
class Recruitment:
    """The advice for every new hire: a lead-in and points shaped like competences."""

    lead: Text
    points: tuple[Competence, ...]


@dataclass(frozen=True)
class Profiles:
    """Everything in profiles.yaml."""

    version: str
    date: datetime.date
    profiles: tuple[Profile, ...]
    recruitment: Recruitment
    onboarding: tuple[Task, ...]
    base_url: str | None = None  # where the site is published, ending in '/'; None: it may be anywhere


@dataclass(frozen=True)
class MarkdownPage:
    """A prose page from content/, in one language, already converted to safe HTML."""

    name: str
    lang: str
    title: str
    html: str
    source: str  # path relative to the handbook root, for messages
    anchor_links: tuple["AnchorLink", ...] = ()  # links to a '#place' on a page, checked once the pages exist


@dataclass(frozen=True)
class AnchorLink:
    """A link in a page to a place on a page ('net.html#NET-3', or '#kilde' on the same page)."""

    line: int
    href: str  # as the editor wrote it
    page: str  # the page's name: 'net'
    anchor: str  # 'NET-3'


@dataclass(frozen=True)
class Logo:
    """The library's logo as published: the checked bytes of `assets/logo.svg` or `assets/logo.png`."""

    file_name: str
    data: bytes
    media_type: str


@dataclass(frozen=True)
class Palette:
    """The accent colours of one colour scheme, as '#rrggbb'."""

    accent: str  # links, buttons
    accent_ink: str  # hover, and text on accent_soft
    accent_soft: str  # behind code badges and the current page's link
    secondary: str  # the stripe above the header, the current page's mark


@dataclass(frozen=True)
class Branding:
    """The library's own look, from site.yaml: the handbook's own where it sets nothing."""

    library: Text | None  # the library's name
    logo: Logo | None
    light: Palette
    dark: Palette
    custom_colours: bool  # whether site.yaml sets colours (then assets/brand.css carries them)


# The handbook's own look, chosen by hand (derived shades would differ from it by a shade or two).
DEFAULT_BRANDING = Branding(
    library=None, logo=None, custom_colours=False,
    light=Palette(accent="#0b5c8a", accent_ink="#08476b", accent_soft="#e6f0f7", secondary="#0b5c8a"),
    dark=Palette(accent="#6cb6ea", accent_ink="#a3d2f5", accent_soft="#15324a", secondary="#6cb6ea"),
)


@dataclass(frozen=True)
class Handbook:
    """The whole validated handbook: data, pages in each language and interface strings."""

    data: Profiles
    pages: dict[tuple[str, str], MarkdownPage]  # (name, lang) -> page; a missing translation is absent
    page_names: tuple[str, ...]  # sorted, each with at least a primary-language page
    ui: dict[str, Text]
    checklist_texts: dict[str, Text]
    assets: tuple[str, ...]  # files under content/ that pages use, relative to content/
    branding: Branding = DEFAULT_BRANDING  # from site.yaml
    register: Register | None = None  # the partnership register, when the handbook has partnerships.yaml

    def other_pages(self) -> list[str]:
        """The content pages besides the front page and about, in reading order: recruitment first."""
        others = [name for name in self.page_names if name not in ("index", "about")]
        return sorted(others, key=lambda name: (name != "recruitment", name))

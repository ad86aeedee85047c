"""The handbook as typed, frozen objects: what every later step reads.

Nothing here knows about YAML, files or HTML. `sources/schema.py` builds these objects
from `profiles.yaml`; `sources/content.py` builds the pages from `content/`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

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
        return getattr(self, lang) or getattr(self, PRIMARY_LANGUAGE)

    def language_of(self, lang: str) -> str:
        """The language that `get(lang)` is actually written in."""
        return lang if getattr(self, lang) else PRIMARY_LANGUAGE


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
    """What a rating on the 1–5 scale looks like in observable behaviour."""

    score: int
    text: Text


@dataclass(frozen=True)
class Task:
    """An onboarding task: who does it and in which phase after the start."""

    task: Text
    owner: str
    phase: str
    line: int = field(compare=False, repr=False)  # where it starts in profiles.yaml, for messages


@dataclass(frozen=True)
class Competence:
    """A competence of a profile (or a recruitment point), identified by a stable code."""

    code: str
    title: Text
    description: Text
    questions: tuple[Question, ...]
    levels: tuple[Level, ...]
    onboarding: tuple[Task, ...]
    line: int = field(compare=False, repr=False)  # where it starts in profiles.yaml, for messages

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
class Handbook:
    """The whole validated handbook: data, pages in each language and interface strings."""

    data: Profiles
    pages: dict[tuple[str, str], MarkdownPage]  # (name, lang) -> page; a missing translation is absent
    page_names: tuple[str, ...]  # sorted, each with at least a primary-language page
    ui: dict[str, Text]
    checklist_texts: dict[str, Text]
    assets: tuple[str, ...]  # files under content/ that pages use, relative to content/

    def other_pages(self) -> list[str]:
        """The content pages besides the front page and about, in reading order: recruitment first."""
        others = [name for name in self.page_names if name not in ("index", "about")]
        return sorted(others, key=lambda name: (name != "recruitment", name))

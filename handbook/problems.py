"""What can go wrong with an editor's input, and how it is reported.

Every check in the build adds a `Problem` to a `Problems` collection instead of
raising, so one run reports everything that is wrong. The command line turns the
collection into lines of the form ``file:line: error: what is wrong. How to fix it.``
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Literal

from .i18n import Message, Text, _, render

Severity = Literal["error", "warning"]

# Exit codes, as click and sqlite-utils use them.
EXIT_OK = 0
EXIT_CONTENT = 1  # the handbook's content is wrong
EXIT_USAGE = 2  # the command line is wrong


# Characters a reader cannot see in a message: controls (tab included), format characters (zero-width
# spaces, byte-order marks, direction marks), line and paragraph separators, and every space but the
# plain one (no-break spaces). Messages quote what the editor wrote; these are shown by their code point.
_INVISIBLE = re.compile(r"[^\S ]|[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                        r"\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]"
                        r"|[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with each invisible character written as its code point, like [U+200B]; newlines kept."""
    return _INVISIBLE.sub(lambda found: found[0] if found[0] == "\n" else f"[U+{ord(found[0]):04X}]", text)


def invisible_characters(text: str) -> list[str]:
    """The characters of `text` that `visible` would show by their code point."""
    return [char for char in _INVISIBLE.findall(text) if char != "\n"]


def character_name(char: str) -> str:
    """'U+00A0 (no-break space)': a character as a message names it."""
    name = unicodedata.name(char, "").lower() or {"\t": "tab", "\x85": "next line, NEL"}.get(char, "control character")
    return f"U+{ord(char):04X} ({name})"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located in a file (relative to the handbook root).

    The message shows any invisible character it quotes (see `visible`)."""

    file: str
    line: int
    message: Text  # translated when shown
    severity: Severity = "error"

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", visible(self.file))
        if isinstance(self.message, str):
            object.__setattr__(self, "message", visible(self.message))

    @property
    def location(self) -> str:
        """'file:line', or the file alone when the problem is with the whole file."""
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        return self.render()

    def render(self, lang: str | None = None) -> str:
        """'file:line: error: message', in `lang` (default: the build's language)."""
        return self.as_message().render(lang)

    def as_message(self) -> Message:
        message = Shown(self.message)
        if self.severity == "error":
            return _("{location}: error: {message}", location=self.location, message=message)
        return _("{location}: warning: {message}", location=self.location, message=message)


@dataclass(frozen=True)
class Shown:
    """A message as a problem shows it: translated, with any invisible character it quotes made visible."""

    message: Text

    def render(self, lang: str | None = None) -> str:
        return visible(render(self.message, lang))


@dataclass
class Problems:
    """Collects problems from every stage of a build, in the order they were found."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file: str, line: int, message: Text) -> None:
        self.items.append(Problem(file, line, message, "error"))

    def warning(self, file: str, line: int, message: Text) -> None:
        self.items.append(Problem(file, line, message, "warning"))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def fails(self, strict: bool) -> bool:
        """Whether the build must stop: any error, or with --strict any warning."""
        return bool(self.errors or (strict and self.warnings))

    def sorted(self) -> list[Problem]:
        """Problems by file and line, so the report reads top to bottom."""
        return sorted(set(self.items), key=lambda p: (p.file, p.line, str(p.message)))


class ContentError(Exception):
    """The handbook's content cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(len(problems))
        self.problems = problems


class UsageError(Exception):
    """The command was called in a way that cannot work (exit code 2); its one argument is the message."""

    @property
    def message(self) -> Text:
        return self.args[0]


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice that `word` most likely misspells, if any is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> Text:
    """' Did you mean 'x'?' for the closest choice, or '' when nothing is close."""
    match = closest(word, choices, cutoff)
    return _(" Did you mean '{match}'?", match=match) if match else ""

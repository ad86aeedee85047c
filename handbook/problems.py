"""What can go wrong with an editor's input, and how it is reported.

Every check in the build adds a `Problem` to a `Problems` collection instead of
raising, so one run reports everything that is wrong. The command line turns the
collection into lines of the form ``file:line: error: what is wrong. How to fix it.``
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable, Literal

from .i18n import Message, Text, _

Severity = Literal["error", "warning"]

# Exit codes, as click and sqlite-utils use them.
EXIT_OK = 0
EXIT_CONTENT = 1  # the handbook's content is wrong
EXIT_USAGE = 2  # the command line is wrong


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located in a file (relative to the handbook root)."""

    file: str
    line: int
    message: Text  # translated when shown
    severity: Severity = "error"

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
        if self.severity == "error":
            return _("{location}: error: {message}", location=self.location, message=self.message)
        return _("{location}: warning: {message}", location=self.location, message=self.message)


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
